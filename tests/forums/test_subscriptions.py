"""Following and muting topics and forums; the email settings; stopping emails."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import signing
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from forums.models import EmailFrequency, NotificationSettings, Subscription
from forums.notifications import (
    email_frequency,
    stop_emails_token,
    subscription_level,
    subscription_set,
)
from rabat import roles
from tests.conftest import make_user
from tests.forums.factories import ForumFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicFactory(title="Labour migration")


@pytest.fixture
def steering_topic():
    forum = ForumFactory(slug="steering-committee")
    forum.readers.set(
        Group.objects.filter(name__in=[roles.STEERING_COMMITTEE, roles.SECRETARIAT])
    )
    return TopicFactory(forum=forum)


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- The services --------------------------------------------------------------------


def test_subscription_set_follows_mutes_and_removes(member, topic):
    forum = topic.forum
    assert subscription_level(user=member, topic=topic) is None

    subscription_set(user=member, level="follow", topic=topic)
    subscription_set(user=member, level="mute", forum=forum)
    assert subscription_level(user=member, topic=topic) == "follow"
    assert subscription_level(user=member, forum=forum) == "mute"

    subscription_set(user=member, level="mute", topic=topic)
    assert subscription_level(user=member, topic=topic) == "mute"
    assert Subscription.objects.filter(user=member).count() == 2

    subscription_set(user=member, level=None, topic=topic)
    assert subscription_level(user=member, topic=topic) is None
    assert subscription_level(user=member, forum=forum) == "mute"


def test_subscriptions_take_a_topic_or_a_forum_and_a_known_level(member, topic):
    with pytest.raises(ValueError, match="not both"):
        subscription_level(user=member, topic=topic, forum=topic.forum)
    with pytest.raises(ValueError, match="not both"):
        subscription_set(user=member, level="follow")
    with pytest.raises(ValueError, match="Unknown"):
        subscription_set(user=member, level="watch", topic=topic)


# --- Follow, mute, unfollow ----------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "stored", "message"),
    [
        ("follow", "follow", "You follow this topic"),
        ("mute", "mute", "This topic is muted"),
        ("none", None, "You no longer follow this topic"),
    ],
)
def test_a_member_follows_mutes_or_unfollows_a_topic(
    member_client, member, topic, level, stored, message
):
    subscription_set(user=member, level="follow", topic=topic)
    url = reverse("forums:topic_subscription", kwargs={"pk": topic.pk})

    response = member_client.post(url, {"level": level})

    assert response.status_code == 302
    assert response.url == topic.get_absolute_url()
    assert subscription_level(user=member, topic=topic) == stored
    assert message in flash(response)[0]


@pytest.mark.parametrize(
    ("level", "stored", "message"),
    [
        ("follow", "follow", "You follow this forum"),
        ("mute", "mute", "This forum is muted"),
        ("none", None, "You no longer follow this forum"),
    ],
)
def test_a_member_follows_mutes_or_unfollows_a_forum(
    member_client, member, topic, level, stored, message
):
    forum = topic.forum
    url = reverse("forums:forum_subscription", kwargs={"slug": forum.slug})

    response = member_client.post(url, {"level": level})

    assert response.status_code == 302
    assert response.url == forum.get_absolute_url()
    assert subscription_level(user=member, forum=forum) == stored
    assert message in flash(response)[0]


def test_a_subscription_change_may_return_to_one_of_our_pages(
    member_client, member, topic
):
    url = reverse("forums:topic_subscription", kwargs={"pk": topic.pk})
    settings_url = reverse("forums:notification_settings")

    back = member_client.post(url, {"level": "mute", "next": settings_url})
    elsewhere = member_client.post(
        url, {"level": "follow", "next": "https://evil.example.org/"}
    )

    assert back.url == settings_url
    assert elsewhere.url == topic.get_absolute_url()


def test_topics_and_forums_one_cannot_read_are_not_found(
    member_client, member, steering_topic
):
    topic_url = reverse("forums:topic_subscription", kwargs={"pk": steering_topic.pk})
    forum_url = reverse(
        "forums:forum_subscription", kwargs={"slug": steering_topic.forum.slug}
    )

    assert member_client.post(topic_url, {"level": "follow"}).status_code == 404
    assert member_client.post(forum_url, {"level": "follow"}).status_code == 404
    assert not Subscription.objects.filter(user=member).exists()


def test_the_steering_committee_follows_its_forum(client, steering_topic):
    user = make_user("steering_committee")
    client.force_login(user)
    url = reverse("forums:topic_subscription", kwargs={"pk": steering_topic.pk})

    assert client.post(url, {"level": "follow"}).status_code == 302
    assert subscription_level(user=user, topic=steering_topic) == "follow"


def test_subscription_changes_are_posted_by_members_with_a_known_level(
    client, member_client, topic
):
    url = reverse("forums:topic_subscription", kwargs={"pk": topic.pk})

    assert member_client.get(url).status_code == 405
    assert member_client.post(url, {"level": "watch"}).status_code == 400
    client.logout()
    assert client.post(url, {"level": "follow"}).url.startswith(
        reverse("account_login")
    )
    client.force_login(make_user("no_group"))
    assert client.post(url, {"level": "follow"}).status_code == 403
    assert not Subscription.objects.exists()


def test_the_buttons_post_the_level_to_the_topic_or_the_forum(rf, topic):
    request = rf.get("/")

    unsubscribed = render_to_string(
        "forums/_subscription_buttons.html",
        {"topic": topic, "forum": topic.forum, "subscription_level": None},
        request=request,
    )
    following = render_to_string(
        "forums/_subscription_buttons.html",
        {"forum": topic.forum, "subscription_level": "follow"},
        request=request,
    )
    muted = render_to_string(
        "forums/_subscription_buttons.html",
        {"topic": topic, "subscription_level": "mute"},
        request=request,
    )

    topic_url = reverse("forums:topic_subscription", kwargs={"pk": topic.pk})
    forum_url = reverse("forums:forum_subscription", kwargs={"slug": topic.forum.slug})
    assert f'action="{topic_url}"' in unsubscribed
    assert 'value="follow"' in unsubscribed
    assert 'value="mute"' in unsubscribed
    assert "csrfmiddlewaretoken" in unsubscribed
    assert f'action="{forum_url}"' in following
    assert 'value="none"' in following
    assert "Unfollow" in following
    assert "Unmute" in muted


# --- Email settings ------------------------------------------------------------------


def test_the_settings_page_shows_the_frequency_and_what_one_follows(
    member_client, member, topic, steering_topic
):
    subscription_set(user=member, level="follow", topic=topic)
    subscription_set(user=member, level="mute", forum=topic.forum)
    # Left over from when the member could read that forum: not shown.
    Subscription.objects.create(user=member, topic=steering_topic, level="follow")

    response = member_client.get(reverse("forums:notification_settings"))

    assert response.status_code == 200
    assert response.context["form"].initial == {"email_frequency": "immediately"}
    shown = list(response.context["subscriptions"])
    assert [(sub.topic, sub.forum) for sub in shown] == [
        (topic, None),
        (None, topic.forum),
    ]
    assert "Labour migration" in response.content.decode()
    assert not NotificationSettings.objects.exists()  # created when first saved


def test_a_member_chooses_the_daily_digest(member_client, member):
    url = reverse("forums:notification_settings")

    response = member_client.post(url, {"email_frequency": "daily"})
    invalid = member_client.post(url, {"email_frequency": "hourly"})

    assert response.status_code == 302
    assert response.url == url
    assert email_frequency(member) == EmailFrequency.DAILY
    assert invalid.status_code == 200
    assert invalid.context["form"].errors


def test_the_settings_page_is_for_members(client):
    url = reverse("forums:notification_settings")

    assert client.get(url).url.startswith(reverse("account_login"))
    client.force_login(make_user("no_group"))
    assert client.get(url).status_code == 403


# --- The link that stops every email -------------------------------------------------


def test_the_stop_link_asks_to_confirm_then_turns_emails_off(client, member):
    url = reverse("forums:stop_emails", kwargs={"token": stop_emails_token(member)})

    page = client.get(url)

    assert page.status_code == 200
    content = page.content.decode()
    assert member.email in content
    assert '<form method="post">' in content
    assert email_frequency(member) == EmailFrequency.IMMEDIATELY

    done = client.post(url)

    assert done.status_code == 200
    assert "Done" in done.content.decode()
    assert email_frequency(member) == EmailFrequency.OFF


def test_the_stop_link_needs_no_login_nor_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    url = reverse("forums:stop_emails", kwargs={"token": stop_emails_token(member)})

    assert client.post(url).status_code == 200
    assert email_frequency(member) == EmailFrequency.OFF


@pytest.mark.parametrize(
    "forge",
    [
        lambda user: "not-a-token",
        lambda user: stop_emails_token(user)[:-2] + "xx",
        lambda user: signing.dumps(user.pk, salt="another.salt"),
    ],
)
def test_a_forged_stop_link_is_not_found(client, member, forge):
    url = reverse("forums:stop_emails", kwargs={"token": forge(member)})

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert email_frequency(member) == EmailFrequency.IMMEDIATELY


def test_a_stop_link_of_a_deleted_account_is_not_found(client, member):
    url = reverse("forums:stop_emails", kwargs={"token": stop_emails_token(member)})
    member.delete()

    assert client.post(url).status_code == 404
