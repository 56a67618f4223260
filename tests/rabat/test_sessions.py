"""Idle sessions end: after 8 hours for members, one hour for staff."""

import datetime
import importlib
from types import SimpleNamespace
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/focal-points/"


@pytest.fixture
def clock():
    """A clock the test moves forward; sessions and the middleware read it,
    and so does the cache that holds the sessions (its entries expire)."""
    moments = [timezone.now()]

    def advance(**delta):
        moments[0] += datetime.timedelta(**delta)

    with (
        mock.patch("django.utils.timezone.now", side_effect=lambda: moments[0]),
        mock.patch("time.time", side_effect=lambda: moments[0].timestamp()),
    ):
        yield advance


def logged_in(client, role):
    client.force_login(make_user(role))
    assert client.get(DASHBOARD).status_code == 200
    return client


def is_logged_out(response):
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_idle_member_session_ends_after_the_timeout(client, clock, settings):
    logged_in(client, "focal_point")
    clock(seconds=settings.SESSION_IDLE_TIMEOUT + 1)
    assert is_logged_out(client.get(DASHBOARD))


def test_an_active_member_session_goes_on(client, clock, settings):
    logged_in(client, "focal_point")
    for _ in range(4):
        clock(seconds=settings.SESSION_IDLE_TIMEOUT * 0.6)
        assert client.get(DASHBOARD).status_code == 200


@pytest.mark.parametrize(
    "role", ["secretariat", "staff", "secretariat_without_2fa", "staff_without_2fa"]
)
def test_staff_sessions_end_sooner(client, clock, settings, role):
    # Before their second factor too: the account is what the timeout guards.
    assert settings.STAFF_SESSION_IDLE_TIMEOUT < settings.SESSION_IDLE_TIMEOUT
    client.force_login(make_user(role))
    client.get("/en/")
    clock(seconds=settings.STAFF_SESSION_IDLE_TIMEOUT + 1)
    assert is_logged_out(client.get(DASHBOARD))


def test_a_member_session_outlives_the_staff_timeout(client, clock, settings):
    logged_in(client, "focal_point")
    clock(seconds=settings.STAFF_SESSION_IDLE_TIMEOUT + 1)
    assert client.get(DASHBOARD).status_code == 200


def test_pages_do_not_write_the_session_each_time(client, clock, settings):
    logged_in(client, "focal_point")
    clock(seconds=60)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_sessions_opened_with_the_former_backends_stay_open(client):
    """rabat's migration 0007: the portal's one backend replaced two."""
    client.force_login(make_user("focal_point"))
    session = Session.objects.get()
    store = SessionStore()
    data = store.decode(session.session_data)
    data[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session.session_data = store.encode(data)
    session.save()
    cache.clear()  # sessions are read through the cache
    assert is_logged_out(client.get(DASHBOARD))

    migration = importlib.import_module(
        "rabat.migrations.0007_sessions_account_backend"
    )
    migration.move_sessions(django_apps, SimpleNamespace(connection=connection))
    cache.clear()
    assert client.get(DASHBOARD).status_code == 200
