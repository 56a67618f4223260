"""Reads of the meetings calendar: the public pages, home, partners, and the
members' registrations on their dashboard."""

import calendar
import datetime
import time
from dataclasses import dataclass, field
from itertools import groupby

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from meetings import rules
from meetings.models import (
    AgendaItem,
    DocumentVisibility,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Registration,
)
from meetings.versions import meetings_version, registrations_version
from rabat import uploads
from rabat.cache import content_version, state_key
from rabat.library import LibraryDocument, LibraryFile
from rabat.models import User
from rabat.page_cache import VERSION_KEY as PUBLIC_PAGES_VERSION_KEY
from rabat.search import matching

# The years a calendar may show: beyond, the month view answers 404.
FIRST_YEAR = 1900
LAST_YEAR = 2100

# Stored content type -> the kind of file a visitor recognises.
DOCUMENT_TYPE_LABELS = {
    "application/pdf": _("PDF"),
    uploads.DOCX: _("Word"),
    uploads.DOC: _("Word"),
    uploads.XLSX: _("Excel"),
    uploads.XLS: _("Excel"),
    uploads.PPTX: _("PowerPoint"),
    uploads.PPT: _("PowerPoint"),
    uploads.ODT: _("OpenDocument text"),
    uploads.ODS: _("OpenDocument spreadsheet"),
    uploads.ODP: _("OpenDocument presentation"),
    "image/jpeg": _("JPEG image"),
    "image/png": _("PNG image"),
    "image/gif": _("GIF image"),
    "image/webp": _("WebP image"),
}
# Shown in the browser rather than downloaded.
INLINE_CONTENT_TYPES = frozenset(
    {"application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp"}
)


def document_type_label(content_type: str) -> str:
    return DOCUMENT_TYPE_LABELS.get(content_type, _("File"))


def meeting_years() -> list[int]:
    """Years with at least one day of a published meeting, latest first."""
    published = Meeting.objects.published().order_by()
    starts = published.annotate(year=ExtractYear("start_date")).values_list("year")
    ends = published.annotate(year=ExtractYear("end_date")).values_list("year")
    return sorted({year for (year,) in starts.union(ends)}, reverse=True)


def in_year(meetings, year: int):
    """Meetings with at least one day in `year`."""
    return meetings.filter(
        start_date__lte=datetime.date(year, 12, 31),
        end_date__gte=datetime.date(year, 1, 1),
    )


def upcoming_meetings(limit: int):
    """The next published meetings (running today included), for the home."""
    return Meeting.objects.published().upcoming().select_related("host_country")[:limit]


@dataclass
class MonthDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    meetings: list = field(default_factory=list)


def month_weeks(year: int, month: int, meetings) -> list[list[MonthDay]]:
    """The month's grid, Monday first; each day of the month lists the
    meetings held that day (a meeting of several days is on each of them)."""
    today = timezone.localdate()
    weeks = []
    for week in calendar.Calendar(calendar.MONDAY).monthdatescalendar(year, month):
        weeks.append(
            [
                MonthDay(
                    date=day,
                    in_month=day.month == month,
                    is_today=day == today,
                    meetings=[
                        meeting
                        for meeting in meetings
                        if meeting.start_date <= day <= meeting.end_date
                    ]
                    if day.month == month
                    else [],
                )
                for day in week
            ]
        )
    return weeks


def adjacent_month(year: int, month: int, step: int) -> datetime.date | None:
    """The first day of the month before (-1) or after (+1), within range."""
    if step < 0:
        day = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    else:
        day = datetime.date(year, month, 28) + datetime.timedelta(days=4)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return day.replace(day=1)


def viewable_meetings(user):
    """Published meetings; unpublished ones too for the Secretariat, who
    prepare them."""
    if rules.can_see_unpublished_meetings(user):
        return Meeting.objects.all()
    return Meeting.objects.published()


# A meeting's page is cached under the versions of what it shows
# (meeting_page_key); this bounds how late a registration deadline that
# passes within the day, or a bulk write, shows there.
MEETING_PAGE_CACHE_SECONDS = 5 * 60


def meeting_for_page(slug: str, user) -> Meeting:
    """The meeting `slug` if `user` may open its page (404 otherwise), with
    its host country; the rest of what the page shows is read only if its
    fragments are rendered (meeting_page_key). Cached under the meetings'
    version and the public pages' (the country's name)."""
    may_see_unpublished = rules.can_see_unpublished_meetings(user)
    state = (
        slug,
        may_see_unpublished,
        meetings_version(),
        content_version(PUBLIC_PAGES_VERSION_KEY),
    )
    key = f"meetings:meeting-page:{state_key(state)}"
    return cache.get_or_set(
        key,
        lambda: get_object_or_404(
            viewable_meetings(user).select_related("host_country"), slug=slug
        ),
        MEETING_PAGE_CACHE_SECONDS,
    )


