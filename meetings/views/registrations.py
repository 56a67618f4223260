"""Members' answers to meetings: register, change, cancel, until the deadline."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from meetings import rules
from meetings.forms import RegistrationForm
from meetings.models import Meeting, RegistrationStatus
from meetings.selectors import member_registration
from meetings.services import (
    RegistrationClosed,
    RegistrationError,
    registration_cancel,
    registration_save,
)
from rabat.rules import MemberRequiredMixin


class MeetingRegistrationMixin(MemberRequiredMixin):
    """Members only; then the published meeting of the URL (or 404) and the
    member's registration to it, if any."""

    closed_template_name = "meetings/registration_closed.html"

    def rule(self, user) -> bool:
        return rules.can_answer_registrations(user)

    def check_rule(self):
        super().check_rule()
        self.meeting = get_object_or_404(
            Meeting.objects.published(), slug=self.kwargs["slug"]
        )
        self.registration = member_registration(self.meeting, self.request.user)

    @property
    def has_active_registration(self) -> bool:
        return (
            self.registration is not None
            and self.registration.status != RegistrationStatus.CANCELLED
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, registration=self.registration, **kwargs
        )

    def closed(self):
        """The page saying that the meeting takes no answer now; a form
        sent anyway changes nothing."""
        return self.response_class(
            request=self.request,
            template=[self.closed_template_name],
            context=self.get_context_data(refused=self.request.method == "POST"),
            using=self.template_engine,
        )


class RegistrationView(MeetingRegistrationMixin, TemplateView):
    template_name = "meetings/registration_form.html"

    def get(self, request, *args, **kwargs):
        if not self.meeting.registration_is_open:
            return self.closed()
        form = RegistrationForm.for_registration(self.registration)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if not self.meeting.registration_is_open:
            return self.closed()
        form = RegistrationForm.for_registration(self.registration, request.POST)
        if "add_rows" in request.POST:
            return self.render_to_response(
                self.get_context_data(form=form.with_more_rows())
            )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        was_active = self.has_active_registration
        try:
            registration_save(
                meeting=self.meeting,
                user=request.user,
                status=form.cleaned_data["status"],
                notes=form.cleaned_data["notes"],
                delegates=form.delegation(),
            )
        except RegistrationClosed:
            return self.closed()
        except RegistrationError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        if was_active:
            messages.success(request, _("Your registration has been updated."))
        else:
            messages.success(request, _("Your registration has been recorded."))
        return redirect(self.meeting)


class RegistrationCancelView(MeetingRegistrationMixin, TemplateView):
    template_name = "meetings/registration_confirm_cancel.html"

    def nothing_to_cancel(self):
        messages.info(
            self.request, _("You have no registration to cancel for this meeting.")
        )
        return redirect(self.meeting)

    def get(self, request, *args, **kwargs):
        if not self.has_active_registration:
            return self.nothing_to_cancel()
        if not self.meeting.registration_is_open:
            return self.closed()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        if not self.has_active_registration:
            return self.nothing_to_cancel()
        try:
            registration_cancel(registration=self.registration)
        except RegistrationClosed:
            return self.closed()
        messages.success(request, _("Your registration has been cancelled."))
        return redirect(self.meeting)
