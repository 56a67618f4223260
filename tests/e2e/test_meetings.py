"""The meetings calendar in a real browser: the month grid, a meeting's page,
its iCalendar file, and the demo Focal Point registering a delegation."""

from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from meetings.models import Meeting, Registration, RegistrationStatus
from tests.e2e.axe import assert_no_serious_violation
from tests.e2e.conftest import DEMO_EMAIL, DEMO_PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}

pytestmark = pytest.mark.e2e

DAKAR = "dakar-2013-evidence-based-policy-making"
WORKSHOP = "demo-expert-workshop-migration-profiles"

LABELS = {
    "en": {
        "month_link": "Calendar by month",
        "september": "September 2013",
        "october": "October 2013",
        "add_to_calendar": "Add to my calendar",
        "log_in_to_register": "Members log in to register",
        "save": "Save my answer",
        "recorded": "Your registration has been recorded.",
        "change": "Change my registration",
        "dakar_time": "Dakar time (UTC+0)",
        "registration_open": "Registration open until",
    },
    "fr": {
        "month_link": "Calendrier par mois",
        "september": "septembre 2013",
        "october": "octobre 2013",
        "add_to_calendar": "Ajouter à mon agenda",
        "log_in_to_register": "Les membres se connectent pour s\u2019inscrire",
        "save": "Enregistrer ma réponse",
        "recorded": "Votre inscription a été enregistrée.",
        "change": "Modifier mon inscription",
        "dakar_time": "heure de Dakar (UTC+0)",
        "registration_open": "Inscriptions ouvertes jusqu\u2019au",
    },
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_browse_the_month_grid_open_a_meeting_and_download_its_ics(
    live_server, demo_data, page, language
):
    labels = LABELS[language]
    dakar = Meeting.objects.get(slug=DAKAR)
    title = getattr(dakar, f"title_{language}")

    page.goto(f"{live_server.url}/{language}/meetings/")
    assert_no_serious_violation(page)
    page.get_by_role("link", name=labels["month_link"]).click()
    expect(page.locator("table.month-grid")).to_be_visible()
    assert_no_serious_violation(page)

    # September 2013: the Dakar meeting sits on the 11th; the next month's
    # link leads on to October.
    page.goto(f"{live_server.url}/{language}/meetings/2013/9/")
    expect(page.locator("table.month-grid caption")).to_have_text(
        labels["september"], ignore_case=True
    )
    day_11 = page.locator("td.month-day").filter(
        has=page.locator(".month-day-number", has_text="11")
    )
    expect(day_11.get_by_role("link", name=title)).to_be_visible()
    page.get_by_role("link", name=labels["october"]).click()
    expect(page).to_have_url(f"{live_server.url}/{language}/meetings/2013/10/")
    page.go_back()

    day_11.get_by_role("link", name=title).click()
    expect(page).to_have_url(f"{live_server.url}/{language}/meetings/{DAKAR}/")
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("main")).to_contain_text(labels["dakar_time"])
    assert_no_serious_violation(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name=labels["add_to_calendar"]).click()
    download = download_info.value
    assert download.suggested_filename == f"{DAKAR}.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == title
    assert str(events[0]["DTSTART"].params["TZID"]) == "Africa/Dakar"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_demo_focal_point_registers_a_delegation(
    live_server, demo_data, page, language
):
    labels = LABELS[language]
    workshop = Meeting.objects.get(slug=WORKSHOP)

    # Registering asks for login, then goes on to the registration form.
    page.goto(f"{live_server.url}/{language}/meetings/{WORKSHOP}/")
    page.get_by_role("link", name=labels["log_in_to_register"]).click()
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill(DEMO_EMAIL)
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()

    expect(page).to_have_url(
        f"{live_server.url}/{language}/meetings/{WORKSHOP}/register/"
    )
    assert_no_serious_violation(page)
    # Attending without a delegate is refused, and the remarks typed stay.
    page.locator("textarea[name='notes']").fill("Arrival on the eve.")
    page.get_by_role("button", name=labels["save"]).click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    expect(page.locator("textarea[name='notes']")).to_have_value("Arrival on the eve.")

    page.locator("input[name='delegates-0-name']").fill("Mariama Sow")
    page.locator("input[name='delegates-0-function']").fill("Head of delegation")
    page.locator("input[name='delegates-1-name']").fill("Awa Ndiaye")
    page.locator("input[name='delegates-1-function']").fill("Statistician")
    page.get_by_role("button", name=labels["save"]).click()

    expect(page).to_have_url(f"{live_server.url}/{language}/meetings/{WORKSHOP}/")
    expect(page.locator(".alert").first).to_contain_text(labels["recorded"])
    expect(page.locator("main")).to_contain_text("Awa Ndiaye")
    expect(page.get_by_role("link", name=labels["change"])).to_be_visible()
    assert_no_serious_violation(page)

    registration = Registration.objects.get(meeting=workshop, user__email=DEMO_EMAIL)
    assert registration.status == RegistrationStatus.ATTENDING
    assert registration.notes == "Arrival on the eve."
    assert [delegate.name for delegate in registration.delegates.all()] == [
        "Mariama Sow",
        "Awa Ndiaye",
    ]
    assert registration.country.iso_code == "SN"

    # The dashboard lists the answer.
    page.goto(f"{live_server.url}/{language}/focal-points/")
    expect(page.locator("main")).to_contain_text(getattr(workshop, f"title_{language}"))


def test_the_status_and_registration_box_comes_first_on_a_phone(
    live_server, demo_data, new_context
):
    """Under the title on a phone, before the meeting's description; at the
    top of the sidebar on a wide screen."""
    url = f"{live_server.url}/{{language}}/meetings/{WORKSHOP}/"
    for language, locale in (("fr", "fr-FR"), ("en", "en-US")):
        labels = LABELS[language]
        phone = new_context(viewport=PHONE, locale=locale).new_page()
        phone.goto(url.format(language=language))
        box = phone.locator(".meeting-key-box")
        expect(box).to_contain_text(labels["registration_open"])
        expect(box.get_by_role("link", name=labels["add_to_calendar"])).to_be_visible()
        expect(
            box.get_by_role("link", name=labels["log_in_to_register"])
        ).to_be_visible()
        title = phone.locator("h1").bounding_box()
        key = box.bounding_box()
        main = phone.locator(".meeting-main").bounding_box()
        assert title["y"] < key["y"] < main["y"]
        # Nothing between the title's lines and the box but the dates.
        assert key["y"] - (title["y"] + title["height"]) < 150
        assert phone.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )

        desktop = new_context(viewport=DESKTOP, locale=locale).new_page()
        desktop.goto(url.format(language=language))
        key = desktop.locator(".meeting-key-box").bounding_box()
        main = desktop.locator(".meeting-main").bounding_box()
        aside = desktop.locator(".meeting-aside").bounding_box()
        assert key["x"] > main["x"] + main["width"]  # the sidebar, on the right
        assert abs(key["y"] - main["y"]) < 5  # at its top
        assert aside["y"] > key["y"]
