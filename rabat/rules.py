"""How every view asks the rules: one mixin family, and the back office's rule.

Each app's rules live in `<app>/rules.py` (functions such as
`can_read_forum(user, forum)`), built on the role predicates of rabat.roles.
"""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404

from rabat import roles


class RuleRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; then `check_rule()` decides.

    `rule(user)` refused gives a 403, or a 404 when `rule_hides_existence`
    (where existence itself is private). Views that guard an object override
    `check_rule()`, find the object there and call `refuse()`.
    """

    rule_hides_existence = False

    def rule(self, user) -> bool:
        return roles.is_member(user)

    def check_rule(self) -> None:
        if not self.rule(self.request.user):
            self.refuse()

    def refuse(self):
        if self.rule_hides_existence:
            raise Http404
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
