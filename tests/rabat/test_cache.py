"""`migrate` creates the database cache's table; a cache that fails (Redis
unreachable, its table gone) does not take login, password reset or the
Review's subscription down with it."""

import importlib
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import TestCase

from newsletter.models import Subscriber
from rabat import cache as failsafe
from tests.factories import UserFactory
from tests.newsletter.test_subscription import subscribe
from tests.rabat.test_login_limits import PASSWORD, STRANGER_IP, TOO_MANY, log_in

pytestmark = pytest.mark.django_db

DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "rabat_cache",
}
UNREACHABLE_REDIS = {
    "BACKEND": "rabat.cache.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
}
MISSING_TABLE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "no_such_cache_table",
}


def wrapped(config):
    return {
        "default": {
            "BACKEND": "rabat.cache.FailSafeCache",
            "OPTIONS": {"PRIMARY": config},
        },
        "layout": settings.CACHES["layout"],
    }


@pytest.fixture(autouse=True)
def _no_outage_remembered():
    failsafe._retry_after.clear()
    yield
    failsafe._retry_after.clear()


def test_the_migration_creates_the_database_cache_table(settings):
    settings.CACHES = wrapped(DATABASE_CACHE)
    migration = importlib.import_module("rabat.migrations.0004_cache_table")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS rabat_cache")

    # What RunPython hands the function (SQLite refuses a schema editor
    # inside the test's transaction).
    editor = SimpleNamespace(connection=connection)
    migration.create_cache_tables(None, editor)
    # Again, as on a database where createcachetable was run: no error.
    migration.create_cache_tables(None, editor)

    assert "rabat_cache" in connection.introspection.table_names()
    cache.set("greeting", "salam", 60)
    assert cache.get("greeting") == "salam"
    assert failsafe._retry_after == {}


@pytest.fixture(params=["redis", "table"])
def broken_cache(request, settings):
    settings.CACHES = wrapped(
        UNREACHABLE_REDIS if request.param == "redis" else MISSING_TABLE
    )
    return request.param


def test_login_works_without_the_cache(client, broken_cache):
    UserFactory(email="mariama@example.org")
    assert client.get("/en/accounts/login/").status_code == 200

    wrong = client.post(
        "/en/accounts/login/", {"login": "mariama@example.org", "password": "bad"}
    )
    right = client.post(
        "/en/accounts/login/", {"login": "mariama@example.org", "password": PASSWORD}
    )

    assert wrong.status_code == 200
    assert right.status_code == 302
    assert "_auth_user_id" in client.session


def test_rate_limits_still_apply_per_process_without_the_cache(client, broken_cache):
    UserFactory(email="mariama@example.org")
    for _attempt in range(5):
        log_in(client, "mariama@example.org", "bad", STRANGER_IP)
    response = log_in(client, "mariama@example.org", PASSWORD, STRANGER_IP)
    assert TOO_MANY in response.content.decode()


def test_password_reset_works_without_the_cache(client, broken_cache):
    UserFactory(email="mariama@example.org")
    assert client.get("/en/accounts/password/reset/").status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/en/accounts/password/reset/", {"email": "mariama@example.org"}
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["mariama@example.org"]]


def test_subscribing_works_without_the_cache(client, broken_cache):
    assert client.get("/en/review/subscribe/").status_code == 200
    response = subscribe(client, email="reader@example.org")
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="reader@example.org").exists()
    assert len(mail.outbox) == 1


def test_healthz_names_the_cache_unavailable_and_stays_up(client, broken_cache):
    response = client.get("/healthz")
    body = response.content.decode()
    assert response.status_code == 200
    assert "status: degraded" in body
    assert "database: ok" in body
    assert "cache: unavailable" in body


def test_an_outage_is_logged_once_not_at_every_call(broken_cache, caplog):
    for n in range(20):
        cache.set(f"key{n}", n)
    warnings = [r for r in caplog.records if r.name == "rabat.cache"]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()
    assert cache.get("key3") == 3  # from this process's memory


def test_the_redis_backend_keeps_its_clients():
    # Django's builds a client at every call; ours, one per connection pool.
    backend = failsafe.RedisCache(UNREACHABLE_REDIS["LOCATION"], {})
    assert backend._cache.get_client() is backend._cache.get_client(write=True)


def test_versions_read_together_answer_from_one_read():
    """A page keyed by several versions reads them in one get_many; a
    version raised meanwhile by another process shows after the block."""
    from unittest import mock

    from rabat.cache import content_version, versions_read_together

    cache.set("test:a", 1, timeout=None)
    cache.set("test:b", 2, timeout=None)
    with (
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many,
        versions_read_together("test:a", "test:b"),
        mock.patch.object(cache, "get", wraps=cache.get) as get,
    ):
        assert (content_version("test:a"), content_version("test:b")) == (1, 2)
        cache.set("test:a", 3, timeout=None)
        assert content_version("test:a") == 1
    assert get.call_count == 0
    assert get_many.call_count == 1
    assert content_version("test:a") == 3
