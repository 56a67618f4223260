"""Who is emailed about a new post, how, in which language; the daily digest."""

import datetime
import io
from uuid import uuid4

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import EmailFrequency, Forum, NotificationSettings, Post
from forums.notifications import (
    post_published,
    send_daily_digests,
    stop_emails_token,
    subscription_level,
    subscription_set,
)
from forums.services.posting import reply_create
from rabat import roles
from tests.conftest import enable_two_factor, make_user
from tests.factories import UserFactory
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def member(*, language="en", frequency=None, groups=(roles.FOCAL_POINT,), **fields):
    """A Focal Point (or `groups`), with an email frequency if given."""
    user = UserFactory(preferred_language=language, groups=list(groups), **fields)
    if frequency:
        NotificationSettings.objects.create(user=user, email_frequency=frequency)
    return user


def follow(user, target):
    kind = "topic" if hasattr(target, "forum_id") else "forum"
    subscription_set(user=user, level="follow", **{kind: target})


def mute(user, target):
    kind = "topic" if hasattr(target, "forum_id") else "forum"
    subscription_set(user=user, level="mute", **{kind: target})


def new_topic(forum, *, author=None, title="Data for policy making", body="Hello."):
    """The first post of a new topic in `forum`."""
    topic = TopicFactory(forum=forum, author=author or member(), title=title)
    return PostFactory(topic=topic, author=topic.author, body=body)


def reply(to_post, *, author=None, body="I agree."):
    return PostFactory(topic=to_post.topic, author=author or member(), body=body)


def post_url(post, language):
    with translation.override(language):
        return settings.SITE_URL + reverse("forums:post", kwargs={"pk": post.pk})


