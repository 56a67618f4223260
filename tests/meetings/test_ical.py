"""The meetings as iCalendar, read back by two independent parsers."""

import datetime

import icalendar
import pytest
import vobject
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting, MeetingFormat, MeetingStatus
from tests.factories import CountryFactory, ThemeFactory
from tests.meetings.factories import MeetingFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

SITE_URL = "https://www.processusderabat.net"
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


def ics_url(meeting, language="en"):
    with translation.override(language):
        return reverse("meetings:ics", kwargs={"slug": meeting.slug})


def feed_url(language="en"):
    with translation.override(language):
        return reverse("meetings:feed")


def theme_feed_url(theme, language="en"):
    with translation.override(language):
        return reverse("meetings:theme_feed", kwargs={"theme": theme.slug})


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def parse(response):
    """The calendar read by `icalendar` and by `vobject`."""
    text = response.content.decode("utf-8")
    (by_vobject,) = list(vobject.readComponents(text))
    return icalendar.Calendar.from_ical(text), by_vobject


def events_of(response):
    """The events of a calendar, by UID, as each library reads them."""
    calendar, by_vobject = parse(response)
    by_icalendar = {str(event["UID"]): event for event in calendar.events}
    vevents = getattr(by_vobject, "vevent_list", [])
    assert [event.uid.value for event in vevents] == list(by_icalendar)
    return by_icalendar, {event.uid.value: event for event in vevents}


def only_event(response):
    by_icalendar, by_vobject = events_of(response)
    (uid,) = by_icalendar
    return by_icalendar[uid], by_vobject[uid]


def vtimezone_instant(calendar, prop):
    """A vobject date-time in UTC through the calendar's own VTIMEZONE for its
    TZID (vobject otherwise reuses the first definition a process saw)."""
    (tzid,) = prop.params["X-VOBJ-ORIGINAL-TZID"]
    (zone,) = [zone for zone in calendar.vtimezone_list if zone.tzid.value == tzid]
    return prop.value.replace(tzinfo=zone.gettzinfo()).astimezone(UTC)


def utc_instants(response):
    """The only event's DTSTART and DTEND in UTC, per icalendar (which reads
    the TZID with its time zone database) then per vobject (with the VTIMEZONE
    the calendar holds)."""
    event, vevent = only_event(response)
    _, by_vobject = parse(response)
    return (
        (event.start.astimezone(UTC), event.end.astimezone(UTC)),
        (
            vtimezone_instant(by_vobject, vevent.dtstart),
            vtimezone_instant(by_vobject, vevent.dtend),
        ),
    )


def timed_meeting(time_zone, day, start, end=None):
    return MeetingFactory(
        start_date=day,
        end_date=day,
        start_time=start,
        end_time=end,
        time_zone=time_zone,
    )


# --- The calendar ---------------------------------------------------------------


def test_meeting_calendar_is_a_valid_icalendar_file(client):
    meeting = MeetingFactory()
    calendar, by_vobject = parse(download(client, ics_url(meeting)))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Rabat Process//Meetings calendar//EN"
    assert by_vobject.version.value == "2.0"
    assert by_vobject.prodid.value == "-//Rabat Process//Meetings calendar//EN"
    (event,) = calendar.events
    expected_stamp = meeting.updated_at.astimezone(UTC).replace(microsecond=0)
    assert event.stamp == expected_stamp
    assert event.last_modified == expected_stamp
    assert event.created == meeting.created_at.astimezone(UTC).replace(microsecond=0)
    (vevent,) = by_vobject.vevent_list
    assert vevent.dtstamp.value == expected_stamp


def test_meeting_calendar_is_downloaded_as_a_file(client):
    meeting = MeetingFactory(slug="dakar-2013")
    response = download(client, ics_url(meeting))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="dakar-2013.ics"'


def test_meeting_calendar_does_not_name_a_calendar(client):
    # Some programs would create a new calendar for one imported meeting.
    calendar, _ = parse(download(client, ics_url(MeetingFactory())))
    assert "X-WR-CALNAME" not in calendar
    assert "NAME" not in calendar


def test_unpublished_or_unknown_meeting_has_no_calendar(client):
    meeting = MeetingFactory(is_published=False)
    assert client.get(ics_url(meeting)).status_code == 404
    assert client.get(ics_url(Meeting(slug="no-such-meeting"))).status_code == 404


