"""The emails of the proposed updates to a country's profile: its author
hears whether the Secretariat accepted or declined it, in their language,
through the task queue (on commit)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from countries.models import ProfileProposal, ProposalStatus
from rabat.emails import queue_templated_email


def proposal_decided(*, proposal: ProfileProposal) -> None:
    """Email the author of `proposal` (accepted or declined) its outcome."""
    author = proposal.proposed_by
    if not author.is_active or not author.email:
        return
    language = author.preferred_language
    template = (
        "proposal_accepted"
        if proposal.status == ProposalStatus.ACCEPTED
        else "proposal_declined"
    )
    with translation.override(language):
        proposals_url = settings.SITE_URL + reverse("countries:country_proposals")
        profile_url = settings.SITE_URL + proposal.country.get_absolute_url()
    queue_templated_email(
        template=f"countries/email/{template}",
        context={
            "user": author,
            "proposal": proposal,
            "country": proposal.country,
            "proposals_url": proposals_url,
            "profile_url": profile_url,
        },
        to=author.email,
        language=language,
    )
