"""Effective roles: staff and the Secretariat without two-factor authentication
get no more than their groups give a member, anywhere on the site."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from meetings.models import DocumentVisibility
from rabat import roles
from rabat.models import User
from tests.conftest import enable_two_factor, make_user
from tests.forums.factories import ForumFactory, PostFactory, TopicFactory
from tests.meetings.factories import MeetingDocumentFactory, MeetingFactory
from tests.newsletter.factories import DraftIssueFactory

pytestmark = pytest.mark.django_db

WITHOUT_TWO_FACTOR = ["secretariat_without_2fa", "staff_without_2fa"]


@pytest.fixture
def steering_post():
    forum = ForumFactory(slug="steering-committee")
    forum.readers.set(
        Group.objects.filter(name__in=[roles.STEERING_COMMITTEE, roles.SECRETARIAT])
    )
    return PostFactory(
        topic=TopicFactory(forum=forum), body="The ziggurat budget, in confidence."
    )


def logged_in(client, role):
    user = make_user(role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", WITHOUT_TWO_FACTOR)
def test_steering_committee_posts_are_found_once_two_factor_is_set_up(
    client, steering_post, role
):
    user = logged_in(client, role)
    site = reverse("rabat:search") + "?q=ziggurat"
    forums = reverse("forums:search") + "?q=ziggurat"
    post_url = steering_post.get_absolute_url()

    assert post_url not in client.get(site).content.decode()
    response = client.get(forums)
    assert post_url not in response.content.decode()
    # A staff account without groups is no member until then.
    assert response.status_code == (403 if role == "staff_without_2fa" else 200)

    enable_two_factor(user)
    assert post_url in client.get(site).content.decode()
    assert post_url in client.get(forums).content.decode()


@pytest.mark.parametrize("role", WITHOUT_TWO_FACTOR)
def test_steering_committee_documents_once_two_factor_is_set_up(client, role):
    user = logged_in(client, role)
    document = MeetingDocumentFactory(visibility=DocumentVisibility.STEERING_COMMITTEE)
    meeting_page = document.meeting.get_absolute_url()

    assert client.get(document.get_absolute_url()).status_code == 404
    assert document.get_absolute_url() not in client.get(meeting_page).content.decode()

    enable_two_factor(user)
    response = client.get(document.get_absolute_url())
    b"".join(response.streaming_content)  # read to the end: the file is closed
    assert response.status_code == 200
    assert document.get_absolute_url() in client.get(meeting_page).content.decode()


@pytest.mark.parametrize("role", WITHOUT_TWO_FACTOR)
def test_draft_review_issues_once_two_factor_is_set_up(client, role):
    user = logged_in(client, role)
    issue = DraftIssueFactory()

    assert client.get(issue.get_absolute_url()).status_code == 404

    enable_two_factor(user)
    assert client.get(issue.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", WITHOUT_TWO_FACTOR)
def test_unpublished_meetings_once_two_factor_is_set_up(client, role):
    user = logged_in(client, role)
    meeting = MeetingFactory(is_published=False)

    assert client.get(meeting.get_absolute_url()).status_code == 404

    enable_two_factor(user)
    assert client.get(meeting.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", WITHOUT_TWO_FACTOR)
def test_the_admin_itself_refuses_staff_without_two_factor(role):
    # Not only the redirect of RequireStaffTwoFactorMiddleware: the admin
    # site's own check, which every admin view goes through.
    user = make_user(role)
    request = RequestFactory().get("/")
    request.user = user
    assert not admin.site.has_permission(request)

    enable_two_factor(user)
    request.user = User.objects.get(pk=user.pk)
    assert admin.site.has_permission(request)


def test_the_flag_stays_stored_as_it_is(client):
    user = logged_in(client, "staff_without_2fa")
    client.get(reverse("contacts:dashboard"))
    client.get(reverse("admin:index"))
    user.refresh_from_db()
    assert user.is_staff
    assert user.is_superuser


def test_effective_roles_take_one_query_per_user(django_assert_num_queries):
    user = User.objects.get(pk=make_user("secretariat").pk)
    with django_assert_num_queries(1):
        assert roles.is_secretariat(user)
        assert roles.is_moderator(user)
        assert roles.is_member(user)
        assert roles.is_admin(user)
        assert not roles.is_steering_committee(user)


def test_roles_of_many_users_take_two_queries(django_assert_num_queries):
    users = [make_user("secretariat"), make_user("secretariat_without_2fa")]
    users = list(User.objects.filter(pk__in=[user.pk for user in users]))
    with django_assert_num_queries(2):
        roles.load_effective_roles(users)
        assert [roles.is_secretariat(user) for user in users] == [True, False]
        assert [roles.is_member(user) for user in users] == [True, True]


def test_a_requests_user_comes_with_its_roles_in_one_query(
    django_assert_num_queries,
):
    secretariat = make_user("secretariat")  # with its authenticator
    secretariat.groups.add(Group.objects.get(name=roles.MODERATOR))
    member = make_user("focal_point")
    with django_assert_num_queries(2):
        loaded = roles.user_with_roles(secretariat.pk)
        loaded_member = roles.user_with_roles(member.pk)
        assert roles.is_secretariat(loaded) and roles.is_moderator(loaded)
        assert roles.is_admin(loaded)
        assert roles.effective_roles(loaded_member).group_names == {roles.FOCAL_POINT}
        assert not roles.effective_roles(loaded_member).has_two_factor
    assert loaded == secretariat and loaded.email == secretariat.email
    assert roles.user_with_roles(0) is None
