"""The Secretariat's back office for contacts, their roles and invitations."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from contacts.admin_forms import ContactAdminForm, RoleHandoverForm
from contacts.forms import CONTACT_DETAILS_FIELDS
from contacts.models import Contact, ContactRole, Invitation
from contacts.services import (
    contact_invite,
    directory_changed,
    invitation_revoke,
    role_handover,
    user_sync_with_roles,
)
from rabat import backoffice
from rabat.admin_mixins import ContentChangedAdminMixin, ViewOnlyAdminMixin


def revoke_pending(model_admin, request, invitations):
    """Withdraw the pending ones of `invitations` and say how many."""
    count = 0
    for invitation in invitations.pending():
        invitation_revoke(invitation=invitation)
        count += 1
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d invitation withdrawn.",
            "%(count)d invitations withdrawn.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class InvitationDisplayMixin:
    @admin.display(description=_("invited by"))
    def inviter(self, invitation):
        # Plain text: the Secretariat may not open user accounts in the admin.
        if not invitation.invited_by_id:
            return self.get_empty_value_display()
        return str(invitation.invited_by)

    @admin.display(description=_("status"))
    def status(self, invitation):
        if invitation.accepted_at is not None:
            return _("Accepted")
        if invitation.revoked_at is not None:
            return _("Withdrawn")
        if invitation.expires_at <= timezone.now():
            return _("Expired")
        return _("Pending")


class CurrentFilter(admin.SimpleListFilter):
    title = _("current or former")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("Current")), ("no", _("Former"))]


class ContactCurrentFilter(CurrentFilter):
    """Contacts holding a role today, or not (annotated by ContactAdmin)."""

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(is_current=self.value() == "yes")
        return queryset


class RoleCurrentFilter(CurrentFilter):
    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.current()
        if self.value() == "no":
            return queryset.past()
        return queryset


class VerificationFilter(admin.SimpleListFilter):
    """Contacts whose card was last verified too long ago (or never)."""

    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.verification_overdue()
        return queryset


class ContactRoleInline(admin.TabularInline):
    model = ContactRole
    fk_name = "contact"
    fields = ["kind", "theme", "start_date", "end_date", "successor", "handover"]
    readonly_fields = ["handover"]
    autocomplete_fields = ["successor"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("theme", "successor")

    @admin.display(description=_("handover"))
    def handover(self, role):
        if role.pk is None or role.successor_id is not None:
            return self.get_empty_value_display()
        url = reverse("admin:contacts_contactrole_handover", args=[role.pk])
        return format_html('<a href="{}">{}</a>', url, _("Hand over"))


class InvitationInline(ViewOnlyAdminMixin, InvitationDisplayMixin, admin.TabularInline):
    """The contact's invitations, read-only: they are sent by the actions."""

    model = Invitation
    fields = ["created_at", "inviter", "expires_at", "accepted_at", "status"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("invited_by")


@admin.register(Contact)
class ContactAdmin(ContentChangedAdminMixin, SimpleHistoryAdmin):
    form = ContactAdminForm
    inlines = [ContactRoleInline, InvitationInline]
    save_on_top = True
    list_display = [
        "name",
        "country",
        "organisation",
        "current_roles_summary",
        "account_status",
        "last_verified_at",
    ]
    list_filter = [
        "country__region",
        "country",
        "roles__kind",
        "roles__theme",
        ContactCurrentFilter,
        VerificationFilter,
    ]
    list_select_related = ["country", "user"]
    search_fields = [
        "first_name",
        "last_name",
        "email",
        "personal_email",
        "organisation",
        "position",
        "country__name_fr",
        "country__name_en",
    ]
    actions = ["invite", "revoke_invitations"]

    def content_changed(self) -> None:
        directory_changed()

    def has_delete_permission(self, request, obj=None):
        # Contacts are never deleted: end their roles instead, which closes
        # their account and keeps the record and its history.
        return False

    def get_queryset(self, request):
        pending = Invitation.objects.pending().filter(contact=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .with_is_current()
            .annotate(has_pending_invitation=Exists(pending))
            .prefetch_related(
                Prefetch(
                    "roles",
                    queryset=ContactRole.objects.current().select_related("theme"),
                    to_attr="current_roles",
                )
            )
        )

    def account_field(self, request):
        # Django links a read-only account to its admin page: only for those
        # who may open it.
        return "user" if request.user.has_perm("rabat.view_user") else "account"

    def get_fieldsets(self, request, obj=None):
        return [
            (
                None,
                {
                    "fields": [
                        "civility",
                        "first_name",
                        "last_name",
                        "position",
                        "organisation",
                        "country",
                        "partner_organisation",
                    ]
                },
            ),
            (
                _("Contact details"),
                {"fields": CONTACT_DETAILS_FIELDS},
            ),
            (
                _("Account"),
                {
                    "fields": [
                        self.account_field(request),
                        "account_status",
                        "last_verified_at",
                    ]
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [self.account_field(request), "account_status", "last_verified_at"]

    @admin.display(description=_("name"), ordering="last_name")
    def name(self, contact):
        return contact.full_name

    @admin.display(description=_("current roles"))
    def current_roles_summary(self, contact):
        summary = ", ".join(str(role) for role in contact.current_roles)
        return summary or self.get_empty_value_display()

    @admin.display(description=_("account"))
    def account(self, contact):
        # A read-only field shows None as "None": the site's dash instead.
        if not contact.user_id:
            return self.get_empty_value_display()
        return contact.user.email

    @admin.display(description=_("account status"))
    def account_status(self, contact):
        if contact.user_id and contact.user.is_active:
            return _("Active")
        if contact.has_pending_invitation:
            return _("Invited")
        if contact.user_id:
            return _("Deactivated")
        return _("No account")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Ending or removing the last current role closes the account.
        user_sync_with_roles(contact=form.instance)

    @admin.action(description=_("Invite the selected contacts"), permissions=["change"])
    def invite(self, request, queryset):
        invited, without_role, active = 0, [], []
        for contact in queryset:
            if not contact.is_current:
                without_role.append(contact.full_name)
            elif contact.user_id and contact.user.is_active:
                active.append(contact.full_name)
            else:
                contact_invite(contact=contact, invited_by=request.user)
                invited += 1
        if invited:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation sent.",
                    "%(count)d invitations sent.",
                    invited,
                )
                % {"count": invited},
                messages.SUCCESS,
            )
        if without_role:
            self.message_user(
                request,
                _("Not invited, no current role: %(names)s.")
                % {"names": ", ".join(without_role)},
                messages.WARNING,
            )
        if active:
            self.message_user(
                request,
                _("Not invited, their account is already active: %(names)s.")
                % {"names": ", ".join(active)},
                messages.WARNING,
            )

    @admin.action(
        description=_("Withdraw the pending invitations of the selected contacts"),
        permissions=["change"],
    )
    def revoke_invitations(self, request, queryset):
        revoke_pending(
            self, request, Invitation.objects.filter(contact__in=queryset.values("pk"))
        )


@admin.register(ContactRole)
class ContactRoleAdmin(ContentChangedAdminMixin, SimpleHistoryAdmin):
    change_form_template = "admin/contacts/contactrole/change_form.html"
    handover_template = "admin/contacts/contactrole/handover.html"
    list_display = ["contact", "kind", "theme", "start_date", "end_date", "successor"]
    list_filter = ["kind", "theme", RoleCurrentFilter]
    list_select_related = ["contact", "theme", "successor"]
    search_fields = ["contact__first_name", "contact__last_name", "contact__email"]
    autocomplete_fields = ["contact", "successor"]

    def get_readonly_fields(self, request, obj=None):
        # A role moves to someone else only by a handover.
        return ["contact"] if obj is not None else []

    def content_changed(self) -> None:
        directory_changed()

    def get_urls(self):
        opts = self.opts
        return [
            path(
                "<path:object_id>/handover/",
                self.admin_site.admin_view(self.handover_view),
                name=f"{opts.app_label}_{opts.model_name}_handover",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        user_sync_with_roles(contact=obj.contact)

    def delete_model(self, request, obj):
        contact = obj.contact
        super().delete_model(request, obj)
        user_sync_with_roles(contact=contact)

    def delete_queryset(self, request, queryset):
        contacts = list(
            Contact.objects.filter(pk__in=queryset.values("contact_id")).select_related(
                "user"
            )
        )
        super().delete_queryset(request, queryset)
        for contact in contacts:
            user_sync_with_roles(contact=contact)

    def handover_view(self, request, object_id):
        """The successor takes the role over from a date; the role ends before."""
        role = self.get_object(request, unquote(object_id))
        if role is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, role):
            raise PermissionDenied
        form = RoleHandoverForm(
            request.POST or None, role=role, admin_site=self.admin_site
        )
        if request.method == "POST" and form.is_valid():
            successor = form.cleaned_data["successor"]
            start_date = form.cleaned_data["start_date"]
            new_role = role_handover(
                role=role, successor=successor, start_date=start_date
            )
            self.log_change(
                request, role, [{"changed": {"fields": ["handed over to", "until"]}}]
            )
            self.log_addition(request, new_role, [{"added": {}}])
            self.message_user(
                request,
                _("%(role)s handed over to %(successor)s from %(date)s.")
                % {
                    "role": role,
                    "successor": successor,
                    "date": date_format(start_date),
                },
                messages.SUCCESS,
            )
            return redirect("admin:contacts_contact_change", role.contact_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Hand over: %(role)s of %(contact)s")
            % {"role": role, "contact": role.contact},
            "opts": self.opts,
            "original": role,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, self.handover_template, context)


@admin.register(Invitation)
class InvitationAdmin(InvitationDisplayMixin, admin.ModelAdmin):
    """Read-only: invitations are sent from the contacts, and only withdrawn here."""

    list_display = [
        "contact",
        "inviter",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
        "status",
    ]
    list_select_related = ["contact", "invited_by"]
    search_fields = ["contact__first_name", "contact__last_name", "contact__email"]
    fields = [
        "contact",
        "inviter",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
        "status",
    ]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return request.user.has_perm("contacts.change_invitation")

    @admin.action(
        description=_("Withdraw the selected invitations"), permissions=["revoke"]
    )
    def revoke(self, request, queryset):
        revoke_pending(self, request, queryset)


@backoffice.register
def backoffice_tasks(user) -> list[backoffice.PendingTask]:
    """The current contacts whose card is overdue for verification."""
    if not user.has_perm("contacts.change_contact"):
        return []
    count = Contact.objects.current().verification_overdue().count()
    query = urlencode({"current": "yes", VerificationFilter.parameter_name: "overdue"})
    return [
        backoffice.PendingTask(
            label=ngettext(
                "contact overdue for verification",
                "contacts overdue for verification",
                count,
            ),
            url=f"{reverse('admin:contacts_contact_changelist')}?{query}",
            count=count,
            order=30,
        )
    ]
