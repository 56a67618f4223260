"""The Secretariat's back office: Django's admin site, in the portal's name
and colours, opening on what needs doing."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rabat.backoffice import pending_tasks
from rabat.rules import admin_has_permission


class RabatAdminSite(admin.AdminSite):
    site_header = _("Rabat Process back office")
    site_title = _("Rabat Process back office")
    index_title = _("Welcome to the back office")
    # Shown for an empty value: never "None" to a person.
    empty_value_display = "\u2014"

    def has_permission(self, request):
        # Staff with two factors (rabat.roles), not the is_staff flag alone.
        return admin_has_permission(request)

    def login(self, request, extra_context=None):
        # Through allauth: its rate limits and two-factor step apply here too.
        return secure_admin_login(super().login)(request, extra_context)

    def index(self, request, extra_context=None):
        extra_context = {
            "pending_tasks": pending_tasks(request.user),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)
