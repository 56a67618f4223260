"""Dates, times and time zones as people write them (rabat.formats.dates,
rabat.timezones), the registration status line and the admin's zone chooser."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from meetings.admin_forms import MeetingAdminForm
from meetings.models import Meeting, MeetingStatus
from rabat.formats.dates import date_range, moment_in_zone, time_of_day
from rabat.timezones import timezone_choices, utc_offset, zone_label
from tests.meetings.factories import MeetingFactory
from tests.meetings.test_pages import list_url, text
from tests.query_budget import assert_queries_constant

NBSP = "\u00a0"
D = datetime.date


# --- Date ranges ----------------------------------------------------------------

RANGES = [
    # start, end, French, English
    (
        D(2026, 12, 25),
        D(2026, 12, 26),
        "du 25 au 26 décembre 2026",
        "25\u201326 December 2026",
    ),
    (
        D(2026, 11, 30),
        D(2026, 12, 2),
        "du 30 novembre au 2 décembre 2026",
        "30 November \u2013 2 December 2026",
    ),
    (
        D(2026, 12, 30),
        D(2027, 1, 2),
        "du 30 décembre 2026 au 2 janvier 2027",
        "30 December 2026 \u2013 2 January 2027",
    ),
    (D(2026, 12, 25), D(2026, 12, 25), "25 décembre 2026", "25 December 2026"),
    (
        D(2026, 12, 1),
        D(2026, 12, 3),
        "du 1er au 3 décembre 2026",
        "1\u20133 December 2026",
    ),
]


@pytest.mark.parametrize(("start", "end", "french", "english"), RANGES)
def test_date_range_as_each_language_writes_it(start, end, french, english):
    with translation.override("fr"):
        assert date_range(start, end) == french
    with translation.override("en"):
        assert date_range(start, end) == english


def test_a_single_day_in_a_sentence_takes_its_article():
    day = D(2026, 12, 25)
    with translation.override("fr"):
        assert date_range(day, day, in_sentence=True) == "le 25 décembre 2026"
        assert date_range(day, in_sentence=True) == "le 25 décembre 2026"
        # A range reads the same inside a sentence.
        assert date_range(day, D(2026, 12, 26), in_sentence=True) == (
            "du 25 au 26 décembre 2026"
        )
    with translation.override("en"):
        assert date_range(day, day, in_sentence=True) == "on 25 December 2026"


def test_times_of_day():
    with translation.override("fr"):
        assert time_of_day(datetime.time(18)) == f"18{NBSP}h{NBSP}00"
        assert time_of_day(datetime.time(9, 30)) == f"9{NBSP}h{NBSP}30"
    with translation.override("en"):
        assert time_of_day(datetime.time(9, 30)) == "09:30"


# --- Time zones -----------------------------------------------------------------

WINTER = datetime.datetime(2026, 1, 15, 12)
SUMMER = datetime.datetime(2026, 7, 15, 12)


def test_zone_labels_name_the_city_and_the_offset():
    with translation.override("en"):
        assert zone_label("Africa/Dakar", WINTER) == "Dakar time (UTC+0)"
        assert (
            zone_label("Atlantic/Cape_Verde", WINTER) == "Cabo Verde time (UTC\u22121)"
        )
        assert zone_label("Africa/Addis_Ababa", WINTER) == "Addis Ababa time (UTC+3)"
        assert zone_label("UTC", WINTER) == "UTC"
    with translation.override("fr"):
        assert zone_label("Africa/Dakar", WINTER) == "heure de Dakar (UTC+0)"
        assert zone_label("Europe/Brussels", WINTER) == "heure de Bruxelles (UTC+1)"
        assert zone_label("Europe/Lisbon", WINTER) == "heure de Lisbonne (UTC+0)"
        assert zone_label("Africa/Cairo", WINTER) == "heure du Caire (UTC+2)"
        assert zone_label("Africa/Algiers", WINTER) == "heure d\u2019Alger (UTC+1)"
        assert zone_label("Atlantic/Canary", WINTER) == "heure des Canaries (UTC+0)"
        assert zone_label("Africa/Abidjan", WINTER) == "heure d\u2019Abidjan (UTC+0)"


def test_zone_labels_follow_daylight_saving_time():
    with translation.override("en"):
        assert zone_label("Europe/Madrid", WINTER) == "Madrid time (UTC+1)"
        assert zone_label("Europe/Madrid", SUMMER) == "Madrid time (UTC+2)"
    with translation.override("fr"):
        assert zone_label("Europe/Madrid", SUMMER) == "heure de Madrid (UTC+2)"
    # An aware moment is read in the zone: 23:30 UTC on 28 March 2026 is
    # still winter in Madrid, 01:30 UTC the next day is summer.
    utc = datetime.UTC
    before = datetime.datetime(2026, 3, 28, 23, 30, tzinfo=utc)
    after = datetime.datetime(2026, 3, 29, 1, 30, tzinfo=utc)
    assert utc_offset("Europe/Madrid", before) == "UTC+1"
    assert utc_offset("Europe/Madrid", after) == "UTC+2"
    assert utc_offset("Asia/Kolkata", WINTER) == "UTC+5:30"


def test_a_deadline_reads_in_the_venues_zone():
    # 18:00 in Dakar is 19:00 in Brussels, the server's zone: Dakar's is shown.
    deadline = datetime.datetime(2026, 12, 15, 18, tzinfo=ZoneInfo("Africa/Dakar"))
    with translation.override("en"):
        assert moment_in_zone(deadline, "Africa/Dakar") == (
            "15 December 2026, 18:00 Dakar time (UTC+0)"
        )
    with translation.override("fr"):
        assert moment_in_zone(deadline, "Africa/Dakar") == (
            f"15 décembre 2026, 18{NBSP}h{NBSP}00, heure de Dakar (UTC+0)"
        )


def flat(choices):
    for value, label in choices:
        if isinstance(label, list):
            yield from label
        else:
            yield value, label


def test_timezone_choices_cover_the_partners_regions_sorted_and_labelled():
    with translation.override("fr"):
        choices = timezone_choices(at=WINTER)
        groups = [label for _value, label in choices if isinstance(label, str)]
        assert groups[:2] == ["---------", "UTC (temps universel)"]
        names = [name for name, label in choices if isinstance(label, list)]
        assert names == ["Afrique", "Europe", "Îles de l\u2019Atlantique"]
        labels = dict(flat(choices))
        assert labels["Europe/Brussels"] == "Bruxelles — UTC+1 (Europe/Brussels)"
        assert (
            labels["Atlantic/Cape_Verde"]
            == "Le Cap-Vert — UTC\u22121 (Atlantic/Cape_Verde)"
        )
        africa = [value for value, _label in choices[2][1]]
        # In the order of the place's name, the article and accents ignored.
        assert africa.index("Africa/Cairo") < africa.index("Africa/Casablanca")
        assert africa.index("Africa/Lagos") < africa.index("Africa/Lome")
    values = {value for value, _label in flat(timezone_choices())}
    assert {"Africa/Dakar", "Europe/Madrid", "Atlantic/Cape_Verde", "UTC"} <= values
    # Old aliases and the Americas are not offered.
    assert "Europe/Kiev" not in values
    assert "America/New_York" not in values


# --- The admin's chooser --------------------------------------------------------


@pytest.mark.django_db
def test_admin_form_offers_a_select_of_zones_and_keeps_a_stored_one():
    form = MeetingAdminForm()
    assert form.fields["time_zone"].widget.__class__.__name__ == "Select"
    assert 'value="Africa/Dakar"' in str(form["time_zone"])
    # A zone stored earlier stays selected, and valid, though not offered.
    meeting = MeetingFactory(time_zone="America/New_York")
    form = MeetingAdminForm(instance=meeting)
    html = str(form["time_zone"])
    assert '<option value="America/New_York" selected>' in html
    field = form.fields["time_zone"]
    assert field.clean("America/New_York") == "America/New_York"
    assert field.clean("Africa/Dakar") == "Africa/Dakar"
    assert field.clean("") == ""
    with pytest.raises(Exception, match="valid choice"):
        field.clean("Mars/Olympus")


# --- The registration status line ------------------------------------------------


def status_line(meeting, language="en"):
    template = Template(
        '{% include "meetings/_registration_status.html" with meeting=meeting %}'
    )
    with translation.override(language):
        rendered = template.render(Context({"meeting": meeting}))
    return " ".join(rendered.replace("<", " <").replace(">", "> ").split())


def strip_tags(line):
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", line).split())


def upcoming(**fields):
    start = timezone.localdate() + datetime.timedelta(days=60)
    return Meeting(
        start_date=start, end_date=start, status=MeetingStatus.CONFIRMED, **fields
    )


def test_status_line_open_until_the_deadline_at_the_venue():
    deadline = datetime.datetime(2099, 12, 15, 18, tzinfo=ZoneInfo("Africa/Dakar"))
    meeting = upcoming(registration_deadline=deadline, time_zone="Africa/Dakar")
    meeting.start_date = meeting.end_date = D(2099, 12, 20)
    assert strip_tags(status_line(meeting)) == (
        "Registration open until 15 December 2099, 18:00 Dakar time (UTC+0)"
    )
    assert strip_tags(status_line(meeting, "fr")) == (
        "Inscriptions ouvertes jusqu\u2019au 15 décembre 2099, 18 h 00, "
        "heure de Dakar (UTC+0)"
    )


def test_status_line_without_a_venue_zone_reads_the_portals():
    deadline = datetime.datetime(2099, 7, 1, 10, tzinfo=datetime.UTC)
    meeting = upcoming(registration_deadline=deadline)
    meeting.start_date = meeting.end_date = D(2099, 7, 20)
    assert strip_tags(status_line(meeting)) == (
        "Registration open until 1 July 2099, 12:00 Brussels time (UTC+2)"
    )


def test_status_line_closed_none_cancelled_and_past():
    past_deadline = timezone.now() - datetime.timedelta(days=1)
    closed = upcoming(registration_deadline=past_deadline, time_zone="Africa/Dakar")
    assert strip_tags(status_line(closed)).startswith("Registration closed on ")
    assert "Dakar time (UTC+0)" in status_line(closed)
    assert strip_tags(status_line(upcoming())) == "No registration on the portal"
    assert strip_tags(status_line(upcoming(), "fr")) == (
        "Pas d\u2019inscription sur le portail"
    )
    cancelled = upcoming(
        registration_deadline=timezone.now() + datetime.timedelta(days=5)
    )
    cancelled.status = MeetingStatus.CANCELLED
    assert "cancelled" in status_line(cancelled)
    over = upcoming()
    over.start_date = over.end_date = D(2013, 9, 11)
    assert status_line(over) == ""


@pytest.mark.django_db
def test_list_shows_each_upcoming_meetings_status_without_more_queries(client):
    deadline = timezone.now() + datetime.timedelta(days=10)

    def make_meetings(count):
        for _number in range(count):
            MeetingFactory(registration_deadline=deadline, time_zone="Africa/Dakar")

    make_meetings(2)
    page = text(client.get(list_url()))
    assert page.count("Registration open until") == 2
    assert "Dakar time (UTC+0)" in page
    assert_queries_constant(client, list_url(), grow=lambda: make_meetings(20))
