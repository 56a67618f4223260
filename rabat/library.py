"""The library: every public document of the portal in one list.

Each app registers what it publishes from its `AppConfig.ready()`:
`register(LibrarySource(...))`, so that this module knows no app above rabat.
A source's `documents(query_text)` returns its public documents as
`LibraryDocument`s (those matching `query_text` when it is not empty, each
with its rank: see `rabat.search.matching`), in a fixed number of queries.

The library merges them, counts the facets, sorts and cuts the pages in
Python: the portal publishes hundreds of documents, not millions, and the
counts are then exact for every combination of filters.
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from rabat.languages import LANGUAGES

LANGUAGE_NAMES = dict(LANGUAGES)


@dataclass(frozen=True)
class LibraryFile:
    """One downloadable file of a document."""

    url: str
    language: str = ""  # "fr", "en", or "" (both, or not known)
    content_type: str = ""
    size: int | None = None

    @property
    def format(self) -> str:
        """What people call the format: "PDF", "DOCX", "JPG"..."""
        from rabat.uploads import EXTENSIONS

        extensions = EXTENSIONS.get(self.content_type)
        return extensions[0].lstrip(".").upper() if extensions else ""

    @property
    def language_name(self) -> str:
        return str(LANGUAGE_NAMES.get(self.language, ""))


@dataclass(frozen=True)
class LibraryDocument:
    """A public document, as the library lists it."""

    key: str  # unique in the library: "<source>:<id>"
    title: str
    type: str  # the facet's value: one per source or family of documents
    type_label: str | Promise
    date: datetime.date | None
    kind_label: str | Promise = ""  # what the entry says it is, if not its type
    year: int | None = None  # when only the year is known (no `date`)
    languages: tuple[str, ...] = ()
    files: tuple[LibraryFile, ...] = ()
    external_url: str = ""  # the official publication
    page_title: str = ""  # the page it belongs to (a meeting, an issue)
    page_url: str = ""
    summary: str = ""
    place: str = ""
    themes: tuple[tuple[str, str], ...] = ()  # (slug, title)
    countries: tuple[tuple[str, str], ...] = ()  # (ISO code, name)
    rank: float = 0.0

    @property
    def the_year(self) -> int | None:
        return self.date.year if self.date else self.year

    @property
    def language_names(self) -> list[str]:
        return [str(LANGUAGE_NAMES[code]) for code in self.languages]


@dataclass(frozen=True)
class LibrarySource:
    name: str
    # documents(query_text): every public document, or those matching a
    # non-empty query_text, in a number of queries that does not grow.
    documents: Callable[[str], Iterable[LibraryDocument]]


_sources: dict[str, LibrarySource] = {}


def register(source: LibrarySource) -> None:
    """Put `source`'s documents in the library; apps call it from their
    `AppConfig.ready()`."""
    _sources[source.name] = source


def library_sources() -> tuple[LibrarySource, ...]:
    return tuple(_sources.values())


# --- Facets --------------------------------------------------------------------

FACETS = ("type", "year", "theme", "country", "language")
FACET_LABELS = {
    "type": _("Type"),
    "year": _("Year"),
    "theme": _("Theme"),
    "country": _("Country"),
    "language": _("Language"),
}


def facet_values(document: LibraryDocument, facet: str) -> list[tuple[str, str]]:
    """The (value, label) pairs of `document` for `facet`."""
    if facet == "type":
        return [(document.type, str(document.type_label))]
    if facet == "year":
        year = document.the_year
        return [(str(year), str(year))] if year else []
    if facet == "theme":
        return list(document.themes)
    if facet == "country":
        return list(document.countries)
    return [(code, str(LANGUAGE_NAMES[code])) for code in document.languages]


@dataclass
class Facet:
    name: str
    label: str | Promise
    selected: str = ""
    # (value, label, count), in the facet's order
    choices: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass
class LibraryResults:
    documents: list[LibraryDocument]
    facets: list[Facet]
    total: int  # documents before the facets' filters


def _sorted_choices(name, counts, labels):
    if name == "year":
        keys = sorted(counts, reverse=True)
    else:
        keys = sorted(counts, key=lambda value: (labels[value].lower(), value))
    return [(value, labels[value], counts[value]) for value in keys]


def library_search(
    query_text: str = "", selected: dict[str, str] | None = None
) -> LibraryResults:
    """Every registered public document, matching `query_text` if given,
    filtered by the `selected` facet values (unknown values are ignored),
    newest first, or best matches first when searching; with each facet's
    values and their counts given the other facets' filters."""
    query_text = " ".join(query_text.split())
    documents = [
        document
        for source in library_sources()
        for document in source.documents(query_text)
    ]
    if query_text:
        documents = [_title_boosted(document, query_text) for document in documents]
    selected = selected or {}
    values = {
        name: [(document, dict(facet_values(document, name))) for document in documents]
        for name in FACETS
    }
    labels = {
        name: {
            value: label for _, pairs in values[name] for value, label in pairs.items()
        }
        for name in FACETS
    }
    # A value nobody has is not a filter: it would only empty the page.
    active = {
        name: selected[name]
        for name in FACETS
        if selected.get(name) and selected[name] in labels[name]
    }

    def kept(document, *, but=None):
        return all(
            value in dict(facet_values(document, name))
            for name, value in active.items()
            if name != but
        )

    facets = []
    for name in FACETS:
        counts = Counter(
            value
            for document in documents
            if kept(document, but=name)
            for value, _label in facet_values(document, name)
        )
        facets.append(
            Facet(
                name,
                FACET_LABELS[name],
                active.get(name, ""),
                _sorted_choices(name, counts, labels[name]),
            )
        )
    shown = [document for document in documents if kept(document)]
    shown.sort(key=_newest_first)
    if query_text:
        shown.sort(key=lambda document: -document.rank)  # stable: ties newest first
    return LibraryResults(shown, facets, len(documents))


def _newest_first(document):
    day = document.date or (
        datetime.date(document.year, 12, 31) if document.year else datetime.date.min
    )
    return (-day.toordinal(), document.title.lower())


def _title_boosted(document, query_text):
    """A title that holds the whole query comes before the other matches."""
    from dataclasses import replace

    if query_text.lower() in document.title.lower():
        return replace(document, rank=document.rank + 1.0)
    return document
