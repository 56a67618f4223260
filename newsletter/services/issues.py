"""Writes of the Rabat Review's back office: publishing an issue to the
archive, sending it (once, now or at a chosen time) and testing it. The
sending itself is the worker's (newsletter.sending)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import make_msgid
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from newsletter import rendering, selectors
from newsletter.models import Campaign, Issue
from newsletter.services import sending
from rabat.emails import queue_email
from rabat.models import User
from rabat.page_cache import public_pages_changed

# The previews and tests are nobody's subscription: their unsubscribe link
# goes nowhere.
PREVIEW_UNSUBSCRIBE_URL = "#"


class CampaignExists(Exception):
    """The issue already has its campaign: an issue is sent once."""


@transaction.atomic
def issue_publish(*, issue: Issue, when: datetime.datetime | None = None) -> bool:
    """Publish `issue` to the archive at `when` (now by default); False, and
    nothing changed, if it is already published by then."""
    when = when or timezone.now()
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.published_at is not None and issue.published_at <= when:
        return False
    issue.published_at = when
    issue.save(update_fields=["published_at", "updated_at"])
    public_pages_changed()
    return True


@transaction.atomic
def issue_send(
    *, issue: Issue, when: datetime.datetime, send_now: bool, user: User | None
) -> Campaign:
    """Create the campaign of `issue` for `when` and start it if `send_now`
    (the worker sends); an issue not yet published is published at the same
    moment. Raises CampaignExists for an issue sent (or scheduled) before,
    unless that sending was cancelled."""
    # Locked: two Secretaries sending at once wait for each other here.
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if selectors.issue_has_campaign(issue):
        raise CampaignExists
    issue_publish(issue=issue, when=when)
    try:
        with transaction.atomic():
            campaign = sending.campaign_schedule(issue=issue, when=when, user=user)
    # The OneToOne, should the lock not hold (campaign_schedule would move the
    # date of a scheduled campaign: here, a second send is refused instead).
    except (IntegrityError, sending.CampaignError) as error:
        raise CampaignExists from error
    if send_now:
        sending.campaign_start(campaign=campaign)
        campaign.refresh_from_db()
    return campaign


def issue_test_send(*, issue: Issue, languages: list[str], to: str) -> None:
    """Queue the `languages` editions of `issue` to `to`, marked as a test."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    for language in languages:
        message = rendering.build_issue_message(
            issue=issue,
            language=language,
            to=to,
            unsubscribe_url=PREVIEW_UNSUBSCRIBE_URL,
            message_id=make_msgid(idstring="review-test", domain=domain),
        )
        with translation.override(language):
            message.subject = gettext("[Test] %(subject)s") % {
                "subject": message.subject
            }
        queue_email(message)
