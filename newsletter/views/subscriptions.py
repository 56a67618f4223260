"""Subscribing to the Rabat Review (double opt-in), confirming, unsubscribing
(also in one click from a mail client, RFC 8058), and a member's own choice."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from newsletter.forms import MemberSubscriptionForm, SubscribeForm
from newsletter.models import SubscriberStatus
from newsletter.services.subscriptions import (
    member_subscription_update,
    subscribe_attempt_allowed,
    subscriber_for_confirmation,
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)
from newsletter.tokens import InvalidToken, subscriber_from_unsubscribe_token
from rabat.languages import current_language
from rabat.rules import MemberRequiredMixin


def _never_cached(response):
    # The pages of a signed link must stay out of shared caches.
    patch_cache_control(response, private=True, no_store=True)
    return response


# No CSRF token: the form is in the footer of every page, and a token there
# would set a cookie that keeps anonymous pages out of caches. A forged
# request can only ask for a confirmation email to an address, which anyone
# can do from this page; nothing is tied to the visitor's session, and the
# limits still apply (one email a day per address, a loose one per IP).
@method_decorator(csrf_exempt, name="dispatch")
class SubscribeView(View):
    template_name = "newsletter/subscribe.html"

    def get(self, request):
        form = SubscribeForm(initial={"language": current_language()})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = SubscribeForm(request.POST)
        # The client's address as allauth's rate limits see it (proxies).
        client_ip = get_adapter(request).get_client_ip(request)
        if not subscribe_attempt_allowed(ip=client_ip):
            response = render(
                request,
                self.template_name,
                {"form": form, "rate_limited": True},
                status=429,
            )
            return _never_cached(response)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        subscription_request(
            email=form.cleaned_data["email"], language=form.cleaned_data["language"]
        )
        # The same answer whatever the address was: it may not be the
        # visitor's own.
        return redirect("newsletter:subscribe_sent")


class SubscribeSentView(TemplateView):
    template_name = "newsletter/subscribe_sent.html"


class ConfirmView(View):
    """GET shows a button (link scanners fetch links, people press buttons);
    POST confirms. A bad link is a plain 404."""

    def get(self, request, token):
        try:
            subscriber = subscriber_for_confirmation(token=token)
        except InvalidToken:
            raise Http404 from None
        already = subscriber.status == SubscriberStatus.CONFIRMED
        return _never_cached(
            render(
                request,
                "newsletter/confirm.html",
                {"subscriber": subscriber, "confirmed": already, "already": already},
            )
        )

    def post(self, request, token):
        try:
            subscriber, confirmed_now = subscription_confirm(token=token)
        except InvalidToken:
            raise Http404 from None
        return _never_cached(
            render(
                request,
                "newsletter/confirm.html",
                {
                    "subscriber": subscriber,
                    "confirmed": True,
                    "already": not confirmed_now,
                },
            )
        )


# CSRF exempt for RFC 8058 one-click unsubscribing: the mail provider POSTs
# "List-Unsubscribe=One-Click" to this URL without any cookie or token. That
# is safe: the signed token in the URL is the credential (a forger would need
# it), and the only action, unsubscribing, is idempotent and harmless.
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    def get(self, request, token):
        try:
            subscriber = subscriber_from_unsubscribe_token(token)
        except InvalidToken:
            raise Http404 from None
        template = (
            "newsletter/unsubscribed.html"
            if subscriber.status == SubscriberStatus.UNSUBSCRIBED
            else "newsletter/unsubscribe.html"
        )
        return _never_cached(render(request, template, {"subscriber": subscriber}))

    def post(self, request, token):
        try:
            subscriber = subscription_cancel(token=token)
        except InvalidToken:
            raise Http404 from None
        return _never_cached(
            render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
        )


class MemberSubscriptionView(MemberRequiredMixin, View):
    """A member subscribes their account's address, or stops, from their
    profile page (no confirmation email: they are logged in)."""

    def get(self, request):
        return redirect("contacts:profile")

    def post(self, request):
        form = MemberSubscriptionForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, _("Choose the language of the Review, then subscribe.")
            )
            return redirect("contacts:profile")
        subscriber = member_subscription_update(
            user=request.user,
            subscribe=form.subscribes,
            language=form.cleaned_data["language"] or None,
        )
        if form.subscribes:
            messages.success(
                request,
                _("You receive the Rabat Review at %(email)s (language: %(language)s).")
                % {
                    "email": subscriber.email,
                    "language": subscriber.get_language_display(),
                },
            )
        else:
            messages.success(
                request, _("You no longer receive the Rabat Review by email.")
            )
        return redirect("contacts:profile")
