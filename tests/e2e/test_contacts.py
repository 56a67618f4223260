"""The contacts directory in a real browser: find, open, edit one's own card."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from contacts.models import Contact
from rabat.models import Country
from tests.e2e.axe import assert_no_serious_violation
from tests.e2e.conftest import DEMO_EMAIL, DEMO_PASSWORD

pytestmark = pytest.mark.e2e

LABELS = {
    "en": {
        "search": "Search",
        "save": "Save my card",
        "saved": "Your card has been saved.",
    },
    "fr": {
        "search": "Rechercher",
        "save": "Enregistrer ma fiche",
        "saved": "Votre fiche a été enregistrée.",
    },
}


def log_in(page, live_server, language):
    page.goto(
        f"{live_server.url}/{language}/accounts/login/?next=/{language}/focal-points/"
    )
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill(DEMO_EMAIL)
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/focal-points/")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_search_filter_and_open_a_card(live_server, demo_data, page, language):
    log_in(page, live_server, language)
    page.goto(f"{live_server.url}/{language}/focal-points/contacts/")
    assert_no_serious_violation(page)

    # Filter by country: Senegal's contacts only.
    senegal_country = Country.objects.get(iso_code="SN")
    page.locator("select[name='country']").select_option(value=str(senegal_country.pk))
    page.locator("form.directory-filters button[type='submit']").first.click()
    expect(page.locator(".contact-row").first).to_be_visible()
    senegal = {c.full_name for c in Contact.objects.filter(country__iso_code="SN")}
    names = page.locator(".contact-row h2 a").all_inner_texts()
    assert names
    assert all(any(full in name for full in senegal) for name in names)

    # Search a name typed without its accents... or as it is, on SQLite.
    contact = (
        Contact.objects.current()
        .exclude(user__isnull=False)
        .filter(country__iso_code="SN")
        .first()
    )
    page.goto(f"{live_server.url}/{language}/focal-points/contacts/")
    page.locator("form.directory-filters input[name='q']").fill(contact.last_name)
    page.locator("form.directory-filters button[type='submit']").first.click()
    page.get_by_role(
        "link", name=re.compile(re.escape(contact.full_name))
    ).first.click()

    expect(page).to_have_url(
        f"{live_server.url}/{language}/focal-points/contacts/{contact.pk}/"
    )
    expect(page.locator("h1")).to_contain_text(contact.full_name)
    expect(page.locator(f"a[href='mailto:{contact.email}']").first).to_be_visible()
    assert_no_serious_violation(page)


def photo_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), "#0b4f6c").save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_edit_own_card_with_a_photo(live_server, demo_data, page, language):
    log_in(page, live_server, language)
    page.goto(f"{live_server.url}/{language}/focal-points/profile/")
    assert_no_serious_violation(page)

    page.locator("input[name='position']").fill("Directrice de la migration")
    page.locator("input[name='office_phone']").fill("+221 33 821 00 00")
    page.locator("input[name='new_photo']").set_input_files(
        files=[
            {"name": "portrait.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
        ]
    )
    page.get_by_role("button", name=LABELS[language]["save"]).click()

    expect(page.locator(".alert-success")).to_contain_text(LABELS[language]["saved"])
    contact = Contact.objects.get(user__email=DEMO_EMAIL)
    assert contact.position == "Directrice de la migration"
    assert contact.office_phone.as_e164 == "+221338210000"
    assert contact.photo_thumbnail

    page.goto(f"{live_server.url}/{language}/focal-points/contacts/{contact.pk}/")
    photo = page.locator("img.contact-photo-large")
    expect(photo).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", photo.element_handle()) > 0
