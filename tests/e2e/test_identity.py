"""The site's identity in a real browser: the home page's boxes above the fold,
the sticky footer, print, contrast, and the moderators' top bar."""

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.e2e.axe import assert_no_serious_violation, axe_violations, describe
from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 768}
TALL = {"width": 1366, "height": 1600}
BOOTSTRAP_BLUE = "13, 110, 253"

# Every element whose colour, background or border is Bootstrap's own blue.
DEFAULT_BLUE_ELEMENTS = """blue => [...document.querySelectorAll("body *")]
    .filter(element => {
        const style = getComputedStyle(element);
        return [style.color, style.backgroundColor, style.borderTopColor,
                style.borderBottomColor, style.outlineColor]
            .some(value => value.includes(blue));
    })
    .map(element => element.outerHTML.slice(0, 120))"""


def bottom(locator):
    return locator.evaluate("element => element.getBoundingClientRect().bottom")


def test_home_boxes_above_the_fold_footer_print_and_contrast(
    live_server, demo_data, new_context
):
    page = new_context(viewport=DESKTOP).new_page()
    meeting = Meeting.objects.published().upcoming().first()
    for language in ("fr", "en"):
        page.goto(f"{live_server.url}/{language}/")
        for box in ("next-meeting", "latest-review", "latest-news"):
            section = page.locator(f"section[aria-labelledby='{box}']")
            expect(section).to_be_visible()
            # Its heading and first item are on the first screen.
            assert bottom(section.locator("h3").first) <= DESKTOP["height"], box
        assert bottom(page.locator(".home-review-cover")) <= DESKTOP["height"]
        expect(page.locator("section[aria-labelledby='next-meeting']")).to_contain_text(
            meeting.title_fr if language == "fr" else meeting.title_en
        )

        for path in ("", f"meetings/{meeting.slug}/", "news/"):
            page.goto(f"{live_server.url}/{language}/{path}")
            contrast = [
                violation
                for violation in axe_violations(page)
                if violation["id"] == "color-contrast"
            ]
            assert not contrast, describe(contrast)
            assert_no_serious_violation(page)
            assert page.evaluate(DEFAULT_BLUE_ELEMENTS, BOOTSTRAP_BLUE) == []

        # axe-core cannot tell the colour of the footer's headings on its
        # night blue (an "incomplete" result): they are white.
        expect(page.locator("#footer-subscribe-title")).to_have_css(
            "color", "rgb(255, 255, 255)"
        )

        # A short page in a tall window: the footer ends at its bottom.
        page.set_viewport_size(TALL)
        for path in ("accounts/login/", "no-such-page/"):
            page.goto(f"{live_server.url}/{language}/{path}")
            assert bottom(page.locator("footer.site-footer")) == TALL["height"]
        page.set_viewport_size(DESKTOP)

    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/en/")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_hidden()
    expect(page.locator("#site-search")).to_be_hidden()
    expect(page.locator(".top-bar")).to_be_hidden()
    expect(page.locator(".site-footer form")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()


def test_moderator_top_bar_is_one_line_in_french(live_server, demo_data, new_context):
    page = new_context(viewport=DESKTOP, locale="fr-FR").new_page()
    page.goto(f"{live_server.url}/fr/accounts/login/")
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill("moderator@example.org")
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/fr/focal-points/$"))

    page.goto(f"{live_server.url}/fr/")
    top_bar = page.locator(".top-bar")
    # No open report in the demo: the link is there all the same.
    expect(top_bar.get_by_role("link", name="Modération", exact=True)).to_be_visible()
    tops = top_bar.locator("li").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    # One line: the logout button's form sits a pixel off the links.
    assert max(tops) - min(tops) <= 2, tops
    expect(page.locator(".site-logo img")).to_have_attribute(
        "alt", "Processus de Rabat \u2013 page d\u2019accueil"
    )
