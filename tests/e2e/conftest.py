"""Fixtures of the browser tests: Debian's Chromium driven by Playwright.

The site is served by pytest-django's `live_server` (a real HTTP server in a
thread of this process, static files served through the finders), filled with
the demo data (`manage.py load_demo`).
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an asyncio event loop in this (the main) thread
# for as long as the browser is open. Django then refuses every ORM call made
# here (SynchronousOnlyOperation), including the fixtures that load the demo
# data, the queries of the tests and pytest-django's own database teardown.
# These calls are plain synchronous code that never runs inside a coroutine;
# the check is a false positive for them, so it is switched off for the tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright waits this long (milliseconds) for an element or a navigation.
TIMEOUT_MS = 15_000

DEMO_EMAIL = "focal-point@example.org"
DEMO_PASSWORD = "RabatDemo2026!"
DEMO_NAME = "Mariama Sow"


@pytest.fixture(scope="session")
def chromium_path():
    """Debian's Chromium: Playwright never downloads a browser of its own."""
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        # CI installs Chromium and sets this: there, a missing browser is an
        # error, never a silent skip.
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Make browser contexts (fresh cookies and cache), closed after the test.

    English by default; pass locale="fr-FR" for a French-speaking browser.
    """
    contexts = []

    def make(**options):
        options.setdefault("locale", "en-US")
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh English browser context."""
    return new_context().new_page()


@pytest.fixture
def demo_data(transactional_db):
    """The demo content and accounts, in the database the live server reads.

    The live server answers from another thread, so the data must be committed:
    a transactional database, emptied after each test (the groups come back
    after each emptying through post_migrate: see rabat.roles.ensure_groups).
    """
    call_command("load_demo", stdout=io.StringIO())
