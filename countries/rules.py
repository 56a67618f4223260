"""Who may do what with the country profiles (built on rabat.roles)."""

from rabat import roles


def can_see_member_parts(user) -> bool:
    """A profile's contacts and the Secretariat's private notes: members."""
    return roles.is_member(user)


def can_see_unpublished_profile(user) -> bool:
    """A profile's text before it is published: the Secretariat, who write it."""
    return roles.is_secretariat(user)
