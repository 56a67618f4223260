"""Reads of the public site that gather what several apps add to it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import get_language

from rabat.cache import content_version
from rabat.models import (
    NewsItem,
    Organisation,
    OrganisationKind,
    Page,
    Theme,
)
from rabat.page_cache import VERSION_KEY


def page_title(slug: str) -> str:
    """The title of the editable page `slug` in the current language ("" if
    there is none), from the cache under the public pages' version: a public
    page shows it in its <title>, outside its cached content."""
    key = f"rabat:page-title:{slug}:{get_language()}:{content_version(VERSION_KEY)}"
    title = cache.get(key)
    if title is None:
        page = Page.objects.filter(slug=slug).first()
        title = page.title if page else ""
        cache.set(key, title, settings.PUBLIC_CONTENT_CACHE_SECONDS)
    return title


PARTNERS_PAGE_DATA = ("organisation_groups",)


def partners_page_data() -> dict:
    """The partners page's organisations by kind, in one query; its countries
    are the i-Map's component (countries' template tag `imap_partners`)."""
    organisations = list(Organisation.objects.all())
    return {
        "organisation_groups": [
            (label, [o for o in organisations if o.kind == kind])
            for kind, label in OrganisationKind.choices
        ],
    }


# --- Content that links up ---------------------------------------------------------
#
# A news item and a Review article are tagged with themes, countries and
# meetings; they show the content related to their tags, and a theme's page
# shows what belongs to the theme. The apps that own that content (meetings,
# forums, ...) register their sections from their `AppConfig.ready()`, so
# that rabat imports none of them.

RELATED_NEWS_COUNT = 4
THEME_NEWS_COUNT = 6


@dataclass(frozen=True)
class Tags:
    """What a piece of content is about: the pks of its themes, countries and
    meetings; `news_item` is the news item itself, never related to itself."""

    themes: frozenset[int] = frozenset()
    countries: frozenset[int] = frozenset()
    meetings: frozenset[int] = frozenset()
    news_item: int | None = None

    def __bool__(self):
        return bool(self.themes or self.countries or self.meetings)


def tags_of(content) -> Tags:
    """The tags of `content` (a news item or a Review article, its `themes`,
    `countries` and `meetings` prefetched)."""
    return Tags(
        themes=frozenset(theme.pk for theme in content.themes.all()),
        countries=frozenset(country.pk for country in content.countries.all()),
        meetings=frozenset(meeting.pk for meeting in content.meetings.all()),
        news_item=content.pk if isinstance(content, NewsItem) else None,
    )


TAG_PREFETCH = ("themes", "countries", "meetings")


@dataclass(frozen=True)
class RelatedSection:
    """Content an app relates to tagged content."""

    # find(tags) -> for each Tags of the list, its related items (a list,
    # empty when none): a fixed number of queries for the whole list.
    find: Callable[[list[Tags]], list[list]]
    template_name: str  # rendered with `items` (and `level`: its heading's)
    order: int


@dataclass(frozen=True)
class ThemeSection:
    """Something an app shows on a theme's page."""

    find: Callable[[Theme, object], object]  # (theme, user) -> the section's data
    template_name: str  # rendered with `theme` and `items` (its data)
    order: int


@dataclass(frozen=True)
class Shown:
    template_name: str
    items: object


_related_sections: list[RelatedSection] = []
_theme_sections: list[ThemeSection] = []


def register_related_section(section: RelatedSection) -> None:
    _related_sections.append(section)
    _related_sections.sort(key=lambda s: s.order)


def register_theme_section(section: ThemeSection) -> None:
    _theme_sections.append(section)
    _theme_sections.sort(key=lambda s: s.order)


def related_content(contents) -> list[list[Shown]]:
    """For each of `contents` (tags prefetched), its non-empty related
    sections, in order; a fixed number of queries whatever their number."""
    tags = [tags_of(content) for content in contents]
    found = [(section, section.find(tags)) for section in _related_sections]
    return [
        [
            Shown(section.template_name, items[index])
            for section, items in found
            if items[index]
        ]
        for index in range(len(tags))
    ]


def theme_sections(theme: Theme, user) -> list[Shown]:
    """The sections of `theme`'s page for `user`; a section whose data is
    None is not shown (an empty list is: it says there is nothing yet)."""
    shown = []
    for section in _theme_sections:
        items = section.find(theme, user)
        if items is not None:
            shown.append(Shown(section.template_name, items))
    return shown


def news_about(tags: Tags):
    """Published news sharing a tag with `tags`, newest first."""
    condition = (
        models.Q(themes__in=tags.themes)
        | models.Q(countries__in=tags.countries)
        | models.Q(meetings__in=tags.meetings)
    )
    news = NewsItem.objects.published().filter(condition)
    if tags.news_item:
        news = news.exclude(pk=tags.news_item)
    return news.distinct()


def related_news(tags_list: list[Tags], limit: int = RELATED_NEWS_COUNT) -> list[list]:
    """The news sharing a tag with each of `tags_list`, newest first: one
    query for the candidates and three for their tags."""
    union = Tags(
        themes=frozenset().union(*(t.themes for t in tags_list)),
        countries=frozenset().union(*(t.countries for t in tags_list)),
        meetings=frozenset().union(*(t.meetings for t in tags_list)),
    )
    if not union:
        return [[] for _tags in tags_list]
    candidates = [
        (news, tags_of(news))
        for news in news_about(union).prefetch_related(*TAG_PREFETCH)
    ]
    return [
        [
            news
            for news, news_tags in candidates
            if news.pk != tags.news_item
            and (
                news_tags.themes & tags.themes
                or news_tags.countries & tags.countries
                or news_tags.meetings & tags.meetings
            )
        ][:limit]
        for tags in tags_list
    ]


def theme_news(theme: Theme, user) -> list[NewsItem]:
    return list(theme.news_items.published()[:THEME_NEWS_COUNT])
