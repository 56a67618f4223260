import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from forums.models import Post, Topic, TopicReadState
from rabat import roles
from tests.conftest import make_user
from tests.factories import ContactFactory, ContactRoleFactory
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory
from tests.query_budget import assert_queries_constant
from tests.search_plans import search_plan

pytestmark = pytest.mark.django_db


def topic_with_posts(forum, count, **fields):
    topic = TopicFactory(forum=forum, **fields)
    for _ in range(count):
        PostFactory(topic=topic)
    return topic


def test_index_lists_only_readable_forums_with_counts(member_client, steering_forum):
    general = ForumFactory(slug="general", title_en="General forum")
    topic_with_posts(general, 3)
    content = member_client.get(reverse("forums:index")).content.decode()
    assert "General forum" in content
    assert "Steering Committee" not in content
    # The forums the index lists (and counts) when its cache does not hold it.
    forums = member_client.get(reverse("forums:index")).context["forums"]()
    assert [(forum.topic_count, forum.post_count) for forum in forums] == [(1, 3)]


def test_restricted_forum_and_its_topics_are_not_found_for_outsiders(
    member_client, steering_forum
):
    topic = topic_with_posts(steering_forum, 1)
    post = topic.posts.first()
    assert member_client.get(steering_forum.get_absolute_url()).status_code == 404
    assert member_client.get(topic.get_absolute_url()).status_code == 404
    assert member_client.get(post.get_absolute_url()).status_code == 404


def test_steering_committee_and_secretariat_read_the_restricted_forum(
    client, steering_forum
):
    topic = topic_with_posts(steering_forum, 1)
    for role in ("steering_committee", "secretariat"):
        client.force_login(make_user(role))
        assert client.get(topic.get_absolute_url()).status_code == 200


def test_forum_lists_pinned_topics_first_then_by_activity(member_client):
    forum = ForumFactory()
    now = timezone.now()
    old = TopicFactory(
        forum=forum, title="Old", last_post_at=now - datetime.timedelta(days=9)
    )
    TopicFactory(forum=forum, title="Recent", last_post_at=now)
    TopicFactory(
        forum=forum,
        title="Pinned",
        is_pinned=True,
        last_post_at=now - datetime.timedelta(days=30),
    )
    topics = member_client.get(forum.get_absolute_url()).context["topics"]
    assert [topic.title for topic in topics] == ["Pinned", "Recent", "Old"]
    assert old in topics


def test_reading_a_topic_clears_its_unread_marker(member_client, member):
    forum = ForumFactory()
    topic = topic_with_posts(forum, 2, last_post_at=timezone.now())
    content = member_client.get(forum.get_absolute_url()).content.decode()
    assert "unread-marker" in content
    member_client.get(topic.get_absolute_url())
    assert TopicReadState.objects.filter(user=member, topic=topic).exists()
    content = member_client.get(forum.get_absolute_url()).content.decode()
    assert "unread-marker" not in content
    # New activity (a save, as the services and the back office write).
    topic.last_post_at = timezone.now() + datetime.timedelta(minutes=1)
    topic.save(update_fields=["last_post_at"])
    content = member_client.get(forum.get_absolute_url()).content.decode()
    assert "unread-marker" in content


def test_topic_page_shows_posts_with_author_country_and_role(member_client):
    author = make_user("thematic_contact")
    contact = ContactFactory(user=author)
    ContactRoleFactory(contact=contact, kind="focal_point")
    topic = TopicFactory(forum=ForumFactory())
    PostFactory(topic=topic, author=author, body="**Data** matters")
    content = member_client.get(topic.get_absolute_url()).content.decode()
    assert "<strong>Data</strong> matters" in content
    assert contact.country.name in content
    assert "National Focal Point" in content
    assert contact.get_absolute_url() in content


