from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied


class MemberRequiredMixin(LoginRequiredMixin):
    """The Focal Points' private area: login required, then a member group."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.is_member:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
