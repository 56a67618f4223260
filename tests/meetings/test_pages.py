"""The public pages of the calendar: the list, the month grid, a meeting."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import MeetingFormat, MeetingStatus, MeetingType
from tests.conftest import make_user
from tests.factories import CountryFactory, ObjectiveFactory, ThemeFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DelegateFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    RegistrationFactory,
)
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
DASH = "\N{EN DASH}"


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def text(response):
    """The page's text, tags removed and spaces collapsed."""
    assert response.status_code == 200
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(content).split())


def list_url(**params):
    url = reverse("meetings:list")
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def month_url(year, month):
    return reverse("meetings:month", kwargs={"year": year, "month": month})


# --- The list -----------------------------------------------------------------


def test_list_splits_upcoming_soonest_first_and_past_latest_first(client):
    MeetingFactory(title_en="Next month", start_date=days_from_today(30))
    MeetingFactory(title_en="Next week", start_date=days_from_today(7))
    MeetingFactory(
        title_en="Running today",
        start_date=days_from_today(-1),
        end_date=days_from_today(1),
    )
    MeetingFactory(title_en="Ended yesterday", start_date=days_from_today(-1))
    MeetingFactory(title_en="Last year", start_date=days_from_today(-365))

    response = client.get(list_url())

    assert [m.title for m in response.context["upcoming_meetings"]] == [
        "Running today",
        "Next week",
        "Next month",
    ]
    assert [m.title for m in response.context["past_meetings"]] == [
        "Ended yesterday",
        "Last year",
    ]
    page = text(response)
    assert (
        page.index("Upcoming meetings")
        < page.index("Running today")
        < page.index("Next month")
        < page.index("Past meetings")
        < page.index("Ended yesterday")
        < page.index("Last year")
    )


def test_list_hides_unpublished_meetings(client):
    MeetingFactory(title_en="Announced")
    MeetingFactory(title_en="Draft meeting", is_published=False)
    MeetingFactory(
        title_en="Old draft", start_date=days_from_today(-400), is_published=False
    )
    page = text(client.get(list_url()))
    assert "Announced" in page
    assert "Draft meeting" not in page
    assert "Old draft" not in page


def test_list_item_shows_dates_type_place_format_and_flagged_status(client):
    senegal = CountryFactory(name_en="Senegal")
    MeetingFactory(
        title_en="Evidence-based policy making",
        start_date=datetime.date(2013, 9, 11),
        end_date=datetime.date(2013, 9, 12),
        city_en="Dakar",
        host_country=senegal,
        format=MeetingFormat.HYBRID,
        co_chairs=[senegal, CountryFactory(name_en="Belgium")],
    )
    MeetingFactory(
        title_en="Crisis situations",
        start_date=datetime.date(2014, 3, 31),
        end_date=datetime.date(2014, 4, 1),
        status=MeetingStatus.TO_BE_CONFIRMED,
    )
    MeetingFactory(
        title_en="Called off",
        start_date=datetime.date(2013, 12, 30),
        end_date=datetime.date(2014, 1, 2),
        status=MeetingStatus.CANCELLED,
    )
    MeetingFactory(title_en="Quiet one", start_date=datetime.date(2013, 5, 2))

    page = text(client.get(list_url()))

    assert (
        f"Evidence-based policy making 11{DASH}12 September 2013 Thematic meeting "
        "Dakar, Senegal Hybrid Co-chaired by Belgium, Senegal" in page
    )
    assert f"Crisis situations To be confirmed 31 March {DASH} 1 April 2014" in page
    assert f"Called off Cancelled 30 December 2013 {DASH} 2 January 2014" in page
    assert "Quiet one 2 May 2013 Thematic meeting" in page


def test_list_dates_are_localised(client):
    MeetingFactory(
        start_date=datetime.date(2013, 9, 11), end_date=datetime.date(2013, 9, 12)
    )
    page = text(client.get("/fr/meetings/"))
    assert "Du 11 au 12 septembre 2013" in page


