"""Site search: PostgreSQL full-text search, with a plain fallback on SQLite.

Each app registers what it makes searchable from its `AppConfig.ready()`:
`register(SearchSource(...))`, so that this module knows no app above rabat.
A source's `queryset(user)` gives the rows `user` may find (public sources
ignore the user); its `kind` groups it with others in the page's facets.

On PostgreSQL each source's model has a GIN index on the very expression
`SearchSource.vector()` builds (created in a migration of its app), with the
`rabat_french` / `rabat_english` configurations, which unaccent words before
stemming them: "senegal" finds "Sénégal". The tables searched most (news,
meetings, forum posts and topics, pages, Review articles) keep that document
in a column instead (`document_field`, filled by a trigger: see
`rabat.search_documents`), so that neither matching nor ranking parses their
texts again.
Translated fields are searched in each language with its configuration;
untranslated ones (forum posts) with both configurations.

Results come in three tiers: an exact title match, or a country whose name
holds the query (sources registered `promoted`); then titles holding the
query; then the others, by rank. Snippets are cut on word boundaries around
the first match, "…" where the text goes on, every match in <mark>.

A page shows twenty results, so each source gives its best
RESULTS_PER_SOURCE only, and says whether it has more (the facets then
show "50+" instead of counting every match). Ranking reads every candidate's
document: on a dated source the candidates are its CANDIDATES_PER_SOURCE
latest matches (walking the index of its dates), not every match of a
common word among thousands; with a `title_document_field` (its title's
document, under a GIN index), its matches in the title come first, and the
latest of them are candidates however old: an old item named by the query is
still found. The database highlights the matches (stemmed words too) of the rows a
page shows only, in one query (`with_snippets`).
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache, cached_property, partial

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import BooleanField, ExpressionWrapper, FloatField, Q, Value
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rabat.languages import CONTENT_LANGUAGES, current_language
from rabat.markdown import markdown_to_text

TEXT_SEARCH_CONFIGS = {"fr": "rabat_french", "en": "rabat_english"}
SNIPPET_LENGTH = 220
RESULTS_PER_SOURCE = 50
# The latest matches of a dated source that are ranked (see above).
CANDIDATES_PER_SOURCE = 200
# Markers the database puts around matches; escaped text never contains them.
MATCH_START, MATCH_STOP = "\x02", "\x03"
ELLIPSIS = "…"


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
    # The facet it is counted in (sources may share one), and its name there.
    kind: str = "other"
    kind_label: str | Promise = ""
    # Its rows come first when their title holds the query (countries).
    promoted: bool = False
    # The column in which the database keeps the document (large tables:
    # ranking thousands of matches then reads it instead of parsing every
    # text again); PostgreSQL only.
    document_field: str | None = None
    # On a dated source, the column (under a GIN index) in which the database
    # keeps the document of the title alone: its matches there are ranked
    # too, however old (see `ranked_matches`); PostgreSQL only.
    title_document_field: str | None = None
    # The version of its content when the public pages' version does not
    # follow it (rabat.page_cache): the search page's cached results are
    # kept under it too (search_versions).
    version: Callable[[], object] | None = None

    def vector(self):
        """The searched document: its stored column, or exactly the expression
        of the GIN index."""
        if self.document_field:
            return models.F(self.document_field)
        return text_vector(self.fields, translated=self.translated)

    def field_names(self):
        """The model fields searched, in both languages for translated ones."""
        return text_field_names(self.fields, translated=self.translated)

    def label_for(self, row) -> str:
        return str(self.label) if not callable(self.label) else self.label(row)


@dataclass(frozen=True)
class SearchResult:
    label: str
    title: str
    rank: float
    date: datetime | None
    kind: str = "other"
    kind_label: str = ""
    tier: int = 2  # 0: exact title or promoted; 1: title holds the query
    # The text its snippet is cut from (Markdown).
    text: str = field(default="", repr=False, compare=False)
    # Its link and excerpt, made when read: a search finds up to
    # RESULTS_PER_SOURCE results of each source, a page shows twenty.
    link: Callable[[], str] = field(default=str, repr=False, compare=False)
    excerpt: Callable[[], SafeString] = field(
        default=SafeString, repr=False, compare=False
    )

    @cached_property
    def url(self) -> str:
        return self.link()

    @cached_property
    def snippet(self) -> SafeString:
        return self.excerpt()


class SearchResults(list):
    """The results of a search, best first, and the kinds of which there
    were more matches than results (RESULTS_PER_SOURCE of a source)."""

    def __init__(self, results=(), capped_kinds=frozenset()):
        super().__init__(results)
        self.capped_kinds = frozenset(capped_kinds)


@dataclass(frozen=True)
class KindFacet:
    kind: str
    label: str
    count: int
    capped: bool = False  # there are more matches than `count`


_sources: list[SearchSource] = []


def register(source: SearchSource) -> None:
    """Make `source` searchable; apps call it from their `AppConfig.ready()`."""
    _sources.append(source)


def search_versions(user=None, sources=None) -> tuple:
    """The versions of the content of the sources `user` searches beyond
    the public pages' (see SearchSource.version)."""
    return tuple(
        source.version()
        for source in (sources or search_sources())
        if source.version is not None
    )


