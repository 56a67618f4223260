"""Copy the 4:3 flags of Europe and Africa from an unpacked flag-icons
package (`make vendor`): python3 scripts/vendor_flags.py PACKAGE TARGET."""

import json
import shutil
import sys
from pathlib import Path

CONTINENTS = {"Europe", "Africa"}


def main(package: Path, target: Path) -> None:
    countries = json.loads((package / "country.json").read_text())
    copied = 0
    for country in countries:
        if country.get("continent") in CONTINENTS and country.get("iso"):
            name = f"{country['code']}.svg"
            shutil.copy(package / "flags/4x3" / name, target / "flags/4x3" / name)
            copied += 1
    print(f"{copied} flags copied to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
