"""The emails to the people registered for a meeting.

- `meeting_changed`: after the Secretariat edits a meeting, calendars learn of
  the new version (iCalendar SEQUENCE) and, when its dates, times or status
  changed, the registrants are told what changed;
- `participants_message_send`: a message of the Secretariat to a meeting's
  registrants.

Each email goes through the task queue, in its recipient's language.
"""

import datetime
import logging
from collections.abc import Collection, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from meetings.models import Meeting, MeetingStatus
from rabat.emails import queue_templated_email
from rabat.formats import dates
from rabat.timezones import zone_label

logger = logging.getLogger(__name__)

# Fields an iCalendar event shows: a change makes calendars update it.
CALENDAR_FIELDS = frozenset(
    {
        "title",
        "start_date",
        "end_date",
        "start_time",
        "end_time",
        "time_zone",
        "status",
        "venue",
        "city",
        "host_country",
    }
)
# When and whether the meeting takes place: a change is emailed to registrants.
SCHEDULE_FIELDS = ("start_date", "end_date", "start_time", "end_time", "time_zone")
NOTIFIED_FIELDS = frozenset({*SCHEDULE_FIELDS, "status"})


def meeting_registrants(*, meeting: Meeting, attending_only: bool = False):
    """The standing registrations of `meeting` whose registrant can be
    reached (active account), with their user."""
    registrations = meeting.registrations.all()
    registrations = (
        registrations.attending() if attending_only else registrations.active()
    )
    return registrations.filter(user__is_active=True).select_related("user")


@transaction.atomic
def meeting_changed(
    *,
    meeting: Meeting,
    changed_fields: Collection[str],
    previous: Mapping[str, Any],
) -> int:
    """Record that the Secretariat changed `meeting` (already saved).

    `changed_fields` are model field names; `previous` holds the values the
    fields of NOTIFIED_FIELDS had before. The calendar revision goes up if
    the event's calendar entry changed; registrants are emailed (on commit)
    if its dates, times or status did. Returns how many will be emailed.
    """
    changed = set(changed_fields)
    if changed & CALENDAR_FIELDS:
        Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
        meeting.refresh_from_db(fields=["sequence"])
    if not changed & NOTIFIED_FIELDS:
        return 0
    before = Meeting(
        **{name: previous.get(name, getattr(meeting, name)) for name in NOTIFIED_FIELDS}
    )
    schedule_changed = bool(changed & set(SCHEDULE_FIELDS))
    status_changed = "status" in changed
    count = 0
    for registration in meeting_registrants(meeting=meeting):
        user = registration.user
        with translation.override(user.preferred_language):
            context = {
                "user": user,
                "title": meeting.title,
                "url": settings.SITE_URL + meeting.get_absolute_url(),
                "is_cancelled": meeting.is_cancelled,
                "schedule_changed": schedule_changed,
                "schedule_before": meeting_schedule(before),
                "schedule_after": meeting_schedule(meeting),
                "status_changed": status_changed,
                "status_before": MeetingStatus(before.status).label,
                "status_after": MeetingStatus(meeting.status).label,
            }
        queue_templated_email(
            template="meetings/email/meeting_changed",
            context=context,
            to=user.email,
            language=user.preferred_language,
        )
        count += 1
    logger.info(
        "Meeting %s changed (%s): %s registrant(s) notified",
        meeting.pk,
        ", ".join(sorted(changed & NOTIFIED_FIELDS)),
        count,
    )
    return count


def meeting_schedule(meeting: Meeting) -> str:
    """When `meeting` takes place, in words of the active language: its days
    as the language writes a range ("du 11 au 12 septembre 2031"), or with
    its times, in the venue's zone ("Dakar time (UTC+0)")."""
    if not (meeting.start_time or meeting.end_time):
        return dates.date_range(meeting.start_date, meeting.end_date)
    start = _moment(meeting.start_date, meeting.start_time)
    if meeting.end_date != meeting.start_date:
        end = _moment(meeting.end_date, meeting.end_time)
    elif meeting.end_time:
        end = dates.time_of_day(meeting.end_time)
    else:
        end = ""
    when = _("%(start)s to %(end)s") % {"start": start, "end": end} if end else start
    if meeting.time_zone:
        start_moment = datetime.datetime.combine(
            meeting.start_date, meeting.start_time or datetime.time(12)
        )
        when = _("%(when)s, %(zone)s") % {
            "when": when,
            "zone": zone_label(meeting.time_zone, start_moment),
        }
    return when


def _moment(day: datetime.date, time: datetime.time | None) -> str:
    if time is None:
        return dates.full_date(day)
    return _("%(date)s, %(time)s") % {
        "date": dates.full_date(day),
        "time": dates.time_of_day(time),
    }


def participants_message_send(
    *,
    meeting: Meeting,
    subjects: Mapping[str, str],
    messages: Mapping[str, str],
    attending_only: bool,
) -> int:
    """Email the Secretariat's message to the registrants of `meeting`.

    `subjects` and `messages` are by language code; each registrant gets the
    version in their language, or the other one when it is missing. Returns
    the number of emails queued (sent on commit).
    """
    versions = {
        language: (subjects[language], messages[language])
        for language, _name in settings.LANGUAGES
        if subjects.get(language) and messages.get(language)
    }
    if not versions:
        raise ValueError("The message needs a subject and a text in one language.")
    count = 0
    for registration in meeting_registrants(
        meeting=meeting, attending_only=attending_only
    ):
        user = registration.user
        language = user.preferred_language
        subject, message = versions.get(language) or next(iter(versions.values()))
        with translation.override(language):
            context = {
                "user": user,
                "title": meeting.title,
                "url": settings.SITE_URL + meeting.get_absolute_url(),
                "subject": subject,
                "message": message,
            }
        queue_templated_email(
            template="meetings/email/participants_message",
            context=context,
            to=user.email,
            language=language,
        )
        count += 1
    logger.info(
        "Message to the %s of meeting %s: %s email(s)",
        "attending registrants" if attending_only else "registrants",
        meeting.pk,
        count,
    )
    return count
