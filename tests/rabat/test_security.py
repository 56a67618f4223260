import importlib
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import make_user

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


def test_security_headers_on_every_response(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_private_pages_are_never_stored(client):
    client.force_login(make_user("focal_point"))
    response = client.get(reverse("contacts:dashboard"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # Public pages seen by a logged-in member carry their name: not cached either.
    assert "no-store" in client.get("/en/").headers["Cache-Control"]


def test_login_page_is_never_stored(client):
    assert "no-store" in client.get(reverse("account_login"))["Cache-Control"]


def test_anonymous_public_pages_may_be_cached(client):
    response = client.get("/en/about/")
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def clean_environment(**environment):
    """This process's environment, without what the browser tests set for themselves."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return inherited | environment


def run_manage(*args, **environment):
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean_environment(**environment),
        capture_output=True,
        text=True,
        check=False,
    )


PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "rabat.settings.prod",
    "SECRET_KEY": "test-only-production-like-secret-0123456789abcdefghijklmnopqrstuv",
    "ALLOWED_HOSTS": "www.processusderabat.net",
}


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENVIRONMENT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    environment = clean_environment(**PRODUCTION_ENVIRONMENT)
    del environment["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def production_settings():
    with mock.patch.dict(os.environ, PRODUCTION_ENVIRONMENT):
        return importlib.reload(importlib.import_module("rabat.settings.prod"))


def test_production_cookies_are_secure_and_http_only():
    prod = production_settings()
    assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE
    assert prod.SESSION_COOKIE_HTTPONLY and prod.CSRF_COOKIE_HTTPONLY
    assert prod.SECURE_HSTS_SECONDS >= 31_536_000
    assert prod.DEMO_ACCOUNTS_ALLOWED is False


def test_rate_limits_use_a_cache_shared_between_processes():
    from rabat.settings import base

    # Wrapped by rabat.cache.FailSafeCache, which falls back to memory only
    # while the shared backend fails.
    assert base.CACHES["default"]["BACKEND"] == "rabat.cache.FailSafeCache"
    assert (
        base.CACHES["default"]["OPTIONS"]["PRIMARY"]["BACKEND"]
        == "django.core.cache.backends.db.DatabaseCache"
    )