def meeting_page_key(meeting: Meeting, user) -> str:
    """The cache key of what `meeting`'s page shows to `user` but their
    registration: the meeting and its parts (meetings_version, the public
    pages' version for the names of countries, themes and objectives), the
    day (a registration closes, a meeting becomes past), the language and
    the documents `user` may see."""
    state = (
        meeting.pk,
        meeting.updated_at,
        meetings_version(),
        content_version(PUBLIC_PAGES_VERSION_KEY),
        timezone.localdate(),
        get_language(),
        tuple(rules.visible_document_levels(user)),
        user.is_authenticated,
    )
    return state_key(state)


@dataclass
class AgendaDay:
    date: datetime.date
    items: list[AgendaItem]


def _agenda_order(item: AgendaItem):
    return (
        item.day,
        item.start_time is not None,
        item.start_time or datetime.time.min,
        item.position,
        item.pk,
    )


def agenda_days(meeting: Meeting) -> list[AgendaDay]:
    """The sessions (prefetched) by day, in order; undated ones on day one."""
    items = list(meeting.agenda_items.all())
    for item in items:
        item.day = item.date or meeting.start_date
    items.sort(key=_agenda_order)
    return [
        AgendaDay(date=day, items=list(day_items))
        for day, day_items in groupby(items, key=lambda item: item.day)
    ]


def visible_documents(meeting: Meeting, user) -> list[MeetingDocument]:
    """The meeting's documents `user` may open, each with its `type_label`."""
    documents = list(MeetingDocument.objects.visible_to(user).filter(meeting=meeting))
    for document in documents:
        document.meeting = meeting
        document.type_label = document_type_label(document.content_type)
    return documents


def restricted_document_count(meeting: Meeting) -> int:
    """How many documents are for members only (their titles stay private)."""
    return meeting.documents.exclude(visibility=DocumentVisibility.PUBLIC).count()


def member_registration(meeting: Meeting, user) -> Registration | None:
    return (
        Registration.objects.filter(meeting=meeting, user=user)
        .prefetch_related("delegates")
        .first()
    )


def member_registration_to_show(meeting: Meeting, user) -> Registration | None:
    """`member_registration`, to show on the meeting's page: cached under
    the member's registrations' version (meetings.versions)."""
    state = (meeting.pk, user.pk, registrations_version(user))
    key = f"meetings:registration-shown:{state_key(state)}"
    return cache.get_or_set(
        key, lambda: member_registration(meeting, user), MEETING_PAGE_CACHE_SECONDS
    )


DASHBOARD_OPEN_MEETINGS = 5
# The dashboard's meetings are cached under the versions of what they show
# (dashboard_meetings_key); this bounds how late a deadline that passes, or
# a bulk write, shows there.
DASHBOARD_CACHE_SECONDS = 5 * 60


