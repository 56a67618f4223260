"""Idle sessions end: after 8 hours for members, one hour for staff."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/focal-points/"


@pytest.fixture
def clock():
    """A clock the test moves forward; sessions and the middleware read it."""
    moments = [timezone.now()]

    def advance(**delta):
        moments[0] += datetime.timedelta(**delta)

    with mock.patch("django.utils.timezone.now", side_effect=lambda: moments[0]):
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
