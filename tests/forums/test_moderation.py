import datetime
from uuid import uuid4

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from forums.context_processors import moderation
from forums.models import Post, PostRevision, Report
from forums.rules import can_moderate
from forums.services.moderation import (
    ModerationError,
    post_hide,
    post_unhide,
    report_create,
    report_resolve,
    topic_lock,
    topic_move,
    topic_pin,
)
from forums.services.posting import PostingError, reply_create
from tests.conftest import make_user
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

MODERATORS = ["moderator", "secretariat"]


@pytest.fixture
def topic(forum):
    return TopicFactory(forum=forum)


@pytest.fixture
def post(topic):
    return PostFactory(topic=topic, body="First text of the post.")


@pytest.fixture
def moderator():
    return make_user("moderator")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Services --------------------------------------------------------------------


@pytest.mark.parametrize("role", MODERATORS)
def test_moderators_pin_lock_and_move_topics(role, topic):
    user = make_user(role)
    other_forum = ForumFactory()

    topic_pin(topic=topic, moderator=user, pinned=True)
    topic_lock(topic=topic, moderator=user, locked=True)
    topic.refresh_from_db()
    assert topic.is_pinned
    assert topic.is_locked

    topic_pin(topic=topic, moderator=user, pinned=False)
    topic_lock(topic=topic, moderator=user, locked=False)
    topic_move(topic=topic, moderator=user, forum=other_forum)
    topic.refresh_from_db()
    assert not topic.is_pinned
    assert not topic.is_locked
    assert topic.forum == other_forum


@pytest.mark.parametrize("role", MODERATORS)
def test_moderators_hide_and_unhide_posts(role, post):
    user = make_user(role)

    post_hide(post=post, moderator=user, reason="  Personal data  ")
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert post.hidden_by == user
    assert post.hidden_reason == "Personal data"

    post_unhide(post=post, moderator=user)
    post.refresh_from_db()
    assert post.hidden_at is None
    assert post.hidden_by is None
    assert post.hidden_reason == ""


def test_hiding_a_post_resolves_its_open_reports_only(post, moderator, member):
    report = report_create(post=post, reporter=member, reason="Off topic")
    other = report_create(
        post=PostFactory(topic=post.topic), reporter=member, reason="Spam"
    )

    post_hide(post=post, moderator=moderator, reason="Off topic")

    report.refresh_from_db()
    other.refresh_from_db()
    assert report.resolved_at is not None
    assert report.resolved_by == moderator
    assert other.resolved_at is None


def test_hiding_requires_a_reason(post, moderator):
    with pytest.raises(ModerationError):
        post_hide(post=post, moderator=moderator, reason="   ")
    post.refresh_from_db()
    assert post.hidden_at is None


def test_focal_point_may_not_moderate(topic, post, member):
    other_forum = ForumFactory()
    report = report_create(post=post, reporter=make_user("focal_point"), reason="x")
    actions = [
        lambda: topic_pin(topic=topic, moderator=member, pinned=True),
        lambda: topic_lock(topic=topic, moderator=member, locked=True),
        lambda: topic_move(topic=topic, moderator=member, forum=other_forum),
        lambda: post_hide(post=post, moderator=member, reason="Spam"),
        lambda: post_unhide(post=post, moderator=member),
        lambda: report_resolve(report=report, moderator=member),
    ]
    for action in actions:
        with pytest.raises(ModerationError, match="Only moderators"):
            action()
    topic.refresh_from_db()
    post.refresh_from_db()
    report.refresh_from_db()
    assert (topic.is_pinned, topic.is_locked, topic.forum_id) == (
        False,
        False,
        post.topic.forum_id,
    )
    assert post.hidden_at is None
    assert report.resolved_at is None


def test_moderator_may_not_moderate_a_forum_they_cannot_read(steering_forum, moderator):
    topic = TopicFactory(forum=steering_forum)
    post = PostFactory(topic=topic)
    with pytest.raises(ModerationError):
        topic_lock(topic=topic, moderator=moderator, locked=True)
    with pytest.raises(ModerationError):
        post_hide(post=post, moderator=moderator, reason="Spam")


