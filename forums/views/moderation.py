"""Reports by members, and the moderators' pages and actions."""

from functools import partial

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from forums import rules
from forums.forms import DismissForm, HideForm, MoveForm, ReportForm
from forums.models import Forum, Post, Report, Topic
from forums.services.moderation import (
    HIDDEN_REASON_MAX_LENGTH,
    ModerationError,
    open_reports,
    post_hide,
    post_unhide,
    report_create,
    report_resolve,
    topic_lock,
    topic_move,
    topic_pin,
)
from rabat.http import safe_next_url
from rabat.rules import MemberRequiredMixin, RuleRequiredMixin

REPORTS_PER_PAGE = 20
RECENTLY_HIDDEN_POSTS = 10


class ModeratorRequiredMixin(RuleRequiredMixin):
    """Moderators and the Secretariat only; other members get a 403."""

    def rule(self, user) -> bool:
        return rules.can_moderate(user)


class ReportView(MemberRequiredMixin, FormView):
    """Any member who can read a post may report it to the moderators."""

    template_name = "forums/report_form.html"
    form_class = ReportForm

    @cached_property
    def reported_post(self):
        return get_object_or_404(
            Post.objects.visible_to(self.request.user)
            .shown()
            .select_related("topic__forum", "author"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def open_report(self):
        return Report.objects.filter(
            post=self.reported_post,
            reporter=self.request.user,
            resolved_at__isnull=True,
        ).first()

    def get_initial(self):
        return {"reason": self.open_report.reason} if self.open_report else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.reported_post
        context.update(
            post=post,
            topic=post.topic,
            forum=post.topic.forum,
            open_report=self.open_report,
        )
        return context

    def form_valid(self, form):
        post = self.reported_post
        try:
            report_create(
                post=post,
                reporter=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ModerationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Thank you: the moderators will look at this post.")
        )
        return redirect(post.get_absolute_url())


class ModerationQueueView(ModeratorRequiredMixin, ListView):
    """Open reports, oldest first; each can be dismissed or its post hidden."""

    template_name = "forums/moderation_queue.html"
    context_object_name = "reports"
    paginate_by = REPORTS_PER_PAGE

    def get_queryset(self):
        return (
            open_reports(self.request.user)
            .select_related("post__topic__forum", "post__author", "reporter")
            .order_by("created_at", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["hidden_posts"] = (
            Post.objects.visible_to(self.request.user)
            .filter(hidden_at__isnull=False)
            .select_related("topic__forum", "author", "hidden_by")
            .order_by("-hidden_at", "-pk")[:RECENTLY_HIDDEN_POSTS]
        )
        context["hidden_reason_max_length"] = HIDDEN_REASON_MAX_LENGTH
        return context

    def post(self, request, *args, **kwargs):
        """Dismiss a report: it is handled, the post stays as it is."""
        form = DismissForm(
            request.POST,
            reports=open_reports(request.user).select_related("post__topic__forum"),
        )
        if not form.is_valid():
            messages.info(request, _("This report has already been handled."))
            return redirect("forums:moderation")
        try:
            report_resolve(report=form.cleaned_data["report"], moderator=request.user)
        except ModerationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The report is dismissed."))
        return redirect(safe_next_url(request) or reverse("forums:moderation"))


TOPIC_ACTIONS = {
    "pin": (partial(topic_pin, pinned=True), gettext_lazy("The topic is pinned.")),
    "unpin": (
        partial(topic_pin, pinned=False),
        gettext_lazy("The topic is no longer pinned."),
    ),
    "lock": (
        partial(topic_lock, locked=True),
        gettext_lazy("The topic is locked: it accepts no more replies."),
    ),
    "unlock": (
        partial(topic_lock, locked=False),
        gettext_lazy("The topic is unlocked: members may reply again."),
    ),
}


class TopicModerationView(ModeratorRequiredMixin, TemplateView):
    """Pin, lock or move a topic (POST); GET shows these actions and the move form."""

    template_name = "forums/topic_moderate.html"

    @cached_property
    def topic(self):
        return get_object_or_404(
            Topic.objects.visible_to(self.request.user).select_related("forum"),
            pk=self.kwargs["pk"],
        )

    def get_move_form(self, data=None):
        forums = Forum.objects.visible_to(self.request.user).exclude(
            pk=self.topic.forum_id
        )
        return MoveForm(data, forums=forums)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("move_form", self.get_move_form())
        context = super().get_context_data(**kwargs)
        context.update(topic=self.topic, forum=self.topic.forum)
        return context

    def post(self, request, *args, **kwargs):
        topic = self.topic
        action = request.POST.get("action")
        if action == "move":
            form = self.get_move_form(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(move_form=form))
            forum = form.cleaned_data["forum"]
            service = partial(topic_move, forum=forum)
            message = _("The topic is moved to %(forum)s.") % {"forum": forum}
        elif action in TOPIC_ACTIONS:
            service, message = TOPIC_ACTIONS[action]
        else:
            return HttpResponseBadRequest()
        try:
            service(topic=topic, moderator=request.user)
        except ModerationError as error:
            messages.error(request, str(error))
            return redirect("forums:topic_moderate", pk=topic.pk)
        messages.success(request, message)
        return redirect(topic.get_absolute_url())


class PostModerationView(ModeratorRequiredMixin, TemplateView):
    """Hide a post with a reason, or show it again (POST); GET shows the form."""

    template_name = "forums/post_moderate.html"

    @cached_property
    def moderated_post(self):
        return get_object_or_404(
            Post.objects.visible_to(self.request.user).select_related(
                "topic__forum", "author", "hidden_by"
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        post = self.moderated_post
        kwargs.setdefault("form", HideForm(initial={"reason": post.hidden_reason}))
        context = super().get_context_data(**kwargs)
        context.update(
            post=post,
            topic=post.topic,
            forum=post.topic.forum,
            next_url=safe_next_url(self.request),
        )
        return context

    def post(self, request, *args, **kwargs):
        post = self.moderated_post
        action = request.POST.get("action")
        if action == "hide":
            form = HideForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form))
            service = partial(post_hide, reason=form.cleaned_data["reason"])
            message = _("The post is hidden from members.")
        elif action == "unhide":
            service = post_unhide
            message = _("The post is shown to members again.")
        else:
            return HttpResponseBadRequest()
        try:
            service(post=post, moderator=request.user)
        except ModerationError as error:
            messages.error(request, str(error))
            return redirect("forums:post_moderate", pk=post.pk)
        messages.success(request, message)
        return redirect(safe_next_url(request) or post.get_absolute_url())


class PostRevisionsView(ModeratorRequiredMixin, TemplateView):
    """A post's current text and its earlier ones, newest first."""

    template_name = "forums/post_revisions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = get_object_or_404(
            Post.objects.visible_to(self.request.user).select_related(
                "topic__forum", "author"
            ),
            pk=self.kwargs["pk"],
        )
        context.update(
            post=post,
            topic=post.topic,
            forum=post.topic.forum,
            revisions=post.revisions.select_related("edited_by").order_by(
                "-created_at", "-pk"
            ),
        )
        return context
