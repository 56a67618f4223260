"""The member's own contact card: editing it, confirming a new address,
confirming the card is still right."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, UpdateView, View

from contacts.forms import ContactProfileForm
from contacts.models import Contact, EmailChange
from contacts.photos import PhotoError
from contacts.services import (
    EmailChangeError,
    contact_confirm_verified,
    contact_emails_update,
    contact_photo_delete,
    contact_photo_save,
    directory_changed,
    email_change_cancel,
    email_change_confirm,
    email_change_get_usable,
    email_change_resend,
)
from rabat.rules import MemberRequiredMixin
from rabat.uploads import StorageError


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
                # Its position, civility, photo: seen on others' dashboards.
                directory_changed()
                contact_emails_update(contact=contact, emails=form.email_fields())
                if photo:
                    contact_photo_save(contact=contact, uploaded_file=photo)
                elif form.cleaned_data.get("remove_photo"):
                    contact_photo_delete(contact=contact)
        except (PhotoError, StorageError) as error:
            form.add_error("new_photo", str(error))
            return self.form_invalid(form)
        except EmailChangeError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        # A pending new address is announced by the profile page itself.
        messages.success(self.request, _("Your card has been saved."))
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
            try:
                email_change_message(request, email_change_resend(change=change))
            except EmailChangeError as error:
                messages.error(request, str(error))
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
