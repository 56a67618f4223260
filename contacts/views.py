from allauth.mfa.models import Authenticator
from django.views.generic import TemplateView

from rabat.permissions import MemberRequiredMixin


class DashboardView(MemberRequiredMixin, TemplateView):
    """The Focal Points' home in the private area."""

    template_name = "contacts/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_two_factor"] = Authenticator.objects.filter(
            user=self.request.user, type=Authenticator.Type.TOTP
        ).exists()
        return context
