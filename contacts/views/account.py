"""My account: one page that leads to each part of the member's account."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.views.generic import TemplateView

from contacts.models import Contact
from rabat import roles
from rabat.rules import RuleRequiredMixin


class AccountOverviewView(RuleRequiredMixin, TemplateView):
    """The contact card, the password, two-factor authentication, the email
    addresses and the Review subscription, each with the way to change it.

    Open to every logged-in user, members or not (staff without a group):
    it is where the password and the second factor are found."""

    template_name = "contacts/account_overview.html"

    def rule(self, user) -> bool:
        return True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        authenticators = {
            authenticator.type: authenticator
            for authenticator in Authenticator.objects.filter(user=user)
        }
        recovery_codes = authenticators.get(Authenticator.Type.RECOVERY_CODES)
        effective = roles.effective_roles(user)
        context.update(
            contact=Contact.objects.select_related("country").filter(user=user).first(),
            email_addresses=EmailAddress.objects.filter(user=user).order_by(
                "-primary", "email"
            ),
            totp=authenticators.get(Authenticator.Type.TOTP),
            unused_recovery_codes=(
                len(recovery_codes.wrap().get_unused_codes())
                if recovery_codes
                else None
            ),
            two_factor_required=effective.requires_two_factor,
            is_admin=effective.is_admin,
        )
        return context
