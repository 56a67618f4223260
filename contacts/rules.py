"""Who may see and do what in the contacts directory."""

from rabat import roles


def can_export_contacts(user) -> bool:
    """The CSV and Excel exports of the whole directory: the Secretariat."""
    return roles.is_secretariat(user)


def can_see_contact_private_fields(user, contact) -> bool:
    """The contact's optional fields whatever its choice: the Secretariat, and
    the contact themselves."""
    return roles.is_secretariat(user) or contact.user_id == user.pk


def can_use_back_office(user) -> bool:
    """The link to the admin on the dashboard."""
    return roles.is_admin(user)
