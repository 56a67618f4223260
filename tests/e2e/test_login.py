"""A demo Focal Point logs in and reaches the private area."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def test_focal_point_logs_in_and_reaches_the_dashboard(live_server, demo_data, page):
    dashboard_url = f"{live_server.url}/en/focal-points/"

    page.goto(dashboard_url)

    # Anonymous: sent to the login page, which remembers where to go next.
    expect(page).to_have_url(re.compile(r"/en/accounts/login/\?"))
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"next": ["/en/focal-points/"]}
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill(DEMO_EMAIL)
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()

    expect(page).to_have_url(dashboard_url)
    expect(page.locator("h1")).to_have_text(f"Welcome, {DEMO_NAME}")
