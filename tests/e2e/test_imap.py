"""The i-Map in a real browser, in French and English: layers, CSV, a
country's shape, the keyboard path, accessibility, screenshots."""

import csv
import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_serious_violation

pytestmark = pytest.mark.e2e

LANGUAGES = pytest.mark.parametrize("language", ["fr", "en"])
# Where the screenshots go (IMAP_SCREENSHOTS=/some/dir); none by default.
SCREENSHOTS = os.environ.get("IMAP_SCREENSHOTS")


@LANGUAGES
def test_meetings_layer_its_csv_and_senegals_profile(
    live_server, demo_data, page, language
):
    page.goto(f"{live_server.url}/{language}/i-map/")
    page.select_option("#imap-layer", "meetings")
    page.locator(".imap-form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/i-map/?layer=meetings")
    table = page.locator(".imap-table tbody tr")
    expect(table.first).to_be_visible()

    with page.expect_download() as download:
        page.locator(".imap a[download]").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) - 1 == table.count()
    assert rows[1][0] == table.first.locator("th").inner_text()

    page.locator('.imap-svg a[data-iso="SN"] path').click()
    expect(page).to_have_url(f"{live_server.url}/{language}/countries/sn/")
    expect(page.locator("h1")).to_contain_text("S")


@LANGUAGES
def test_cabo_verde_by_keyboard_only(live_server, demo_data, page, language):
    page.goto(f"{live_server.url}/{language}/i-map/")
    target = f"/{language}/countries/cv/"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == target:
            break
    else:
        pytest.fail("Tab never reached Cabo Verde's link")
    # The focused link is the list's, not a shape (tabindex=-1).
    assert page.evaluate("!!document.activeElement.closest('.imap-list')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}{target}")


@LANGUAGES
@pytest.mark.parametrize(
    "path",
    [
        "i-map/",
        "i-map/?layer=meetings",
        "i-map/?layer=indicator-demo-remittances-gdp",
        "partners/",
        "countries/sn/",
        "countries/fr/",
    ],
)
def test_no_serious_accessibility_violation(
    live_server, demo_data, page, language, path
):
    page.goto(f"{live_server.url}/{language}/{path}")
    assert_no_serious_violation(page)


@LANGUAGES
def test_small_states_have_markers_of_24_px(
    live_server, demo_data, new_context, language
):
    for width in (1280, 390):
        page = new_context(viewport={"width": width, "height": 900}).new_page()
        page.goto(f"{live_server.url}/{language}/i-map/")
        for iso in ("CV", "ST", "MT", "LU", "GM"):
            box = page.locator(f'.imap-svg a[data-iso="{iso}"] circle').bounding_box()
            assert box["width"] >= 24, (width, iso, box)
            assert box["height"] >= 24, (width, iso, box)
        if SCREENSHOTS:
            page.screenshot(
                path=f"{SCREENSHOTS}/imap-{language}-{width}.png", full_page=True
            )
            page.goto(f"{live_server.url}/{language}/partners/")
            page.screenshot(
                path=f"{SCREENSHOTS}/partners-{language}-{width}.png", full_page=True
            )


def test_hovering_a_name_highlights_its_shape(live_server, demo_data, page):
    page.goto(f"{live_server.url}/en/i-map/")
    page.locator('.imap-list a[data-iso="SN"]').hover()
    expect(page.locator('.imap-svg a[data-iso="SN"]')).to_have_class(
        re.compile(r"\bis-highlighted\b")
    )
    page.locator('.imap-list a[data-iso="BE"]').focus()
    expect(page.locator('.imap-svg a[data-iso="SN"]')).not_to_have_class(
        re.compile(r"\bis-highlighted\b")
    )
    expect(page.locator('.imap-svg a[data-iso="BE"]')).to_have_class(
        re.compile(r"\bis-highlighted\b")
    )
