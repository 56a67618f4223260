"""Who may see and do what in the meetings; views, querysets and templates ask here."""

from meetings.models import DocumentVisibility
from rabat import roles


def can_see_unpublished_meetings(user) -> bool:
    """The Secretariat prepares meetings before publishing them."""
    return roles.is_secretariat(user)


def visible_document_levels(user) -> list[str]:
    """Public documents to all; members' ones to members; the Steering
    Committee's to its members and the Secretariat."""
    levels = [DocumentVisibility.PUBLIC]
    if roles.is_member(user):
        levels.append(DocumentVisibility.MEMBERS)
        if roles.is_steering_committee(user) or roles.is_secretariat(user):
            levels.append(DocumentVisibility.STEERING_COMMITTEE)
    return levels


def can_see_document(user, document) -> bool:
    return document.visibility in visible_document_levels(user) and (
        document.meeting.is_published or can_see_unpublished_meetings(user)
    )


def can_answer_registrations(user) -> bool:
    """Members register their delegations and see their own registration."""
    return roles.is_member(user)


def can_register(user, meeting) -> bool:
    return can_answer_registrations(user) and meeting.registration_is_open
