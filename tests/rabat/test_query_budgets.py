import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    CountryFactory,
    NewsItemFactory,
    ObjectiveFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.meetings.factories import MeetingFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db


def test_home_page_queries_do_not_grow_with_news(client):
    NewsItemFactory.create_batch(3)
    ThemeFactory.create_batch(2)

    def grow():
        NewsItemFactory.create_batch(30)
        ThemeFactory.create_batch(20)

    assert_queries_constant(client, reverse("rabat:home"), grow=grow)


def test_news_list_queries_do_not_grow_with_news(client):
    NewsItemFactory.create_batch(5)
    assert_queries_constant(
        client,
        reverse("rabat:news_list"),
        grow=lambda: NewsItemFactory.create_batch(50),
    )


def test_search_queries_do_not_grow_with_matches(client):
    NewsItemFactory.create_batch(3, title_en="Border management", title_fr="Frontières")
    CountryFactory(name_fr="Frontières", name_en="Borderland")

    def grow():
        NewsItemFactory.create_batch(30, title_en="Border management")
        ThemeFactory.create_batch(10, title_en="Border management")

    assert_queries_constant(client, reverse("rabat:search") + "?q=border", grow=grow)


def make_reference_data(count):
    ObjectiveFactory.create_batch(count)
    ThemeFactory.create_batch(count)
    CountryFactory.create_batch(3 * count)
    OrganisationFactory.create_batch(count)


@pytest.mark.parametrize("name", ["rabat:strategy", "rabat:themes", "rabat:partners"])
def test_reference_pages_queries_do_not_grow(client, name):
    make_reference_data(2)
    assert_queries_constant(client, reverse(name), grow=lambda: make_reference_data(20))


def test_news_item_queries_do_not_grow_with_its_related_content(client):
    theme = ThemeFactory()
    news = NewsItemFactory(slug="tagged")
    news.themes.add(theme)

    def grow():
        for _ in range(10):
            NewsItemFactory().themes.add(theme)
            MeetingFactory().themes.add(theme)

    for _ in range(2):
        NewsItemFactory().themes.add(theme)
    MeetingFactory().themes.add(theme)
    assert_queries_constant(
        client, reverse("rabat:news_detail", args=["tagged"]), grow=grow
    )


def test_theme_queries_do_not_grow_with_its_content(client):
    theme = ThemeFactory(slug="borders")

    def add(count):
        for _ in range(count):
            NewsItemFactory().themes.add(theme)
            MeetingFactory().themes.add(theme)
            MeetingFactory(
                start_date=datetime.date(2015, 3, 1), end_date=datetime.date(2015, 3, 2)
            ).themes.add(theme)

    add(1)
    assert_queries_constant(
        client, reverse("rabat:theme_detail", args=["borders"]), grow=lambda: add(10)
    )
