"""Site search: PostgreSQL full-text search, with a plain fallback on SQLite.

Each app registers what it makes searchable from its `AppConfig.ready()`:
`register(SearchSource(...))`, so that this module knows no app above rabat.
A source's `queryset(user)` gives the rows `user` may find (public sources
ignore the user).

On PostgreSQL each source's model has a GIN index on the very expression
`SearchSource.vector()` builds (created in a migration of its app), with the
`rabat_french` / `rabat_english` configurations, which unaccent words before
stemming them: "senegal" finds "Sénégal". Translated fields are searched in
each language with its configuration; untranslated ones (forum posts) with
both configurations.
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

from rabat.languages import CONTENT_LANGUAGES, current_language
from rabat.markdown import markdown_to_text

TEXT_SEARCH_CONFIGS = {"fr": "rabat_french", "en": "rabat_english"}
SNIPPET_LENGTH = 220
RESULTS_PER_SOURCE = 50
# Markers the database puts around matches; escaped text never contains them.
MATCH_START, MATCH_STOP = "\x02", "\x03"


def public(queryset: Callable[[], models.QuerySet]):
    """A source's queryset that is the same for every user."""
    return lambda user: queryset()


@dataclass(frozen=True)
class SearchSource:
    """A kind of content the site search looks into."""

    label: str | Promise | Callable[[models.Model], str]
    queryset: Callable[[object], models.QuerySet]  # the rows a user may find
    fields: tuple[str, ...]  # without language suffix when `translated`
    snippet_field: str
    date_field: str | None = None
    translated: bool = True
    title: Callable[[models.Model], str] = str

    def vector(self):
        """The searched document: exactly the expression of the GIN index."""
        if self.translated:
            return search_vector(self.fields)
        return SearchVector(*self.fields, config="rabat_french") + SearchVector(
            *self.fields, config="rabat_english"
        )

    def field_names(self):
        """The model fields searched, in both languages for translated ones."""
        if not self.translated:
            return self.fields
        return tuple(
            f"{name}_{code}" for name in self.fields for code in CONTENT_LANGUAGES
        )

    def snippet_field_name(self, language):
        if self.translated:
            return f"{self.snippet_field}_{language}"
        return self.snippet_field

    def label_for(self, row) -> str:
        return str(self.label) if not callable(self.label) else self.label(row)


@dataclass(frozen=True)
class SearchResult:
    label: str
    title: str
    url: str
    snippet: SafeString
    rank: float
    date: datetime | None


_sources: list[SearchSource] = []


def register(source: SearchSource) -> None:
    """Make `source` searchable; apps call it from their `AppConfig.ready()`."""
    _sources.append(source)


def search_sources() -> tuple[SearchSource, ...]:
    return tuple(_sources)


def search_vector(fields):
    """The document searched for translated `fields`, in both languages."""
    french = SearchVector(*[f"{name}_fr" for name in fields], config="rabat_french")
    english = SearchVector(*[f"{name}_en" for name in fields], config="rabat_english")
    return french + english


def uses_full_text_search():
    return connection.vendor == "postgresql"


def site_search(query_text: str, user=None, sources=None) -> list[SearchResult]:
    """Every item of `sources` (all registered ones by default) that `user`
    may find matching `query_text`, best matches first; without a user, the
    public items only."""
    query_text = " ".join(query_text.split())
    if not query_text:
        return []
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    find = _full_text_results if uses_full_text_search() else _substring_results
    results = [
        result
        for source in sources or search_sources()
        for result in find(source, source.queryset(user), query_text)
    ]
    return sorted(results, key=lambda result: -result.rank)


def _full_text_results(source, queryset, query_text):
    language = current_language()
    query = SearchQuery(
        query_text, config="rabat_french", search_type="websearch"
    ) | SearchQuery(query_text, config="rabat_english", search_type="websearch")
    vector = source.vector()
    rows = (
        queryset.annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(vector, query),
            headline=SearchHeadline(
                source.snippet_field_name(language),
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


def _substring_results(source, queryset, query_text):
    condition = Q()
    for name in source.field_names():
        condition |= Q(**{f"{name}__icontains": query_text})
    rows = queryset.filter(condition)[:RESULTS_PER_SOURCE]
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
        label=source.label_for(row),
        title=source.title(row),
        url=row.get_absolute_url(),
        snippet=snippet,
        rank=rank,
        date=getattr(row, source.date_field) if source.date_field else None,
    )


def _one_line(text):
    return " ".join(markdown_to_text(text, urls=False).split())


def marked_snippet(headline):
    html = escape(_one_line(headline))
    html = html.replace(MATCH_START, "<mark>").replace(MATCH_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above


def highlighted_excerpt(text, query_text):
    text = _one_line(text)
    position = text.lower().find(query_text.lower())
    start = max(position - SNIPPET_LENGTH // 3, 0) if position >= 0 else 0
    excerpt = text[start : start + SNIPPET_LENGTH]
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_LENGTH < len(text) else ""
    pattern = re.compile(re.escape(query_text), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{MATCH_START}{m.group(0)}{MATCH_STOP}", excerpt)
    return marked_snippet(prefix + marked + suffix)
