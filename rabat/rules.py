"""How every view asks the rules: one mixin family, and the back office's rule.

Each app's rules live in `<app>/rules.py` (functions such as
`can_read_forum(user, forum)`), built on the role predicates of rabat.roles.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

from rabat import roles


class RuleRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; then `check_rule()` decides.

    `rule(user)` (a member, unless overridden) refused gives a 403. Views that
    guard an object extend `check_rule()`: they find it there, through a
    `visible_to(user)` queryset (404 where existence itself is private), then
    ask the app's rule about it (403).
    """

    def rule(self, user) -> bool:
        return roles.is_member(user)

    def check_rule(self) -> None:
        if not self.rule(self.request.user):
            raise PermissionDenied

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_rule()
        return super().dispatch(request, *args, **kwargs)


class MemberRequiredMixin(RuleRequiredMixin):
    """The Focal Points' private area: login required, then a member group."""


def admin_has_permission(request) -> bool:
    """The admin site's own check: staff with two factors, not the flag alone."""
    return roles.is_admin(request.user)