def dashboard_meetings_key(user) -> str:
    """The cache key of the member's meetings on the dashboard: their
    registrations and the meetings open to them change it (meetings.versions),
    and so do the language, the time zone and every DASHBOARD_CACHE_SECONDS
    (deadlines pass)."""
    state = (
        user.pk,
        registrations_version(user),
        meetings_version(),
        get_language(),
        timezone.get_current_timezone_name(),
        int(time.time() // DASHBOARD_CACHE_SECONDS),
    )
    return state_key(state)


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


# --- Content that links up (rabat.selectors) ------------------------------------

RELATED_MEETINGS_COUNT = 4
RELATED_DOCUMENTS_COUNT = 5
THEME_PAST_MEETINGS_COUNT = 10
THEME_DOCUMENTS_COUNT = 10


@dataclass
class RelatedMeetings:
    """The meetings related to a tagged content, upcoming first, and the
    public documents of those meetings."""

    meetings: list[Meeting]
    documents: list[MeetingDocument]

    def __bool__(self):
        return bool(self.meetings)


def _is_related(meeting: Meeting, tags) -> bool:
    return bool(
        meeting.pk in tags.meetings
        or {theme.pk for theme in meeting.themes.all()} & tags.themes
        or meeting.host_country_id in tags.countries
        or {country.pk for country in meeting.co_chairs.all()} & tags.countries
    )


def related_meetings(tags_list: list) -> list[RelatedMeetings]:
    """For each `rabat.selectors.Tags` of `tags_list`: the published meetings
    it is tagged with or that share one of its themes or countries (host or
    co-chair), upcoming ones first (soonest first), then past ones (latest
    first); and the public documents of those meetings, the tagged meetings'
    first. Four queries for the whole list."""
    themes = frozenset().union(*(tags.themes for tags in tags_list))
    countries = frozenset().union(*(tags.countries for tags in tags_list))
    meeting_pks = frozenset().union(*(tags.meetings for tags in tags_list))
    if not (themes or countries or meeting_pks):
        return [RelatedMeetings([], []) for _tags in tags_list]
    candidates = list(
        Meeting.objects.published()
        .filter(
            Q(pk__in=meeting_pks)
            | Q(themes__in=themes)
            | Q(host_country__in=countries)
            | Q(co_chairs__in=countries)
        )
        .distinct()
        .prefetch_related("themes", "co_chairs")
    )
    today = timezone.localdate()
    upcoming = sorted(
        (m for m in candidates if m.end_date >= today),
        key=lambda m: (m.start_date, m.pk),
    )
    past = sorted(
        (m for m in candidates if m.end_date < today),
        key=lambda m: (m.start_date, m.pk),
        reverse=True,
    )
    documents = list(
        MeetingDocument.objects.filter(
            visibility=DocumentVisibility.PUBLIC,
            meeting__in=[meeting.pk for meeting in candidates],
        ).order_by("position", "pk")
    )
    by_meeting = {}
    for document in documents:
        document.type_label = document_type_label(document.content_type)
        by_meeting.setdefault(document.meeting_id, []).append(document)
    results = []
    for tags in tags_list:
        related = [m for m in upcoming + past if _is_related(m, tags)]
        # Documents of the meetings the content is about first.
        ordered = sorted(related, key=lambda m: m.pk not in tags.meetings)
        related_documents = []
        for meeting in ordered:
            for document in by_meeting.get(meeting.pk, []):
                document.meeting = meeting
                related_documents.append(document)
        results.append(
            RelatedMeetings(
                related[:RELATED_MEETINGS_COUNT],
                related_documents[:RELATED_DOCUMENTS_COUNT],
            )
        )
    return results


@dataclass
class ThemeMeetings:
    upcoming: list[Meeting]
    past: list[Meeting]
    has_more_past: bool


def theme_meetings(theme, user) -> ThemeMeetings:
    """The theme's published meetings: all upcoming ones, the latest past ones."""
    meetings = Meeting.objects.published().filter(themes=theme).for_listing()
    past = list(meetings.past()[: THEME_PAST_MEETINGS_COUNT + 1])
    return ThemeMeetings(
        upcoming=list(meetings.upcoming()),
        past=past[:THEME_PAST_MEETINGS_COUNT],
        has_more_past=len(past) > THEME_PAST_MEETINGS_COUNT,
    )


def theme_documents(theme, user) -> list[MeetingDocument]:
    """The public documents of the theme's published meetings, latest
    meetings first."""
    documents = list(
        MeetingDocument.objects.filter(
            visibility=DocumentVisibility.PUBLIC,
            meeting__themes=theme,
            meeting__is_published=True,
        )
        .select_related("meeting")
        .order_by("-meeting__start_date", "meeting__pk", "position", "pk")[
            :THEME_DOCUMENTS_COUNT
        ]
    )
    for document in documents:
        document.type_label = document_type_label(document.content_type)
    return documents


def library_documents(query_text: str):
    """The public documents of published meetings, for the library (those
    whose title or meeting's title matches `query_text`, if any): two
    queries."""
    documents = MeetingDocument.objects.filter(
        visibility=DocumentVisibility.PUBLIC, meeting__is_published=True
    ).select_related("meeting__host_country")
    if query_text:
        documents = matching(documents, query_text, fields=("title", "meeting__title"))
    documents = documents.prefetch_related("meeting__themes")
    entries = []
    for document in documents:
        meeting = document.meeting
        languages = (
            ("fr", "en") if document.language == "fr-en" else (document.language,)
        )
        country = meeting.host_country
        entries.append(
            LibraryDocument(
                key=f"meetings:{document.pk}",
                title=document.title,
                type="meeting-document",
                type_label=_("Meeting documents"),
                kind_label=document.get_kind_display(),
                date=meeting.start_date,
                languages=languages,
                files=(
                    LibraryFile(
                        document.get_absolute_url(),
                        document.language if len(languages) == 1 else "",
                        document.content_type,
                        document.size or None,
                    ),
                ),
                page_title=meeting.title,
                page_url=meeting.get_absolute_url(),
                place=meeting.city,
                themes=tuple(
                    (theme.slug, theme.title) for theme in meeting.themes.all()
                ),
                countries=((country.iso_code, country.name),) if country else (),
                rank=getattr(document, "rank", 0.0),
            )
        )
    return entries
