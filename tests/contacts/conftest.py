from contacts.models import RoleKind
from tests.factories import ContactFactory, ContactRoleFactory


def current_contact(**fields):
    """A contact holding a current National Focal Point role."""
    contact = ContactFactory(**fields)
    ContactRoleFactory(contact=contact, kind=RoleKind.FOCAL_POINT)
    return contact
