import re
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def po_entries(text):
    """(flags, msgid, msgstrs) of each entry of a .po file, header excluded."""
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid"):
            msgstrs = [
                value for key, value in fields.items() if key.startswith("msgstr")
            ]
            yield flags, fields["msgid"], msgstrs


def test_french_catalogue_is_complete():
    entries = list(po_entries(CATALOGUE.read_text(encoding="utf-8")))
    assert entries, "the French catalogue is empty"
    untranslated = [msgid for _, msgid, msgstrs in entries if not all(msgstrs)]
    fuzzy = [msgid for flags, msgid, _ in entries if "fuzzy" in flags]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_french_is_active_and_translated():
    with translation.override("fr"):
        assert gettext("Skip to main content") == "Aller au contenu principal"
        assert gettext("Focal Points area") == "Espace des points focaux"


def test_french_pages_use_the_catalogue(client, db):
    content = client.get("/fr/").content.decode()
    assert '<html lang="fr">' in content
    assert "Aller au contenu principal" in content
    assert "Skip to main content" not in content
