import datetime
import uuid
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import (
    POST_MAX_LENGTH,
    Post,
    PostRevision,
    Subscription,
    SubscriptionLevel,
    Topic,
)
from forums.services import posting
from forums.services.posting import (
    EditConflict,
    PostingError,
    mentioned_users,
    post_delete,
    post_edit,
    reply_create,
    topic_create,
)
from rabat import roles
from tests.conftest import make_user
from tests.factories import UserFactory
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def published():
    with mock.patch("forums.notifications.post_published") as published:
        yield published


@pytest.fixture
def topic(forum):
    topic = TopicFactory(forum=forum)
    PostFactory(topic=topic, author=topic.author, body="First post")
    return topic


@pytest.fixture
def steering_forum():
    """Read and written by the Steering Committee only (and the Secretariat)."""
    forum = ForumFactory(slug="steering-committee")
    forum.readers.set(Group.objects.filter(name=roles.STEERING_COMMITTEE))
    return forum


@pytest.fixture
def read_only_forum():
    """Every member reads it; only the Steering Committee posts."""
    forum = ForumFactory(slug="announcements")
    forum.writers.set(Group.objects.filter(name=roles.STEERING_COMMITTEE))
    return forum


def reply(topic, author, body="A reply", **kwargs):
    return reply_create(
        topic=topic,
        author=author,
        body=body,
        submission_key=kwargs.pop("submission_key", uuid.uuid4()),
        **kwargs,
    )


# --- Services ------------------------------------------------------------------


def test_reply_updates_the_topic_and_follows_it(topic, member):
    post = reply(topic, member)
    topic.refresh_from_db()
    assert topic.reply_count == 1
    assert topic.last_post_at == post.created_at
    assert topic.last_poster == member
    assert Subscription.objects.get(user=member, topic=topic).level == (
        SubscriptionLevel.FOLLOW
    )


def test_a_muted_topic_stays_muted_after_a_reply(topic, member):
    Subscription.objects.create(user=member, topic=topic, level=SubscriptionLevel.MUTE)
    reply(topic, member)
    assert Subscription.objects.get(user=member, topic=topic).level == (
        SubscriptionLevel.MUTE
    )


def test_topic_create_writes_the_first_post_and_follows(forum, member):
    topic = topic_create(
        forum=forum,
        author=member,
        title="  Border data  ",
        body="Let us share data.",
        submission_key=uuid.uuid4(),
    )
    assert topic.title == "Border data"
    assert topic.reply_count == 0
    assert topic.last_poster == member
    assert [post.body for post in topic.posts.all()] == ["Let us share data."]
    assert Subscription.objects.filter(user=member, topic=topic).exists()