def test_same_data_gives_the_same_bytes(client):
    meeting = timed_meeting(
        "Europe/Madrid", datetime.date(2013, 11, 5), datetime.time(9)
    )
    timed_meeting("Africa/Dakar", datetime.date(2013, 9, 11), datetime.time(9))
    assert (
        download(client, ics_url(meeting)).content
        == download(client, ics_url(meeting)).content
    )
    assert download(client, feed_url()).content == download(client, feed_url()).content


# --- Identity and revisions -------------------------------------------------------


def test_uid_is_stable_across_downloads_languages_and_edits(client):
    meeting = MeetingFactory()
    expected = f"meeting-{meeting.pk}@www.processusderabat.net"
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert event["UID"] == vevent.uid.value == expected
    again, _ = only_event(download(client, ics_url(meeting)))
    in_french, _ = only_event(download(client, ics_url(meeting, "fr")))
    meeting.title_en = "Renamed meeting"
    meeting.save()
    edited, _ = only_event(download(client, ics_url(meeting)))
    assert edited["SUMMARY"] == "Renamed meeting"
    assert again["UID"] == in_french["UID"] == edited["UID"] == expected


def test_feed_uses_the_same_uid_as_the_meeting_file(client):
    meeting = MeetingFactory()
    by_icalendar, _ = events_of(download(client, feed_url("fr")))
    assert list(by_icalendar) == [f"meeting-{meeting.pk}@www.processusderabat.net"]


def test_sequence_follows_the_meetings_revision(client):
    meeting = MeetingFactory()
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert event.sequence == 0
    Meeting.objects.filter(pk=meeting.pk).update(sequence=3)
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert event.sequence == 3
    assert vevent.sequence.value == "3"


def test_dtstamp_follows_the_last_change(client):
    meeting = MeetingFactory()
    changed = datetime.datetime(2024, 2, 3, 10, 20, 30, tzinfo=UTC)
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=changed)
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert event.stamp == event.last_modified == changed
    assert vevent.dtstamp.value == changed


# --- Dates, times and time zones ------------------------------------------------------


def test_meeting_without_times_is_an_all_day_event_ending_the_day_after(client):
    meeting = MeetingFactory(
        start_date=datetime.date(2013, 9, 11), end_date=datetime.date(2013, 9, 12)
    )
    response = download(client, ics_url(meeting))
    event, vevent = only_event(response)
    assert event.start == vevent.dtstart.value == datetime.date(2013, 9, 11)
    # DTEND is exclusive: the day after the last day.
    assert event.end == vevent.dtend.value == datetime.date(2013, 9, 13)
    assert not isinstance(event.start, datetime.datetime)
    assert not isinstance(vevent.dtstart.value, datetime.datetime)
    assert b"DTSTART;VALUE=DATE:20130911\r\n" in response.content
    calendar, _ = parse(response)
    assert calendar.timezones == []


@pytest.mark.parametrize(
    ("time_zone", "day", "utc_start"),
    [
        # Central European Time in November, summer time in July.
        ("Europe/Madrid", datetime.date(2013, 11, 5), datetime.time(8)),
        ("Europe/Madrid", datetime.date(2014, 7, 1), datetime.time(7)),
        # Morocco follows no yearly rule: UTC+1, but UTC during Ramadan.
        ("Africa/Casablanca", datetime.date(2019, 5, 15), datetime.time(9)),
        ("Africa/Casablanca", datetime.date(2019, 7, 1), datetime.time(8)),
    ],
)
def test_timed_meeting_comes_out_at_the_right_instant(
    client, time_zone, day, utc_start
):
    meeting = timed_meeting(time_zone, day, datetime.time(9), datetime.time(17, 30))
    response = download(client, ics_url(meeting))
    event, vevent = only_event(response)
    assert event["DTSTART"].params["TZID"] == time_zone
    assert vevent.dtstart.params["X-VOBJ-ORIGINAL-TZID"] == [time_zone]
    assert f"DTSTART;TZID={time_zone}:{day:%Y%m%d}T090000\r\n".encode() in (
        response.content
    )
    start = datetime.datetime.combine(day, utc_start, UTC)
    expected = (start, start + datetime.timedelta(hours=8, minutes=30))
    assert utc_instants(response) == (expected, expected)
    calendar, by_vobject = parse(response)
    assert [timezone.tz_name for timezone in calendar.timezones] == [time_zone]
    assert [zone.tzid.value for zone in by_vobject.vtimezone_list] == [time_zone]


