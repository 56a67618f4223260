"""The Rabat Review in a real browser: subscribing from the footer and
confirming from the email, reading an issue in both languages, and the
Secretariat testing then sending an issue from the back office."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import (
    Delivery,
    DeliveryStatus,
    Issue,
    Subscriber,
    SubscriberStatus,
)
from rabat.models import User
from tests.e2e.axe import assert_no_serious_violation
from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

SECRETARIAT_EMAIL = "secretariat@example.org"
CONFIRM_LINK = re.compile(r"https?://\S+/review/confirm/\S+/")

LABELS = {
    "en": {
        "other_language": "Français",
        "subscribe": "Subscribe",
        "sent": "Check your inbox",
        "confirm": "Confirm my subscription",
        "confirmed": "Your subscription is confirmed",
        "consent_error": "Tick this box to agree to receive the Rabat Review.",
        "review": "Rabat Review",
        "pdf": "Download the PDF (English)",
    },
    "fr": {
        "other_language": "English",
        "subscribe": "S\u2019abonner",
        "sent": "Consultez votre messagerie",
        "confirm": "Confirmer mon abonnement",
        "confirmed": "Votre abonnement est confirmé",
        "consent_error": "Cochez cette case pour accepter de recevoir la Rabat Review.",
        "review": "Rabat Review",
        "pdf": "Télécharger le PDF (français)",
    },
}
OTHER = {"en": "fr", "fr": "en"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_subscribe_from_the_footer_and_confirm_from_the_email(
    live_server, demo_data, page, language
):
    labels = LABELS[language]
    edition = OTHER[language]  # a reader of this site who wants the other edition
    address = f"new-reader-{language}@example.org"

    page.goto(f"{live_server.url}/{language}/news/")
    footer_form = page.locator("form.footer-subscribe")
    footer_form.get_by_label(labels["other_language"]).check()
    footer_form.locator("input[name='email']").fill(address)
    footer_form.locator("input[name='consent']").check()
    footer_form.get_by_role("button", name=labels["subscribe"]).click()

    expect(page).to_have_url(f"{live_server.url}/{language}/review/subscribe/sent/")
    expect(page.locator("h1")).to_have_text(labels["sent"])
    subscriber = Subscriber.objects.get(email=address)
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.language == edition

    # The confirmation speaks the chosen edition's language.
    [message] = [m for m in mail.outbox if m.to == [address]]
    link = CONFIRM_LINK.search(message.body).group(0)
    assert f"/{edition}/review/confirm/" in link
    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    edition_labels = LABELS[edition]
    page.get_by_role("button", name=edition_labels["confirm"]).click()

    expect(page.locator("h1")).to_have_text(edition_labels["confirmed"])
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_subscribe_page_keeps_what_was_typed_when_consent_is_missing(
    live_server, demo_data, page, language
):
    labels = LABELS[language]
    page.goto(f"{live_server.url}/{language}/review/subscribe/")
    assert_no_serious_violation(page)
    form = page.locator("main form")
    form.locator("input[name='email']").fill("forgetful@example.org")
    form.get_by_role("button", name=labels["subscribe"]).click()

    expect(page.locator("main")).to_contain_text(labels["consent_error"])
    expect(form.locator("input[name='email']")).to_have_value("forgetful@example.org")
    assert not Subscriber.objects.filter(email="forgetful@example.org").exists()
    assert_no_serious_violation(page)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_read_an_issue_in_both_languages(live_server, demo_data, page, language):
    labels = LABELS[language]
    issue = Issue.objects.get(number=1)
    title = getattr(issue, f"title_{language}")
    other_title = getattr(issue, f"title_{OTHER[language]}")
    first_article = issue.articles.order_by("position", "pk").first()

    page.goto(f"{live_server.url}/{language}/")
    page.get_by_role("navigation", name=re.compile("Main|principale")).get_by_role(
        "link", name=labels["review"]
    ).click()
    expect(page).to_have_url(f"{live_server.url}/{language}/review/")
    assert_no_serious_violation(page)

    page.get_by_role("link", name=re.compile(re.escape(title))).click()
    expect(page).to_have_url(f"{live_server.url}/{language}/review/1/")
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("main")).to_contain_text(
        getattr(first_article, f"title_{language}")
    )
    expect(page.get_by_role("link", name=labels["pdf"])).to_be_visible()
    assert_no_serious_violation(page)

    # The language switcher keeps the reader on the same issue.
    page.locator(".language-switcher a").click()
    expect(page).to_have_url(f"{live_server.url}/{OTHER[language]}/review/1/")
    expect(page.locator("h1")).to_have_text(other_title)
    expect(page.locator("main")).to_contain_text(
        getattr(first_article, f"title_{OTHER[language]}")
    )


def log_in_with_two_factor(page, live_server, *, next_path):
    """The demo Secretariat logs in with its password and a TOTP code."""
    user = User.objects.get(email=SECRETARIAT_EMAIL)
    secret = generate_totp_secret()
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret)

    page.goto(f"{live_server.url}{next_path}")
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill(SECRETARIAT_EMAIL)
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    page.locator("input[name='code']").fill(code)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(f"{live_server.url}{next_path}")


def test_the_secretariat_previews_tests_and_sends_an_issue(
    live_server, demo_data, page
):
    issue = Issue.objects.create(
        number=4,
        period_fr="Avril\u2013juin 2014",
        period_en="April\u2013June 2014",
        title_fr="Le numéro de démonstration",
        title_en="The demonstration issue",
        introduction_fr="Bonjour.",
        introduction_en="Hello.",
    )
    issue.articles.create(
        position=1, title_fr="Un article", title_en="An article", body_fr="Texte."
    )
    change_path = f"/en/admin/newsletter/issue/{issue.pk}/change/"
    log_in_with_two_factor(page, live_server, next_path=change_path)

    # Preview: the French email, then back to send a test in both languages.
    page.get_by_role("link", name="Preview and test").click()
    page.get_by_role("link", name="Email in French").click()
    expect(page).to_have_url(re.compile(r"/preview/fr/email/$"))
    expect(page.locator("body")).to_contain_text("Le numéro de démonstration")
    page.go_back()
    page.get_by_label("Both (two emails)").check()
    page.get_by_role("button", name="Send the test").click()
    expect(page.locator(".messagelist")).to_contain_text(SECRETARIAT_EMAIL)
    tests = [m for m in mail.outbox if m.to == [SECRETARIAT_EMAIL]]
    assert sorted(m.subject for m in tests) == [
        "[Test] Rabat Review no. 4: The demonstration issue",
        "[Test] Rabat Review nº 4 : Le numéro de démonstration",
    ]
    mail.outbox.clear()

    # Send: the confirmation step counts the confirmed subscribers per language.
    page.goto(f"{live_server.url}{change_path}")
    page.get_by_role("link", name="Send", exact=True).click()
    confirmed = Subscriber.objects.confirmed()
    expect(page.locator("#recipients .recipient-total")).to_have_text(
        str(confirmed.count())
    )
    for language, name in [("fr", "In French"), ("en", "In English")]:
        expect(page.get_by_role("row", name=name)).to_contain_text(
            str(confirmed.filter(language=language).count())
        )
    page.get_by_label("Send now").check()
    page.get_by_role("button", name="Confirm").click()

    # The worker (immediate in tests) sent everyone their edition, once.
    expect(page).to_have_url(re.compile(r"/campaign/$"))
    expect(page.locator(".campaign-status strong")).to_have_text("Sent")
    expect(page.locator("#campaign-counts")).to_contain_text("Emails by language")
    received = {m.to[0]: m.subject for m in mail.outbox}
    assert len(received) == len(mail.outbox) == confirmed.count()
    for subscriber in confirmed:
        expected = "Le numéro" if subscriber.language == "fr" else "The demonstration"
        assert expected in received[subscriber.email]
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == len(received)
    issue.refresh_from_db()
    assert issue.is_published
