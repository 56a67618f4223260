"""Account flows in a real browser: the Secretariat sets up two-factor
authentication from the admin and goes on to it; a Focal Point does it in
French from the overview of their account."""

import re
import time
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_serious_violation
from tests.e2e.conftest import DEMO_EMAIL, DEMO_PASSWORD

pytestmark = pytest.mark.e2e

SECRETARIAT_EMAIL = "secretariat@example.org"


def log_in(page, live_server, *, email, path):
    page.goto(f"{live_server.url}{path}")
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill(email)
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()


def activate_with_the_shown_secret(page, button):
    """Type the code an authenticator app would compute from the secret the
    page shows, then activate."""
    secret = page.locator("#authenticator_secret").inner_text()
    # A code typed in the last seconds of its 30-second period may reach the
    # server in the next one (no tolerance is allowed): wait for a new period.
    seconds_left = 30 - time.time() % 30
    if seconds_left < 5:
        time.sleep(seconds_left)
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    page.locator("input[name='code']").fill(code)
    page.get_by_role("button", name=button).click()


def expect_recovery_codes(page, user_email):
    codes = (
        Authenticator.objects.get(
            user__email=user_email, type=Authenticator.Type.RECOVERY_CODES
        )
        .wrap()
        .get_unused_codes()
    )
    shown = page.locator(".recovery-codes code")
    expect(shown).to_have_count(len(codes))
    assert shown.all_inner_texts() == codes
    return codes


def test_the_secretariat_sets_up_two_factor_and_continues_to_the_admin(
    live_server, demo_data, page
):
    Authenticator.objects.filter(user__email=SECRETARIAT_EMAIL).delete()
    log_in(page, live_server, email=SECRETARIAT_EMAIL, path="/en/accounts/login/")
    page.goto(f"{live_server.url}/en/admin/")

    # Straight to the set-up: no second password prompt after logging in.
    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/totp/activate/\?next="))
    expect(page.locator("h1")).to_have_text("Set up two-factor authentication")
    assert_no_serious_violation(page)
    activate_with_the_shown_secret(page, "Activate")

    expect(page).to_have_url(re.compile(r"/en/accounts/2fa/recovery-codes/\?next="))
    codes = expect_recovery_codes(page, SECRETARIAT_EMAIL)
    assert_no_serious_violation(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the codes (text file)").click()
    download = download_info.value
    assert download.suggested_filename == "recovery-codes.txt"
    assert codes[0] in Path(download.path()).read_text()

    page.get_by_role("link", name="Continue to the back office").click()
    expect(page).to_have_url(f"{live_server.url}/en/admin/")


def test_a_focal_point_sets_up_two_factor_in_french_from_the_account_overview(
    live_server, demo_data, new_context
):
    page = new_context(locale="fr-FR").new_page()
    log_in(page, live_server, email=DEMO_EMAIL, path="/fr/accounts/login/")
    page.get_by_role("link", name="Mon compte").click()
    expect(page).to_have_url(f"{live_server.url}/fr/focal-points/account/")
    expect(page.locator("#account-two-factor + p")).to_contain_text("Non configurée")
    assert_no_serious_violation(page)
    page.get_by_role("link", name="La configurer maintenant").click()

    expect(page.locator("h1")).to_have_text(
        "Configurer l\u2019authentification à deux facteurs"
    )
    activate_with_the_shown_secret(page, "Activer")
    expect(page.locator("h1")).to_have_text("Codes de récupération")
    expect_recovery_codes(page, DEMO_EMAIL)
    expect(page.locator("main")).not_to_contain_text("back-office")

    page.get_by_role("link", name="Retour à mon compte").click()
    expect(page).to_have_url(f"{live_server.url}/fr/focal-points/account/")
    expect(page.locator(".account-overview")).to_contain_text(
        "10 codes de récupération restants."
    )
    assert not re.search(r"e-mail|électronique", page.content(), re.IGNORECASE)
