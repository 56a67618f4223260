"""Reads of members' registrations for their dashboard."""

import datetime

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from meetings.models import Meeting, MeetingStatus, Registration
from rabat.models import User

DASHBOARD_OPEN_MEETINGS = 5


def upcoming_registrations(
    *, user: User, today: datetime.date | None = None
) -> list[Registration]:
    """The member's standing answers to published meetings not over yet,
    soonest first, each with `delegate_count`."""
    today = today or timezone.localdate()
    return list(
        Registration.objects.active()
        .filter(user=user, meeting__is_published=True, meeting__end_date__gte=today)
        .select_related("meeting")
        .annotate(delegate_count=Count("delegates"))
        .order_by("meeting__start_date", "meeting__pk")
    )


def meetings_open_for_registration(
    *, user: User, limit: int = DASHBOARD_OPEN_MEETINGS
) -> list[Meeting]:
    """The next published meetings taking registrations that the member has
    not answered (a cancelled answer counts as none)."""
    answered = Registration.objects.active().filter(meeting=OuterRef("pk"), user=user)
    return list(
        Meeting.objects.published()
        .upcoming()
        .filter(registration_deadline__gt=timezone.now())
        .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.HELD])
        .exclude(Exists(answered))[:limit]
    )
