from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from rabat.roles import is_secretariat


class MemberRequiredMixin(LoginRequiredMixin):
    """The Focal Points' private area: login required, then a member group."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.is_member:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SecretariatRequiredMixin(MemberRequiredMixin):
    """Members of the Secretariat (and staff) only; other members get a 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
