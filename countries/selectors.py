"""Reads of the country profiles."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext

from countries import rules
from countries.models import (
    CountryProfile,
    KeyFigure,
    PolicyDocument,
    PolicyDocumentKind,
    ProfileProposal,
    ProposalKind,
    ProposalStatus,
)
from rabat.models import Country, Institution, InstitutionKind, Objective, Theme

# What a profile lists of the dialogue's content that mentions the country.
MENTIONS_SHOWN = 10
CONTACTS_SHOWN = 12


def country_for_profile(iso2: str) -> Country:
    """The country `iso2` (either case), with its profile if it has one."""
    country = (
        Country.objects.select_related("profile")
        .filter(iso_code=str(iso2).upper())
        .first()
    )
    if country is None:
        raise Http404
    return country


def country_profile(country: Country) -> CountryProfile | None:
    try:
        return country.profile
    except CountryProfile.DoesNotExist:
        return None


def profile_page_data(country: Country, user) -> dict:
    """What `country`'s profile page shows to `user`, in a fixed number of
    queries whatever the number of institutions, documents and mentions.

    The profile's own sections (overview, figures, institutions, documents)
    show once it is published, or to the Secretariat; the country in the
    dialogue (partner status, meetings, mentions) always."""
    from meetings.models import Meeting

    profile = country_profile(country)
    shows_profile = profile is not None and (
        profile.is_published or rules.can_see_unpublished_profile(user)
    )
    data = {
        "profile": profile,
        "shows_profile": shows_profile,
        "institutions": [],
        "key_figures": [],
        "policy_documents": [],
    }
    if shows_profile:
        data["institutions"] = list(
            Institution.objects.filter(country=country).prefetch_related(
                "themes", "objectives"
            )
        )
        data["key_figures"] = list(KeyFigure.objects.filter(country=country))
        data["policy_documents"] = list(PolicyDocument.objects.filter(country=country))
    meetings = (
        Meeting.objects.published()
        .filter(Q(host_country=country) | Q(co_chairs=country))
        .distinct()
        .order_by("-start_date", "-pk")
        .prefetch_related(
            Prefetch("co_chairs", queryset=Country.objects.only("pk"), to_attr="chairs")
        )
    )
    data["hosted_meetings"] = []
    data["co_chaired_meetings"] = []
    for meeting in meetings:
        if meeting.host_country_id == country.pk:
            data["hosted_meetings"].append(meeting)
        if any(chair.pk == country.pk for chair in meeting.chairs):
            data["co_chaired_meetings"].append(meeting)
    data["review_articles"] = list(
        country.review_articles.filter(issue__published_at__isnull=False)
        .select_related("issue")
        .order_by("-issue__published_at", "position")[:MENTIONS_SHOWN]
    )
    data["news_items"] = list(
        country.news_items.published().order_by("-published_at")[:MENTIONS_SHOWN]
    )
    if rules.can_see_member_parts(user):
        from contacts.selectors import contact_directory

        data["contacts"] = list(contact_directory(country=country.pk)[:CONTACTS_SHOWN])
    return data


# --- Proposed updates ------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    """One value of a proposal, side by side: what the profile has now and
    what is proposed (`removed`: the whole item is to go)."""

    label: str
    current: str
    proposed: str
    removed: bool = False

    @property
    def changed(self) -> bool:
        return self.removed or self.current != self.proposed


def _shown(name: str, value, kind: str, names: dict) -> str:
    if value is None:
        return ""
    if name in RELATED_MODELS:
        # Primary keys, as a proposal keeps them (countries.forms.current_value).
        shown = names[name]
        return ", ".join(shown[pk] for pk in value or [] if pk in shown)
    if name == "kind":
        choices = PolicyDocumentKind if kind.startswith("document") else InstitutionKind
        return str(dict(choices.choices).get(value, value))
    if name == "date" and value:
        value = datetime.date.fromisoformat(str(value))
        return date_format(value, "DATE_FORMAT")
    return str(value)


# What an institution's many-to-many fields hold, by field name.
RELATED_MODELS = {"themes": Theme, "objectives": Objective}


def related_names() -> dict[str, dict[int, str]]:
    """The names of every theme and objective by primary key (two small
    tables), for the proposals' rows."""
    return {
        name: {item.pk: str(item) for item in model.objects.all()}
        for name, model in RELATED_MODELS.items()
    }