def search_sources() -> tuple[SearchSource, ...]:
    return tuple(_sources)


def search_vector(fields):
    """The document searched for translated `fields`, in both languages."""
    french = SearchVector(*[f"{name}_fr" for name in fields], config="rabat_french")
    english = SearchVector(*[f"{name}_en" for name in fields], config="rabat_english")
    return french + english


def text_vector(fields, *, translated=True):
    """The searched document of `fields`: translated ones in their language,
    others in both configurations."""
    if translated:
        return search_vector(fields)
    return SearchVector(*fields, config="rabat_french") + SearchVector(
        *fields, config="rabat_english"
    )


def text_field_names(fields, *, translated=True):
    if not translated:
        return tuple(fields)
    return tuple(f"{name}_{code}" for name in fields for code in CONTENT_LANGUAGES)


def uses_full_text_search():
    return connection.vendor == "postgresql"


def text_query(query_text: str):
    """`query_text` as typed in a search box (websearch syntax), in French
    and in English."""
    return SearchQuery(
        query_text, config="rabat_french", search_type="websearch"
    ) | SearchQuery(query_text, config="rabat_english", search_type="websearch")


def matching(queryset, query_text: str, *, fields, translated=True):
    """The rows of `queryset` matching `query_text` in `fields`, each with
    its `rank`: full-text search on PostgreSQL, a case-insensitive substring
    on SQLite (rank 0). For the other searches of the site (the library)."""
    query_text = " ".join(query_text.split())
    if uses_full_text_search():
        query = text_query(query_text)
        vector = text_vector(fields, translated=translated)
        return (
            queryset.alias(document=vector)
            .filter(document=query)
            .annotate(rank=SearchRank(vector, query))
        )
    condition = Q()
    for name in text_field_names(fields, translated=translated):
        condition |= Q(**{f"{name}__icontains": query_text})
    return queryset.filter(condition).annotate(
        rank=Value(0.0, output_field=FloatField())
    )


def site_search(query_text: str, user=None, sources=None) -> SearchResults:
    """The best items of `sources` (all registered ones by default) that
    `user` may find matching `query_text`, best matches first (see the tiers
    above); without a user, the public items only."""
    query_text = " ".join(query_text.split())
    if not query_text:
        return SearchResults()
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    find = ranked_matches if uses_full_text_search() else _substring_matches
    results, capped_kinds = [], set()
    for source in sources or search_sources():
        rows = list(find(source, source.queryset(user), query_text))
        if len(rows) > RESULTS_PER_SOURCE:
            capped_kinds.add(source.kind)
        results += [
            _result(source, row, query_text) for row in rows[:RESULTS_PER_SOURCE]
        ]
    results.sort(
        key=lambda result: (
            result.tier,
            -result.rank,
            -(result.date.toordinal() if result.date else 0),
        )
    )
    return SearchResults(results, capped_kinds)


