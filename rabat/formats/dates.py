"""Dates, times and date ranges as each language writes them.

French: "du 25 au 26 décembre 2026", "du 30 novembre au 2 décembre 2026",
"du 30 décembre 2026 au 2 janvier 2027", "le 1er décembre 2026", "18 h 00".
English: "25-26 December 2026", "30 November - 2 December 2026",
"30 December 2026 - 2 January 2027" (with en dashes), "25 December 2026",
"18:00".

One place for these, used by the pages, the emails and the home page.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import get_language, pgettext

from rabat.timezones import zone_label

NBSP = "\u00a0"


def _is_french() -> bool:
    return (get_language() or "").split("-")[0] == "fr"


def _day(date: datetime.date) -> str:
    """The day of the month: "1er" in French, as French writes it."""
    return "1er" if _is_french() and date.day == 1 else str(date.day)


def _month(date: datetime.date) -> str:
    return formats.date_format(date, "F")


def day_month(date: datetime.date) -> str:
    """ "25 décembre" / "25 December"."""
    return f"{_day(date)} {_month(date)}"


def full_date(date: datetime.date) -> str:
    """ "1er décembre 2026" / "1 December 2026"."""
    return f"{day_month(date)} {date.year}"


def date_range(
    start: datetime.date, end: datetime.date | None = None, *, in_sentence=False
) -> str:
    """The days from `start` to `end`, as the active language writes them.

    A single day reads "25 décembre 2026" on its own (a list's line, a
    table's cell) and "le 25 décembre 2026" / "on 25 December 2026" inside a
    sentence (`in_sentence`); a range reads the same in both places.
    """
    end = end or start
    if end == start:
        text = full_date(start)
        if in_sentence:
            text = pgettext("on a day", "on %(date)s") % {"date": text}
        return text
    if _is_french():
        if (start.year, start.month) == (end.year, end.month):
            first = _day(start)
        elif start.year == end.year:
            first = day_month(start)
        else:
            first = full_date(start)
        return f"du {first} au {full_date(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{full_date(end)}"
    if start.year == end.year:
        return f"{day_month(start)} \u2013 {full_date(end)}"
    return f"{full_date(start)} \u2013 {full_date(end)}"


def time_of_day(time: datetime.time) -> str:
    """ "18 h 00", "9 h 30" / "18:00", "09:30"."""
    if _is_french():
        return f"{time.hour}{NBSP}h{NBSP}{time.minute:02d}"
    return time.strftime("%H:%M")


def time_range(start: datetime.time, end: datetime.time | None = None) -> str:
    if end is None:
        return time_of_day(start)
    if _is_french():
        return f"{time_of_day(start)} \u2013 {time_of_day(end)}"
    return f"{time_of_day(start)}\u2013{time_of_day(end)}"


def moment_in_zone(moment: datetime.datetime, zone_name: str) -> str:
    """An instant as people of the zone read it: "15 December 2026, 18:00
    Dakar time (UTC+0)" / "15 décembre 2026, 18 h 00, heure de Dakar (UTC+0)"."""
    local = moment.astimezone(ZoneInfo(zone_name))
    return pgettext("date, time and time zone", "%(date)s, %(time)s %(zone)s") % {
        "date": full_date(local.date()),
        "time": time_of_day(local.time()),
        "zone": zone_label(zone_name, moment),
    }
