"""The forums' search at scale: the query reads the index of the posts'
stored documents (PostgreSQL)."""

import random

import pytest
from django.db import connection

from forums.models import Post, Topic
from forums.selectors import forum_search
from tests.forums.factories import ForumFactory

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


def post_search_plan(query_text, user) -> tuple[list, str]:
    """The results of searching the forums for `query_text`, and the plan
    (EXPLAIN ANALYZE) of the query that searched the posts."""
    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        results = forum_search(query_text, user)
    [(sql, params)] = [
        (sql, params)
        for sql, params in statements
        if sql.startswith('SELECT "forums_post".')
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return results, "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search index exists on PostgreSQL"
)
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
