"""The topic page keeps its posts' cards in the cache: whatever changes on a
card shows at the next visit, and no member sees another's links."""

import datetime
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.selectors import POSTS_PER_PAGE
from forums.services.moderation import post_hide, topic_lock, topic_pin
from forums.services.posting import post_edit, reply_create, topic_create
from tests.conftest import make_user
from tests.factories import ContactFactory, ContactRoleFactory, CountryFactory
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    user = make_user("focal_point")
    contact = ContactFactory(user=user, country=CountryFactory(name_en="Ghana"))
    ContactRoleFactory(contact=contact, kind="focal_point")
    return user


@pytest.fixture
def post(author):
    return PostFactory(topic=TopicFactory(forum=ForumFactory()), author=author)


def page(client, post):
    return client.get(post.topic.get_absolute_url()).content.decode()


def test_an_edited_post_shows_its_new_text(member_client, post, author):
    page(member_client, post)
    post_edit(post=post, editor=author, body="*Revised*", base_edited_at=None)
    assert "<em>Revised</em>" in page(member_client, post)


def test_a_hidden_post_is_hidden_at_the_next_visit(member_client, post):
    assert post.body in page(member_client, post)
    post_hide(post=post, moderator=make_user("moderator"), reason="Off topic")
    content = page(member_client, post)
    assert post.body not in content
    assert "This message was hidden by a moderator." in content


def test_a_new_reply_shows_at_once(member_client, post, author):
    page(member_client, post)
    reply_create(
        topic=post.topic, author=author, body="Late reply", submission_key=uuid.uuid4()
    )
    assert "Late reply" in page(member_client, post)


def test_an_authors_new_name_country_and_roles_show(member_client, post, author):
    page(member_client, post)
    author.first_name = "Mariama"
    author.save()
    contact = author.contact
    contact.country = CountryFactory(name_en="Senegal")
    contact.save()
    role = contact.roles.get()
    role.end_date = timezone.localdate() - datetime.timedelta(days=1)
    role.save()
    content = page(member_client, post)
    assert "Mariama" in content
    assert "Senegal" in content
    assert "National Focal Point" not in content


def test_each_member_sees_the_links_of_their_own_posts_only(post, author):
    own, other = Client(), Client()
    own.force_login(author)
    other.force_login(make_user("focal_point"))
    edit_link = f"/posts/{post.pk}/edit/"
    assert edit_link in page(own, post)
    assert edit_link not in page(other, post)
    assert edit_link in page(own, post)
    assert edit_link not in page(other, post)


def index_row(client, forum):
    content = client.get(reverse("forums:index")).content.decode()
    return content[content.index(forum.title) :][:1500]


def test_the_forum_index_counts_and_shows_each_new_activity(
    member_client, post, author, django_capture_on_commit_callbacks
):
    forum = post.topic.forum
    assert "Topic with news" not in index_row(member_client, forum)
    with django_capture_on_commit_callbacks(execute=True):
        topic = topic_create(
            forum=forum,
            author=author,
            title="Topic with news",
            body="Hello",
            submission_key=uuid.uuid4(),
        )
    row = index_row(member_client, forum)
    assert "Topic with news" in row
    assert '<td class="text-end" data-label="Posts">2</td>' in row
    moderator = make_user("moderator")
    with django_capture_on_commit_callbacks(execute=True):
        post_hide(post=topic.posts.get(), moderator=moderator, reason="Spam")
    assert '<td class="text-end" data-label="Posts">1</td>' in index_row(
        member_client, forum
    )


def test_posts_written_since_a_visit_are_marked_first_unread(
    member_client, post, author
):
    assert "First unread" not in page(member_client, post)
    reply = reply_create(
        topic=post.topic,
        author=author,
        body="Something new",
        submission_key=uuid.uuid4(),
    )
    content = page(member_client, post)
    assert f'<a href="{reply.get_absolute_url()}">First unread post</a>' in content
    assert content.count("First unread") == 2  # the link and the post's badge
    assert "First unread" not in page(member_client, post)


def test_the_title_trail_and_badges_follow_the_topic_and_its_forum(member_client, post):
    """The trail, the title and the badges are kept between visits: a pin,
    a lock, a forum renamed in the back office show at the next visit."""
    topic, forum = post.topic, post.topic.forum
    assert topic.title in page(member_client, post)
    moderator = make_user("moderator")
    topic_pin(topic=topic, moderator=moderator, pinned=True)
    assert ">Pinned<" in page(member_client, post)
    topic_lock(topic=topic, moderator=moderator, locked=True)
    forum.title_en = forum.title_fr = "Renamed forum"
    forum.save()
    content = page(member_client, post)
    assert ">Pinned<" in content
    assert ">Locked<" in content
    assert "This topic is locked: it accepts no more replies." in content
    assert content.count("Renamed forum") >= 2  # the trail and the way back
    topic_lock(topic=topic, moderator=moderator, locked=False)
    content = page(member_client, post)
    assert ">Locked<" not in content
    assert 'href="{}"'.format(reverse("forums:reply", args=[topic.pk])) in content


def test_the_pages_grow_with_the_replies(member_client, post, author):
    """The pagination below the posts is kept too: the reply that opens a
    second page shows its link at once."""
    for number in range(POSTS_PER_PAGE - 1):
        PostFactory(topic=post.topic, author=author, body=f"Reply {number}")
    assert 'aria-label="Pages"' not in page(member_client, post)
    reply_create(
        topic=post.topic,
        author=make_user("focal_point"),
        body="Page two",
        submission_key=uuid.uuid4(),
    )
    content = page(member_client, post)
    assert 'href="?page=2"' in content
    assert "Jump to the latest post" in content
