"""A Focal Point's proposed update to their country's profile, in a real
browser, in French and English: the demo Focal Point (Senegal's) proposes an
institution, the Secretariat accepts it, the public profile shows it; no page
is wider than a phone. Set SCREENSHOT_DIR to keep screenshots of each page at
1280 and 390 pixels wide."""

import os
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from countries.models import CountryProfile, ProfileStatus
from rabat.models import Country, User
from tests.conftest import enable_two_factor
from tests.e2e.axe import assert_no_serious_violation
from tests.e2e.conftest import DEMO_EMAIL
from tests.e2e.test_phone_layout import WIDEST_ELEMENT, page_overflow

pytestmark = pytest.mark.e2e

SECRETARIAT_EMAIL = "secretariat@example.org"
WIDTHS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}
NAMES = {
    "en": "Directorate of the Senegalese abroad",
    "fr": "Direction des Sénégalais de l'extérieur",
}


def logged_in_page(new_context, live_server, email, *, viewport, locale):
    """A browser page with the session of the demo account `email`."""
    user = User.objects.get(email=email)
    if email == SECRETARIAT_EMAIL:
        enable_two_factor(user)
    client = Client()
    client.force_login(user)
    context = new_context(viewport=viewport, locale=locale)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def check_layout(page, name: str) -> None:
    """No horizontal scrolling; a screenshot kept if asked for."""
    assert page_overflow(page) <= 0, page.evaluate(WIDEST_ELEMENT)
    if directory := os.environ.get("SCREENSHOT_DIR"):
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{directory}/{name}.png", full_page=True)


@pytest.mark.parametrize(("language", "locale"), [("fr", "fr-FR"), ("en", "en-US")])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_a_proposed_institution_is_accepted_and_public(
    live_server, demo_data, new_context, language, locale, width
):
    senegal = Country.objects.get(iso_code="SN")
    CountryProfile.objects.update_or_create(
        country=senegal, defaults={"status": ProfileStatus.PUBLISHED}
    )
    viewport = WIDTHS[width]
    prefix = f"{live_server.url}/{language}"
    name = NAMES[language]
    shot = f"{language}-{width}"

    # The Focal Point proposes an institution.
    page = logged_in_page(
        new_context, live_server, DEMO_EMAIL, viewport=viewport, locale=locale
    )
    page.goto(f"{prefix}/focal-points/")
    page.locator("#country-profile").scroll_into_view_if_needed()
    check_layout(page, f"{shot}-1-dashboard")
    page.locator("a[href$='/focal-points/country/']").first.click()
    expect(page).to_have_url(f"{prefix}/focal-points/country/")
    check_layout(page, f"{shot}-2-country")
    assert_no_serious_violation(page)
    page.locator("a[href$='/focal-points/country/institutions/new/']").click()
    form = page.locator("main form[method='post']")
    # Sent without a name: the error says so and what was typed stays.
    form.locator("textarea[name='reason']").fill("Created by decree in 2024.")
    form.locator("button[type='submit']").click()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    expect(form.locator("textarea[name='reason']")).to_have_value(
        "Created by decree in 2024."
    )
    check_layout(page, f"{shot}-3-form-error")
    assert_no_serious_violation(page)
    form.locator(f"input[name='name_{language}']").fill(name)
    form.locator("input[name='acronym_en']").fill("DGSE")
    form.locator("select[name='kind']").select_option("directorate")
    form.locator("button[type='submit']").click()
    expect(page).to_have_url(f"{prefix}/focal-points/country/")
    expect(page.locator(".proposal-item").first).to_contain_text(name)
    check_layout(page, f"{shot}-4-proposed")

    # The Secretariat sees it beside the profile and accepts it.
    review = logged_in_page(
        new_context, live_server, SECRETARIAT_EMAIL, viewport=viewport, locale=locale
    )
    review.goto(f"{prefix}/focal-points/country/proposals/")
    card = review.locator(".proposal-card", has_text=name)
    expect(card).to_be_visible()
    check_layout(review, f"{shot}-5-review")
    assert_no_serious_violation(review)
    card.locator("form button[type='submit']").click()
    expect(review.locator(".alert-success")).to_be_visible()
    check_layout(review, f"{shot}-6-accepted")

    # The public profile shows it at once.
    public = new_context(viewport=viewport, locale=locale).new_page()
    public.goto(f"{prefix}/countries/sn/")
    institution = public.locator(".institution-list", has_text=name)
    expect(institution).to_be_visible()
    institution.scroll_into_view_if_needed()
    check_layout(public, f"{shot}-7-public")

    # The Focal Point sees it accepted.
    page.reload()
    expect(page.locator(".proposal-item .text-bg-success").first).to_be_visible()
