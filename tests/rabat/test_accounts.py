import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from rabat import roles
from rabat.models import User
from tests.conftest import enable_two_factor, make_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def test_the_first_migration_creates_the_custom_user_with_email_login():
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(User, "username") or User.username is None


def test_data_migration_creates_the_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.MEMBER_GROUPS)


def test_secretariat_group_may_edit_the_content():
    secretariat = Group.objects.get(name=roles.SECRETARIAT)
    codenames = set(secretariat.permissions.values_list("codename", flat=True))
    assert {
        "change_newsitem",
        "add_newsitem",
        "change_page",
        "change_country",
    } <= codenames


def test_email_is_unique_whatever_its_case():
    from django.db import IntegrityError

    UserFactory(email="Someone@Example.org")
    with pytest.raises(IntegrityError):
        UserFactory(email="someone@example.org")


def test_signup_is_closed(client):
    response = client.get("/en/accounts/signup/")
    assert response.status_code == 200
    assert "Sign Up Closed" in response.content.decode()
    response = client.post(
        "/en/accounts/signup/",
        {"email": "intruder@example.org", "password1": "x" * 12, "password2": "x" * 12},
    )
    assert not User.objects.filter(email="intruder@example.org").exists()


def test_login_page_does_not_offer_sign_up(client):
    content = client.get("/en/accounts/login/").content.decode()
    assert reverse("account_signup") not in content
    assert "by invitation" in content


def test_member_logs_in_with_email_and_comes_back_to_the_page_asked(client):
    user = UserFactory(email="mariama@example.org", groups=[roles.FOCAL_POINT])
    response = client.get("/en/focal-points/")
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith("/en/accounts/login/?next=/en/focal-points/")
    response = client.post(
        login_url, {"login": "MARIAMA@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/focal-points/"
    content = client.get("/en/focal-points/").content.decode()
    assert f"Welcome, {user.get_full_name()}" in content


def test_wrong_password_keeps_the_email_typed(client):
    UserFactory(email="mariama@example.org")
    response = client.post(
        "/en/accounts/login/", {"login": "mariama@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="mariama@example.org"' in content
    assert "not correct" in content


def test_unverified_email_cannot_log_in(client):
    user = UserFactory(email="new@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = client.post(
        "/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_password_reset_mails_through_the_task_queue(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="mariama@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            "/en/accounts/password/reset/", {"email": "mariama@example.org"}
        )
    assert response.status_code == 302
    # Nothing is sent inside the request: the mail waits for the commit, then
    # goes to the task queue.
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mariama@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_reset_link_sets_a_new_password(
    client, django_capture_on_commit_callbacks
):
    import re

    user = UserFactory(email="mariama@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/password/reset/", {"email": "mariama@example.org"})
    link = re.search(
        r"https?://[^/]+(/\S+/password/reset/key/\S+/)", mail.outbox[0].body
    )
    response = client.get(link.group(1))
    assert response.status_code == 302  # allauth moves the key into the session
    form_url = response["Location"]
    response = client.post(
        form_url,
        {"password1": "a-new-long-password", "password2": "a-new-long-password"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-password")


def test_secretariat_without_two_factor_must_set_it_up(client):
    user = UserFactory(groups=[roles.SECRETARIAT], is_staff=True)
    client.force_login(user)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    enable_two_factor(user)
    assert client.get("/en/admin/").status_code == 200


def test_secretariat_without_two_factor_is_asked_for_it_in_the_private_area(client):
    user = UserFactory(groups=[roles.SECRETARIAT], is_staff=True)
    client.force_login(user)
    content = client.get("/en/focal-points/").content.decode()
    assert reverse("mfa_activate_totp") in content
    assert "Secretariat rights apply once two-factor authentication" in content
    assert reverse("admin:index") not in content
    enable_two_factor(user)
    content = client.get("/en/focal-points/").content.decode()
    assert reverse("admin:index") in content
    assert "two-factor" not in content


def test_a_member_is_only_invited_to_protect_the_account(client):
    client.force_login(make_user("focal_point"))
    content = client.get("/en/focal-points/").content.decode()
    assert "Protect your account with two-factor authentication" in content
    assert "Secretariat rights" not in content


def test_staff_without_two_factor_must_set_it_up(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/en/admin/")
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_focal_point_without_two_factor_is_not_forced(client):
    client.force_login(make_user("focal_point"))
    assert client.get("/en/focal-points/").status_code == 200


def test_admin_login_goes_through_allauth(client):
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_logged_in_member_without_a_group_is_refused_the_private_area(client):
    client.force_login(UserFactory())
    assert client.get("/en/focal-points/").status_code == 403