def stop_url(user):
    with translation.override(user.preferred_language):
        return settings.SITE_URL + reverse(
            "forums:stop_emails", kwargs={"token": stop_emails_token(user)}
        )


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Announce `post` as the posting service does on commit; return the emails."""

    def run(post):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            post_published(post_id=post.pk)
        return list(mail.outbox)

    return run


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


@pytest.fixture
def forum():
    return ForumFactory(title_en="Border management")


@pytest.fixture
def steering_forum():
    forum = ForumFactory(title_en="Steering Committee")
    forum.readers.set(
        Group.objects.filter(name__in=[roles.STEERING_COMMITTEE, roles.SECRETARIAT])
    )
    return forum


# --- Who is emailed ------------------------------------------------------------------


def test_topic_followers_hear_of_replies_forum_followers_of_new_topics(forum, publish):
    forum_follower = member()
    topic_follower = member()
    follow(forum_follower, forum)
    first = new_topic(forum)
    follow(topic_follower, first.topic)

    assert recipients(publish(first)) == [forum_follower.email, topic_follower.email]
    assert recipients(publish(reply(first))) == [topic_follower.email]


def test_posting_a_reply_emails_the_followers_of_its_topic(
    forum, django_capture_on_commit_callbacks
):
    follower = member()
    first = new_topic(forum)
    follow(follower, first.topic)
    author = member()

    with django_capture_on_commit_callbacks(execute=True):
        answer = reply_create(
            topic=first.topic, author=author, body="Agreed.", submission_key=uuid4()
        )

    assert recipients(mail.outbox) == [follower.email]
    assert post_url(answer, "en") in mail.outbox[0].body
    assert subscription_level(user=author, topic=first.topic) == "follow"


def test_a_reply_email_gives_the_topic_the_author_the_text_and_a_link(forum, publish):
    follower = member()
    first = new_topic(forum, title="Returns & readmission")
    follow(follower, first.topic)
    answer = reply(
        first,
        author=member(first_name="Kwame", last_name="Mensah"),
        body="Ghana shares *its* [figures](https://example.org/gh).\n\n"
        + "Long text. " * 300,
    )

    [message] = publish(answer)

    assert message.subject == "New reply in “Returns & readmission”"
    assert "Kwame Mensah replied in the topic “Returns & readmission”" in message.body
    assert "Border management" in message.body
    # As plain text: no Markdown marks, links spelled out.
    assert "Ghana shares its figures (https://example.org/gh)." in message.body
    assert len(message.body) < 1_800  # the text is trimmed to about 1,000 characters
    assert post_url(answer, "en") in message.body


def test_a_new_topic_email_names_the_forum(forum, publish):
    follower = member()
    follow(follower, forum)

    [message] = publish(new_topic(forum, title="Ports of entry"))

    assert message.subject == "New topic in Border management: “Ports of entry”"


def test_mentioned_members_are_emailed(forum, publish):
    mentioned = member(first_name="Awa", last_name="Diop")
    first = new_topic(forum)

    [message] = publish(reply(first, body="What do you think, @Awa.Diop?"))

    assert message.to == [mentioned.email]
    assert "mentioned you" in message.subject


def test_one_email_per_member_and_post_where_the_mention_wins(forum, publish):
    user = member(first_name="Awa", last_name="Diop")
    first = new_topic(forum)
    follow(user, forum)
    follow(user, first.topic)

    [message] = publish(reply(first, body="@Awa.Diop, see the figures."))

    assert message.to == [user.email]
    assert "mentioned you" in message.subject


def test_the_author_is_never_emailed_about_their_own_post(forum, publish):
    author = member(first_name="Awa", last_name="Diop")
    follow(author, forum)
    first = new_topic(forum, author=author, body="Hello, I am @Awa.Diop.")
    follow(author, first.topic)

    assert publish(first) == []
    assert publish(reply(first, author=author, body="@Awa.Diop again")) == []


def test_a_muted_topic_stays_silent_even_in_a_followed_forum(forum, publish):
    user = member(first_name="Awa", last_name="Diop")
    follow(user, forum)
    topic = TopicFactory(forum=forum)
    mute(user, topic)
    first = PostFactory(topic=topic, author=topic.author)

    assert publish(first) == []
    assert publish(reply(first, body="Over to you, @Awa.Diop.")) == []


def test_a_muted_forum_stays_silent_except_for_followed_topics(forum, publish):
    user = member(first_name="Awa", last_name="Diop")
    mute(user, forum)
    followed = new_topic(forum)
    follow(user, followed.topic)
    other = new_topic(forum)

    assert publish(other) == []
    assert publish(reply(other, body="@Awa.Diop?")) == []
    assert recipients(publish(reply(followed))) == [user.email]


def test_nobody_is_emailed_about_a_forum_they_cannot_read(steering_forum, publish):
    outsider = member(first_name="Awa", last_name="Diop")
    committee_member = member(groups=[roles.STEERING_COMMITTEE])
    secretariat = enable_two_factor(member(groups=[roles.SECRETARIAT], is_staff=True))
    # Until they set up two-factor authentication, a plain member.
    without_2fa = member(groups=[roles.SECRETARIAT], is_staff=True)
    for user in (outsider, committee_member, secretariat, without_2fa):
        follow(user, steering_forum)
    first = new_topic(steering_forum, author=committee_member)
    for user in (outsider, committee_member, secretariat, without_2fa):
        follow(user, first.topic)

    assert recipients(publish(first)) == [secretariat.email]
    assert recipients(publish(reply(first, body="Thanks, @Awa.Diop."))) == sorted(
        [committee_member.email, secretariat.email]
    )


@pytest.mark.parametrize("forum_kind", ["open", "restricted", "inactive"])
@pytest.mark.parametrize(
    "role",
    [
        "no_group",
        "focal_point",
        "thematic_contact",
        "steering_committee",
        "moderator",
        "secretariat_without_2fa",
        "secretariat",
        "staff_without_2fa",
        "staff",
    ],
)
def test_only_those_who_can_read_the_forum_are_emailed(
    role, forum_kind, steering_forum, publish
):
    target = {
        "open": ForumFactory(),
        "restricted": steering_forum,
        "inactive": ForumFactory(is_active=False),
    }[forum_kind]
    user = make_user(role)
    first = new_topic(target)
    follow(user, first.topic)

    emailed = recipients(publish(reply(first))) == [user.email]

    assert emailed == Forum.objects.visible_to(user).filter(pk=target.pk).exists()


def test_inactive_members_and_those_who_turned_emails_off_get_nothing(forum, publish):
    inactive = member(is_active=False)
    off = member(frequency=EmailFrequency.OFF)
    first = new_topic(forum)
    for user in (inactive, off):
        follow(user, first.topic)

    assert publish(reply(first)) == []


def test_hidden_or_deleted_posts_are_not_announced(forum, publish):
    follower = member()
    first = new_topic(forum)
    follow(follower, first.topic)
    deleted = reply(first, body="Oops")
    hidden = reply(first, body="Spam")
    Post.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    Post.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())

    assert publish(deleted) == []
    assert publish(hidden) == []


def test_the_announcement_runs_as_many_queries_for_200_followers_as_for_20(
    forum, django_capture_on_commit_callbacks
):
    member(first_name="Awa", last_name="Diop")

    def queries_to_announce(follower_count):
        first = new_topic(forum)
        for _ in range(follower_count):
            follow(member(), first.topic)
        answer = reply(first, body="Dear all, and @Awa.Diop in particular.")
        mail.outbox.clear()
        cache.clear()  # the forums' groups read each time
        # The emails leave once the queries are counted.
        with (
            django_capture_on_commit_callbacks(execute=True),
            CaptureQueriesContext(connection) as queries,
        ):
            post_published(post_id=answer.pk)
        assert len(mail.outbox) == follower_count + 1
        return len(queries)

    assert queries_to_announce(20) == queries_to_announce(200)


# --- Language and unsubscribing ------------------------------------------------------


def test_each_email_is_in_its_recipients_language(forum, publish):
    french = member(language="fr")
    english = member(language="en")
    first = new_topic(forum)
    follow(french, first.topic)
    follow(english, first.topic)
    answer = reply(first)

    messages = {message.to[0]: message for message in publish(answer)}

    assert f"{settings.SITE_URL}/fr/" in post_url(answer, "fr")
    assert post_url(answer, "fr") in messages[french.email].body
    assert stop_url(french) in messages[french.email].body
    assert f"{settings.SITE_URL}/fr/" in stop_url(french)
    assert post_url(answer, "en") in messages[english.email].body
    assert f"{settings.SITE_URL}/en/" in stop_url(english)
    assert "/en/" not in messages[french.email].body
    assert translation.get_language() == "en"


def test_emails_carry_one_click_unsubscribe_headers(forum, publish):
    follower = member()
    first = new_topic(forum)
    follow(follower, first.topic)

    [message] = publish(reply(first))

    assert message.extra_headers["List-Unsubscribe"] == f"<{stop_url(follower)}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert stop_url(follower) in message.body


def test_the_one_click_unsubscribe_works_without_a_csrf_token(forum, publish):
    follower = member()
    first = new_topic(forum)
    follow(follower, first.topic)
    [message] = publish(reply(first))
    url = message.extra_headers["List-Unsubscribe"].strip("<>")

    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix(settings.SITE_URL), {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert follower.forum_settings.email_frequency == EmailFrequency.OFF
    assert publish(reply(first)) == []


# --- The daily digest ----------------------------------------------------------------


@pytest.fixture
def digest(django_capture_on_commit_callbacks):
    """Send the digests a moment from now; return (their number, the emails)."""

    def run(**kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            count = send_daily_digests(
                now=timezone.now() + datetime.timedelta(seconds=1), **kwargs
            )
        return count, list(mail.outbox)

    return run


def test_daily_members_get_nothing_at_once_but_the_digest(forum, publish, digest):
    daily = member(frequency=EmailFrequency.DAILY)
    first = new_topic(forum)
    follow(daily, first.topic)
    answer = reply(first)

    assert publish(answer) == []
    count, [message] = digest()
    assert count == 1
    assert message.to == [daily.email]
    assert post_url(answer, "en") in message.body


def test_the_digest_groups_a_days_posts_by_forum_and_topic_in_one_email(forum, digest):
    daily = member(
        language="fr",
        frequency=EmailFrequency.DAILY,
        first_name="Awa",
        last_name="Diop",
    )
    immediate = member()
    other_forum = ForumFactory(title_en="Migration data", position=forum.position + 1)
    follow(daily, other_forum)
    old = new_topic(forum, title="Visa facilitation")
    follow(daily, old.topic)
    follow(immediate, old.topic)
    Post.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    replies = [reply(old, body=f"Reply number {n}.") for n in range(3)]
    own = reply(old, author=daily, body="My own reply.")
    opening = new_topic(other_forum, title="Household surveys")
    elsewhere = ForumFactory(position=forum.position + 2)
    mention = new_topic(elsewhere, title="Elsewhere", body="Hello @Awa.Diop")

    count, [message] = digest()

    assert count == 1
    assert message.to == [daily.email]
    body = message.body
    assert body.count("Visa facilitation") == 1  # one heading for three posts
    for post in [*replies, opening, mention]:
        assert post_url(post, "fr") in body
    assert post_url(old, "fr") not in body  # older than 24 hours
    assert post_url(own, "fr") not in body
    assert (
        body.index("Visa facilitation")
        < body.index("Household surveys")
        < body.index("Elsewhere")
    )
    assert body.index("Reply number 0") < body.index("Reply number 2")
    assert message.extra_headers["List-Unsubscribe"] == f"<{stop_url(daily)}>"


def test_the_digest_follows_the_same_rules(steering_forum, forum, digest):
    outsider = member(frequency=EmailFrequency.DAILY)
    muted = member(frequency=EmailFrequency.DAILY)
    follow(outsider, steering_forum)
    follow(muted, forum)
    first = new_topic(steering_forum, author=member(groups=[roles.STEERING_COMMITTEE]))
    follow(outsider, first.topic)
    reply(first)
    topic = TopicFactory(forum=forum)
    mute(muted, topic)
    PostFactory(topic=topic)

    assert digest() == (0, [])


def test_nothing_new_no_digest(forum, digest):
    follow(member(frequency=EmailFrequency.DAILY), forum)

    assert digest() == (0, [])


def test_the_digest_command_runs_from_cron_with_a_dry_run(
    forum, django_capture_on_commit_callbacks
):
    daily = member(frequency=EmailFrequency.DAILY)
    follow(daily, forum)
    new_topic(forum)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_forum_digests", "--dry-run", stdout=out)
    assert "1 digest(s) would be sent" in out.getvalue()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_forum_digests", stdout=out)
    assert "1 digest(s) sent" in out.getvalue()
    assert recipients(mail.outbox) == [daily.email]