def test_timed_meeting_in_dakar_keeps_its_time_zone(client):
    # Africa/Dakar is UTC all year: it must still come out as Africa/Dakar.
    meeting = timed_meeting(
        "Africa/Dakar",
        datetime.date(2013, 9, 11),
        datetime.time(9),
        datetime.time(17),
    )
    response = download(client, ics_url(meeting))
    assert b"DTSTART;TZID=Africa/Dakar:20130911T090000\r\n" in response.content
    assert b"DTEND;TZID=Africa/Dakar:20130911T170000\r\n" in response.content
    expected = (
        datetime.datetime(2013, 9, 11, 9, tzinfo=UTC),
        datetime.datetime(2013, 9, 11, 17, tzinfo=UTC),
    )
    assert utc_instants(response) == (expected, expected)
    calendar, by_vobject = parse(response)
    assert [timezone.tz_name for timezone in calendar.timezones] == ["Africa/Dakar"]
    assert [zone.tzid.value for zone in by_vobject.vtimezone_list] == ["Africa/Dakar"]


def test_feed_holds_a_vtimezone_for_each_zone_used(client):
    dakar = timed_meeting("Africa/Dakar", datetime.date(2013, 9, 11), datetime.time(9))
    madrid_autumn = timed_meeting(
        "Europe/Madrid", datetime.date(2013, 11, 5), datetime.time(9)
    )
    madrid_summer = timed_meeting(
        "Europe/Madrid", datetime.date(2014, 7, 1), datetime.time(9)
    )
    MeetingFactory(start_date=datetime.date(2014, 3, 20))
    response = download(client, feed_url())
    calendar, by_vobject = parse(response)
    assert sorted(timezone.tz_name for timezone in calendar.timezones) == [
        "Africa/Dakar",
        "Europe/Madrid",
    ]
    assert sorted(zone.tzid.value for zone in by_vobject.vtimezone_list) == [
        "Africa/Dakar",
        "Europe/Madrid",
    ]
    by_icalendar, vevents = events_of(response)
    starts = {
        meeting: datetime.datetime.combine(meeting.start_date, utc_start, UTC)
        for meeting, utc_start in [
            (dakar, datetime.time(9)),
            (madrid_autumn, datetime.time(8)),
            (madrid_summer, datetime.time(7)),
        ]
    }
    for meeting, expected in starts.items():
        uid = f"meeting-{meeting.pk}@www.processusderabat.net"
        assert by_icalendar[uid].start.astimezone(UTC) == expected
        assert vtimezone_instant(by_vobject, vevents[uid].dtstart) == expected


def test_meeting_with_only_a_start_time_runs_to_the_end_of_its_last_day(client):
    meeting = MeetingFactory(
        start_date=datetime.date(2013, 11, 5),
        end_date=datetime.date(2013, 11, 6),
        start_time=datetime.time(9),
        time_zone="Europe/Madrid",
    )
    response = download(client, ics_url(meeting))
    assert b"DTEND;TZID=Europe/Madrid:20131107T000000\r\n" in response.content
    # Midnight in Madrid (CET) is 23:00 UTC on the last day.
    expected = (
        datetime.datetime(2013, 11, 5, 8, tzinfo=UTC),
        datetime.datetime(2013, 11, 6, 23, tzinfo=UTC),
    )
    assert utc_instants(response) == (expected, expected)


def test_multi_day_timed_meeting_spans_from_first_to_last_day(client):
    meeting = MeetingFactory(
        start_date=datetime.date(2014, 3, 20),
        end_date=datetime.date(2014, 3, 21),
        start_time=datetime.time(14),
        end_time=datetime.time(13),
        time_zone="Africa/Dakar",
    )
    response = download(client, ics_url(meeting))
    expected = (
        datetime.datetime(2014, 3, 20, 14, tzinfo=UTC),
        datetime.datetime(2014, 3, 21, 13, tzinfo=UTC),
    )
    assert utc_instants(response) == (expected, expected)


# --- Status --------------------------------------------------------------------------


def test_cancelled_meeting_is_marked_cancelled(client):
    meeting = MeetingFactory(title_en="Meeting in Madrid", status="cancelled")
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert event["STATUS"] == vevent.status.value == "CANCELLED"
    assert event["SUMMARY"] == vevent.summary.value == "Cancelled: Meeting in Madrid"
    assert event["TRANSP"] == "TRANSPARENT"