def kind_facets(results: SearchResults) -> list[KindFacet]:
    """How many of `results` are of each kind, in the order of each kind's
    first result; `capped` where there were more matches."""
    counts = Counter(result.kind for result in results)
    labels = {result.kind: result.kind_label for result in reversed(results)}
    capped = getattr(results, "capped_kinds", frozenset())
    return [
        KindFacet(kind, labels[kind], count, capped=kind in capped)
        for kind, count in counts.items()
    ]


def ranked_matches(source, queryset, query_text):
    """The best rows of `queryset` for `query_text`, each with its `rank`
    (PostgreSQL): RESULTS_PER_SOURCE of them, and one more when there are
    more. On a dated source, the best of its CANDIDATES_PER_SOURCE latest
    matches; with a `title_document_field`, its matches in the title first,
    among which its RESULTS_PER_SOURCE + 1 latest ones, however old."""
    query = text_query(query_text)
    vector = source.vector()
    matches = queryset.alias(document=vector).filter(document=query)
    order = ("-rank", "-pk")
    if source.date_field:
        candidates = _latest(source, matches, CANDIDATES_PER_SOURCE)
        if source.title_document_field:
            queryset = queryset.alias(
                title_document=models.F(source.title_document_field),
                in_title=ExpressionWrapper(
                    Q(title_document=query), output_field=BooleanField()
                ),
            )
            in_title = queryset.filter(in_title=True)
            candidates = candidates.union(
                _latest(source, in_title, RESULTS_PER_SOURCE + 1)
            )
            order = ("-in_title", *order)
        matches = queryset.filter(pk__in=candidates)
    return matches.annotate(rank=SearchRank(vector, query)).order_by(*order)[
        : RESULTS_PER_SOURCE + 1
    ]


def _latest(source, matches, count):
    """The keys of the `count` latest of `matches`."""
    return matches.order_by(f"-{source.date_field}", "-pk").values("pk")[:count]


def _substring_matches(source, queryset, query_text):
    condition = Q()
    for name in source.field_names():
        condition |= Q(**{f"{name}__icontains": query_text})
    return queryset.filter(condition).annotate(
        rank=Value(0.0, output_field=FloatField())
    )[: RESULTS_PER_SOURCE + 1]


def with_snippets(results, query_text: str) -> list[SearchResult]:
    """`results` (the ones a page shows) with their snippets marked by the
    database, stemmed words included (PostgreSQL: one query for them all;
    the others keep the snippets marked in Python)."""
    results = list(results)
    if not results or not uses_full_text_search():
        return results
    config = TEXT_SEARCH_CONFIGS[current_language()]
    with connection.cursor() as cursor:
        # The whole text, every match marked: cut in Python, on words.
        cursor.execute(
            "SELECT ts_headline(%s::regconfig, text, "
            "websearch_to_tsquery(%s::regconfig, %s), %s) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS texts(text, position) "
            "ORDER BY position",
            [
                config,
                config,
                " ".join(query_text.split()),
                f"StartSel={MATCH_START}, StopSel={MATCH_STOP}, HighlightAll=true",
                [result.text for result in results],
            ],
        )
        headlines = [headline for (headline,) in cursor.fetchall()]
    return [
        replace(
            result,
            excerpt=partial(excerpt_snippet, headline, query_text, marked=True),
        )
        for result, headline in zip(results, headlines, strict=True)
    ]


