"""Site search: PostgreSQL full-text search, with a plain fallback on SQLite.

On PostgreSQL each searchable model has a GIN index on the very expression
`search_vector()` builds (created in a migration), over both languages with
the `rabat_french` / `rabat_english` configurations, which unaccent words
before stemming them: "senegal" finds "Sénégal".
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection, models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from newsletter.models import Article, Issue
from rabat.languages import current_language
from rabat.models import Country, NewsItem, Objective, Organisation, Page, Pillar, Theme

TEXT_SEARCH_CONFIGS = {"fr": "rabat_french", "en": "rabat_english"}
SNIPPET_LENGTH = 220
RESULTS_PER_SOURCE = 50
# Also in meetings' migration 0002, which builds their index.
MEETING_SEARCH_FIELDS = ("title", "city", "aims", "summary", "outcome")
# Also in newsletter's migration 0002, which builds their indexes.
REVIEW_ISSUE_SEARCH_FIELDS = ("title", "period", "introduction")
REVIEW_ARTICLE_SEARCH_FIELDS = ("title", "body")
# Markers the database puts around matches; escaped text never contains them.
MATCH_START, MATCH_STOP = "\x02", "\x03"


@dataclass(frozen=True)
class SearchSource:
    """A kind of content the site search looks into."""

    label: str | Promise
    queryset: Callable[[], models.QuerySet]
    fields: tuple[str, ...]  # translated fields, without language suffix
    snippet_field: str
    date_field: str | None = None


@dataclass(frozen=True)
class SearchResult:
    label: str
    title: str
    url: str
    snippet: SafeString
    rank: float
    date: datetime | None


SEARCH_SOURCES = [
    SearchSource(
        _("News"),
        NewsItem.objects.published,
        ("title", "summary", "body"),
        "body",
        date_field="published_at",
    ),
    SearchSource(
        _("Meeting"),
        Meeting.objects.published,
        MEETING_SEARCH_FIELDS,
        "summary",
        date_field="start_date",
    ),
    SearchSource(
        _("Rabat Review"),
        Issue.objects.published,
        REVIEW_ISSUE_SEARCH_FIELDS,
        "introduction",
        date_field="published_at",
    ),
    SearchSource(
        _("Rabat Review article"),
        Article.objects.in_published_issues,
        REVIEW_ARTICLE_SEARCH_FIELDS,
        "body",
    ),
    SearchSource(_("Page"), Page.objects.all, ("title", "intro", "body"), "body"),
    SearchSource(
        _("Theme"),
        Theme.objects.all,
        ("title", "summary", "description"),
        "description",
    ),
    SearchSource(
        _("Strategy objective"),
        Objective.objects.all,
        ("title", "description"),
        "description",
    ),
    SearchSource(
        _("Strategy pillar"),
        Pillar.objects.all,
        ("title", "description"),
        "description",
    ),
    SearchSource(_("Country"), Country.objects.all, ("name",), "name"),
    SearchSource(
        _("Organisation"),
        Organisation.objects.all,
        ("acronym", "name", "description"),
        "description",
    ),
]


def search_vector(fields):
    """The document searched for `fields`, in both languages (see the indexes)."""
    french = SearchVector(*[f"{name}_fr" for name in fields], config="rabat_french")
    english = SearchVector(*[f"{name}_en" for name in fields], config="rabat_english")
    return french + english


def uses_full_text_search():
    return connection.vendor == "postgresql"


def site_search(query_text: str) -> list[SearchResult]:
    """Every public item matching `query_text`, best matches first."""
    query_text = " ".join(query_text.split())
    if not query_text:
        return []
    if uses_full_text_search():
        results = [
            result
            for source in SEARCH_SOURCES
            for result in _full_text_results(source, query_text)
        ]
    else:
        results = [
            result
            for source in SEARCH_SOURCES
            for result in _substring_results(source, query_text)
        ]
    return sorted(results, key=lambda result: -result.rank)


def _full_text_results(source, query_text):
    language = current_language()
    query = SearchQuery(
        query_text, config="rabat_french", search_type="websearch"
    ) | SearchQuery(query_text, config="rabat_english", search_type="websearch")
    vector = search_vector(source.fields)
    rows = (
        source.queryset()
        .annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(vector, query),
            headline=SearchHeadline(
                f"{source.snippet_field}_{language}",
                SearchQuery(
                    query_text,
                    config=TEXT_SEARCH_CONFIGS[language],
                    search_type="websearch",
                ),
                config=TEXT_SEARCH_CONFIGS[language],
                start_sel=MATCH_START,
                stop_sel=MATCH_STOP,
                max_words=35,
                min_words=15,
            ),
        )
        .order_by("-rank")[:RESULTS_PER_SOURCE]
    )
    return [
        _result(source, row, rank=row.rank, snippet=marked_snippet(row.headline))
        for row in rows
    ]


def _substring_results(source, query_text):
    condition = Q()
    for name in source.fields:
        for language in TEXT_SEARCH_CONFIGS:
            condition |= Q(**{f"{name}_{language}__icontains": query_text})
    rows = source.queryset().filter(condition)[:RESULTS_PER_SOURCE]
    return [
        _result(
            source,
            row,
            rank=0.0,
            snippet=highlighted_excerpt(getattr(row, source.snippet_field), query_text),
        )
        for row in rows
    ]


def _result(source, row, *, rank, snippet):
    return SearchResult(
        label=str(source.label),
        title=str(row),
        url=row.get_absolute_url(),
        snippet=snippet,
        rank=rank,
        date=getattr(row, source.date_field) if source.date_field else None,
    )


def _plain(text):
    """Markdown source reduced to readable text for a snippet."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    text = re.sub(r"^\s*>\s?", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`#|]+", "", text)
    return " ".join(text.split())


def marked_snippet(headline):
    html = escape(_plain(headline))
    html = html.replace(MATCH_START, "<mark>").replace(MATCH_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above


def highlighted_excerpt(text, query_text):
    text = _plain(text)
    position = text.lower().find(query_text.lower())
    start = max(position - SNIPPET_LENGTH // 3, 0) if position >= 0 else 0
    excerpt = text[start : start + SNIPPET_LENGTH]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_LENGTH < len(text) else ""
    pattern = re.compile(re.escape(query_text), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{MATCH_START}{m.group(0)}{MATCH_STOP}", excerpt)
    return marked_snippet(prefix + marked + suffix)
