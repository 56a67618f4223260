import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from rabat import roles
from tests.factories import UserFactory

# Every role the access matrix checks; "no_group" is a logged-in user who
# belongs to no group (an invitee whose roles ended, for instance). The
# Secretariat and staff have set up two-factor authentication; until they do
# ("..._without_2fa"), they have no right beyond their groups' as members: a
# plain member for the Secretariat, no group at all for a staff account.
ROLES = [
    "anonymous",
    "no_group",
    "staff_without_2fa",
    "focal_point",
    "thematic_contact",
    "steering_committee",
    "moderator",
    "secretariat_without_2fa",
    "secretariat",
    "staff",
]
NON_MEMBER_ROLES = ["no_group", "staff_without_2fa"]
MEMBER_ROLES = ROLES[3:]
ROLE_GROUPS = {
    "focal_point": roles.FOCAL_POINT,
    "thematic_contact": roles.THEMATIC_CONTACT,
    "steering_committee": roles.STEERING_COMMITTEE,
    "moderator": roles.MODERATOR,
    "secretariat": roles.SECRETARIAT,
}


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters live in the cache: each test starts afresh.
    cache.clear()
    yield
    cache.clear()


def enable_two_factor(user):
    TOTP.activate(user, generate_totp_secret())
    return user


def make_user(role):
    """A user for `role` (see ROLES), or None for anonymous."""
    if role == "anonymous":
        return None
    if role == "no_group":
        return UserFactory()
    if role in ("staff", "staff_without_2fa"):
        user = UserFactory(is_staff=True, is_superuser=True)
    elif role in ("secretariat", "secretariat_without_2fa"):
        user = UserFactory(groups=[roles.SECRETARIAT], is_staff=True)
    else:
        user = UserFactory(groups=[ROLE_GROUPS[role]])
    if role in ("staff", "secretariat"):
        enable_two_factor(user)
    return user


@pytest.fixture
def focal_point(db):
    return make_user("focal_point")


@pytest.fixture
def secretariat(db):
    return make_user("secretariat")


@pytest.fixture
def client_for(client):
    """Log the test client in as `role` and return it."""

    def log_in(role):
        user = make_user(role)
        if user is not None:
            client.force_login(user)
        return client

    return log_in
