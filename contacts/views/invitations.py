"""The invitation link: a contact chooses a password and enters the private area."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from contacts.forms import InvitationPasswordForm
from contacts.services import (
    InvitationError,
    InvitationNotFound,
    invitation_accept,
    invitation_get_usable,
)
from rabat.auth_backends import ACCOUNT_BACKEND
from rabat.models import User


@method_decorator(sensitive_post_parameters("password1", "password2"), name="dispatch")
class InvitationAcceptView(FormView):
    """Open to anyone holding the link: it is the invitee's proof of identity."""

    template_name = "contacts/invitation_accept.html"
    form_class = InvitationPasswordForm

    def dispatch(self, request, *args, token, **kwargs):
        try:
            self.invitation = invitation_get_usable(token)
        except InvitationError as error:
            # A link we never sent is not found; a used, withdrawn or expired
            # one is gone for good.
            status = 404 if isinstance(error, InvitationNotFound) else 410
            return self.render_invalid(error, status=status)
        return super().dispatch(request, *args, **kwargs)

    def render_invalid(self, error, *, status):
        return render(
            self.request,
            "contacts/invitation_invalid.html",
            {"message": str(error)},
            status=status,
        )

    def get_form_kwargs(self):
        contact = self.invitation.contact
        user = contact.user or User(
            email=contact.email,
            first_name=contact.first_name,
            last_name=contact.last_name,
        )
        return {**super().get_form_kwargs(), "user": user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact=self.invitation.contact, **kwargs)

    def form_valid(self, form):
        try:
            user = invitation_accept(
                invitation=self.invitation, password=form.cleaned_data["password1"]
            )
        except InvitationError as error:
            # Used or withdrawn while the form was being filled in.
            return self.render_invalid(error, status=410)
        if Authenticator.objects.filter(user=user).exists():
            # The link proves the email only: the second factor is still asked.
            messages.success(
                self.request,
                _("Your password is set. Log in to enter the private area."),
            )
            return redirect("account_login")
        login(self.request, user, backend=ACCOUNT_BACKEND)
        messages.success(self.request, _("Welcome! Your account is ready."))
        return redirect("contacts:dashboard")
