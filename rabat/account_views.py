"""allauth's two-factor set-up, keeping where the user was going.

Set-up starts from a page that sent the user there (the admin, through
rabat.middleware.RequireStaffTwoFactorMiddleware, with `?next=`): activating
the authenticator app leads to the recovery codes, then on to that page.
"""

from allauth.account.utils import get_next_redirect_url
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.urls import reverse
from django.utils.http import urlencode

from rabat import roles


def with_next(url: str, next_url: str | None) -> str:
    if not next_url:
        return url
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


class ActivateTOTPKeepingNextView(ActivateTOTPView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next_url"] = get_next_redirect_url(self.request)
        context["two_factor_required"] = roles.effective_roles(
            self.request.user
        ).requires_two_factor
        return context

    def get_success_url(self):
        return with_next(super().get_success_url(), get_next_redirect_url(self.request))


class RecoveryCodesView(ViewRecoveryCodesView):
    """The codes, then the way on: where the user was going, the back office
    for staff (now that their second factor is set up), or their account."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_url = get_next_redirect_url(self.request)
        admin_url = reverse("admin:index")
        is_admin = roles.is_admin(self.request.user)
        context["next_url"] = next_url
        context["admin_url"] = admin_url if is_admin else None
        context["continue_url"] = next_url or (admin_url if is_admin else None)
        context["continue_is_admin"] = is_admin and (
            next_url is None or next_url.startswith(admin_url)
        )
        return context


activate_totp = ActivateTOTPKeepingNextView.as_view()
view_recovery_codes = RecoveryCodesView.as_view()
