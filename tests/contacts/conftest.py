import pytest
from django.utils import translation

from contacts.models import RoleKind
from tests.conftest import make_user
from tests.factories import ContactFactory, ContactRoleFactory


@pytest.fixture(autouse=True)
def _english():
    # reverse() then gives /en/ URLs; the language is reset after each test.
    translation.activate("en")


@pytest.fixture
def secretariat_client(client):
    client.force_login(make_user("secretariat"))
    return client


def current_contact(**fields):
    """A contact holding a current National Focal Point role."""
    contact = ContactFactory(**fields)
    ContactRoleFactory(contact=contact, kind=RoleKind.FOCAL_POINT)
    return contact
