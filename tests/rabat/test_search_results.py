"""How the site search shows its results: snippets, order, kinds, pages."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation

from rabat.models import Page
from rabat.search import MATCH_START, MATCH_STOP, excerpt_snippet, site_search
from tests.factories import CountryFactory, NewsItemFactory, PageFactory
from tests.forums.factories import PostFactory
from tests.meetings.factories import MeetingFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search runs on PostgreSQL; SQLite has the icontains fallback",
)

LONG_BODY = " ".join(
    ["The partners of the dialogue discussed many questions at length."] * 6
    + ["Their conclusions on remittances were adopted by consensus."]
    + ["The next steps were agreed upon by every delegation present there."] * 6
)


def main(response):
    content = response.content.decode()
    return content[content.index("<main") : content.index("</main>")]


def snippets(content):
    return re.findall(r'<p class="mb-0">(.*?)</p>', content)


def words_of(text):
    return set(re.sub(r"<[^>]+>", "", text).replace("…", " ").split())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_snippets_cut_on_words_with_ellipses(client, language):
    NewsItemFactory(
        title_en="Long news",
        title_fr="Longue actualité",
        body_en=LONG_BODY,
        body_fr=LONG_BODY,
    )
    content = main(client.get(f"/{language}/search/", {"q": "remittances"}))
    [snippet] = snippets(content)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "<mark>remittances</mark>" in snippet
    # Whole words only: every word of the snippet is a word of the text.
    assert words_of(snippet) <= set(LONG_BODY.split())
    assert len(re.sub(r"<[^>]+>", "", snippet)) <= 230


def test_short_texts_are_shown_whole():
    snippet = excerpt_snippet("Border management in Dakar.", "dakar")
    assert snippet == "Border management in <mark>Dakar</mark>."
    start = excerpt_snippet("Dakar " + "word " * 80, "dakar")
    assert start.startswith("<mark>Dakar</mark> word") and start.endswith(" …")


def test_snippets_mark_every_term_ignoring_accents_and_escape_the_text():
    snippet = excerpt_snippet(
        'Réunion à <b>Dakar</b> & "Sénégal": <script>x</script> senegalese',
        "senegal dakar",
    )
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "<mark>Sénégal</mark>" in snippet
    assert "<mark>senegalese</mark>" in snippet
    assert "<mark>Dakar</mark>" in snippet
    assert "&amp;" in snippet


def test_a_mark_cut_by_the_excerpt_is_closed():
    text = "word " * 100 + f"{MATCH_START}{'long ' * 60}{MATCH_STOP}"
    snippet = excerpt_snippet(text, "long", marked=True)
    assert snippet.count("<mark>") == snippet.count("</mark>") == 1


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_home_page_is_never_a_result(client, language):
    PageFactory(
        slug=Page.Slug.HOME,
        title_en="Home",
        title_fr="Accueil",
        body_en="Migration dialogue",
        body_fr="Migration dialogue",
    )
    PageFactory(
        slug=Page.Slug.ABOUT, body_en="Migration dialogue", body_fr="Migration dialogue"
    )
    urls = [result.url for result in site_search("migration dialogue")]
    assert f"/{language}/" not in [u.replace("/en/", f"/{language}/") for u in urls]
    assert not any(url.rstrip("/").endswith(("/en", "/fr")) for url in urls)
    content = main(client.get(f"/{language}/search/", {"q": "migration dialogue"}))
    assert f'href="/{language}/about/"' in content
    assert f'href="/{language}/"' not in content


@pytest.mark.parametrize("language", ["en", "fr"])
def test_exact_titles_and_countries_come_first(client, language):
    NewsItemFactory(
        title_en="Senegal and Mali sign an agreement",
        title_fr="Le Sénégal et le Mali signent un accord",
        body_en="Senegal. " * 30,
        body_fr="Sénégal. " * 30,
    )
    CountryFactory(iso_code="SN", name_fr="Sénégal", name_en="Senegal")
    NewsItemFactory(
        title_en="Migration",
        title_fr="Migration",
        body_en="On migration.",
        body_fr="Sur la migration.",
    )
    NewsItemFactory(
        title_en="Migration data and migration profiles",
        title_fr="Données sur la migration et profils migratoires",
        body_en="Migration " * 30,
        body_fr="Migration " * 30,
    )
    with translation.override(language):
        by_country = site_search("Senegal" if language == "en" else "Sénégal")
        by_title = site_search("migration")
    assert by_country[0].kind == "country"
    assert by_title[0].title == "Migration"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_kinds_are_facets_that_keep_the_query(client, language):
    NewsItemFactory(
        title_en="Border news",
        title_fr="Actualité frontières",
        body_en="Border management.",
        body_fr="Border management.",
    )
    MeetingFactory(
        title_en="Border meeting",
        title_fr="Réunion border",
        summary_en="Border management.",
        summary_fr="Border management.",
    )
    content = main(client.get(f"/{language}/search/", {"q": "border"}))
    news, meetings = (
        ("News", "Meetings") if language == "en" else ("Actualités", "Réunions")
    )
    badge = '<span class="badge text-bg-light">1</span>'
    assert re.search(rf'href="\?q=border&amp;type=news">{news} {badge}', content)
    assert re.search(rf'href="\?q=border&amp;type=meeting">{meetings} {badge}', content)
    only_news = main(
        client.get(f"/{language}/search/", {"q": "border", "type": "news"})
    )
    assert ("Border news" in only_news) == (language == "en")
    assert "Border meeting" not in only_news and "Réunion border" not in only_news
    assert 'aria-current="page">' + news in only_news
    # An unknown kind shows every result.
    every = main(client.get(f"/{language}/search/", {"q": "border", "type": "nothing"}))
    assert "Border meeting" in every or "Réunion border" in every


def test_members_also_get_the_forum_kind(member_client):
    PostFactory(body="Border data in the forum.")
    NewsItemFactory(title_en="Border news", body_en="Border management.")
    anonymous = main(Client().get("/en/search/", {"q": "border"}))
    assert "type=forum" not in anonymous
    member = main(member_client.get("/en/search/", {"q": "border"}))
    assert "type=forum" in member and "Forum posts" in member


def test_pages_of_one_kind_are_numbered(client):
    NewsItemFactory.create_batch(25, title_en="Migration profiles")
    MeetingFactory(title_en="Migration profiles meeting")
    content = main(client.get("/en/search/", {"q": "profiles", "type": "news"}))
    assert "25 results for" in content
    assert "Page 1 of 2" in content
    assert "type=news&amp;page=2" in content
    second = main(
        client.get("/en/search/", {"q": "profiles", "type": "news", "page": "abc"})
    )
    assert "Page 1 of 2" in second


def test_search_queries_do_not_grow_with_results_or_kinds(member_client):
    def grow():
        for index in range(10):
            NewsItemFactory(title_en=f"Border news {index}", body_en="Border.")
            MeetingFactory(title_en=f"Border meeting {index}")
            PostFactory(body="Border data.")

    grow()
    assert_queries_constant(member_client, "/en/search/?q=border", grow=grow)
    assert_queries_constant(Client(), "/fr/search/?q=border&type=meeting", grow=grow)


@postgresql_only
def test_full_text_snippets_mark_stemmed_words(client):
    NewsItemFactory(
        title_en="Long news",
        body_en=LONG_BODY.replace("remittances", "remittance flows"),
    )
    content = main(client.get("/en/search/", {"q": "remittances"}))
    [snippet] = snippets(content)
    assert "<mark>remittance</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
