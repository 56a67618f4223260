"""Every account email, rendered through the adapter with the context allauth
gives it, in French and in English: the recipient's language, the site's name,
the translated subject prefix, the portal's layout."""

import re

import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone, translation

from contacts.services import contact_invite
from tests.factories import ContactFactory, UserFactory

pytestmark = pytest.mark.django_db

OTHER = {"fr": "en", "en": "fr"}
PREFIX = {"fr": "[Processus de Rabat] ", "en": "[Rabat Process] "}
SIGNATURE = {
    "fr": "Le Secrétariat du Processus de Rabat",
    "en": "The Secretariat of the Rabat Process",
}
NOTICE = {
    "timestamp": timezone.now(),
    "ip": "192.0.2.10",
    "user_agent": "Firefox",
}
# template prefix -> (the context allauth gives it, a word of its French text)
ACCOUNT_EMAILS = {
    "account/email/email_confirmation": (
        {
            "activate_url": "https://portal.example.org/fr/accounts/confirm-email/k/",
            "key": "k",
        },
        "confirmer",
    ),
    "account/email/password_reset_key": (
        {
            "password_reset_url": "https://portal.example.org/accounts/password/reset/key/1-k/"
        },
        "mot de passe",
    ),
    "account/email/password_reset": (NOTICE, "réinitialisé"),
    "account/email/password_changed": (NOTICE, "modifié"),
    "account/email/password_set": (NOTICE, "mot de passe"),
    "account/email/email_changed": (
        {**NOTICE, "from_email": "old@example.org", "to_email": "new@example.org"},
        "old@example.org",
    ),
    "account/email/email_deleted": (
        {**NOTICE, "deleted_email": "old@example.org"},
        "supprimée",
    ),
    "account/email/email_confirm": (NOTICE, "confirmée"),
    "mfa/email/totp_activated": (NOTICE, "deux facteurs"),
    "mfa/email/totp_deactivated": (NOTICE, "deux facteurs"),
    "mfa/email/recovery_codes_generated": (NOTICE, "codes de récupération"),
}
# Words of English that a French email must not contain (links taken out).
ENGLISH = re.compile(
    r"\b(the|your|you|has been|was|account|password|email|hello|dear|click|"
    r"link|changed|this)\b",
    re.IGNORECASE,
)


def request_in(language, user=None):
    request = RequestFactory().get(f"/{language}/")
    request.user = user or AnonymousUser()
    request.session = {}
    request.LANGUAGE_CODE = language
    return request


def render(template_prefix, email, context, *, page_language, user=None):
    """The message allauth's send_mail would queue, rendered from a page in
    `page_language`."""
    request = request_in(page_language, user)
    with translation.override(page_language), request_context(request):
        adapter = get_adapter(request)
        if user is not None:
            adapter.send_notification_mail(template_prefix, user, context, email)
        else:
            adapter.send_mail(template_prefix, email, context)


def check_message(message, language):
    body = message.body
    html = {mimetype: content for content, mimetype in message.alternatives}[
        "text/html"
    ]
    assert message.subject.startswith(PREFIX[language]), message.subject
    assert message.subject.strip() != PREFIX[language].strip()
    for text in (body, html):
        assert "Hello from" not in text
        assert "from !" not in text and "de !" not in text
        assert SIGNATURE[language] in text
        assert "{{" not in text and "{%" not in text
    assert f'<html lang="{language}">' in html
    if language == "fr":
        readable = re.sub(r"\S+@\S+|https?://\S+", "", f"{message.subject}\n{body}")
        english = ENGLISH.findall(readable)
        assert not english, (english, body)
        assert "e-mail" not in readable.lower()
        assert "électronique" not in readable


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template_prefix", sorted(ACCOUNT_EMAILS))
def test_account_emails_are_in_the_recipients_language_and_layout(
    template_prefix, language, django_capture_on_commit_callbacks
):
    user = UserFactory(
        email="mariama@example.org",
        first_name="Mariama",
        last_name="Sow",
        preferred_language=language,
    )
    context, french_word = ACCOUNT_EMAILS[template_prefix]
    with django_capture_on_commit_callbacks(execute=True):
        if template_prefix.startswith(
            ("account/email/email_confirmation", "account/email/password_reset_key")
        ):
            render(
                template_prefix,
                user.email,
                {"user": user, **context},
                page_language=OTHER[language],
            )
        else:
            render(
                template_prefix,
                user.email,
                context,
                page_language=OTHER[language],
                user=user,
            )
    (message,) = mail.outbox
    check_message(message, language)
    assert "Mariama Sow" in message.body
    if language == "fr":
        assert french_word in message.body


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_unknown_account_email_is_in_the_language_of_the_page(
    language, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        render(
            "account/email/unknown_account",
            "stranger@example.org",
            {"signup_url": "https://portal.example.org/accounts/signup/"},
            page_language=language,
        )
    (message,) = mail.outbox
    check_message(message, language)
    assert "stranger@example.org" in message.body
    assert "signup" not in message.body


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_invitation_is_in_the_contacts_language_and_layout(
    language, django_capture_on_commit_callbacks
):
    contact = ContactFactory(
        first_name="Awa", last_name="Diop", preferred_language=language
    )
    with (
        translation.override(OTHER[language]),
        django_capture_on_commit_callbacks(execute=True),
    ):
        contact_invite(contact=contact, invited_by=None)
    (message,) = mail.outbox
    assert SIGNATURE[language] in message.body
    assert "Awa Diop" in message.body
    assert "Hello from" not in message.body
    if language == "fr":
        readable = re.sub(r"\S+@\S+|https?://\S+", "", message.body)
        assert not ENGLISH.findall(readable), message.body
