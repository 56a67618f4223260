from django.contrib import admin
from django.urls import reverse
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from forums import rules
from forums.models import Forum, Post, Report, Topic
from forums.services.activity import activity_changed
from forums.services.moderation import open_reports
from rabat import backoffice
from rabat.admin_mixins import ContentChangedAdminMixin
from rabat.markdown import render_markdown


@admin.register(Forum)
class ForumAdmin(TabbedTranslationAdmin):
    list_display = ["title", "slug", "theme", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_select_related = ["theme"]
    filter_horizontal = ["readers", "writers"]
    prepopulated_fields = {"slug": ["title_en"]}


@admin.register(Topic)
class TopicAdmin(ContentChangedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "forum", "author", "reply_count", "is_pinned", "is_locked"]
    list_filter = ["forum", "is_pinned", "is_locked"]
    list_select_related = ["forum", "author"]
    search_fields = ["title"]
    raw_id_fields = ["author", "last_poster"]
    readonly_fields = ["reply_count", "view_count", "last_post_at", "last_poster"]

    def content_changed(self) -> None:
        activity_changed()


@admin.register(Post)
class PostAdmin(ContentChangedAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "author",
        "created_at",
        "edited_at",
        "deleted_at",
        "hidden_at",
    ]
    list_filter = ["topic__forum"]
    list_select_related = ["topic", "author"]
    search_fields = ["body", "topic__title"]
    raw_id_fields = ["topic", "author", "hidden_by"]
    readonly_fields = ["edited_at", "deleted_at"]

    def content_changed(self) -> None:
        activity_changed()

    def save_model(self, request, obj, form, change):
        # The topic page shows the stored rendering: a text edited here too.
        obj.body_html = render_markdown(obj.body)
        super().save_model(request, obj, form, change)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reporter", "reason", "created_at", "resolved_at"]
    list_filter = ["resolved_at"]
    list_select_related = ["post__topic", "reporter"]
    raw_id_fields = ["post", "reporter", "resolved_by"]


@backoffice.register
def backoffice_tasks(user) -> list[backoffice.PendingTask]:
    """The open reports, for a moderator: handled in the site's queue."""
    if not rules.can_moderate(user):
        return []
    count = open_reports(user).count()
    return [
        backoffice.PendingTask(
            label=ngettext("open report", "open reports", count),
            url=reverse("forums:moderation"),
            count=count,
            order=10,
        )
    ]