def _result(source, row, query_text):
    title = source.title(row)
    folded_title, folded_query = folded(title), folded(query_text)
    if folded_title == folded_query or (
        source.promoted and folded_query in folded_title
    ):
        tier = 0
    elif folded_query in folded_title:
        tier = 1
    else:
        tier = 2
    date = getattr(row, source.date_field) if source.date_field else None
    text = getattr(row, source.snippet_field) or ""
    return SearchResult(
        label=source.label_for(row),
        title=title,
        text=text,
        link=row.get_absolute_url,
        excerpt=partial(excerpt_snippet, text, query_text),
        rank=row.rank,
        date=date,
        kind=source.kind,
        kind_label=str(source.kind_label or source.label_for(row)),
        tier=tier,
    )


# --- Snippets ------------------------------------------------------------------


def folded(text: str) -> str:
    """`text` in lower case without accents, one character for each of
    `text`'s: positions in one are positions in the other."""
    return "".join(map(_folded_char, text))


@cache
def _folded_char(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0].lower()[0]


def _one_line(text):
    return " ".join(markdown_to_text(text or "", urls=False).split())


def query_terms(query_text: str) -> list[str]:
    """The words of a search, without the websearch syntax (quotes, "-",
    "or"), longest first."""
    terms = set()
    for token in query_text.split():
        if token.startswith("-") or token.lower() == "or":
            continue
        terms.update(folded(word) for word in re.findall(r"[^\W_]+", token))
    return sorted(terms, key=len, reverse=True)


def marked_matches(text: str, query_text: str) -> str:
    """`text` with every word starting with one of the query's terms marked
    (accents and case ignored): the fallback of the database's highlighting."""
    terms = query_terms(query_text)
    if not terms:
        return text
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*"
    )
    pieces, position = [], 0
    for match in pattern.finditer(folded(text)):
        pieces += [
            text[position : match.start()],
            MATCH_START,
            text[match.start() : match.end()],
            MATCH_STOP,
        ]
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def excerpt_snippet(text: str, query_text: str, *, marked: bool = False) -> SafeString:
    """The part of `text` (Markdown) around its first match, at most
    SNIPPET_LENGTH characters cut on word boundaries, "…" where it is cut,
    escaped, with the matches in <mark>. `marked`: the text already marks
    its matches (the database's headline)."""
    text = _one_line(text)
    if not marked:
        text = marked_matches(text, query_text)
    words = text.split(" ") if text else []
    first = next((index for index, word in enumerate(words) if MATCH_START in word), 0)
    # Some words of context before the match, then as many as fit.
    start = first
    length = len(_plain(words[first])) if words else 0
    while start > 0 and first - start < 8:
        extra = len(_plain(words[start - 1])) + 1
        if length + extra > SNIPPET_LENGTH // 3:
            break
        start -= 1
        length += extra
    end = first + 1
    while end < len(words):
        extra = len(_plain(words[end])) + 1
        if length + extra > SNIPPET_LENGTH:
            break
        end += 1
        length += extra
    # Near the end of the text: the room left goes to what comes before.
    while end == len(words) and start > 0:
        extra = len(_plain(words[start - 1])) + 1
        if length + extra > SNIPPET_LENGTH:
            break
        start -= 1
        length += extra
    excerpt = " ".join(words[start:end])
    # A mark cut by the excerpt is closed, or opened again.
    before = " ".join(words[:start])
    if before.rfind(MATCH_START) > before.rfind(MATCH_STOP):
        excerpt = MATCH_START + excerpt
    if excerpt.count(MATCH_START) > excerpt.count(MATCH_STOP):
        excerpt += MATCH_STOP
    prefix = f"{ELLIPSIS} " if start > 0 else ""
    suffix = f" {ELLIPSIS}" if end < len(words) else ""
    return marked_snippet(prefix + excerpt + suffix, plain=True)


def _plain(word):
    return word.replace(MATCH_START, "").replace(MATCH_STOP, "")


def marked_snippet(headline, *, plain=False):
    """`headline` (Markdown, or plain text) escaped, its marked matches in
    <mark>."""
    html = escape(headline if plain else _one_line(headline))
    html = html.replace(MATCH_START, "<mark>").replace(MATCH_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above
