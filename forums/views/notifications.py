"""Following and muting topics and forums; when to receive forum emails."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView, View

from forums.forms import NO_SUBSCRIPTION, EmailFrequencyForm, SubscriptionForm
from forums.models import EmailFrequency, Forum, Subscription, Topic
from forums.notifications import (
    email_frequency,
    email_frequency_set,
    stop_emails_user,
    subscription_set,
)
from rabat.http import safe_next_url
from rabat.rules import MemberRequiredMixin


class SubscriptionView(MemberRequiredMixin, View):
    """POST `level` (follow, mute or none), then back to the page it came from."""

    http_method_names = ["post"]
    target_name = ""  # "topic" or "forum"

    def get_target(self):
        raise NotImplementedError

    def get_message(self, level):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        target = self.get_target()
        form = SubscriptionForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest()
        level = form.cleaned_data["level"]
        subscription_set(
            user=request.user,
            level=None if level == NO_SUBSCRIPTION else level,
            **{self.target_name: target},
        )
        messages.success(request, self.get_message(level))
        return redirect(safe_next_url(request) or target)


class TopicSubscriptionView(SubscriptionView):
    target_name = "topic"

    def get_target(self):
        return get_object_or_404(
            Topic.objects.visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def get_message(self, level):
        return {
            "follow": _("You follow this topic: you will be told of its new replies."),
            "mute": _("This topic is muted: you will not be told about it."),
            NO_SUBSCRIPTION: _("You no longer follow this topic."),
        }[level]


class ForumSubscriptionView(SubscriptionView):
    target_name = "forum"

    def get_target(self):
        return get_object_or_404(
            Forum.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )

    def get_message(self, level):
        return {
            "follow": _("You follow this forum: you will be told of its new topics."),
            "mute": _(
                "This forum is muted: you will only be told about the topics of it "
                "that you follow."
            ),
            NO_SUBSCRIPTION: _("You no longer follow this forum."),
        }[level]


class NotificationSettingsView(MemberRequiredMixin, FormView):
    """How often the member receives forum emails, and what they follow."""

    template_name = "forums/notification_settings.html"
    form_class = EmailFrequencyForm

    def get_initial(self):
        return {"email_frequency": email_frequency(self.request.user)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        readable = Forum.objects.visible_to(user)
        context["subscriptions"] = (
            Subscription.objects.filter(user=user)
            .filter(Q(forum__in=readable) | Q(topic__forum__in=readable))
            .select_related("forum", "topic__forum")
            .order_by("level", "-created_at")
        )
        return context

    def form_valid(self, form):
        email_frequency_set(
            user=self.request.user, frequency=form.cleaned_data["email_frequency"]
        )
        messages.success(self.request, _("Your notification settings have been saved."))
        return redirect("forums:notification_settings")


@method_decorator(csrf_exempt, name="dispatch")
class StopEmailsView(TemplateView):
    """The link of every forum email: stop them all, without logging in.

    The signed token is the proof. GET asks to confirm (link scanners must not
    unsubscribe anyone); POST, from the page or from a mail client's one-click
    unsubscribe (RFC 8058, which sends no CSRF token), turns the emails off.
    """

    template_name = "forums/stop_emails.html"

    def dispatch(self, request, *args, token, **kwargs):
        self.recipient = stop_emails_user(token)
        if self.recipient is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipient=self.recipient,
            settings_url=reverse("forums:notification_settings"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        email_frequency_set(user=self.recipient, frequency=EmailFrequency.OFF)
        return self.render_to_response(self.get_context_data(stopped=True))