def test_moving_to_a_forum_the_moderator_cannot_read_is_refused(
    topic, steering_forum, moderator
):
    with pytest.raises(ModerationError, match="cannot read"):
        topic_move(topic=topic, moderator=moderator, forum=steering_forum)
    topic.refresh_from_db()
    assert topic.forum != steering_forum


def test_moving_to_an_inactive_forum_is_refused(topic):
    closed = ForumFactory(is_active=False)
    with pytest.raises(ModerationError, match="active"):
        topic_move(topic=topic, moderator=make_user("secretariat"), forum=closed)


def test_secretariat_moves_topics_into_restricted_forums(topic, steering_forum):
    topic_move(topic=topic, moderator=make_user("secretariat"), forum=steering_forum)
    topic.refresh_from_db()
    assert topic.forum == steering_forum


def test_a_locked_topic_accepts_no_replies(topic, moderator, member):
    topic_lock(topic=topic, moderator=moderator, locked=True)
    topic.refresh_from_db()
    assert topic.is_locked
    with pytest.raises(PostingError, match="locked"):
        reply_create(
            topic=topic, author=member, body="One more thing", submission_key=uuid4()
        )
    assert not topic.posts.exists()


def test_reporting_again_updates_the_reason(post, member):
    first = report_create(post=post, reporter=member, reason="Off topic")
    second = report_create(post=post, reporter=member, reason="Personal data")
    assert second.pk == first.pk
    assert Report.objects.get().reason == "Personal data"

    report_create(post=post, reporter=make_user("thematic_contact"), reason="Spam")
    assert Report.objects.count() == 2


def test_a_new_report_after_the_first_was_handled(post, member, moderator):
    first = report_create(post=post, reporter=member, reason="Off topic")
    report_resolve(report=first, moderator=moderator)
    second = report_create(post=post, reporter=member, reason="Still off topic")
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.resolved_by == moderator


@pytest.mark.parametrize("role", MODERATORS)
def test_moderators_dismiss_reports(role, post, member):
    report = report_create(post=post, reporter=member, reason="Off topic")
    report_resolve(report=report, moderator=make_user(role))
    report.refresh_from_db()
    assert report.resolved_at is not None
    post.refresh_from_db()
    assert post.hidden_at is None


def test_members_report_only_what_they_can_read(steering_forum, member):
    post = PostFactory(topic=TopicFactory(forum=steering_forum))
    with pytest.raises(ModerationError):
        report_create(post=post, reporter=member, reason="Spam")
    hidden = PostFactory(hidden_at=timezone.now(), hidden_reason="Spam")
    with pytest.raises(ModerationError):
        report_create(post=hidden, reporter=member, reason="Spam")
    assert not Report.objects.exists()


def test_a_report_needs_a_reason(post, member):
    with pytest.raises(ModerationError):
        report_create(post=post, reporter=member, reason=" ")


# --- Views: who may see them -----------------------------------------------------


def moderation_urls(post):
    return [
        reverse("forums:moderation"),
        reverse("forums:topic_moderate", args=[post.topic.pk]),
        reverse("forums:post_moderate", args=[post.pk]),
        reverse("forums:post_revisions", args=[post.pk]),
    ]


def test_focal_point_is_refused_every_moderation_view(member_client, post):
    for url in moderation_urls(post):
        assert member_client.get(url).status_code == 403, url
    topic_url = reverse("forums:topic_moderate", args=[post.topic.pk])
    post_url = reverse("forums:post_moderate", args=[post.pk])
    assert member_client.post(topic_url, {"action": "lock"}).status_code == 403
    assert (
        member_client.post(post_url, {"action": "hide", "reason": "x"}).status_code
        == 403
    )
    post.topic.refresh_from_db()
    assert not post.topic.is_locked


