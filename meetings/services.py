"""Writes of the meetings calendar: the Secretariat's edits, members'
registrations."""

import logging
from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypedDict

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from contacts.models import Contact
from meetings.models import Delegate, Meeting, Registration, RegistrationStatus
from meetings.notifications import CALENDAR_FIELDS, meeting_changed
from rabat.emails import queue_templated_email
from rabat.models import User
from rabat.page_cache import public_pages_changed

logger = logging.getLogger(__name__)

DELEGATES_MAX = 10


class RegistrationError(Exception):
    """A registration that cannot be written; the message (translated) says why."""


class RegistrationClosed(RegistrationError):
    """The meeting takes no registration (any more): nothing was changed."""

    def __init__(self, meeting: Meeting):
        super().__init__(_("Registration for this meeting is closed."))
        self.meeting = meeting


class DelegateData(TypedDict):
    name: str
    function: str


@transaction.atomic
def meeting_edit_save(
    *,
    meeting: Meeting,
    changed_fields: Collection[str],
    previous: Mapping[str, Any],
) -> int:
    """Save the Secretariat's edit of an existing `meeting`, then tell the
    calendars and the registrants (meetings.notifications.meeting_changed) if
    its calendar entry changed. `changed_fields` are model field names,
    `previous` the values of NOTIFIED_FIELDS before the edit. Returns how many
    registrants will be emailed."""
    # The revision is only raised in the database (meeting_changed): an edit
    # does not write back the value it loaded, which another edit may have
    # raised since.
    meeting.save(
        update_fields=[
            field.name
            for field in Meeting._meta.concrete_fields
            if not field.primary_key and field.name != "sequence"
        ]
    )
    public_pages_changed()
    if not set(changed_fields) & CALENDAR_FIELDS:
        return 0
    return meeting_changed(
        meeting=meeting, changed_fields=changed_fields, previous=previous
    )


def _check_open(meeting: Meeting) -> None:
    if not (meeting.is_published and meeting.registration_is_open):
        raise RegistrationClosed(meeting)


def _check_delegates(*, status: str, delegates: Sequence[DelegateData]) -> None:
    if status not in (RegistrationStatus.ATTENDING, RegistrationStatus.NOT_ATTENDING):
        raise RegistrationError(_("Answer whether you will attend or not."))
    if status == RegistrationStatus.ATTENDING and not delegates:
        raise RegistrationError(
            _("Name at least one delegate, or answer that you will not attend.")
        )
    if len(delegates) > DELEGATES_MAX:
        raise RegistrationError(
            _("A delegation has at most %(max)s people.") % {"max": DELEGATES_MAX}
        )
    for delegate in delegates:
        if not (delegate["name"].strip() and delegate["function"].strip()):
            raise RegistrationError(_("Give each delegate's name and function."))


def _locked_registration(*, meeting: Meeting, user: User) -> Registration | None:
    return (
        Registration.objects.select_for_update()
        .filter(meeting=meeting, user=user)
        .first()
    )


@transaction.atomic
def registration_save(
    *,
    meeting: Meeting,
    user: User,
    status: str,
    notes: str,
    delegates: Sequence[DelegateData],
) -> Registration:
    """Record the member's answer to `meeting`, replacing their delegation
    (none is kept with a "not attending" answer).

    A cancelled registration is taken up again (one row per member and
    meeting). The country of the member's contact card is kept from the
    first registration. Raises RegistrationClosed after the deadline.
    """
    _check_open(meeting)
    _check_delegates(status=status, delegates=delegates)
    if status == RegistrationStatus.NOT_ATTENDING:
        delegates = []
    registration = _locked_registration(meeting=meeting, user=user)
    if registration is None:
        card = Contact.objects.filter(user=user).only("country").first()
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    meeting=meeting,
                    user=user,
                    country_id=card.country_id if card else None,
                    status=status,
                    notes=notes,
                )
        except IntegrityError:
            # The same form sent twice at once: the other request created it.
            registration = _locked_registration(meeting=meeting, user=user)
    registration.status = status
    registration.notes = notes
    registration.save(update_fields=["status", "notes", "updated_at"])
    registration.delegates.all().delete()
    Delegate.objects.bulk_create(
        Delegate(
            registration=registration,
            name=delegate["name"].strip(),
            function=delegate["function"].strip(),
            position=position,
        )
        for position, delegate in enumerate(delegates)
    )
    logger.info(
        "Registration %s of user %s to meeting %s: %s, %s delegate(s)",
        registration.pk,
        user.pk,
        meeting.pk,
        status,
        len(delegates),
    )
    _send_to_registrant(
        registration=registration,
        meeting=meeting,
        user=user,
        template="registration_confirmed",
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Withdraw the answer; the row and its delegation stay, for the
    Secretariat's records. Raises RegistrationClosed after the deadline."""
    meeting = registration.meeting
    _check_open(meeting)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status == RegistrationStatus.CANCELLED:
        return locked
    locked.status = RegistrationStatus.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    logger.info(
        "Registration %s of user %s to meeting %s cancelled",
        locked.pk,
        locked.user_id,
        meeting.pk,
    )
    _send_to_registrant(
        registration=locked,
        meeting=meeting,
        user=registration.user,
        template="registration_cancelled",
    )
    return locked


def _send_to_registrant(
    *, registration: Registration, meeting: Meeting, user: User, template: str
) -> None:
    """Queue `meetings/email/<template>_*.txt` to the member, in their language."""
    queue_templated_email(
        template=f"meetings/email/{template}",
        context={
            "user": user,
            "meeting": meeting,
            "registration": registration,
            "delegates": list(registration.delegates.all()),
        },
        to=user.email,
        language=user.preferred_language,
    )