def test_cancelled_meeting_stays_in_the_feed(client):
    meeting = MeetingFactory()
    before, _ = only_event(download(client, feed_url()))
    assert before["STATUS"] == "TENTATIVE"
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save()
    after, vevent = only_event(download(client, feed_url()))
    assert after["UID"] == before["UID"]
    assert after["STATUS"] == vevent.status.value == "CANCELLED"
    assert after.sequence == 1


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (MeetingStatus.PLANNED, "TENTATIVE"),
        (MeetingStatus.TO_BE_CONFIRMED, "TENTATIVE"),
        (MeetingStatus.POSTPONED, "TENTATIVE"),
        (MeetingStatus.CONFIRMED, "CONFIRMED"),
        (MeetingStatus.HELD, "CONFIRMED"),
    ],
)
def test_event_status_follows_the_meeting_status(client, status, expected):
    meeting = MeetingFactory(status=status)
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert event["STATUS"] == vevent.status.value == expected
    assert event["SUMMARY"] == meeting.title_en
    assert "TRANSP" not in event


# --- Texts ---------------------------------------------------------------------------


def bilingual_meeting(**fields):
    return MeetingFactory(
        slug="madrid-2013",
        title_fr="Réunion sur la gestion des frontières",
        title_en="Meeting on border management",
        venue_fr="Ministère de l'Intérieur",
        venue_en="Ministry of the Interior",
        city_fr="Madrid",
        city_en="Madrid",
        host_country=CountryFactory(iso_code="ES", name_fr="Espagne", name_en="Spain"),
        summary_fr="Les experts comparent leurs pratiques.",
        summary_en="Experts compare their practices.",
        **fields,
    )


@pytest.mark.parametrize(
    ("language", "summary", "location", "description"),
    [
        (
            "en",
            "Meeting on border management",
            "Ministry of the Interior, Madrid, Spain",
            "Experts compare their practices.",
        ),
        (
            "fr",
            "Réunion sur la gestion des frontières",
            "Ministère de l'Intérieur, Madrid, Espagne",
            "Les experts comparent leurs pratiques.",
        ),
    ],
)
def test_texts_are_in_the_language_of_the_address(
    client, language, summary, location, description
):
    meeting = bilingual_meeting()
    page = f"{SITE_URL}/{language}/meetings/madrid-2013/"
    for response in (
        download(client, ics_url(meeting, language)),
        download(client, feed_url(language)),
    ):
        event, vevent = only_event(response)
        assert event["SUMMARY"] == vevent.summary.value == summary
        assert event["LOCATION"] == vevent.location.value == location
        assert (
            event["DESCRIPTION"]
            == vevent.description.value
            == (f"{description}\n\n{page}")
        )
        assert event["URL"] == vevent.url.value == page
        assert response["Content-Language"] == language


def test_categories_hold_the_meeting_type_and_themes(client):
    theme = ThemeFactory(title_en="Border management")
    meeting = MeetingFactory(meeting_type="expert_workshop", themes=[theme])
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert event.categories == ["Expert workshop", "Border management"]
    assert vevent.categories.value == ["Expert workshop", "Border management"]


def test_online_meeting_without_a_place_is_located_online(client):
    meeting = MeetingFactory(
        format=MeetingFormat.ONLINE, city_fr="", city_en="", host_country=None
    )
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert event["LOCATION"] == vevent.location.value == "Online"


def test_meeting_without_a_known_place_has_no_location(client):
    meeting = MeetingFactory(city_fr="", city_en="", host_country=None)
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert "LOCATION" not in event
    assert "location" not in vevent.contents


def test_meeting_without_summary_describes_itself_by_its_address(client):
    meeting = MeetingFactory(slug="copil-2014", summary_fr="", summary_en="")
    event, vevent = only_event(download(client, ics_url(meeting)))
    assert (
        event["DESCRIPTION"]
        == vevent.description.value
        == (f"{SITE_URL}/en/meetings/copil-2014/")
    )


def test_accents_commas_and_semicolons_survive_escaping_and_folding(client):
    title = "Réunion thématique, Dakar; «test»"
    summary = "Évaluation, suivi; « données » " * 8 + "\\ fin"
    meeting = MeetingFactory(
        title_fr=title,
        summary_fr=summary,
        venue_fr="Hôtel Le Méridien, salle « Gorée »; 2e étage",
    )
    response = download(client, ics_url(meeting, "fr"))
    assert "SUMMARY:Réunion thématique\\, Dakar\\; «test»\r\n".encode() in (
        response.content
    )
    # Folded lines of at most 75 octets, never cut inside a character (the
    # whole body decodes as UTF-8).
    lines = response.content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    event, vevent = only_event(response)
    assert event["SUMMARY"] == vevent.summary.value == title
    assert vevent.description.value.startswith(summary + "\n\n")
    assert (
        event["LOCATION"]
        == vevent.location.value
        == "Hôtel Le Méridien, salle « Gorée »; 2e étage, Dakar, "
        + meeting.host_country.name_fr
    )