def test_anonymous_visitors_are_sent_to_log_in(client, post):
    for url in [*moderation_urls(post), reverse("forums:report", args=[post.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response.url


@pytest.mark.parametrize("role", MODERATORS)
def test_moderators_open_every_moderation_view(client, role, post):
    client.force_login(make_user(role))
    for url in moderation_urls(post):
        assert client.get(url).status_code == 200, url


def test_restricted_posts_are_not_found_for_outsiders(client, steering_forum):
    post = PostFactory(topic=TopicFactory(forum=steering_forum))
    client.force_login(make_user("moderator"))
    for url in moderation_urls(post)[1:]:
        assert client.get(url).status_code == 404, url
    client.force_login(make_user("focal_point"))
    report_url = reverse("forums:report", args=[post.pk])
    assert client.get(report_url).status_code == 404
    assert client.post(report_url, {"reason": "Spam"}).status_code == 404


# --- Views: reports and the queue ------------------------------------------------


def test_member_reports_a_post(member_client, member, post):
    url = reverse("forums:report", args=[post.pk])
    assert member_client.get(url).status_code == 200

    response = member_client.post(url, {"reason": "Personal phone number"})

    assert response.status_code == 302
    assert response.url == post.get_absolute_url()
    assert message_texts(response) == [
        "Thank you: the moderators will look at this post."
    ]
    report = Report.objects.get()
    assert (report.post, report.reporter, report.reason) == (
        post,
        member,
        "Personal phone number",
    )


def test_reporting_twice_updates_the_reason_and_prefills_it(member_client, post):
    url = reverse("forums:report", args=[post.pk])
    member_client.post(url, {"reason": "Off topic"})
    response = member_client.get(url)
    assert response.context["form"].initial == {"reason": "Off topic"}
    member_client.post(url, {"reason": "Off topic and rude"})
    assert list(Report.objects.values_list("reason", flat=True)) == [
        "Off topic and rude"
    ]


def test_an_empty_report_comes_back_with_an_error(member_client, post):
    response = member_client.post(
        reverse("forums:report", args=[post.pk]), {"reason": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Report.objects.exists()


def test_queue_lists_open_reports_oldest_first(
    moderator_client, moderator, post, steering_forum
):
    newer = report_create(post=post, reporter=make_user("focal_point"), reason="B")
    older = report_create(post=post, reporter=make_user("focal_point"), reason="A")
    Report.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    handled = report_create(
        post=PostFactory(), reporter=make_user("focal_point"), reason="C"
    )
    report_resolve(report=handled, moderator=moderator)
    restricted = PostFactory(topic=TopicFactory(forum=steering_forum))
    report_create(post=restricted, reporter=make_user("steering_committee"), reason="D")

    response = moderator_client.get(reverse("forums:moderation"))

    assert list(response.context["reports"]) == [older, newer]
    content = response.content.decode()
    assert post.topic.title in content
    assert "First text of the post." in content


def test_queue_query_count_does_not_grow_with_reports(moderator_client, moderator):
    def add_reports(count):
        for _ in range(count):
            post = PostFactory(topic=TopicFactory(forum=ForumFactory()))
            report_create(post=post, reporter=make_user("focal_point"), reason="Spam")
            hidden = PostFactory(topic=post.topic)
            post_hide(post=hidden, moderator=moderator, reason="Spam")

    add_reports(2)
    assert_queries_constant(
        moderator_client, reverse("forums:moderation"), grow=lambda: add_reports(18)
    )


def test_secretariat_queue_includes_restricted_forums(client, steering_forum):
    restricted = PostFactory(topic=TopicFactory(forum=steering_forum))
    report = report_create(
        post=restricted, reporter=make_user("steering_committee"), reason="D"
    )
    client.force_login(make_user("secretariat"))
    response = client.get(reverse("forums:moderation"))
    assert list(response.context["reports"]) == [report]


def test_queue_dismisses_a_report(moderator_client, moderator, post, member):
    report = report_create(post=post, reporter=member, reason="Off topic")
    response = moderator_client.post(
        reverse("forums:moderation"), {"report": report.pk}
    )
    assert response.status_code == 302
    assert response.url == reverse("forums:moderation")
    report.refresh_from_db()
    assert report.resolved_by == moderator
    post.refresh_from_db()
    assert post.hidden_at is None


def test_queue_dismissing_a_handled_report_says_so(moderator_client, post, member):
    report = report_create(post=post, reporter=member, reason="Off topic")
    Report.objects.filter(pk=report.pk).update(resolved_at=timezone.now())
    response = moderator_client.post(
        reverse("forums:moderation"), {"report": report.pk}
    )
    assert message_texts(response) == ["This report has already been handled."]


def test_hiding_from_the_queue_returns_to_it(moderator_client, moderator, post, member):
    report = report_create(post=post, reporter=member, reason="Personal data")
    queue_url = reverse("forums:moderation")
    response = moderator_client.post(
        reverse("forums:post_moderate", args=[post.pk]),
        {"action": "hide", "reason": "Personal data", "next": queue_url},
    )
    assert response.status_code == 302
    assert response.url == queue_url
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.hidden_reason == "Personal data"
    assert post.hidden_by == moderator
    assert report.resolved_at is not None
    response = moderator_client.get(queue_url)
    assert list(response.context["reports"]) == []
    assert list(response.context["hidden_posts"]) == [post]


def test_an_outside_next_address_is_ignored(moderator_client, post):
    response = moderator_client.post(
        reverse("forums:post_moderate", args=[post.pk]),
        {"action": "unhide", "next": "https://evil.example.com/"},
    )
    assert response.url == post.get_absolute_url()


# --- Views: topics and posts -----------------------------------------------------


@pytest.mark.parametrize("role", MODERATORS)
@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        ("pin", "is_pinned", True),
        ("unpin", "is_pinned", False),
        ("lock", "is_locked", True),
        ("unlock", "is_locked", False),
    ],
)
def test_topic_actions(client, role, action, field, value):
    topic = TopicFactory(is_pinned=not value, is_locked=not value)
    client.force_login(make_user(role))
    response = client.post(
        reverse("forums:topic_moderate", args=[topic.pk]), {"action": action}
    )
    assert response.status_code == 302
    assert response.url == topic.get_absolute_url()
    assert len(message_texts(response)) == 1
    topic.refresh_from_db()
    assert getattr(topic, field) is value


@pytest.mark.parametrize("role", MODERATORS)
def test_topic_moved_through_the_form(client, role, topic):
    target = ForumFactory(title_en="Border management")
    client.force_login(make_user(role))
    url = reverse("forums:topic_moderate", args=[topic.pk])
    assert target in client.get(url).context["move_form"].fields["forum"].queryset

    response = client.post(url, {"action": "move", "forum": target.pk})

    assert response.status_code == 302
    assert message_texts(response) == ["The topic is moved to Border management."]
    topic.refresh_from_db()
    assert topic.forum == target


def test_move_form_refuses_a_forum_the_moderator_cannot_read(
    moderator_client, topic, steering_forum
):
    url = reverse("forums:topic_moderate", args=[topic.pk])
    choices = moderator_client.get(url).context["move_form"].fields["forum"].queryset
    assert steering_forum not in choices
    assert topic.forum not in choices

    response = moderator_client.post(
        url, {"action": "move", "forum": steering_forum.pk}
    )

    assert response.status_code == 200
    assert response.context["move_form"].errors
    topic.refresh_from_db()
    assert topic.forum != steering_forum


def test_an_unknown_action_is_a_bad_request(moderator_client, post):
    for url in moderation_urls(post)[1:3]:
        assert moderator_client.post(url, {"action": "explode"}).status_code == 400


@pytest.mark.parametrize("role", MODERATORS)
def test_post_hidden_and_shown_again_through_the_views(client, role, post):
    user = make_user(role)
    client.force_login(user)
    url = reverse("forums:post_moderate", args=[post.pk])

    response = client.post(url, {"action": "hide", "reason": "Insulting"})

    assert response.status_code == 302
    assert response.url == post.get_absolute_url()
    post.refresh_from_db()
    assert (post.hidden_reason, post.hidden_by) == ("Insulting", user)
    assert "Insulting" in client.get(url).content.decode()

    client.post(url, {"action": "unhide"})
    post.refresh_from_db()
    assert post.hidden_at is None


def test_hiding_without_a_reason_comes_back_with_an_error(moderator_client, post):
    response = moderator_client.post(
        reverse("forums:post_moderate", args=[post.pk]),
        {"action": "hide", "reason": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    post.refresh_from_db()
    assert post.hidden_at is None


def test_revisions_list_earlier_texts_newest_first(moderator_client, post, member):
    older = PostRevision.objects.create(
        post=post, body="Very first draft", edited_by=member
    )
    newer = PostRevision.objects.create(
        post=post, body="Second draft", edited_by=member
    )
    PostRevision.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    Post.objects.filter(pk=post.pk).update(edited_at=timezone.now())

    response = moderator_client.get(reverse("forums:post_revisions", args=[post.pk]))

    assert list(response.context["revisions"]) == [newer, older]
    content = response.content.decode()
    assert "First text of the post." in content
    assert content.index("Second draft") < content.index("Very first draft")


# --- Navigation count and the topic page's buttons -------------------------------


def test_open_report_count_for_moderators_in_one_query(
    rf, post, moderator, member, django_assert_num_queries
):
    report_create(post=post, reporter=member, reason="Off topic")
    report_create(post=post, reporter=make_user("thematic_contact"), reason="Spam")
    handled = report_create(post=PostFactory(), reporter=member, reason="Spam")
    report_resolve(report=handled, moderator=moderator)
    request = rf.get("/")
    request.user = moderator
    assert can_moderate(moderator)  # roles loaded once per request, by the header too

    with django_assert_num_queries(1):
        assert moderation(request) == {"open_report_count": 2}


def test_no_report_count_for_others(rf, post, member):
    report_create(post=post, reporter=member, reason="Off topic")
    request = rf.get("/")
    for user in (member, make_user("no_group"), AnonymousUser()):
        request.user = user
        assert moderation(request) == {}


def test_navigation_shows_the_count_to_moderators(
    settings, moderator_client, post, member
):
    engine = settings.TEMPLATES[0]
    processors = engine["OPTIONS"]["context_processors"]
    settings.TEMPLATES = [
        {
            **engine,
            "OPTIONS": {
                **engine["OPTIONS"],
                "context_processors": [
                    *processors,
                    "forums.context_processors.moderation",
                ],
            },
        }
    ]
    report_create(post=post, reporter=member, reason="Off topic")
    content = moderator_client.get(reverse("forums:moderation")).content.decode()
    assert '<span class="badge rounded-pill" aria-hidden="true">1</span>' in content
    assert '<span class="visually-hidden"> (1 open report)</span>' in content


def render_tools(user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "forums/_moderation_tools.html",
        {"user": user, "is_moderator": can_moderate(user), **context},
        request=request,
    )


def test_tools_show_topic_buttons_to_moderators(topic, moderator):
    html = render_tools(moderator, topic=topic)
    assert 'value="pin"' in html
    assert 'value="lock"' in html
    assert reverse("forums:topic_moderate", args=[topic.pk]) in html
    topic.is_pinned = topic.is_locked = True
    html = render_tools(moderator, topic=topic)
    assert 'value="unpin"' in html
    assert 'value="unlock"' in html


def test_tools_show_post_buttons_to_moderators(post, moderator):
    html = render_tools(moderator, topic=post.topic, post=post)
    assert reverse("forums:post_moderate", args=[post.pk]) in html
    assert 'value="pin"' not in html
    post.hidden_at = timezone.now()
    assert 'value="unhide"' in render_tools(moderator, topic=post.topic, post=post)


def test_tools_show_nothing_to_members(post, member):
    assert render_tools(member, topic=post.topic).strip() == ""
    assert render_tools(member, topic=post.topic, post=post).strip() == ""
