"""Writing in the forums: the pages that call forums.posting, and attachments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from forums import rules
from forums.forms import EditForm, ReplyForm, TopicForm
from forums.models import POST_MAX_LENGTH, Attachment, Forum, Post, Topic
from forums.services.posting import (
    EditConflict,
    PostingError,
    members,
    mention_handle,
    post_delete,
    post_edit,
    quoted_text,
    reply_create,
    topic_create,
)
from rabat.forms import SearchForm
from rabat.http import stored_file_response
from rabat.rules import MemberRequiredMixin
from rabat.uploads import UploadError

AUTOCOMPLETE_LIMIT = 10


class OwnPostMixin(MemberRequiredMixin):
    """A post the member can read and still edit (forums.rules.can_edit_post):
    403 if it is someone else's, or hidden by a moderator."""

    def check_rule(self):
        super().check_rule()
        self.post_object = get_object_or_404(
            Post.objects.visible_to(self.request.user)
            .filter(deleted_at__isnull=True)
            .select_related("topic__forum"),
            pk=self.kwargs["pk"],
        )
        self.topic = self.post_object.topic
        if not rules.can_edit_post(self.request.user, self.post_object):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            post=self.post_object, topic=self.topic, forum=self.topic.forum, **kwargs
        )


class PostFormMixin:
    """A form with "Preview": the page again, the text rendered above it.

    Works without JavaScript; forums.js only fetches the same preview in
    place. Uploaded files are not kept by a preview.
    """

    def post(self, request, *args, **kwargs):
        if "preview" not in request.POST:
            return super().post(request, *args, **kwargs)
        form_class = self.get_form_class()
        # Fields left empty keep their own initial value: a new submission key.
        initial = {
            name: value
            for name in form_class.base_fields
            if name != "attachments" and (value := request.POST.get(name))
        }
        return self.render_to_response(
            self.get_context_data(
                form=form_class(initial=initial),
                preview=initial.get("body", "")[:POST_MAX_LENGTH],
            )
        )

    def posting_failed(self, form, error):
        field = "attachments" if isinstance(error, UploadError) else None
        form.add_error(field, str(error))
        return self.form_invalid(form)


class TopicCreateView(PostFormMixin, MemberRequiredMixin, FormView):
    template_name = "forums/topic_form.html"
    form_class = TopicForm

    def check_rule(self):
        super().check_rule()
        self.forum = get_object_or_404(
            Forum.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )
        if not rules.can_post_in_forum(self.request.user, self.forum):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        return super().get_context_data(forum=self.forum, **kwargs)

    def form_valid(self, form):
        try:
            topic = topic_create(
                forum=self.forum,
                author=self.request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                submission_key=form.cleaned_data["submission_key"],
                files=form.cleaned_data["attachments"],
            )
        except (PostingError, UploadError) as error:
            return self.posting_failed(form, error)
        messages.success(self.request, _("Your topic has been published."))
        return redirect(topic)


class ReplyView(PostFormMixin, MemberRequiredMixin, FormView):
    """A reply; `?quote=<post id>` starts it with that post quoted."""

    template_name = "forums/reply_form.html"
    form_class = ReplyForm

    def check_rule(self):
        super().check_rule()
        self.topic = get_object_or_404(
            Topic.objects.visible_to(self.request.user).select_related("forum"),
            pk=self.kwargs["pk"],
        )
        if not rules.can_post_in_forum(self.request.user, self.topic.forum):
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        if self.topic.is_locked:
            messages.error(
                request, _("This topic is locked: it accepts no more replies.")
            )
            return redirect(self.topic)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        quoted = self.quoted_post()
        return {"body": quoted_text(quoted)} if quoted else {}

    def quoted_post(self):
        quote = self.request.GET.get("quote", "")
        if not quote.isdecimal():
            return None
        return (
            Post.objects.visible_to(self.request.user)
            .shown()
            .select_related("author")
            .filter(pk=quote)
            .first()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topic=self.topic, forum=self.topic.forum, **kwargs
        )

    def form_valid(self, form):
        try:
            post = reply_create(
                topic=self.topic,
                author=self.request.user,
                body=form.cleaned_data["body"],
                submission_key=form.cleaned_data["submission_key"],
                files=form.cleaned_data["attachments"],
            )
        except (PostingError, UploadError) as error:
            return self.posting_failed(form, error)
        messages.success(self.request, _("Your reply has been published."))
        return redirect(post)


class PostEditView(PostFormMixin, OwnPostMixin, FormView):
    """Edit one's post; an edit conflict shows both texts, losing neither."""

    template_name = "forums/post_form.html"
    form_class = EditForm

    def get_initial(self):
        return EditForm.initial_for(self.post_object)

    def form_valid(self, form):
        try:
            post = post_edit(
                post=self.post_object,
                editor=self.request.user,
                body=form.cleaned_data["body"],
                base_edited_at=form.cleaned_data["base_edited_at"],
            )
        except EditConflict as conflict:
            return self.conflict(form, conflict)
        except PostingError as error:
            return self.posting_failed(form, error)
        messages.success(self.request, _("Your message has been saved."))
        return redirect(post)

    def conflict(self, form, conflict):
        """The form again with the editor's text, based on the current version."""
        data = form.data.copy()
        data["base_edited_at"] = EditForm.initial_for(conflict.post)["base_edited_at"]
        form = EditForm(data=data)
        form.is_valid()
        form.add_error(None, str(conflict))
        return self.render_to_response(
            self.get_context_data(form=form, current=conflict.post)
        )


class PostDeleteView(OwnPostMixin, TemplateView):
    template_name = "forums/post_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        post = post_delete(post=self.post_object, user=request.user)
        messages.success(request, _("Your message has been deleted."))
        return redirect(post)


class PreviewView(MemberRequiredMixin, View):
    """The rendered Markdown of a draft, as an HTML fragment (for forums.js)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        body = request.POST.get("body", "")[:POST_MAX_LENGTH]
        return render(request, "forums/_preview.html", {"preview": body})


class MemberAutocompleteView(MemberRequiredMixin, View):
    """Up to ten members whose names match `?q=`, with their mention handle."""

    def get(self, request, *args, **kwargs):
        terms = SearchForm(request.GET).query().lstrip("@").replace(".", " ").split()
        if not terms:
            return JsonResponse([], safe=False)
        matches = members()
        for term in terms:
            matches = matches.filter(
                Q(first_name__icontains=term) | Q(last_name__icontains=term)
            )
        matches = matches.order_by("first_name", "last_name", "pk")
        return JsonResponse(
            [
                {"handle": mention_handle(user), "name": user.get_full_name()}
                for user in matches[:AUTOCOMPLETE_LIMIT]
            ],
            safe=False,
        )


class AttachmentView(MemberRequiredMixin, View):
    """A file, to those who can read its post; images shown, others downloaded."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            Attachment.objects.filter(
                post__topic__forum__in=Forum.objects.visible_to(request.user),
                post__deleted_at__isnull=True,
            ).select_related("post"),
            pk=pk,
        )
        if attachment.post.hidden_at and not rules.can_see_hidden_post(request.user):
            raise Http404
        return stored_file_response(
            attachment.file,
            is_public=False,
            content_type=attachment.content_type,
            as_attachment=not attachment.is_image,
            filename=attachment.original_name,
        )
