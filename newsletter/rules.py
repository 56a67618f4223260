"""Who may see what of the Rabat Review beyond its public archive."""

from rabat import roles


def can_preview_issue(user) -> bool:
    """The Secretariat sees issues before they are published (previews)."""
    return roles.is_secretariat(user)
