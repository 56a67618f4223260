"""rabat is the base of the apps: none of its modules (commands, template
tags and settings included) imports the apps above it."""

import ast
from pathlib import Path

import rabat

UPPER_APPS = {"contacts", "countries", "forums", "meetings", "newsletter", "library"}
# The home page reads the next meetings and the latest Review issue.
ALLOWED = {
    ("rabat/views.py", "meetings.selectors"),
    ("rabat/views.py", "newsletter.selectors"),
}


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def test_rabat_imports_no_app_above_it():
    root = Path(rabat.__file__).parent
    found = {
        (f"rabat/{path.relative_to(root)}", module)
        for path in root.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in UPPER_APPS
    }
    assert found <= ALLOWED, sorted(found - ALLOWED)
