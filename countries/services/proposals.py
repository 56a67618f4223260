"""The Focal Points' proposed updates to their country's profile: submitted,
then accepted (applied to the profile, with its history) or declined with a
reason by the Secretariat; and the Focal Point's "the profile is correct".

Each function is atomic; the Focal Point hears of the decision by email
(countries.notifications, on commit); an accepted proposal raises the public
pages' version (the profile's page shows it at once)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries import notifications
from countries.models import (
    CountryProfile,
    KeyFigure,
    PolicyDocument,
    ProfileProposal,
    ProfileStatus,
    ProposalKind,
    ProposalStatus,
)
from rabat.models import Country, Institution, User
from rabat.page_cache import public_pages_changed
from rabat.uploads import atomic_with_files, file_save, uploads_save

# The kinds and the target each needs.
INSTITUTION_KINDS = {
    ProposalKind.INSTITUTION_ADD: False,
    ProposalKind.INSTITUTION_CHANGE: True,
    ProposalKind.INSTITUTION_REMOVE: True,
}
DOCUMENT_KINDS = {
    ProposalKind.DOCUMENT_ADD: False,
    ProposalKind.DOCUMENT_CHANGE: True,
    ProposalKind.DOCUMENT_REMOVE: True,
}
# The proposed values each kind may carry.
# An institution's many-to-many fields: a proposal keeps their primary keys.
INSTITUTION_RELATED = ("themes", "objectives")
CHANGE_FIELDS = {
    ProposalKind.OVERVIEW: ("overview_fr", "overview_en"),
    ProposalKind.INSTITUTION_ADD: (
        "name_fr",
        "name_en",
        "acronym_fr",
        "acronym_en",
        "kind",
        "competences_fr",
        "competences_en",
        "themes",
        "objectives",
        "website",
    ),
    ProposalKind.DOCUMENT_ADD: (
        "title_fr",
        "title_en",
        "kind",
        "date",
        "summary_fr",
        "summary_en",
        "url",
    ),
    ProposalKind.FIGURE_ADD: (
        "label_fr",
        "label_en",
        "value",
        "reference_year",
        "source",
        "source_url",
    ),
}
CHANGE_FIELDS[ProposalKind.INSTITUTION_CHANGE] = CHANGE_FIELDS[
    ProposalKind.INSTITUTION_ADD
]
CHANGE_FIELDS[ProposalKind.DOCUMENT_CHANGE] = CHANGE_FIELDS[ProposalKind.DOCUMENT_ADD]
CHANGE_FIELDS[ProposalKind.INSTITUTION_REMOVE] = ()
CHANGE_FIELDS[ProposalKind.DOCUMENT_REMOVE] = ()


class ProposalError(Exception):
    """A proposal that cannot be submitted or decided; the message says why."""


def _check_target(proposal: ProfileProposal) -> None:
    kind = ProposalKind(proposal.kind)
    institution, document = proposal.institution, proposal.policy_document
    needs_institution = INSTITUTION_KINDS.get(kind, False)
    needs_document = DOCUMENT_KINDS.get(kind, False)
    if needs_institution != (institution is not None) or (
        needs_document != (document is not None)
    ):
        raise ValueError(f"A {kind} proposal has the wrong target.")
    target = institution or document
    if target is not None and target.country_id != proposal.country_id:
        raise ValueError("A proposal's target belongs to its country.")
    unknown = set(proposal.changes) - set(CHANGE_FIELDS[kind])
    if unknown:
        raise ValueError(f"Unknown proposed values: {sorted(unknown)}")


@atomic_with_files()
def proposal_submit(*, proposal: ProfileProposal) -> ProfileProposal:
    """Record `proposal` (not saved yet: its country, author, kind, target,
    proposed values, reason and file set), pending the Secretariat's
    decision. Its file, if any, is stored through rabat.uploads."""
    if proposal.pk is not None:
        raise ValueError("The proposal is already recorded.")
    _check_target(proposal)
    proposal.status = ProposalStatus.PENDING
    uploads_save(proposal)
    proposal.save()
    return proposal


def _pending(proposal: ProfileProposal) -> ProfileProposal:
    """`proposal` read again and locked, if it is still pending."""
    locked = (
        # Only the proposal's row: PostgreSQL locks no nullable side of a join.
        ProfileProposal.objects.select_for_update(of=("self",))
        .select_related("country", "proposed_by", "institution", "policy_document")
        .get(pk=proposal.pk)
    )
    if locked.status != ProposalStatus.PENDING:
        raise ProposalError(
            _("This proposal was already decided: %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _saved_with_history(instance, *, user: User, reason: str) -> None:
    instance._history_user = user
    instance._change_reason = reason[:100]
    instance.full_clean()
    instance.save()


def _removed(instance, proposal: ProfileProposal, *, user: User, reason: str) -> None:
    """Delete `instance` (an institution or a document) with its history;
    what was removed stays named on the proposal."""
    instance._history_user = user
    instance._change_reason = reason
    proposal.changes = {"removed": str(instance)}
    instance.delete()


def _apply(proposal: ProfileProposal, *, user: User) -> None:
    """Write what `proposal` proposes."""
    kind = ProposalKind(proposal.kind)
    changes = dict(proposal.changes)  # the proposal keeps what it proposed
    history_reason = f"Proposal {proposal.pk}"
    country = proposal.country
    if kind == ProposalKind.OVERVIEW:
        profile, _created = CountryProfile.objects.get_or_create(country=country)
        for name in ("overview_fr", "overview_en"):
            if changes.get(name):
                setattr(profile, name, changes[name])
        _saved_with_history(profile, user=user, reason=history_reason)
    if kind in (ProposalKind.INSTITUTION_ADD, ProposalKind.INSTITUTION_CHANGE):
        institution = proposal.institution or Institution(country=country)
        related = {
            name: changes.pop(name) for name in INSTITUTION_RELATED if name in changes
        }
        for name, value in changes.items():
            setattr(institution, name, value)
        _saved_with_history(institution, user=user, reason=history_reason)
        for name, pks in related.items():
            getattr(institution, name).set(pks)
    elif kind == ProposalKind.INSTITUTION_REMOVE:
        _removed(proposal.institution, proposal, user=user, reason=history_reason)
        proposal.institution = None
    elif kind in (ProposalKind.DOCUMENT_ADD, ProposalKind.DOCUMENT_CHANGE):
        document = proposal.policy_document or PolicyDocument(country=country)
        for name, value in changes.items():
            if name == "date":
                value = datetime.date.fromisoformat(value)
            setattr(document, name, value)
        if proposal.file:
            with proposal.file.open("rb") as content:
                file_save(
                    document.file,
                    name=proposal.original_name,
                    content=content,
                    original_name=proposal.original_name,
                )
            document.original_name = proposal.original_name
            document.content_type = proposal.content_type
            document.size = proposal.size
        _saved_with_history(document, user=user, reason=history_reason)
    elif kind == ProposalKind.DOCUMENT_REMOVE:
        _removed(proposal.policy_document, proposal, user=user, reason=history_reason)
        proposal.policy_document = None
    elif kind == ProposalKind.FIGURE_ADD:
        figure = KeyFigure(
            country=country,
            label_fr=changes.get("label_fr", ""),
            label_en=changes.get("label_en", ""),
            value_fr=changes.get("value", ""),
            value_en=changes.get("value", ""),
            reference_year=changes.get("reference_year"),
            source_fr=changes.get("source", ""),
            source_en=changes.get("source", ""),
            source_url=changes.get("source_url", ""),
        )
        _saved_with_history(figure, user=user, reason=history_reason)


@atomic_with_files()
def proposal_accept(*, proposal: ProfileProposal, decided_by: User) -> ProfileProposal:
    """Apply `proposal` to its country's profile (with the history of what it
    changes) and email its author. ProposalError if it was already decided
    or what it proposes is no longer valid (the profile is left as it was)."""
    proposal = _pending(proposal)
    kind = ProposalKind(proposal.kind)
    if (INSTITUTION_KINDS.get(kind) and proposal.institution is None) or (
        DOCUMENT_KINDS.get(kind) and proposal.policy_document is None
    ):
        raise ProposalError(
            _(
                "The institution or document of this proposal was removed from "
                "the profile since: decline the proposal."
            )
        )
    try:
        _apply(proposal, user=decided_by)
    except ValidationError as error:
        raise ProposalError(
            _("This proposal cannot be applied: %(errors)s")
            % {"errors": " ".join(error.messages)}
        ) from error
    proposal.status = ProposalStatus.ACCEPTED
    proposal.decided_by = decided_by
    proposal.decided_at = timezone.now()
    proposal.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "changes",
            "institution",
            "policy_document",
            "updated_at",
        ]
    )
    # The public profile, and the Secretariat's view of one not published yet.
    public_pages_changed()
    notifications.proposal_decided(proposal=proposal)
    return proposal


def proposal_decline(
    *, proposal: ProfileProposal, decided_by: User, reason: str
) -> ProfileProposal:
    """Decline `proposal` with `reason` (required) and email its author."""
    reason = reason.strip()
    if not reason:
        raise ProposalError(_("Say why the proposal is declined."))
    with transaction.atomic():
        proposal = _pending(proposal)
        proposal.status = ProposalStatus.DECLINED
        proposal.decline_reason = reason
        proposal.decided_by = decided_by
        proposal.decided_at = timezone.now()
        proposal.save(
            update_fields=[
                "status",
                "decline_reason",
                "decided_by",
                "decided_at",
                "updated_at",
            ]
        )
        notifications.proposal_decided(proposal=proposal)
    return proposal


def profile_confirm(*, country: Country, confirmed_by: User) -> CountryProfile:
    """The Focal Point says `country`'s profile is correct: it is validated
    by them (a published one stays published) and reviewed today."""
    with transaction.atomic():
        profile, _created = CountryProfile.objects.select_for_update().get_or_create(
            country=country
        )
        if profile.status != ProfileStatus.PUBLISHED:
            profile.status = ProfileStatus.VALIDATED
        profile.last_reviewed_on = timezone.localdate()
        profile._history_user = confirmed_by
        profile._change_reason = "Confirmed by the Focal Point"
        profile.save()
        # The profile's page shows its status and review date.
        public_pages_changed()
    return profile
