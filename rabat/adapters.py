import hashlib
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from rabat.emails import email_subject_prefix, layout_html, queue_email

# The loose limit on failed logins for one address, whatever the client
# (ACCOUNT_RATE_LIMITS["login_failed_account"]); the tight one counts per
# address and client ("login_failed", see AccountAdapter).
LOGIN_FAILED_ACCOUNT = "login_failed_account"
# A browser that has logged in with an address before carries this signed
# cookie; the loose per-address limit does not apply to it, so that guesses
# spread over many clients cannot lock the owner out of their usual browser.
KNOWN_DEVICE_COOKIE = "rabat_known_device"
KNOWN_DEVICE_SALT = "rabat.adapters.known-device"


# A login by these methods is as fresh a proof as a reauthentication: right
# after logging in, setting up two-factor authentication or changing an
# address does not ask for the password again.
FRESH_LOGIN_METHODS = frozenset({"password", "mfa"})


def logged_in_recently(request) -> bool:
    """Whether the user of `request` logged in (password or second factor)
    within ACCOUNT_REAUTHENTICATION_TIMEOUT."""
    if request is None or not request.user.is_authenticated:
        return False
    now = time.time()
    return any(
        record.get("method") in FRESH_LOGIN_METHODS
        and now - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
        for record in get_authentication_records(request, request.user)
    )


def recipient_language(email: str, context: dict) -> str:
    """The language of an email to `email`: its account's preferred language,
    else the language of the page that sends it."""
    user = context.get("user")
    if user is None or not getattr(user, "pk", None):
        user = (
            get_user_model()
            .objects.filter(email__iexact=email)
            .only("preferred_language")
            .first()
        )
    if user is not None and user.preferred_language:
        return user.preferred_language
    return translation.get_language() or settings.LANGUAGE_CODE


def address_digest(email: str) -> str:
    """What the known-device cookie holds: not the address itself."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


class AccountAdapter(DefaultAccountAdapter):
    """Invitation-only accounts; allauth's email goes through the task queue.

    Failed logins are counted per address *and* client IP, tightly, so that
    someone guessing from elsewhere cannot lock the owner out of their
    account; and per address alone, loosely, against guessing spread over
    many clients, except from a browser that has logged in with the address
    before (the known-device cookie). A password reset is never limited by
    them, and clears them when it succeeds.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed attempts to log in with this address. Wait a few "
            "minutes before trying again, or reset your password: the reset "
            "link is sent at once."
        ),
    }

    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app, **kwargs):
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return not logged_in_recently(self.request or allauth_context.request)

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # The codes set up with the authenticator app are the next page's
        # subject: one message ("Authenticator app activated") is enough.
        if (
            message_template == "mfa/messages/recovery_codes_generated.txt"
            and request.path == reverse("mfa_activate_totp")
        ):
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def format_email_subject(self, subject):
        return email_subject_prefix() + str(subject)

    def render_mail(self, template_prefix, email, context, headers=None):
        """Every account email in its recipient's language, in the portal's
        layout (templates/email/base.txt), with an HTML alternative."""
        to = email if isinstance(email, str) else email[0]
        with translation.override(recipient_language(to, context)):
            context = {"site_url": settings.SITE_URL, **context}
            message = super().render_mail(template_prefix, email, context, headers)
            if not message.alternatives:
                message.attach_alternative(
                    layout_html(subject=message.subject, body=message.body),
                    "text/html",
                )
        return message

    def send_mail(self, template_prefix, email, context):
        context = {"email": email, **context}
        message = self.render_mail(template_prefix, email, context)
        queue_email(message)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # The notices' context lacks the user: their name greets them, and
        # their language is looked up from it.
        context = {"user": user, **(context or {})}
        super().send_notification_mail(template_prefix, user, context, email)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's "login_failed" key: the address, here with the client IP.
        address_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{address_key}:{ratelimit.get_ip(request)}"

    def _account_key(self, request, **credentials):
        return super()._get_login_attempts_cache_key(request, **credentials)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        response.set_signed_cookie(
            KNOWN_DEVICE_COOKIE,
            address_digest(user.email),
            salt=KNOWN_DEVICE_SALT,
            max_age=settings.KNOWN_DEVICE_MAX_AGE_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def _is_known_device(self, request, **credentials) -> bool:
        email = credentials.get("email") or credentials.get("username") or ""
        digest = request.get_signed_cookie(
            KNOWN_DEVICE_COOKIE,
            default=None,
            salt=KNOWN_DEVICE_SALT,
            max_age=settings.KNOWN_DEVICE_MAX_AGE_SECONDS,
        )
        return bool(email) and digest == address_digest(email)

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        if self._is_known_device(request, **credentials):
            return
        usage = ratelimit.consume(
            request,
            app="allauth.account",
            action=LOGIN_FAILED_ACCOUNT,
            key=self._account_key(request, **credentials),
        )
        if not usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")
        # Rolled back with allauth's own count when the password is right.
        self._login_failed_rl_usage.usage.extend(usage.usage)

    def _delete_login_attempts_cached_email(self, request, **credentials):
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            app="allauth.account",
            action=LOGIN_FAILED_ACCOUNT,
            key=self._account_key(request, **credentials),
        )
