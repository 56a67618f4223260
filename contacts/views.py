from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, UpdateView, View

from contacts import rules
from contacts.forms import ContactProfileForm, DirectoryFilterForm
from contacts.models import Contact, ContactRole, EmailChange
from contacts.photos import PhotoError
from contacts.selectors import (
    contact_directory,
    visible_mobile_phone,
    visible_personal_email,
    with_current_roles,
)
from contacts.services import (
    EmailChangeError,
    contact_confirm_verified,
    contact_emails_update,
    contact_photo_delete,
    contact_photo_save,
    email_change_cancel,
    email_change_confirm,
    email_change_get_usable,
    email_change_resend,
)
from forums.selectors import recent_topics
from meetings.selectors import (
    meetings_open_for_registration,
    upcoming_registrations,
)
from rabat import roles
from rabat.rules import MemberRequiredMixin
from rabat.uploads import StorageError

DASHBOARD_COUNTRY_CONTACTS = 12


class DashboardView(MemberRequiredMixin, TemplateView):
    """The Focal Points' home in the private area: their country first."""

    template_name = "contacts/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        own_card = Contact.objects.select_related("country").filter(user=user).first()
        context["own_card"] = own_card
        if own_card and own_card.country_id:
            context["country_contacts"] = with_current_roles(
                contact_directory(country=own_card.country).exclude(pk=own_card.pk)
            )[:DASHBOARD_COUNTRY_CONTACTS]
        context["recent_topics"] = recent_topics(user)
        context["my_registrations"] = upcoming_registrations(user=user)
        context["meetings_to_answer"] = meetings_open_for_registration(user=user)
        context["has_two_factor"] = roles.effective_roles(user).has_two_factor
        context["can_use_back_office"] = rules.can_use_back_office(user)
        return context


class ContactListView(MemberRequiredMixin, ListView):
    template_name = "contacts/contact_list.html"
    context_object_name = "contacts"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = DirectoryFilterForm(self.request.GET or None)
        return with_current_roles(self.filter_form.directory())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        context["can_export"] = rules.can_export_contacts(self.request.user)
        return context


class ContactDetailView(MemberRequiredMixin, DetailView):
    template_name = "contacts/contact_detail.html"
    context_object_name = "contact"

    def get_queryset(self):
        return (
            Contact.objects.with_is_current()
            .select_related("country", "partner_organisation")
            .prefetch_related(
                Prefetch(
                    "roles",
                    queryset=ContactRole.objects.select_related("theme", "successor"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contact = self.object
        viewer = self.request.user
        roles = list(contact.roles.all())
        context["current_roles"] = [role for role in roles if role.is_current]
        context["past_roles"] = [role for role in roles if not role.is_current]
        context["mobile_phone"] = visible_mobile_phone(contact, viewer)
        context["personal_email"] = visible_personal_email(contact, viewer)
        context["is_own_card"] = contact.user_id == viewer.pk
        return context


class OwnCardMixin(MemberRequiredMixin):
    """The card of the logged-in member; 404 when they have none."""

    def get_object(self, queryset=None):
        contact = (
            Contact.objects.select_related("country")
            .filter(user=self.request.user)
            .first()
        )
        if contact is None:
            raise Http404(_("Your account is not linked to a contact card."))
        return contact


class ProfileView(OwnCardMixin, UpdateView):
    template_name = "contacts/profile_form.html"
    form_class = ContactProfileForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["email_changes"] = self.object.email_changes.pending().select_related(
            "contact"
        )
        return context

    def form_valid(self, form):
        photo = form.cleaned_data.get("new_photo")
        try:
            with transaction.atomic():
                contact = form.save()
                email_changes = contact_emails_update(
                    contact=contact, emails=form.email_fields()
                )
                if photo:
                    contact_photo_save(contact=contact, uploaded_file=photo)
                elif form.cleaned_data.get("remove_photo"):
                    contact_photo_delete(contact=contact)
        except (PhotoError, StorageError) as error:
            form.add_error("new_photo", str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Your card has been saved."))
        for change in email_changes:
            email_change_message(self.request, change)
        return redirect("contacts:profile")


def email_change_message(request, change: EmailChange) -> None:
    messages.info(
        request,
        _(
            "A confirmation link was sent to %(new)s. Until you follow it, your "
            "card shows %(old)s."
        )
        % {
            "new": change.email,
            "old": change.current_email or _("no address"),
        },
    )


class EmailChangeConfirmView(OwnCardMixin, TemplateView):
    """The link sent to a new address: one button puts it on the card."""

    template_name = "contacts/emailchange_confirm.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["change"] = email_change_get_usable(
                token=self.kwargs["token"], contact=self.get_object()
            )
        except EmailChangeError as error:
            context["error"] = str(error)
        return context

    def post(self, request, *args, **kwargs):
        try:
            change = email_change_confirm(
                token=self.kwargs["token"], contact=self.get_object()
            )
        except EmailChangeError:
            return self.get(request, *args, **kwargs)
        messages.success(
            request,
            _("Your card now shows %(email)s.") % {"email": change.email},
        )
        return redirect("contacts:profile")


class EmailChangeActionView(OwnCardMixin, View):
    """Send the confirmation link again, or give the new address up."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        change = get_object_or_404(
            EmailChange.objects.pending(), pk=kwargs["pk"], contact=self.get_object()
        )
        if request.POST.get("action") == "cancel":
            email_change_cancel(change=change)
            messages.success(
                request,
                _("The change to %(email)s is cancelled.") % {"email": change.email},
            )
        else:
            email_change_message(request, email_change_resend(change=change))
        return redirect("contacts:profile")


class ConfirmCardView(OwnCardMixin, View):
    """One click: "my card is still correct"."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        contact_confirm_verified(contact=self.get_object())
        messages.success(request, _("Thank you: your card is confirmed as correct."))
        next_url = request.POST.get("next")
        if next_url == reverse("contacts:dashboard"):
            return redirect(next_url)
        return redirect("contacts:profile")