def test_list_filters_by_type_theme_and_year(client):
    theme = ThemeFactory(slug="border-management", title_en="Border management")
    MeetingFactory(
        title_en="Madrid border meeting",
        start_date=datetime.date(2013, 11, 14),
        themes=[theme],
    )
    MeetingFactory(
        title_en="CoPil 2013",
        meeting_type=MeetingType.STEERING_COMMITTEE,
        start_date=datetime.date(2013, 6, 5),
    )
    MeetingFactory(
        title_en="CoPil 2014",
        meeting_type=MeetingType.STEERING_COMMITTEE,
        start_date=datetime.date(2014, 2, 5),
    )

    by_type = text(client.get(list_url(type="steering_committee")))
    assert "CoPil 2013" in by_type
    assert "CoPil 2014" in by_type
    assert "Madrid border meeting" not in by_type

    by_theme = text(client.get(list_url(theme="border-management")))
    assert "Madrid border meeting" in by_theme
    assert "CoPil 2013" not in by_theme

    by_year = text(client.get(list_url(year=2013)))
    assert "Madrid border meeting" in by_year
    assert "CoPil 2013" in by_year
    assert "CoPil 2014" not in by_year

    both = text(client.get(list_url(type="steering_committee", year=2014)))
    assert "CoPil 2014" in both
    assert "CoPil 2013" not in both


def test_list_year_filter_includes_a_meeting_over_new_year(client):
    MeetingFactory(
        title_en="New Year meeting",
        start_date=datetime.date(2013, 12, 30),
        end_date=datetime.date(2014, 1, 2),
    )
    assert "New Year meeting" in text(client.get(list_url(year=2014)))
    assert "New Year meeting" in text(client.get(list_url(year=2013)))


def test_year_select_offers_the_years_with_published_meetings(client):
    MeetingFactory(start_date=datetime.date(2013, 9, 11))
    MeetingFactory(start_date=datetime.date(2013, 11, 14))
    MeetingFactory(start_date=datetime.date(2011, 3, 1))
    MeetingFactory(start_date=datetime.date(2009, 3, 1), is_published=False)

    response = client.get(list_url())

    year_choices = [
        value for value, _ in response.context["form"].fields["year"].choices
    ]
    assert year_choices == ["", 2013, 2011]
    assert '<option value="2011">2011</option>' in response.content.decode()


def test_list_ignores_an_invalid_filter(client):
    MeetingFactory(title_en="Announced")
    page = text(client.get(list_url(year=1800, type="party")))
    assert "Announced" in page


def test_list_empty_states(client):
    page = text(client.get(list_url()))
    assert "No upcoming meeting is announced yet." in page
    assert "No past meeting yet." in page


def test_list_says_when_no_meeting_matches_the_filters_with_a_reset_link(client):
    MeetingFactory(meeting_type=MeetingType.THEMATIC)
    response = client.get(list_url(type="training"))
    page = text(response)
    assert "No meeting matches these filters." in page
    assert "Upcoming meetings" not in page
    assert f'<a href="{list_url()}">Show all meetings</a>' in (
        response.content.decode()
    )


def test_list_says_which_section_has_no_match(client):
    MeetingFactory(meeting_type=MeetingType.TRAINING, start_date=days_from_today(-9))
    page = text(client.get(list_url(type="training")))
    assert "No upcoming meeting matches these filters." in page
    assert "No meeting matches these filters." not in page


def test_past_meetings_are_paginated_and_pages_keep_the_filters(client):
    for number in range(25):
        MeetingFactory(
            title_en=f"Training {number:02d}",
            meeting_type=MeetingType.TRAINING,
            start_date=days_from_today(-10 - number),
        )
    MeetingFactory(title_en="Other type", start_date=days_from_today(-1))
    MeetingFactory(title_en="Future training", meeting_type=MeetingType.TRAINING)

    response = client.get(list_url(type="training"))
    first = text(response)
    assert "Training 00" in first
    assert "Training 19" in first
    assert "Training 20" not in first
    assert "Page 1 of 2" in first
    assert "Future training" in first
    assert 'href="?type=training&amp;page=2#past-meetings"' in response.content.decode()

    second = text(client.get(list_url(type="training", page=2)))
    assert "Training 20" in second
    assert "Training 24" in second
    assert "Training 19" not in second
    assert "Other type" not in second
    # The upcoming meetings are on the first page only.
    assert "Future training" not in second