def test_new_posts_are_announced_once_committed(
    topic, member, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(topic, member)
        published.assert_not_called()
    published.assert_called_once_with(post_id=post.pk)


def test_the_same_submission_is_saved_once(topic, member, published):
    key = uuid.uuid4()
    first = reply(topic, member, submission_key=key)
    again = reply(topic, member, body="Sent twice", submission_key=key)
    assert again == first
    assert topic.posts.filter(author=member).count() == 1
    topic.refresh_from_db()
    assert topic.reply_count == 1


def test_a_simultaneous_double_submit_is_saved_once(topic, member):
    key = uuid.uuid4()
    first = reply(topic, member, submission_key=key)
    # The second request checked before the first one committed.
    with mock.patch.object(posting, "_submitted_post", side_effect=[None, first]):
        again = reply(topic, member, submission_key=key)
    assert again == first
    assert topic.posts.filter(author=member).count() == 1
    topic.refresh_from_db()
    assert topic.reply_count == 1


def test_a_locked_topic_accepts_no_reply_even_from_the_secretariat(topic):
    topic.is_locked = True
    topic.save()
    for role in ("focal_point", "moderator", "secretariat"):
        with pytest.raises(PostingError, match="locked"):
            reply(topic, make_user(role))
    assert topic.posts.count() == 1


def test_posting_needs_the_right_to_post(read_only_forum, steering_forum, member):
    for forum in (read_only_forum, steering_forum):
        with pytest.raises(PostingError):
            topic_create(
                forum=forum,
                author=member,
                title="Hello",
                body="Hello",
                submission_key=uuid.uuid4(),
            )
    assert not Topic.objects.exists()
    topic_create(
        forum=read_only_forum,
        author=make_user("steering_committee"),
        title="Agenda",
        body="The agenda.",
        submission_key=uuid.uuid4(),
    )


def test_empty_and_too_long_bodies_are_refused(topic, member):
    for body in ("", "  \n ", "x" * (POST_MAX_LENGTH + 1)):
        with pytest.raises(PostingError):
            reply(topic, member, body=body)


def test_a_burst_is_refused_per_minute(topic, member):
    for _ in range(5):
        reply(topic, member)
    with pytest.raises(PostingError, match="posting too fast"):
        reply(topic, member)
    # Others are not slowed down.
    reply(topic, make_user("focal_point"))


def test_at_most_thirty_posts_an_hour(topic, member):
    start = timezone.now()

    def at(minutes):
        moment = start + datetime.timedelta(minutes=minutes)
        return mock.patch("django.utils.timezone.now", return_value=moment)

    for minute in range(6):
        for _ in range(5):
            with at(minute * 2):
                reply(topic, member)
    with at(12), pytest.raises(PostingError, match="posting too fast"):
        reply(topic, member)
    # An hour after the first posts, the window has slid past them.
    with at(61):
        reply(topic, member)


def test_edit_keeps_the_previous_text(topic):
    post = topic.posts.get()
    post_edit(post=post, editor=post.author, body="Corrected", base_edited_at=None)
    post.refresh_from_db()
    assert post.body == "Corrected"
    assert post.edited_at is not None
    assert list(post.revisions.values_list("body", "edited_by")) == [
        ("First post", post.author.pk)
    ]


def test_only_the_author_edits_or_deletes(topic):
    post = topic.posts.get()
    for role in ("focal_point", "moderator", "secretariat"):
        user = make_user(role)
        with pytest.raises(PostingError):
            post_edit(post=post, editor=user, body="Mine now", base_edited_at=None)
        with pytest.raises(PostingError):
            post_delete(post=post, user=user)
    post.refresh_from_db()
    assert post.body == "First post"
    assert post.deleted_at is None


def test_an_edit_based_on_an_older_version_conflicts(topic):
    post = topic.posts.get()
    post_edit(post=post, editor=post.author, body="Second", base_edited_at=None)
    with pytest.raises(EditConflict) as conflict:
        post_edit(post=post, editor=post.author, body="Third", base_edited_at=None)
    assert conflict.value.post.body == "Second"
    post.refresh_from_db()
    assert post.body == "Second"
    assert post.revisions.count() == 1


def test_delete_is_soft_and_keeps_the_topic(topic):
    first = topic.posts.get()
    later = PostFactory(topic=topic)
    post_delete(post=first, user=first.author)
    first.refresh_from_db()
    assert first.deleted_at is not None
    assert first.body == "First post"
    assert Topic.objects.filter(pk=topic.pk).exists()
    assert Post.objects.shown().filter(topic=topic).get() == later


# --- Mentions ------------------------------------------------------------------


def test_mentions_resolve_handles_of_active_members():
    mariama = UserFactory(
        first_name="Mariama", last_name="Sow", groups=[roles.FOCAL_POINT]
    )
    elodie = UserFactory(
        first_name="Élodie Anne",
        last_name="Dupré-Martin",
        groups=[roles.THEMATIC_CONTACT],
    )
    UserFactory(first_name="Kwame", last_name="Mensah")  # not a member
    UserFactory(
        first_name="Jonas",
        last_name="Berg",
        groups=[roles.MODERATOR],
        is_active=False,
    )
    body = (
        "Thanks @mariama.sow and @Élodie.Anne.Dupré-Martin. "
        "@Kwame.Mensah @Jonas.Berg @Nobody.Here, write to sow@mariama.sow."
    )
    assert mentioned_users(body) == {mariama, elodie}


def test_mentions_in_code_or_quotes_do_not_count():
    UserFactory(first_name="Mariama", last_name="Sow", groups=[roles.FOCAL_POINT])
    body = "> @Mariama.Sow wrote this\n\n`@Mariama.Sow`\n\n```\n@Mariama.Sow\n```\n"
    assert mentioned_users(body) == set()


# --- Pages ---------------------------------------------------------------------


def test_new_topic_page_publishes_a_topic(member_client, forum, member):
    url = reverse("forums:topic_create", args=[forum.slug])
    assert member_client.get(url).status_code == 200
    response = member_client.post(url, {"title": "Data", "body": "**Hello**"})
    topic = Topic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert topic.author == member
    assert topic.posts.get().body == "**Hello**"
    page = member_client.get(response["Location"]).content.decode()
    assert "Your topic has been published." in page


def test_reply_page_publishes_and_leads_to_the_post(member_client, topic, member):
    url = reverse("forums:reply", args=[topic.pk])
    assert member_client.get(url).status_code == 200
    response = member_client.post(url, {"body": "Agreed.\r\n\r\nThanks."})
    post = topic.posts.get(author=member)
    assert post.body == "Agreed.\n\nThanks."
    assert response["Location"] == post.get_absolute_url()


def test_a_double_submitted_form_is_saved_once(member_client, topic, forum, member):
    url = reverse("forums:reply", args=[topic.pk])
    data = {"body": "Only once", "submission_key": str(uuid.uuid4())}
    first = member_client.post(url, data)
    second = member_client.post(url, data)
    assert topic.posts.filter(author=member).count() == 1
    assert first["Location"] == second["Location"]
    url = reverse("forums:topic_create", args=[forum.slug])
    data = {"title": "Once", "body": "Only once", "submission_key": str(uuid.uuid4())}
    member_client.post(url, data)
    member_client.post(url, data)
    assert Topic.objects.filter(title="Once").count() == 1


def test_the_form_carries_a_new_submission_key_each_time(member_client, topic):
    url = reverse("forums:reply", args=[topic.pk])
    first = member_client.get(url).context["form"]["submission_key"].value()
    second = member_client.get(url).context["form"]["submission_key"].value()
    assert first != second


def test_an_empty_message_comes_back_with_an_error(member_client, forum):
    url = reverse("forums:topic_create", args=[forum.slug])
    response = member_client.post(url, {"title": "Kept title", "body": "  "})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Write a message before sending it." in content
    assert 'value="Kept title"' in content
    assert not Topic.objects.exists()


def test_a_too_long_message_comes_back_intact(member_client, topic):
    body = "Long text. " * (POST_MAX_LENGTH // 10)
    response = member_client.post(
        reverse("forums:reply", args=[topic.pk]), {"body": body}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert f"The message is too long: {POST_MAX_LENGTH} characters at most" in content
    assert body.rstrip() in content
    assert topic.posts.count() == 1


def test_a_too_long_message_is_refused_in_french(client, member, topic):
    client.force_login(member)
    with translation.override("fr"):
        url = reverse("forums:reply", args=[topic.pk])
    assert url.startswith("/fr/")
    response = client.post(url, {"body": "x" * (POST_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert response.context["form"].errors["body"]


def test_a_burst_gets_a_clear_message_with_the_text_kept(member_client, topic):
    url = reverse("forums:reply", args=[topic.pk])
    for number in range(5):
        assert member_client.post(url, {"body": f"Post {number}"}).status_code == 302
    response = member_client.post(url, {"body": "One too many"})
    assert response.status_code == 200
    content = response.content.decode()
    assert (
        "You are posting too fast. Wait a minute, then send your message again."
        in content
    )
    assert "One too many" in content


def test_a_locked_topic_takes_no_reply(member_client, topic):
    topic.is_locked = True
    topic.save()
    url = reverse("forums:reply", args=[topic.pk])
    response = member_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    response = member_client.post(url, {"body": "Written before the lock"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "This topic is locked" in content
    assert "Written before the lock" in content
    assert topic.posts.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_members_who_may_read_but_not_post_get_403(
    member_client, read_only_forum, method
):
    topic = TopicFactory(forum=read_only_forum)
    for url in (
        reverse("forums:topic_create", args=[read_only_forum.slug]),
        reverse("forums:reply", args=[topic.pk]),
    ):
        response = getattr(member_client, method)(url, {"title": "x", "body": "x"})
        assert response.status_code == 403
    assert not Post.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_members_who_may_not_read_get_404(member_client, steering_forum, method):
    topic = TopicFactory(forum=steering_forum)
    post = PostFactory(topic=topic)
    for url in (
        reverse("forums:topic_create", args=[steering_forum.slug]),
        reverse("forums:reply", args=[topic.pk]),
        reverse("forums:post_edit", args=[post.pk]),
        reverse("forums:post_delete", args=[post.pk]),
    ):
        response = getattr(member_client, method)(url, {"title": "x", "body": "x"})
        assert response.status_code == 404
    post.refresh_from_db()
    assert post.deleted_at is None


def test_writing_pages_are_for_members(client, topic):
    post = topic.posts.get()
    urls = [
        reverse("forums:topic_create", args=[topic.forum.slug]),
        reverse("forums:reply", args=[topic.pk]),
        reverse("forums:post_edit", args=[post.pk]),
        reverse("forums:post_delete", args=[post.pk]),
        reverse("forums:members"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    client.force_login(make_user("no_group"))
    for url in urls:
        assert client.get(url).status_code == 403


def test_the_steering_committee_posts_in_its_forum(client, steering_forum):
    client.force_login(make_user("steering_committee"))
    url = reverse("forums:topic_create", args=[steering_forum.slug])
    assert client.post(url, {"title": "Agenda", "body": "Draft"}).status_code == 302


def test_reply_can_start_with_a_quote(member_client, topic):
    author = UserFactory(
        first_name="Mariama", last_name="Sow", groups=[roles.FOCAL_POINT]
    )
    quoted = PostFactory(topic=topic, author=author, body="Line one\nLine two")
    url = reverse("forums:reply", args=[topic.pk])
    form = member_client.get(url, {"quote": quoted.pk}).context["form"]
    assert form["body"].value() == (
        "**Mariama Sow** wrote:\n\n> Line one\n> Line two\n\n"
    )


def test_only_readable_shown_posts_can_be_quoted(member_client, topic, steering_forum):
    hidden = PostFactory(topic=topic, body="Hidden", hidden_at=timezone.now())
    deleted = PostFactory(topic=topic, body="Deleted", deleted_at=timezone.now())
    secret = PostFactory(topic=TopicFactory(forum=steering_forum), body="Secret")
    url = reverse("forums:reply", args=[topic.pk])
    for quote in (hidden.pk, deleted.pk, secret.pk, "nonsense"):
        form = member_client.get(url, {"quote": quote}).context["form"]
        assert not form["body"].value()


def test_preview_shows_the_rendered_text_above_the_kept_form(member_client, forum):
    url = reverse("forums:topic_create", args=[forum.slug])
    response = member_client.post(
        url, {"title": "My title", "body": "Some **bold** idea", "preview": "1"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Some <strong>bold</strong> idea" in content
    assert "Some **bold** idea</textarea>" in content
    assert 'value="My title"' in content
    assert "This field is required" not in content
    assert not Topic.objects.exists()


def test_preview_fragment_for_members_with_csrf(member, topic):
    url = reverse("forums:preview")
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(url, {"body": "x"}).status_code == 403
    client.get(reverse("forums:reply", args=[topic.pk]))
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"body": "*hello*", "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "<em>hello</em>" in response.content.decode()
    assert "<html" not in response.content.decode()
    assert client.get(url).status_code == 405


def test_preview_is_for_members(client):
    url = reverse("forums:preview")
    assert client.post(url, {"body": "x"}).status_code == 302
    client.force_login(make_user("no_group"))
    assert client.post(url, {"body": "x"}).status_code == 403


def test_edit_page_saves_and_keeps_a_revision(client, topic):
    post = topic.posts.get()
    client.force_login(post.author)
    url = reverse("forums:post_edit", args=[post.pk])
    form = client.get(url).context["form"]
    assert form["body"].value() == "First post"
    response = client.post(url, {"body": "**Better**", "base_edited_at": ""})
    assert response["Location"] == post.get_absolute_url()
    post.refresh_from_db()
    assert post.body == "**Better**"
    assert PostRevision.objects.get(post=post).body == "First post"
    page = client.get(post.topic.get_absolute_url()).content.decode()
    assert "<strong>Better</strong>" in page
    assert "First post" not in page


def test_an_edit_conflict_keeps_both_texts(client, topic):
    post = topic.posts.get()
    client.force_login(post.author)
    url = reverse("forums:post_edit", args=[post.pk])
    opened = client.get(url).context["form"]["base_edited_at"].value()
    # Meanwhile, in another tab:
    post_edit(post=post, editor=post.author, body="Other tab", base_edited_at=None)
    response = client.post(url, {"body": "My careful text", "base_edited_at": opened})
    assert response.status_code == 200
    content = response.content.decode()
    assert "changed while you were editing" in content
    assert "My careful text</textarea>" in content
    assert "Other tab" in content
    post.refresh_from_db()
    assert post.body == "Other tab"
    # Saving again, having seen the current text, succeeds.
    base = response.context["form"]["base_edited_at"].value()
    response = client.post(url, {"body": "My careful text", "base_edited_at": base})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "My careful text"
    assert post.revisions.count() == 2


def test_others_cannot_edit_or_delete_a_post(member_client, topic):
    post = topic.posts.get()
    for name in ("forums:post_edit", "forums:post_delete"):
        url = reverse(name, args=[post.pk])
        assert member_client.get(url).status_code == 403
        assert member_client.post(url, {"body": "Mine"}).status_code == 403
    post.refresh_from_db()
    assert (post.body, post.deleted_at) == ("First post", None)


@pytest.mark.parametrize("name", ["forums:post_edit", "forums:post_delete"])
def test_a_hidden_post_cannot_be_edited_or_deleted_by_its_author(client, topic, name):
    post = topic.posts.get()
    post.hidden_at = timezone.now()
    post.save()
    client.force_login(post.author)
    url = reverse(name, args=[post.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Rewritten"}).status_code == 403
    post.refresh_from_db()
    assert (post.body, post.deleted_at) == ("First post", None)


def test_a_hidden_post_shows_its_author_no_edit_or_delete_link(client, topic):
    post = topic.posts.get()
    client.force_login(post.author)
    links = [
        reverse("forums:post_edit", args=[post.pk]),
        reverse("forums:post_delete", args=[post.pk]),
    ]
    content = client.get(topic.get_absolute_url()).content.decode()
    assert all(link in content for link in links)
    post.hidden_at = timezone.now()
    post.save()
    content = client.get(topic.get_absolute_url()).content.decode()
    assert not any(link in content for link in links)


def test_delete_asks_then_shows_the_post_as_deleted(client, topic):
    first = topic.posts.get()
    PostFactory(topic=topic, body="A later reply")
    client.force_login(first.author)
    url = reverse("forums:post_delete", args=[first.pk])
    assert "Delete my message" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    content = response.content.decode()
    assert "Your message has been deleted." in content
    assert "deleted by its author" in content
    assert "A later reply" in content
    assert "First post" not in content
    first.refresh_from_db()
    assert first.deleted_at is not None
    assert client.get(url).status_code == 404


def test_member_autocomplete(member_client):
    UserFactory(first_name="Mariama", last_name="Sow", groups=[roles.FOCAL_POINT])
    UserFactory(first_name="Mariam", last_name="Diallo", groups=[roles.SECRETARIAT])
    UserFactory(first_name="Mariama", last_name="Outsider")
    url = reverse("forums:members")
    response = member_client.get(url, {"q": "@maria"})
    assert response.json() == [
        {"handle": "Mariam.Diallo", "name": "Mariam Diallo"},
        {"handle": "Mariama.Sow", "name": "Mariama Sow"},
    ]
    assert member_client.get(url, {"q": "Mariama.S"}).json() == [
        {"handle": "Mariama.Sow", "name": "Mariama Sow"}
    ]
    assert member_client.get(url).json() == []


def test_member_autocomplete_returns_ten_at_most(member_client):
    for number in range(12):
        UserFactory(
            first_name="Awa", last_name=f"Ba{number}", groups=[roles.FOCAL_POINT]
        )
    assert len(member_client.get(reverse("forums:members"), {"q": "awa"}).json()) == 10


def test_post_edit_needs_the_current_version(topic):
    post = topic.posts.get()
    post_edit(post=post, editor=post.author, body="Second", base_edited_at=None)
    post.refresh_from_db()
    stale = post.edited_at - datetime.timedelta(seconds=1)
    with pytest.raises(EditConflict):
        post_edit(post=post, editor=post.author, body="Third", base_edited_at=stale)
    post_edit(
        post=post, editor=post.author, body="Third", base_edited_at=post.edited_at
    )
