"""The forum pages run as many queries with a thousand times the data, their
cache empty (the first visit after a change) or holding them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactRole
from forums.models import Post, Topic, TopicReadState
from forums.selectors import TOPICS_PER_PAGE, topics_for_forum
from tests.conftest import make_user
from tests.factories import ContactFactory
from tests.forums.factories import ForumFactory
from tests.query_budget import count_queries

pytestmark = pytest.mark.django_db


def queries(client, url) -> tuple[int, int]:
    """The queries of `url` with an empty cache, then with the cache filled."""
    cache.clear()
    cold, _ = count_queries(client, url)
    warm, _ = count_queries(client, url)
    return cold, warm


def assert_budget(client, url, *, grow, budget, cached=None):
    """`budget`: the most queries of a visit; `cached`: the number of a
    visit whose cache holds the page's parts."""
    client.get(url)  # sets the session's idle timeout, a write once only
    before = queries(client, url)
    grow()
    after = queries(client, url)
    assert after == before, f"{url}: {before} queries, then {after}"
    assert max(after) <= budget, f"{url}: {after} queries"
    if cached is not None:
        assert after[1] == cached, f"{url}: {after[1]} queries from the cache"


@pytest.fixture
def authors():
    """Members who post, each with a contact card and a current role."""
    users = [make_user("focal_point") for _ in range(5)]
    for user in users:
        ContactRole.objects.create(
            contact=ContactFactory(user=user), kind="focal_point"
        )
    return users


def add_posts(topic, authors, count):
    Post.objects.bulk_create(
        Post(topic=topic, author=authors[number % 5], body_html=f"<p>{number}</p>")
        for number in range(count)
    )


def add_topics(forum, authors, count):
    Topic.objects.bulk_create(
        Topic(
            forum=forum,
            author=authors[number % 5],
            title=f"Topic {number}",
            last_poster=authors[(number + 1) % 5],
        )
        for number in range(count)
    )


@pytest.mark.parametrize("page", ["1", "last"])
def test_topic_page_from_twenty_to_two_thousand_posts(member_client, authors, page):
    topic = Topic.objects.create(forum=ForumFactory(), title="Long", author=authors[0])
    add_posts(topic, authors, 20)
    url = f"{topic.get_absolute_url()}?page={page}"

    def add_read_posts():
        add_posts(topic, authors, 1980)
        # Read by the member: the visits compared have nothing new to mark.
        TopicReadState.objects.filter(topic=topic).update(read_at=timezone.now())

    # Read once: later visits also look for the first unread post.
    member_client.get(url)
    assert_budget(member_client, url, grow=add_read_posts, budget=16)


def test_forum_page_from_twenty_to_two_thousand_topics(member_client, authors):
    forum = ForumFactory()
    add_topics(forum, authors, 20)
    assert_budget(
        member_client,
        forum.get_absolute_url(),
        grow=lambda: add_topics(forum, authors, 1980),
        budget=8,
        # The member (with their roles) and the forum with their subscription.
        cached=2,
    )


def test_forum_index_from_two_to_two_hundred_forums(member_client, authors):
    def add_forums(count):
        for _ in range(count):
            forum = ForumFactory()
            add_topics(forum, authors, 2)
            add_posts(forum.topics.first(), authors, 10)

    add_forums(2)
    assert_budget(
        member_client, reverse("forums:index"), grow=lambda: add_forums(198), budget=6
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_a_page_of_a_forum_of_two_thousand_topics_reads_its_rows_only(member, authors):
    forum = ForumFactory()
    add_topics(forum, authors, 2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE forums_topic")
    plan = topics_for_forum(forum, member)[:TOPICS_PER_PAGE].explain(analyze=True)
    assert "Index Scan using topic_listing_order_idx" in plan, plan
    assert "Sort" not in plan, plan
