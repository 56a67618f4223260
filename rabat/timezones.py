"""Time zones as people say them: "Dakar time (UTC+0)", "heure de Dakar
(UTC+0)", rather than "Africa/Dakar" or "GMT".

The city comes from the zone's name (`Africa/Dakar` -> Dakar), in French
where the French name differs (Bruxelles, Lisbonne, Le Caire...); the offset
is the one in force at the given moment, so that a meeting in Madrid reads
UTC+1 in winter and UTC+2 in summer.
"""

import datetime
import unicodedata
from zoneinfo import ZoneInfo, available_timezones

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

# The regions of the dialogue's partners: Africa, Europe and their islands.
REGIONS = ("Africa/", "Europe/", "Atlantic/")
# Old names kept by the time zone database for another zone (or a zone far
# from the partners): not offered, though a meeting may still carry one.
NOT_OFFERED = frozenset(
    {
        "Africa/Asmera",
        "Africa/Timbuktu",
        "Atlantic/Bermuda",
        "Atlantic/Faeroe",
        "Atlantic/Jan_Mayen",
        "Atlantic/South_Georgia",
        "Atlantic/Stanley",
        "Europe/Belfast",
        "Europe/Kiev",
        "Europe/Nicosia",
        "Europe/Tiraspol",
        "Europe/Uzhgorod",
        "Europe/Zaporozhye",
    }
)
UTC = "UTC"

# Where the zone's name is not the place as English writes it.
ENGLISH_NAMES = {
    "Africa/El_Aaiun": "Laayoune",
    "Africa/Lome": "Lomé",
    "Africa/Ndjamena": "N\u2019Djamena",
    "Africa/Sao_Tome": "São Tomé",
    "Atlantic/Canary": "Canary Islands",
    "Atlantic/Cape_Verde": "Cabo Verde",
    "Atlantic/Faroe": "Faroe Islands",
    "Europe/Busingen": "Büsingen",
    "Europe/Chisinau": "Chișinău",
    "Europe/Tirane": "Tirana",
}

# Where French names the place otherwise, with its article if it has one.
FRENCH_NAMES = {
    "Africa/Addis_Ababa": "Addis-Abeba",
    "Africa/Algiers": "Alger",
    "Africa/Cairo": "Le Caire",
    "Africa/Dar_es_Salaam": "Dar es Salam",
    "Africa/El_Aaiun": "Laâyoune",
    "Africa/Khartoum": "Khartoum",
    "Africa/Lome": "Lomé",
    "Africa/Mogadishu": "Mogadiscio",
    "Africa/Ndjamena": "N\u2019Djaména",
    "Africa/Sao_Tome": "São Tomé",
    "Atlantic/Azores": "les Açores",
    "Atlantic/Canary": "les Canaries",
    "Atlantic/Cape_Verde": "le Cap-Vert",
    "Atlantic/Faroe": "les Féroé",
    "Atlantic/Madeira": "Madère",
    "Atlantic/St_Helena": "Sainte-Hélène",
    "Europe/Andorra": "Andorre",
    "Europe/Athens": "Athènes",
    "Europe/Brussels": "Bruxelles",
    "Europe/Bucharest": "Bucarest",
    "Europe/Busingen": "Büsingen",
    "Europe/Chisinau": "Chișinău",
    "Europe/Copenhagen": "Copenhague",
    "Europe/Gibraltar": "Gibraltar",
    "Europe/Guernsey": "Guernesey",
    "Europe/Isle_of_Man": "l\u2019île de Man",
    "Europe/Lisbon": "Lisbonne",
    "Europe/Ljubljana": "Ljubljana",
    "Europe/London": "Londres",
    "Europe/Malta": "Malte",
    "Europe/Moscow": "Moscou",
    "Europe/Prague": "Prague",
    "Europe/Skopje": "Skopje",
    "Europe/Tirane": "Tirana",
    "Europe/Vatican": "le Vatican",
    "Europe/Vienna": "Vienne",
    "Europe/Warsaw": "Varsovie",
}

VOWELS = "AEIOUYÂÉÈÊÎÔÛH"


def _now() -> datetime.datetime:
    return timezone.now()


