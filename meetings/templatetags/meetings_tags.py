"""How a meeting's dates, times, zone and registration deadline read
(rabat.formats.dates, rabat.timezones): `{% load meetings_tags %}`."""

import datetime

from django import template
from django.conf import settings

from rabat.formats import dates
from rabat.timezones import zone_label

register = template.Library()


def meeting_zone_name(meeting) -> str:
    """The venue's zone; the portal's own when the Secretariat gave none."""
    return meeting.time_zone or settings.TIME_ZONE


@register.simple_tag
def meeting_dates(meeting, in_sentence=False):
    """{% meeting_dates meeting %}: "du 25 au 26 décembre 2026"."""
    return dates.date_range(
        meeting.start_date, meeting.end_date, in_sentence=in_sentence
    )


@register.simple_tag
def meeting_zone(meeting):
    """{% meeting_zone meeting %}: "heure de Dakar (UTC+0)", the offset of
    the meeting's first day (at its start time, if known)."""
    start = datetime.datetime.combine(
        meeting.start_date, meeting.start_time or datetime.time(12)
    )
    return zone_label(meeting_zone_name(meeting), start)


@register.simple_tag
def meeting_deadline(meeting):
    """{% meeting_deadline meeting %}: "15 décembre 2026, 18 h 00, heure de
    Dakar (UTC+0)", the registration deadline at the venue."""
    return dates.moment_in_zone(
        meeting.registration_deadline, meeting_zone_name(meeting)
    )


@register.filter
def time_of_day(time):
    """{{ item.start_time|time_of_day }}: "9 h 00" / "09:00"."""
    return dates.time_of_day(time) if time else ""


@register.filter
def day_month(date):
    """{{ meeting.start_date|day_month }}: "1er décembre" / "1 December"."""
    return dates.day_month(date) if date else ""