def proposal_rows(proposal: ProfileProposal, names: dict) -> list[ChangeRow]:
    """The values of `proposal` beside the profile's (its country, profile,
    institution and document already read with it; `names`: related_names())."""
    from countries.forms import CHANGE_LABELS, current_value
    from countries.services.proposals import CHANGE_FIELDS

    kind = ProposalKind(proposal.kind)
    if kind == ProposalKind.OVERVIEW:
        current = country_profile(proposal.country)
    elif kind == ProposalKind.FIGURE_ADD:
        current = None
    else:
        current = proposal.institution or proposal.policy_document
    if kind in (ProposalKind.INSTITUTION_REMOVE, ProposalKind.DOCUMENT_REMOVE):
        if current is None:
            return []
        names = CHANGE_FIELDS[
            ProposalKind.INSTITUTION_ADD
            if kind == ProposalKind.INSTITUTION_REMOVE
            else ProposalKind.DOCUMENT_ADD
        ]
        return [
            ChangeRow(
                str(CHANGE_LABELS[name]),
                _shown(name, current_value(current, name), kind, names),
                "",
                removed=True,
            )
            for name in names
            if current_value(current, name)
        ]
    adding = kind in (
        ProposalKind.INSTITUTION_ADD,
        ProposalKind.DOCUMENT_ADD,
        ProposalKind.FIGURE_ADD,
    )
    rows = []
    for name in CHANGE_FIELDS[kind]:
        proposed = _shown(name, proposal.changes.get(name), kind, names)
        existing = "" if adding or current is None else current_value(current, name)
        if isinstance(existing, datetime.date):
            existing = existing.isoformat()
        existing = _shown(name, existing, kind, names)
        if kind == ProposalKind.OVERVIEW and not proposed:
            proposed = existing  # a language left empty keeps its text
        if existing or proposed:
            rows.append(ChangeRow(str(CHANGE_LABELS[name]), existing, proposed))
    return rows


def proposal_subject(proposal: ProfileProposal) -> str:
    """What `proposal` is about: the institution, document or figure by
    name (in the page's language, else the other); "" for an overview."""
    target = proposal.institution or proposal.policy_document
    if target is not None:
        return str(target)
    changes = proposal.changes
    if changes.get("removed"):
        return changes["removed"]
    language = get_language() or "en"
    other = "fr" if language.startswith("en") else "en"
    for base in ("name", "title", "label"):
        for code in (language[:2], other):
            if changes.get(f"{base}_{code}"):
                return changes[f"{base}_{code}"]
    return ""


def proposals_with_rows(proposals) -> list[ProfileProposal]:
    """`proposals` (a list), each with its `rows` (proposal_rows) and
    `subject` (proposal_subject)."""
    names = related_names() if proposals else {}
    for proposal in proposals:
        proposal.rows = proposal_rows(proposal, names)
        proposal.subject = proposal_subject(proposal)
    return proposals


def proposals_read():
    """Proposals with what their page shows of them, in a fixed number of
    queries."""
    return ProfileProposal.objects.select_related(
        "country__profile",
        "proposed_by",
        "decided_by",
        "institution",
        "policy_document",
    ).prefetch_related("institution__themes", "institution__objectives")


def pending_proposals():
    """Every country's pending proposals, oldest first: the Secretariat's queue."""
    return proposals_read().pending().order_by("created_at", "pk")


def country_proposals(country_id: int):
    """A country's proposals, newest first."""
    return proposals_read().filter(country_id=country_id)


def dashboard_profile(country_id: int) -> dict:
    """What the dashboard shows of a country's profile, in one query: the
    profile (or None) and the count of its pending proposals."""
    country = (
        Country.objects.filter(pk=country_id)
        .select_related("profile")
        .annotate(
            pending_count=Count(
                "profile_proposals",
                filter=Q(profile_proposals__status=ProposalStatus.PENDING),
            )
        )
        .first()
    )
    if country is None:
        return {"profile": None, "pending_count": 0}
    return {"profile": country_profile(country), "pending_count": country.pending_count}


def meetings_per_country(countries, year) -> dict:
    """The i-Map's meetings layer: per country, how many published meetings
    it hosted or co-chaired (each counted once), with the years they span,
    in two queries whatever their number."""
    from countries.maps import Value
    from meetings.models import Meeting

    published = Meeting.objects.published()
    years, by_country = {}, {}
    for pk, host_id, start in published.values_list(
        "pk", "host_country_id", "start_date"
    ):
        years[pk] = start.year
        if host_id is not None:
            by_country.setdefault(host_id, set()).add(pk)
    chairs = Meeting.co_chairs.through.objects.filter(meeting__in=published)
    for meeting_id, country_id in chairs.values_list("meeting_id", "country_id"):
        by_country.setdefault(country_id, set()).add(meeting_id)
    source = gettext("Calendar of the Rabat Process meetings")
    source_url = reverse("meetings:list")
    values = {}
    for country_id, meeting_ids in by_country.items():
        first = min(years[pk] for pk in meeting_ids)
        last = max(years[pk] for pk in meeting_ids)
        values[country_id] = Value(
            len(meeting_ids),
            year=str(first) if first == last else f"{first}\N{EN DASH}{last}",
            source=source,
            source_url=source_url,
        )
    return values