# --- Feeds ---------------------------------------------------------------------------


def test_feed_is_served_inline_to_subscribe_to(client):
    response = download(client, feed_url())
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in response
    calendar, by_vobject = parse(response)
    assert calendar.calendar_name == "Rabat Process meetings"
    assert calendar["X-WR-CALNAME"] == "Rabat Process meetings"
    assert by_vobject.x_wr_calname.value == "Rabat Process meetings"
    assert calendar.refresh_interval == datetime.timedelta(hours=12)
    assert calendar["X-PUBLISHED-TTL"] == by_vobject.x_published_ttl.value == "PT12H"
    assert calendar.source == f"{SITE_URL}/en/meetings/feed.ics"


def test_feed_holds_published_meetings_past_and_future_in_date_order(client):
    later = MeetingFactory()
    earlier = MeetingFactory(start_date=datetime.date(2013, 9, 11))
    MeetingFactory(is_published=False)
    by_icalendar, _ = events_of(download(client, feed_url()))
    assert list(by_icalendar) == [
        f"meeting-{earlier.pk}@www.processusderabat.net",
        f"meeting-{later.pk}@www.processusderabat.net",
    ]


def test_theme_feed_holds_only_that_themes_published_meetings(client):
    borders, profiles = ThemeFactory(title_en="Border management"), ThemeFactory()
    border_meeting = MeetingFactory(themes=[borders, profiles])
    MeetingFactory(themes=[profiles])
    MeetingFactory()
    MeetingFactory(themes=[borders], is_published=False)
    response = download(client, theme_feed_url(borders))
    by_icalendar, _ = events_of(response)
    assert list(by_icalendar) == [
        f"meeting-{border_meeting.pk}@www.processusderabat.net"
    ]
    calendar, by_vobject = parse(response)
    assert calendar.calendar_name == "Rabat Process meetings: Border management"
    assert by_vobject.x_wr_calname.value == "Rabat Process meetings: Border management"
    assert "Content-Disposition" not in response


def test_theme_feed_name_is_in_the_language_of_the_address(client):
    theme = ThemeFactory(title_fr="Gestion des frontières")
    calendar, _ = parse(download(client, theme_feed_url(theme, "fr")))
    assert "Gestion des frontières" in calendar.calendar_name


def test_theme_feed_of_an_unknown_theme_is_not_found(client):
    url = reverse("meetings:theme_feed", kwargs={"theme": "no-such-theme"})
    assert client.get(url).status_code == 404


def test_empty_feed_is_still_a_calendar(client):
    calendar, by_vobject = parse(download(client, feed_url()))
    assert calendar.events == []
    assert by_vobject.version.value == "2.0"


# --- HTTP caching -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ics", "feed", "theme_feed"])
def test_anonymous_calendars_may_be_cached_for_an_hour(client, name):
    meeting = MeetingFactory(themes=[ThemeFactory()])
    kwargs = {
        "ics": {"slug": meeting.slug},
        "feed": {},
        "theme_feed": {"theme": meeting.themes.get().slug},
    }[name]
    response = download(client, reverse(f"meetings:{name}", kwargs=kwargs))
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=3600"}
    assert not response.cookies


def test_members_calendars_are_not_stored(client_for):
    client = client_for("focal_point")
    response = download(client, ics_url(MeetingFactory()))
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_unchanged_feed_is_not_sent_again(client):
    meeting = MeetingFactory()
    response = download(client, feed_url())
    etag = response["ETag"]
    unchanged = client.get(feed_url(), headers={"if-none-match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    meeting.title_en = "A new title"
    meeting.save()
    changed = client.get(feed_url(), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert b"A new title" in changed.content


# --- Query budget --------------------------------------------------------------------


def test_feed_queries_do_not_grow_with_the_meetings(client):
    theme = ThemeFactory()

    def meetings(count):
        for number in range(count):
            MeetingFactory(
                themes=[theme, ThemeFactory()],
                start_time=datetime.time(9),
                time_zone=["Africa/Dakar", "Europe/Madrid"][number % 2],
            )

    meetings(2)
    assert_queries_constant(client, feed_url(), grow=lambda: meetings(20))
    assert_queries_constant(client, theme_feed_url(theme), grow=lambda: meetings(20))
