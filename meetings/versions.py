"""Versions of what the member dashboard and the meetings' pages cache, raised by
any write to them through the models' signals (a service, the back office,
the demo): the dashboard then reads neither the member's registrations nor
the meetings open for registration while they stay the same.

- the meetings themselves (dates, titles, statuses, deadlines), their
  agenda, documents, co-chairs, themes and objectives (what a meeting's
  page shows: selectors.meeting_page_key);
- each member's registrations and their delegates.

Bulk writes send no signal: the cached blocks last
meetings.selectors.DASHBOARD_CACHE_SECONDS at most.
"""

from rabat.cache import content_changed_now, content_version, on_save_and_delete

MEETINGS_VERSION_KEY = "meetings:meetings-version"


def registrations_key(user_id) -> str:
    return f"meetings:registrations-version:{user_id}"


def meetings_version() -> int:
    return content_version(MEETINGS_VERSION_KEY)


def registrations_version(user) -> int:
    return content_version(registrations_key(user.pk))


def meetings_changed(**kwargs) -> None:
    content_changed_now(MEETINGS_VERSION_KEY)


def registration_changed(instance, **kwargs) -> None:
    content_changed_now(registrations_key(instance.user_id))


def delegate_changed(instance, **kwargs) -> None:
    from meetings.models import Registration

    user_id = (
        Registration.objects.filter(pk=instance.registration_id)
        .values_list("user_id", flat=True)
        .first()
    )
    if user_id is not None:
        content_changed_now(registrations_key(user_id))


def connect_signals() -> None:
    """Called by meetings.apps."""
    from django.db.models.signals import m2m_changed

    from meetings.models import (
        AgendaItem,
        Delegate,
        Meeting,
        MeetingDocument,
        Registration,
    )

    on_save_and_delete(meetings_changed, Meeting, AgendaItem, MeetingDocument)
    for field in ("co_chairs", "themes", "strategy_objectives"):
        m2m_changed.connect(
            meetings_changed,
            sender=getattr(Meeting, field).through,
            dispatch_uid=f"meetings-{field}",
        )
    on_save_and_delete(registration_changed, Registration)
    on_save_and_delete(delegate_changed, Delegate)