def test_deleted_and_hidden_posts_are_marked(member_client):
    topic = TopicFactory(forum=ForumFactory())
    PostFactory(topic=topic, body="Gone text", deleted_at=timezone.now())
    PostFactory(
        topic=topic, body="Hidden text", hidden_at=timezone.now(), hidden_reason="x"
    )
    content = member_client.get(topic.get_absolute_url()).content.decode()
    assert "Gone text" not in content
    assert "Hidden text" not in content
    assert "deleted by its author" in content
    assert "hidden by a moderator" in content


def test_post_address_leads_to_its_page_and_anchor(member_client):
    topic = topic_with_posts(ForumFactory(), 25)
    last = topic.posts.order_by("created_at", "pk").last()
    response = member_client.get(last.get_absolute_url())
    assert response["Location"] == f"{topic.get_absolute_url()}?page=2#post-{last.pk}"


def test_forum_search_finds_only_readable_posts(member_client, steering_forum):
    public = TopicFactory(forum=ForumFactory(), title="Border data")
    PostFactory(topic=public, body="Operational border statistics")
    secret = TopicFactory(forum=steering_forum, title="Border secret")
    PostFactory(topic=secret, body="Confidential border agenda")
    response = member_client.get(reverse("forums:search"), {"q": "border"})
    titles = {result.title for result in response.context["results"]}
    assert titles == {"Border data"}
    # The site search includes them for members, never for anonymous visitors.
    content = member_client.get(
        reverse("rabat:search"), {"q": "border"}
    ).content.decode()
    assert "Border data" in content
    assert "Border secret" not in content


def test_site_search_shows_no_forum_post_to_anonymous_visitors(client):
    PostFactory(
        topic=TopicFactory(forum=ForumFactory(), title="Border data"), body="border"
    )
    content = client.get(reverse("rabat:search"), {"q": "border"}).content.decode()
    assert "Border data" not in content


def test_dashboard_shows_recent_activity_in_readable_forums(
    member_client, steering_forum
):
    TopicFactory(
        forum=ForumFactory(), title="Visible talk", last_post_at=timezone.now()
    )
    TopicFactory(forum=steering_forum, title="Secret talk", last_post_at=timezone.now())
    content = member_client.get(reverse("contacts:dashboard")).content.decode()
    assert "Visible talk" in content
    assert "Secret talk" not in content


def test_topic_page_query_count_does_not_grow_with_posts(member_client):
    topic = TopicFactory(forum=ForumFactory())
    authors = [make_user("focal_point") for _ in range(3)]

    def add_posts(count):
        Post.objects.bulk_create(
            Post(topic=topic, author=authors[index % 3], body=f"Post {index}")
            for index in range(count)
        )

    def add_read_posts(count):
        add_posts(count)
        # Read by the member: the visits compared have nothing new to mark.
        TopicReadState.objects.filter(topic=topic).update(read_at=timezone.now())

    add_posts(20)
    # The first visit also records the read state: compare later visits.
    member_client.get(topic.get_absolute_url())
    assert_queries_constant(
        member_client, topic.get_absolute_url(), grow=lambda: add_read_posts(480)
    )


def test_forum_page_query_count_does_not_grow_with_topics(member_client):
    forum = ForumFactory()
    author = make_user("focal_point")

    def add_topics(count):
        Topic.objects.bulk_create(
            Topic(
                forum=forum, author=author, title=f"Topic {index}", last_poster=author
            )
            for index in range(count)
        )

    add_topics(20)
    assert_queries_constant(
        member_client, forum.get_absolute_url(), grow=lambda: add_topics(1980)
    )
    assert_queries_constant(
        member_client, reverse("forums:index"), grow=lambda: add_topics(100)
    )


def test_a_forum_cannot_take_the_address_of_another_forum_page():
    from django.core.exceptions import ValidationError

    forum = ForumFactory.build(slug="search")
    with pytest.raises(ValidationError, match="taken by another page"):
        forum.full_clean(exclude=["theme"])


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN indexes exist on PostgreSQL"
)
@pytest.mark.parametrize(
    ("model", "index"),
    [(Post, "forum_post_document_idx"), (Topic, "forum_topic_document_idx")],
)
def test_forum_search_uses_its_gin_indexes(model, index):
    PostFactory()
    assert index in search_plan(model)