def _is_french() -> bool:
    return (get_language() or "").split("-")[0] == "fr"


def place_name(zone_name: str) -> str:
    """The place a zone is named after, in the active language."""
    if zone_name == UTC:
        return UTC
    if _is_french() and zone_name in FRENCH_NAMES:
        return FRENCH_NAMES[zone_name]
    if zone_name in ENGLISH_NAMES:
        return ENGLISH_NAMES[zone_name]
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def _french_of(place: str) -> str:
    """French "of" the place: de Dakar, d'Alger, du Caire, des Canaries."""
    if place.startswith(("Le ", "le ")):
        return f"du {place[3:]}"
    if place.startswith(("Les ", "les ")):
        return f"des {place[4:]}"
    if place.startswith(("La ", "la ", "l\u2019", "L\u2019")):
        return f"de {place[0].lower()}{place[1:]}"
    if unicodedata.normalize("NFD", place[0].upper())[0] in VOWELS:
        return f"d\u2019{place}"
    return f"de {place}"


def utc_offset(zone_name: str, at: datetime.datetime | None = None) -> str:
    """UTC+0, UTC+1, UTC-1 (with a minus sign), UTC+5:30: the offset at `at`."""
    at = at or _now()
    if timezone.is_naive(at):
        at = at.replace(tzinfo=ZoneInfo(zone_name))
    offset = at.astimezone(ZoneInfo(zone_name)).utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "\u2212"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def zone_label(zone_name: str, at: datetime.datetime | None = None) -> str:
    """The zone as people say it at `at` (now by default): "Dakar time
    (UTC+0)" / "heure de Dakar (UTC+0)". A naive `at` is a local time of the
    zone (a meeting's start), an aware one any moment."""
    offset = utc_offset(zone_name, at)
    if zone_name == UTC:
        return UTC
    place = place_name(zone_name)
    if _is_french():
        place = _french_of(place)
    # Translators: the time of a place. In French the place comes with its
    # preposition ("de Dakar", "du Caire"): "heure %(place)s (%(offset)s)".
    return _("%(place)s time (%(offset)s)") % {"place": place, "offset": offset}


def _sort_key(label: str) -> str:
    """Alphabetical order that ignores accents and French articles."""
    for article in ("le ", "la ", "les ", "l\u2019"):
        if label.lower().startswith(article):
            label = label[len(article) :]
    ascii_label = unicodedata.normalize("NFD", label).encode("ascii", "ignore")
    return ascii_label.decode().lower()


def _choice(zone_name: str, at: datetime.datetime) -> tuple[str, str]:
    if zone_name == UTC:
        return UTC, pgettext("time zone choice", "UTC (universal time)")
    label = pgettext("time zone choice", "%(place)s — %(offset)s (%(zone)s)") % {
        "place": capfirst(place_name(zone_name)),
        "offset": utc_offset(zone_name, at),
        "zone": zone_name,
    }
    return zone_name, label


def offered_zones() -> list[str]:
    return sorted(
        zone
        for zone in available_timezones()
        if zone.startswith(REGIONS) and zone not in NOT_OFFERED
    )


def timezone_choices(
    current: str = "", at: datetime.datetime | None = None
) -> list[tuple]:
    """Choices for a time-zone chooser: an empty choice, UTC, then the zones
    of Africa, Europe and the Atlantic islands grouped by region, each by its
    place ("Dakar — UTC+0 (Africa/Dakar)"), in alphabetical order. `current`,
    a zone already stored that is not among them, stays a choice."""
    at = at or _now()
    groups = {
        "Africa/": (_("Africa"), []),
        "Europe/": (_("Europe"), []),
        "Atlantic/": (_("Atlantic islands"), []),
    }
    for zone in offered_zones():
        groups[zone.split("/")[0] + "/"][1].append(_choice(zone, at))
    choices = [("", "---------"), _choice(UTC, at)]
    for name, zone_choices in groups.values():
        zone_choices.sort(key=lambda choice: _sort_key(choice[1]))
        choices.append((name, zone_choices))
    offered = {UTC, *offered_zones()}
    if current and current not in offered:
        choices.append((pgettext("time zones", "Other"), [_choice(current, at)]))
    return choices