def test_list_links_to_this_month_and_the_feeds(client):
    theme = ThemeFactory(slug="migration-and-development")
    MeetingFactory(themes=[theme])
    today = timezone.localdate()
    theme_feed = reverse(
        "meetings:theme_feed", kwargs={"theme": "migration-and-development"}
    )

    content = client.get(list_url()).content.decode()
    assert f'href="{month_url(today.year, today.month)}"' in content
    assert f'href="{reverse("meetings:feed")}"' in content
    assert theme_feed not in content

    filtered = client.get(list_url(theme="migration-and-development")).content.decode()
    assert f'href="{theme_feed}"' in filtered


def test_list_queries_do_not_grow_with_meetings(client):
    def make_meetings(count):
        theme = ThemeFactory()
        for number in range(count):
            MeetingFactory(
                start_date=days_from_today(number - count // 2),
                themes=[theme],
                co_chairs=[CountryFactory(), CountryFactory()],
            )

    make_meetings(3)
    assert_queries_constant(client, list_url(), grow=lambda: make_meetings(30))


# --- The month grid -------------------------------------------------------------


def grid_cells(response):
    """Day number -> text of its cell, for the days of the month (each cell
    starts with its weekday's name, shown when the grid stacks on phones)."""
    content = response.content.decode()
    grid = content[content.index("<table") : content.index("</table>")]
    cells = {}
    for cell in re.findall(r'<td class="month-day[^"]*"[^>]*>(.*?)</td>', grid, re.S):
        words = re.sub(r"<[^>]+>", " ", cell).split()
        if words:
            _weekday, day, *rest = words
            cells[int(day)] = " ".join(rest)
    return cells


def test_month_grid_shows_a_meeting_on_each_of_its_days_across_months(client):
    MeetingFactory(
        title_en="Spanning meeting",
        start_date=datetime.date(2013, 9, 29),
        end_date=datetime.date(2013, 10, 2),
    )
    MeetingFactory(title_en="One day", start_date=datetime.date(2013, 9, 11))

    september = grid_cells(client.get(month_url(2013, 9)))
    assert september[29] == "Spanning meeting"
    assert september[30] == "Spanning meeting"
    assert september[11] == "One day"
    assert september[28] == ""
    assert len(september) == 30

    october = client.get(month_url(2013, 10))
    cells = grid_cells(october)
    assert cells[1] == "Spanning meeting"
    assert cells[2] == "Spanning meeting"
    assert cells[3] == ""
    assert "One day" not in text(october)


def test_month_grid_is_an_accessible_table_starting_on_monday(client):
    content = client.get(month_url(2013, 9)).content.decode()
    assert '<caption class="caption-top">September 2013</caption>' in content
    headers = re.findall(r'<th scope="col"><abbr title="(\w+)"', content)
    assert headers == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    # 1 September 2013 was a Sunday: six empty cells come first.
    assert content.count("month-day-outside") == 6 + 6


def test_month_grid_in_french(client):
    page = text(client.get("/fr/meetings/2013/9/"))
    assert "septembre 2013" in page
    assert "lundi" in client.get("/fr/meetings/2013/9/").content.decode()


def test_month_lists_its_meetings_under_the_grid(client):
    MeetingFactory(
        title_en="Spanning meeting",
        start_date=datetime.date(2013, 8, 30),
        end_date=datetime.date(2013, 9, 2),
    )
    MeetingFactory(title_en="Later", start_date=datetime.date(2013, 9, 20))
    response = client.get(month_url(2013, 9))
    page = text(response)
    listing = page[page.index("2 meetings this month") :]
    assert listing.index("Spanning meeting") < listing.index("Later")
    assert f"30 August {DASH} 2 September 2013" in listing


def test_month_without_meetings_says_so(client):
    MeetingFactory(title_en="Elsewhere", start_date=datetime.date(2013, 9, 11))
    MeetingFactory(
        title_en="Draft",
        start_date=datetime.date(2013, 10, 11),
        is_published=False,
    )
    page = text(client.get(month_url(2013, 10)))
    assert "No meeting this month." in page
    assert "Draft" not in page
    assert "Elsewhere" not in page
    assert "No meeting this month." not in text(client.get(month_url(2013, 9)))


def test_month_navigation_crosses_years(client):
    december = client.get(month_url(2013, 12)).content.decode()
    assert f'<a href="{month_url(2014, 1)}" rel="next">January 2014' in december
    assert f'<a href="{month_url(2013, 11)}" rel="prev">' in december
    january = client.get(month_url(2014, 1)).content.decode()
    assert f'<a href="{month_url(2013, 12)}" rel="prev">' in january
    assert f'href="{reverse("meetings:list")}"' in january


def test_month_navigation_stops_at_the_edges_of_the_calendar(client):
    assert 'rel="next"' not in client.get(month_url(2100, 12)).content.decode()
    assert 'rel="prev"' not in client.get(month_url(1900, 1)).content.decode()


@pytest.mark.parametrize(
    ("year", "month"), [(2013, 13), (2013, 0), (1899, 12), (2101, 1), (99999, 1)]
)
def test_month_out_of_range_is_404(client, year, month):
    assert client.get(month_url(year, month)).status_code == 404


def test_month_marks_today(client):
    today = timezone.localdate()
    content = client.get(month_url(today.year, today.month)).content.decode()
    assert content.count('aria-current="date"') == 1


def test_month_queries_do_not_grow_with_meetings(client):
    def make_meetings(count):
        for number in range(count):
            MeetingFactory(
                start_date=datetime.date(2013, 9, 1 + number % 28),
                end_date=datetime.date(2013, 9, 1 + number % 28) + 3 * DAY,
                themes=[ThemeFactory()],
                co_chairs=[CountryFactory()],
            )

    make_meetings(3)
    assert_queries_constant(client, month_url(2013, 9), grow=lambda: make_meetings(30))


# --- A meeting ------------------------------------------------------------------


@pytest.fixture
def dakar_meeting():
    senegal = CountryFactory(iso_code="SN", name_fr="Sénégal", name_en="Senegal")
    belgium = CountryFactory(iso_code="BE", name_fr="Belgique", name_en="Belgium")
    objective = ObjectiveFactory(number=7, title_en="Migration data")
    theme = ThemeFactory(
        slug="migration-data", title_en="Migration data", title_fr="Données"
    )
    meeting = MeetingFactory(
        slug="dakar-2013",
        title_fr="Politiques fondées sur des données factuelles",
        title_en="Evidence-based policy making",
        meeting_type=MeetingType.THEMATIC,
        status=MeetingStatus.HELD,
        format=MeetingFormat.IN_PERSON,
        start_date=datetime.date(2013, 9, 11),
        end_date=datetime.date(2013, 9, 12),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(17, 30),
        time_zone="Africa/Dakar",
        city_fr="Dakar",
        city_en="Dakar",
        host_country=senegal,
        venue_fr="Hôtel des experts",
        venue_en="Experts' Hotel",
        co_chairs=[senegal, belgium],
        themes=[theme],
        aims_fr="Partager les **bonnes pratiques**.",
        aims_en="Share **good practices**.",
        summary_fr="Le résumé.",
        summary_en="The summary.",
        outcome_fr="Des recommandations.",
        outcome_en="Recommendations adopted.",
    )
    meeting.strategy_objectives.set([objective])
    return meeting


def test_detail_shows_every_field(client, dakar_meeting):
    response = client.get(dakar_meeting.get_absolute_url())
    content = response.content.decode()
    page = text(response)
    assert "<h1" in content
    assert "Evidence-based policy making" in page
    assert "Thematic meeting" in page
    assert "Status Held" in page
    assert "Format In person" in page
    assert f"Dates 11{DASH}12 September 2013" in page
    assert (
        "Times From 09:00 on 11 September to 17:30 on 12 September, "
        "Dakar time (UTC+0)" in page
    )
    assert "City Dakar" in page
    assert "Host country Senegal" in page
    assert "Venue Experts' Hotel" in page
    assert "Co-chairs Senegal Belgium" in page or "Co-chairs Belgium Senegal" in page
    assert '<a href="/en/themes/migration-data/">Migration data</a>' in content
    assert 'href="/en/strategy/#objective-7"' in content
    assert "<strong>good practices</strong>" in content
    assert "Summary The summary." in page
    assert "Outcome Recommendations adopted." in page
    ics = reverse("meetings:ics", kwargs={"slug": "dakar-2013"})
    assert f'href="{ics}">Add to my calendar</a>' in content
    assert f'href="{reverse("meetings:list")}"' in content


def test_detail_in_french(client, dakar_meeting):
    page = text(client.get("/fr/meetings/dakar-2013/"))
    assert "Politiques fondées sur des données factuelles" in page
    assert "Partager les bonnes pratiques" in page
    assert "Hôtel des experts" in page
    assert "Sénégal" in page
    assert "Des recommandations." in page
    assert "Du 11 au 12 septembre 2013" in page
    assert (
        "Horaires Du 11 septembre, 9 h 00, au 12 septembre, 17 h 30, "
        "heure de Dakar (UTC+0)" in page
    )


def test_detail_falls_back_to_french_when_english_is_empty(client):
    meeting = MeetingFactory(
        title_fr="Réunion du comité de pilotage",
        title_en="",
        summary_fr="Résumé seulement en français.",
        summary_en="",
    )
    AgendaItemFactory(meeting=meeting, title_fr="Ouverture", title_en="")
    page = text(client.get(meeting.get_absolute_url()))
    assert "Réunion du comité de pilotage" in page
    assert "Résumé seulement en français." in page
    assert "Ouverture" in page


def test_detail_shows_a_one_day_meeting_with_its_times(client):
    meeting = MeetingFactory(
        start_date=datetime.date(2014, 3, 20),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(17, 30),
        time_zone="Europe/Paris",
    )
    page = text(client.get(meeting.get_absolute_url()))
    assert "Dates 20 March 2014" in page
    assert f"Times 09:00 {DASH} 17:30 , Paris time (UTC+1)" in page


def test_detail_without_times_shows_no_times(client):
    meeting = MeetingFactory()
    assert "Times" not in text(client.get(meeting.get_absolute_url()))


def test_detail_shows_the_outcome_of_past_meetings_only(client):
    past = MeetingFactory(
        start_date=days_from_today(-30), outcome_en="Conclusions adopted."
    )
    future = MeetingFactory(outcome_en="Expected conclusions.")
    assert "Conclusions adopted." in text(client.get(past.get_absolute_url()))
    page = text(client.get(future.get_absolute_url()))
    assert "Expected conclusions." not in page
    assert "Outcome" not in page


def test_detail_agenda_by_day_in_order_with_times_and_speakers(client):
    meeting = MeetingFactory(
        start_date=datetime.date(2013, 9, 11), end_date=datetime.date(2013, 9, 12)
    )
    AgendaItemFactory(
        meeting=meeting,
        date=datetime.date(2013, 9, 12),
        start_time=datetime.time(9, 0),
        title_en="Day two: working groups",
        position=0,
    )
    AgendaItemFactory(
        meeting=meeting,
        date=datetime.date(2013, 9, 11),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(15, 30),
        title_en="Afternoon panel",
        speakers_en="Director of migration, Senegal",
        description_en="Data sources compared.",
        position=0,
    )
    AgendaItemFactory(
        meeting=meeting,
        start_time=datetime.time(9, 30),
        title_en="Opening",
        title_fr="Ouverture",
        position=5,
    )
    AgendaItemFactory(
        meeting=meeting,
        date=datetime.date(2013, 9, 11),
        start_time=datetime.time(9, 0),
        title_en="Welcome coffee",
        position=9,
    )

    page = text(client.get(meeting.get_absolute_url()))

    agenda = page[page.index("Agenda") :]
    assert (
        agenda.index("Wednesday 11 September 2013")
        < agenda.index("09:00 Welcome coffee")
        < agenda.index("09:30 Opening")
        < agenda.index(
            f"14:00 {DASH} 15:30 Afternoon panel "
            "Speakers: Director of migration, Senegal Data sources compared."
        )
        < agenda.index("Thursday 12 September 2013")
        < agenda.index("09:00 Day two: working groups")
    )
    assert "Ouverture" in text(client.get(f"/fr/meetings/{meeting.slug}/"))


def test_unpublished_meeting_is_404_to_the_public_and_shown_to_the_secretariat(
    client, client_for
):
    meeting = MeetingFactory(title_en="Draft meeting", is_published=False)
    url = meeting.get_absolute_url()
    assert client.get(url).status_code == 404
    for role in ("no_group", "focal_point", "steering_committee"):
        assert client_for(role).get(url).status_code == 404
    page = text(client_for("secretariat").get(url))
    assert "Draft meeting" in page
    assert "This meeting is not published" in page
    assert "This meeting is not published" not in text(
        client.get(MeetingFactory().get_absolute_url())
    )


def test_detail_gives_the_registration_panel_the_members_registration(client):
    member = make_user("focal_point")
    meeting = MeetingFactory(
        registration_deadline=timezone.now() + datetime.timedelta(days=5)
    )
    registration = RegistrationFactory(meeting=meeting, user=member)
    RegistrationFactory(meeting=meeting)
    client.force_login(member)

    response = client.get(meeting.get_absolute_url())

    assert response.context["registration"] == registration
    assert response.context["can_register"] is True
    closed = MeetingFactory(start_date=days_from_today(-3))
    response = client.get(closed.get_absolute_url())
    assert response.context["registration"] is None
    assert response.context["can_register"] is False


@pytest.mark.parametrize("role", ["anonymous", "no_group"])
def test_detail_gives_no_registration_to_non_members(client_for, role):
    meeting = MeetingFactory(
        registration_deadline=timezone.now() + datetime.timedelta(days=5)
    )
    response = client_for(role).get(meeting.get_absolute_url())
    assert response.context["registration"] is None
    assert response.context["can_register"] is False


@pytest.mark.parametrize("role", ["anonymous", "focal_point", "secretariat"])
def test_detail_queries_do_not_grow_with_its_content(client_for, role):
    client = client_for(role)
    meeting = MeetingFactory(
        start_date=datetime.date(2013, 9, 11),
        end_date=datetime.date(2013, 9, 12),
        registration_deadline=timezone.now() + datetime.timedelta(days=5),
        co_chairs=[CountryFactory()],
        themes=[ThemeFactory()],
    )
    meeting.strategy_objectives.set([ObjectiveFactory()])
    user = client.session.get("_auth_user_id")
    own_registration = (
        RegistrationFactory(meeting=meeting, user_id=user) if user else None
    )

    def make_content(count):
        for number in range(count):
            AgendaItemFactory(
                meeting=meeting, date=datetime.date(2013, 9, 11 + number % 2)
            )
            for visibility in ("public", "members", "steering_committee"):
                MeetingDocumentFactory(meeting=meeting, visibility=visibility)
            DelegateFactory(registration__meeting=meeting)
            if own_registration:
                DelegateFactory(registration=own_registration)
        meeting.co_chairs.add(*CountryFactory.create_batch(count))
        meeting.themes.add(*ThemeFactory.create_batch(count))

    make_content(2)
    assert_queries_constant(
        client, meeting.get_absolute_url(), grow=lambda: make_content(20)
    )