def test_site_search_finds_a_readable_topic_by_its_title(member_client, steering_forum):
    forum = ForumFactory()
    PostFactory(topic=TopicFactory(forum=forum, title="Ouagadougou workshop"))
    PostFactory(topic=TopicFactory(forum=steering_forum, title="Ouagadougou budget"))
    results = member_client.get(reverse("rabat:search"), {"q": "Ouagadougou"}).context[
        "results"
    ]
    assert [(r.label, r.title) for r in results] == [
        (f"Forum · {forum}", "Ouagadougou workshop")
    ]


def test_reading_a_topic_counts_a_view_and_marks_it_read(focal_point):
    from forums.services.posting import topic_read

    topic = TopicFactory(forum=ForumFactory(), view_count=3)
    topic_read(topic=topic, user=focal_point)
    topic.refresh_from_db()
    assert topic.view_count == 4
    assert TopicReadState.objects.filter(user=focal_point, topic=topic).exists()


def test_a_forum_closed_to_a_group_is_closed_at_the_next_visit(member_client):
    forum = ForumFactory()
    topic = topic_with_posts(forum, 1)
    assert member_client.get(topic.get_absolute_url()).status_code == 200
    assert ">Reply</a>" in member_client.get(topic.get_absolute_url()).content.decode()
    # The forums' groups are cached (forums.versions): changing them shows.
    steering = Group.objects.get(name=roles.STEERING_COMMITTEE)
    forum.writers.set([steering])
    assert (
        ">Reply</a>" not in member_client.get(topic.get_absolute_url()).content.decode()
    )
    forum.readers.set([steering])
    assert member_client.get(topic.get_absolute_url()).status_code == 404
    forum.readers.clear()
    assert member_client.get(topic.get_absolute_url()).status_code == 200


def test_reading_a_topic_read_to_its_last_post_writes_no_read_state(
    member_client, member
):
    topic = topic_with_posts(ForumFactory(), 2)
    member_client.get(topic.get_absolute_url())
    read_at = TopicReadState.objects.get(user=member, topic=topic).read_at
    member_client.get(topic.get_absolute_url())
    assert TopicReadState.objects.get(user=member, topic=topic).read_at == read_at
    PostFactory(topic=topic)
    member_client.get(topic.get_absolute_url())
    assert TopicReadState.objects.get(user=member, topic=topic).read_at > read_at
    topic.refresh_from_db()
    assert topic.view_count == 3


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("en", ["Border data", "Sharing figures."], ["Données", "Partager"]),
        ("fr", ["Données aux frontières", "Partager les chiffres."], ["Sharing"]),
    ],
)
def test_a_forum_page_shows_its_title_and_description_in_the_language(
    member_client, language, shown, not_shown
):
    forum = ForumFactory(
        slug="border-data",
        title_en="Border data",
        title_fr="Données aux frontières",
        description_en="Sharing figures.",
        description_fr="Partager les chiffres.",
    )
    content = member_client.get(f"/{language}/focal-points/forums/{forum.slug}/")
    content = content.content.decode()
    for text in shown:
        assert text in content
    for text in not_shown:
        assert text not in content


def test_following_a_forum_shows_on_its_page_at_once(member_client):
    forum = ForumFactory()
    assert (
        "Follow this forum"
        in member_client.get(forum.get_absolute_url()).content.decode()
    )
    member_client.post(
        reverse("forums:forum_subscription", kwargs={"slug": forum.slug}),
        {"level": "follow"},
    )
    content = member_client.get(forum.get_absolute_url()).content.decode()
    assert "You follow this forum" in content
    assert "Follow this forum" not in content


def test_a_forum_made_inactive_is_not_found_at_once(member_client):
    forum = ForumFactory()
    assert member_client.get(forum.get_absolute_url()).status_code == 200
    forum.is_active = False
    forum.save()
    assert member_client.get(forum.get_absolute_url()).status_code == 404
