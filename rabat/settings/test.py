"""Test settings: fast password hashing, immediate tasks, in-memory mail."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once; the database backend stays configured for the tests of
# what it stores (the task results in the admin).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
# No manifest in tests: collectstatic is not run before the suite.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Process-local cache so that tests without the database can clear it; the
# shared, fail-safe cache of the other settings is checked in
# tests/rabat/test_security.py and tests/rabat/test_cache.py.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "layout": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "layout",
    },
}
# Tests change data through factories, not the services and admins that
# invalidate the cached public pages: those tests turn the cache on.
PAGE_CACHE_SECONDS = 0
PUBLIC_CONTENT_CACHE_SECONDS = 0
