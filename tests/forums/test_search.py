"""The forums' search at scale: the query reads the index of the posts'
stored documents (PostgreSQL)."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums.models import Post, Topic
from forums.selectors import forum_search
from rabat.search import site_search
from tests.factories import NewsItemFactory
from tests.forums.factories import ForumFactory, PostFactory
from tests.query_budget import assert_queries_constant

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search index exists on PostgreSQL"
)

WORDS = [
    *("migration", "data", "return", "border", "cooperation", "dialogue"),
    *("mobility", "labour", "visa", "diaspora", "protection", "asylum"),
    *("trafficking", "development", "rights", "youth", "training", "policy"),
]


@pytest.fixture
def ten_thousand_posts(member):
    """10,000 posts of 60 words in 100 topics; every hundredth names Dakar."""
    forum = ForumFactory()
    topics = Topic.objects.bulk_create(
        Topic(forum=forum, title=f"Topic {number}", author=member)
        for number in range(100)
    )
    words = random.Random(13)  # noqa: S311 - the same texts at every run
    Post.objects.bulk_create(
        (
            Post(
                topic=topics[number % 100],
                author=member,
                body=" ".join(words.choice(WORDS) for _ in range(60))
                + (" Dakar." if number % 100 == 0 else "."),
            )
            for number in range(10_000)
        ),
        batch_size=2_000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE forums_post, forums_topic")


def search_plans(search, query_text, user, tables=("forums_post",)):
    """The results of `search(query_text, user)`, and the plan (EXPLAIN
    (ANALYZE, BUFFERS)) of the query it ran on each of `tables`."""
    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        results = search(query_text, user)
    plans = []
    for table in tables:
        [(sql, params)] = [
            (sql, params)
            for sql, params in statements
            if sql.startswith(f'SELECT "{table}".')
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return results, *plans


def post_search_plan(query_text, user) -> tuple[list, str]:
    return search_plans(forum_search, query_text, user)


@postgresql_only
def test_post_search_reads_its_index_among_ten_thousand_posts(
    member, ten_thousand_posts
):
    results, plan = post_search_plan("dakar", member)
    assert len(results) == 50
    assert all("Dakar" in str(result.snippet) for result in results)
    assert "Bitmap Index Scan on forum_post_document_idx" in plan, plan
    assert "Seq Scan on forums_post" not in plan, plan
    # The rank reads the stored document: no post's text is analysed again.
    assert "to_tsvector" not in plan, plan


@postgresql_only
@pytest.mark.parametrize("query_text", ["dakar", "Dakar border"])
def test_the_members_site_search_reads_the_posts_index(
    member, ten_thousand_posts, query_text
):
    """The posts are found through their index, not topic by topic with the
    match as a filter on every post (the plan the readable forums' subquery
    led to); their stored documents are ranked, not texts parsed again."""
    results, posts = search_plans(site_search, query_text, member)
    assert any(result.kind == "forum" for result in results)
    assert "Bitmap Index Scan on forum_post_document_idx" in posts, posts
    assert "Seq Scan on forums_post" not in posts, posts
    assert "search_document @@" not in "\n".join(
        line for line in posts.splitlines() if "Filter:" in line
    ), posts
    assert "to_tsvector" not in posts, posts


def test_more_posts_than_results_are_counted_as_such(member_client):
    """A kind with more matches than the search keeps says "50+"."""
    PostFactory.create_batch(51, body="Labour mobility in the Sahel.")
    NewsItemFactory(title_en="Mobility", body_en="Labour mobility.")
    content = member_client.get("/en/search/", {"q": "mobility"}).content.decode()
    assert (
        'type=forum">Forum posts <span class="badge text-bg-light">50+</span>'
        in content
    )
    assert 'type=news">News <span class="badge text-bg-light">1</span>' in content
    assert 'All <span class="badge text-bg-light">51+</span>' in content
    assert "More than 51 results for" in content
    only_news = member_client.get("/en/search/", {"q": "mobility", "type": "news"})
    assert "1 result for" in only_news.content.decode()
    french = member_client.get("/fr/search/", {"q": "mobility"}).content.decode()
    assert "Plus de 51 résultats pour" in french


def test_the_forum_search_queries_do_not_grow_with_matches(member_client):
    url = reverse("forums:search") + "?q=border"

    def grow():
        PostFactory.create_batch(10, body="Border data.")

    grow()
    assert_queries_constant(member_client, url, grow=grow)


def test_snippets_are_highlighted_for_the_shown_results_only(member_client):
    PostFactory.create_batch(25, body="Border data in the forum.")
    with CaptureQueriesContext(connection) as queries:
        content = member_client.get(
            reverse("forums:search"), {"q": "border"}
        ).content.decode()
    assert content.count("<mark>Border</mark>") == 20
    highlights = [query for query in queries if "ts_headline" in query["sql"]]
    assert len(highlights) == (1 if connection.vendor == "postgresql" else 0)
