"""Meetings as iCalendar (RFC 5545, with the RFC 7986 calendar properties).

One meeting's file ("Add to my calendar") and the subscribable feeds are
built here, in the active language; the views only choose the meetings.

What a calendar program relies on, and how it is kept:

- UID: `meeting-<pk>@<host of SITE_URL>`, the same in both languages and after
  any edit, so that a re-import or a feed refresh updates the event instead of
  adding a copy.
- DTSTAMP and LAST-MODIFIED: the meeting's last change, so the same data always
  gives the same bytes (reproducible output, stable ETags); SEQUENCE: the
  meeting's revision, raised when its dates or status change.
- A meeting without times is an all-day event (DTEND exclusive, the day after
  the last). With times, the local times at the venue carry a TZID (the time
  zone as the Secretariat entered it, never replaced by an "equivalent" one
  such as UTC for Africa/Dakar) and the calendar holds a VTIMEZONE for each
  zone used. When only the start time is known, the event ends at midnight
  closing the last day, local time: the meeting does run through its last
  day, and an invented closing hour would be a claim nobody made (an event
  without DTEND would last zero minutes and show on the first day only).
- A cancelled meeting stays, marked STATUS:CANCELLED and "Cancelled:" in its
  title (several calendar programs show subscribed events whatever their
  status), so subscribers see the cancellation rather than a silent deletion.
"""

import datetime
import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

from meetings.models import Meeting, MeetingFormat, MeetingStatus

PRODID = "-//Rabat Process//Meetings calendar//EN"
# How often subscribed calendar programs should fetch the feed again.
FEED_REFRESH_INTERVAL = datetime.timedelta(hours=12)
# The span of the VTIMEZONE rules: from the dialogue's first year (2006) to
# icalendar's default end, or beyond if a meeting is later.
TIMEZONE_FIRST_DATE = datetime.date(2006, 1, 1)
TIMEZONE_LAST_DATE = Timezone.DEFAULT_LAST_DATE
ONE_DAY = datetime.timedelta(days=1)

EVENT_STATUS = {
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{urlsplit(settings.SITE_URL).hostname}"


def meeting_url(meeting: Meeting) -> str:
    """The meeting page's absolute address, in the active language."""
    return settings.SITE_URL + meeting.get_absolute_url()


def meeting_calendar(meeting: Meeting) -> Calendar:
    """A calendar holding the one meeting, to download and import."""
    return _calendar([meeting])


def meetings_feed(meetings, *, name: str, source: str) -> Calendar:
    """A calendar to subscribe to, named `name`, refreshed from `source`.

    `meetings` need their host country selected and themes prefetched.
    """
    calendar = _calendar(meetings)
    calendar.calendar_name = name
    calendar.source = source
    calendar.refresh_interval = FEED_REFRESH_INTERVAL
    # The refresh interval as Microsoft Outlook reads it.
    calendar.add("X-PUBLISHED-TTL", vDuration(FEED_REFRESH_INTERVAL))
    return calendar


def meeting_event(meeting: Meeting) -> Event:
    title = meeting.title
    if meeting.is_cancelled:
        title = _("Cancelled: %(title)s") % {"title": title}
    url = meeting_url(meeting)
    event = Event.new(
        uid=meeting_uid(meeting),
        stamp=meeting.updated_at,
        created=meeting.created_at,
        last_modified=meeting.updated_at,
        sequence=meeting.sequence,
        status=EVENT_STATUS.get(meeting.status, "TENTATIVE"),
        summary=title,
        location=_location(meeting) or None,
        description="\n\n".join(part for part in (meeting.summary, url) if part),
        url=url,
        categories=[
            meeting.get_meeting_type_display(),
            *(theme.title for theme in meeting.themes.all()),
        ],
    )
    if meeting.is_cancelled:
        # A cancelled meeting no longer makes anyone busy.
        event.add("TRANSP", "TRANSPARENT")
    if meeting.has_times:
        # Local times with the zone's name as the Secretariat entered it.
        zone = {"TZID": meeting.time_zone}
        event.add("DTSTART", _local(meeting.start_date, meeting.start_time), zone)
        if meeting.end_time:
            end = _local(meeting.end_date, meeting.end_time)
        else:
            end = _local(meeting.end_date + ONE_DAY)
        event.add("DTEND", end, zone)
    else:
        event.add("DTSTART", meeting.start_date)
        event.add("DTEND", meeting.end_date + ONE_DAY)
    return event


def _calendar(meetings) -> Calendar:
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    calendar.calscale = "GREGORIAN"
    meetings = list(meetings)
    events = [meeting_event(meeting) for meeting in meetings]
    timed = [meeting for meeting in meetings if meeting.has_times]
    if timed:
        # Each zone's rules over the whole life of the dialogue, whatever the
        # meetings in this file: calendar programs may keep the first
        # definition they see for a TZID and reuse it for other events.
        first_date = min(TIMEZONE_FIRST_DATE, *(m.start_date for m in timed))
        # An event may end at midnight after its last day.
        last_date = max(TIMEZONE_LAST_DATE, *(m.end_date + ONE_DAY for m in timed))
        # Sorted, so that the same meetings always give the same bytes.
        for time_zone in sorted({meeting.time_zone for meeting in timed}):
            calendar.add_component(
                _vtimezone(time_zone, first_date=first_date, last_date=last_date)
            )
    for event in events:
        calendar.add_component(event)
    return calendar


class _Timezone(Timezone):
    """icalendar looks for a zone's changes in steps of 64 days first, and so
    misses shorter periods: Morocco's month at UTC for Ramadan, in years at
    UTC+1, came out an hour wrong. No period of the time zone database since
    2006 lasts less than 21 days (Egypt, 2010), so steps of 16 days miss none."""

    _from_tzinfo_skip_search = [
        step
        for step in Timezone._from_tzinfo_skip_search
        if step <= datetime.timedelta(days=16)
    ]


@functools.lru_cache(maxsize=64)
def _vtimezone(
    time_zone: str, *, first_date: datetime.date, last_date: datetime.date
) -> Timezone:
    """The zone's VTIMEZONE, its changes as dates (zones such as Morocco's
    follow no yearly rule), one RDATE line per date: vobject, for one, reads
    only the first date of a comma-separated list.

    Cached, as a zone without changes takes a twentieth of a second to build;
    calendars share the component and never change it.
    """
    vtimezone = _Timezone.from_tzid(
        time_zone, first_date=first_date, last_date=last_date
    )
    for observance in vtimezone.subcomponents:
        changes = observance.pop("RDATE", None)
        for change in changes.dts if changes else ():
            observance.add("RDATE", change.dt)
    return vtimezone


def _local(day: datetime.date, time: datetime.time = datetime.time()):
    """A floating date-time: its TZID parameter says where it is local."""
    return datetime.datetime.combine(day, time)


def _location(meeting: Meeting) -> str:
    country = meeting.host_country.name if meeting.host_country else ""
    parts = [part for part in (meeting.venue, meeting.city, country) if part]
    if not parts and meeting.format == MeetingFormat.ONLINE:
        return str(MeetingFormat.ONLINE.label)
    return ", ".join(parts)
