"""Setting up two-factor authentication: right after logging in, no second
password prompt; the recovery codes next, then on to where the user was going."""

import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse
from django.utils.http import urlencode

from rabat import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def log_in(client, email):
    response = client.post(
        reverse("account_login"), {"login": email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def current_code(secret):
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_the_secretariat_sets_up_two_factor_from_the_admin_and_gets_back_to_it(
    client,
):
    user = UserFactory(
        email="secretariat@example.org", groups=[roles.SECRETARIAT], is_staff=True
    )
    log_in(client, user.email)
    admin_path = reverse("admin:index")

    # The admin sends the user to the set-up, which does not ask for the
    # password typed a moment ago.
    response = client.get(admin_path)
    setup_url = response["Location"]
    next_query = urlencode({"next": admin_path})
    assert setup_url == f"{reverse('mfa_activate_totp')}?{next_query}"
    response = client.get(setup_url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "data:image/svg+xml" in content
    assert f'name="next" value="{admin_path}"' in content

    secret = response.context["form"].secret
    response = client.post(
        reverse("mfa_activate_totp"), {"code": current_code(secret), "next": admin_path}
    )
    assert response.status_code == 302
    codes_url = response["Location"]
    assert codes_url == f"{reverse('mfa_view_recovery_codes')}?{next_query}"

    # The recovery codes, at once, with the way on to the back office.
    response = client.get(codes_url)
    assert response.status_code == 200
    content = response.content.decode()
    codes = (
        Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
        .wrap()
        .get_unused_codes()
    )
    assert len(codes) == 10
    for code in codes:
        assert f"<code>{code}</code>" in content
    assert reverse("mfa_download_recovery_codes") in content
    assert f'href="{admin_path}">Continue to the back office</a>' in content
    assert client.get(admin_path).status_code == 200

    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download["Content-Type"].startswith("text/plain")
    assert "attachment" in download["Content-Disposition"]
    assert codes[0] in download.content.decode()


def test_a_member_sets_up_two_factor_in_french_and_is_led_back_to_the_account(
    client,
):
    user = UserFactory(email="mariama@example.org", groups=[roles.FOCAL_POINT])
    log_in(client, user.email)
    response = client.get("/fr/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(
        "/fr/accounts/2fa/totp/activate/", {"code": current_code(secret)}
    )
    assert response["Location"] == "/fr/accounts/2fa/recovery-codes/"
    content = client.get(response["Location"]).content.decode()
    assert "Codes de récupération" in content
    assert "Télécharger les codes" in content
    assert 'href="/fr/focal-points/account/"' in content
    assert "back office" not in content and "Continuer vers" not in content


def test_a_next_address_elsewhere_is_not_followed(client):
    UserFactory(email="mariama@example.org", groups=[roles.FOCAL_POINT])
    log_in(client, "mariama@example.org")
    response = client.get(
        reverse("mfa_activate_totp"), {"next": "https://evil.example.org/"}
    )
    assert response.context["next_url"] is None
    assert 'name="next"' not in response.content.decode()


def test_long_after_logging_in_the_password_is_asked_again(client):
    UserFactory(email="mariama@example.org", groups=[roles.FOCAL_POINT])
    log_in(client, "mariama@example.org")
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] = time.time() - 3600
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_a_session_opened_without_a_password_must_reauthenticate(client):
    client.force_login(UserFactory(groups=[roles.FOCAL_POINT]))
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
