import os
import shutil
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from rabat import roles
from tests.factories import CountryFactory, UserFactory

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
def _english():
    """Every test starts in English, so that reverse() gives /en/ URLs (a
    test of French pages asks for /fr/ or activates "fr"); the site's default
    language is back after each test."""
    translation.activate("en")
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _country_codes_from_the_start():
    """Each test's generated countries take the codes no test names first."""
    CountryFactory.reset_sequence()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters live in the cache: each test starts afresh.
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


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
def member(db):
    """The logged-in member of `member_client`: a Focal Point. Modules whose
    member needs a contact card override this fixture."""
    return make_user("focal_point")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def secretariat_client(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.fixture
def client_for(client):
    """Log the test client in as `role` and return it."""

    def log_in(role):
        user = make_user(role)
        if user is not None:
            client.force_login(user)
        return client

    return log_in


@pytest.fixture(params=["disk_full", "read_only"])
def unwritable_media(request, settings, tmp_path):
    """MEDIA_ROOT where uploads fail: a disk that fills up halfway through a
    file (ENOSPC), or a read-only directory.

    By default the full disk is a storage that raises ENOSPC after writing
    half of each file, and the read-only directory is made by chmod, which
    does not stop root (the case is then skipped). To run both on real file
    systems, mount them and name them in the environment, for instance
    `mount -t tmpfs -o size=64k tmpfs /mnt/full` filled up with
    `cat /dev/zero > /mnt/full/filler`, then `FULL_DISK_DIR=/mnt/full`; and
    `mount -t tmpfs -o ro tmpfs /mnt/ro`, then `READ_ONLY_DIR=/mnt/ro`.
    """
    if request.param == "disk_full":
        if full_disk := os.environ.get("FULL_DISK_DIR"):
            media = Path(full_disk) / tmp_path.name
            media.mkdir()
            settings.MEDIA_ROOT = media
            yield media
            shutil.rmtree(media)
            return
        media = Path(settings.MEDIA_ROOT)
        media.mkdir(parents=True, exist_ok=True)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "tests.files.FullDiskStorage"},
        }
        yield media
        return
    if read_only := os.environ.get("READ_ONLY_DIR"):
        settings.MEDIA_ROOT = Path(read_only)
        yield Path(read_only)
        return
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only directories")
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    media.chmod(0o500)
    yield media
    media.chmod(0o700)


def stored_files(media):
    """The files under `media`, as paths relative to it."""
    return sorted(
        str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()
    )
