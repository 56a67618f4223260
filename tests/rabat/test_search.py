from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from rabat.models import NewsItem
from rabat.search import site_search
from tests.factories import CountryFactory, NewsItemFactory, ThemeFactory
from tests.search_plans import search_plan, site_search_plan

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search runs on PostgreSQL; SQLite has the icontains fallback",
)


def test_search_finds_news_and_highlights_the_match(client, settings):
    settings.LANGUAGE_CODE = "en"
    NewsItemFactory(
        title_en="Thematic meeting in Niamey",
        body_en="The meeting on evidence-based policy making was held in Niamey.",
    )
    NewsItemFactory(title_en="Unrelated", body_en="Nothing to see.")
    content = client.get(reverse("rabat:search"), {"q": "Niamey"}).content.decode()
    assert "Thematic meeting in Niamey" in content
    assert "Unrelated" not in content
    assert "<mark>Niamey</mark>" in content
    assert "1 result for" in content


def test_search_without_terms_explains_what_to_do(client):
    content = client.get("/en/search/?q=").content.decode()
    assert "Type one or more words" in content


def test_search_with_no_match_says_so(client):
    content = client.get("/en/search/?q=zzzzqqq").content.decode()
    assert "0 results for" in content
    assert "Try other words" in content


def test_search_escapes_content_in_snippets(client):
    NewsItemFactory(
        title_en="Border news",
        body_en='Border <script>alert("x")</script> management',
        body_fr='Frontières <script>alert("x")</script>',
    )
    content = client.get("/en/search/?q=border").content.decode()
    assert "Border news" in content
    assert "<script>alert" not in content


def test_snippets_drop_tags_escape_text_and_mark_matches():
    from rabat.search import MATCH_START, MATCH_STOP, marked_snippet

    snippet = marked_snippet(
        f'<img src=x onerror="y"> a > b & "c" {MATCH_START}dakar{MATCH_STOP}'
    )
    assert snippet == "a &gt; b &amp; &quot;c&quot; <mark>dakar</mark>"


def test_search_query_is_escaped_in_the_page(client):
    content = client.get(
        '/en/search/?q=<img src=x onerror="alert(1)">'
    ).content.decode()
    assert "<img src=x" not in content


def test_search_does_not_show_unpublished_news(client):
    NewsItemFactory(title_en="Secret draft about borders", is_published=False)
    assert site_search("draft") == []


def test_search_finds_countries_and_themes(client):
    CountryFactory(iso_code="SN", name_fr="Sénégal", name_en="Senegal")
    ThemeFactory(title_en="Border management at the operational level")
    labels = {result.label for result in site_search("Senegal")}
    assert "Country" in labels or "Pays" in labels
    with translation.override("en"):
        assert any("Border management" in r.title for r in site_search("border"))


def test_search_results_are_paginated(client):
    NewsItemFactory.create_batch(25, title_en="Migration profiles")
    first = client.get("/en/search/?q=profiles").content.decode()
    assert "25 results for" in first
    assert "Page 1 of 2" in first
    second = client.get("/en/search/?q=profiles&page=2").content.decode()
    assert "Page 2 of 2" in second


@postgresql_only
def test_search_ignores_accents_and_case(client):
    CountryFactory(iso_code="SN", name_fr="Sénégal", name_en="Senegal")
    NewsItemFactory(
        title_fr="Réunion à Dakar, Sénégal", title_en="Meeting in Dakar", body_en="x"
    )
    for query in ("senegal", "SÉNÉGAL", "Sénégal"):
        titles = [result.title for result in site_search(query)]
        assert "Sénégal" in titles or "Senegal" in titles, query
    content = client.get("/fr/search/?q=senegal").content.decode()
    assert "<mark>Sénégal</mark>" in content


@postgresql_only
def test_search_stems_french_and_english_words(client):
    NewsItemFactory(
        title_fr="Gestion des frontières",
        title_en="Border management",
        body_fr="Les frontières opérationnelles.",
        body_en="Operational borders.",
    )
    assert site_search("frontière")
    assert site_search("border")


@postgresql_only
def test_search_ranks_title_matches_first(client):
    NewsItemFactory(
        title_en="Other news", body_en="Something about migration profiles."
    )
    NewsItemFactory(
        title_en="Migration profiles", body_en="Migration profiles, migration profiles."
    )
    with translation.override("en"):
        results = site_search("migration profiles")
    assert results[0].title == "Migration profiles"


@postgresql_only
def test_the_site_search_ranks_news_on_their_stored_document():
    NewsItem.objects.bulk_create(NewsItemFactory.build_batch(300))
    NewsItemFactory.create_batch(5, body_en="Labour migration in the Sahel.")
    plan = site_search_plan(NewsItem, "migration")
    assert "search_document @@" in plan
    assert "search_title @@" in plan
    # Thousands of matches are ranked without parsing their texts again.
    assert "to_tsvector" not in plan


@postgresql_only
def test_an_old_news_item_named_by_the_query_is_found_among_newer_matches():
    """The candidates of a dated source are its latest matches, and its
    matches in the title however old."""
    NewsItemFactory(
        title_en="Return and reintegration",
        body_en="A workshop in Dakar.",
        published_at=timezone.now() - timedelta(days=3650),
    )
    NewsItem.objects.bulk_create(
        NewsItemFactory.build_batch(
            300, body_en="The return of migrants: assisted return, voluntary return."
        )
    )
    with translation.override("en"):
        results = site_search("return")
    assert results[0].title == "Return and reintegration"
    assert results.capped_kinds == {"news"}


def test_an_edited_news_item_is_found_by_its_new_words():
    news = NewsItemFactory(title_en="A title", body_en="A text.")
    news.title_en = "Ouagadougou"
    news.save()
    with translation.override("en"):
        assert [result.title for result in site_search("ouagadougou")] == [
            "Ouagadougou"
        ]
    NewsItem.objects.filter(pk=news.pk).update(title_en="Bamako")
    with translation.override("en"):
        assert site_search("ouagadougou") == []


@postgresql_only
def test_search_uses_the_gin_indexes(client):
    NewsItemFactory()
    assert "newsitem_document_idx" in search_plan(NewsItem)
