"""CSV exports opened in spreadsheet programs."""

# Cells starting like this are formulas for spreadsheet programs (OWASP, CSV
# injection): a leading apostrophe makes them text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """`value`, made inert if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value
