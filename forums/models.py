"""Thematic forums: forums with group visibility, topics, posts and their trail."""

import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from forums import rules
from rabat.models import (
    StoredSearchDocumentManager,
    Theme,
    TimestampedModel,
    search_document_field,
)

POST_MAX_LENGTH = 20_000

# First parts of the forums' other addresses (forums/urls.py): not forum slugs.
RESERVED_SLUGS = {
    "attachments",
    "members",
    "moderation",
    "notifications",
    "posts",
    "preview",
    "search",
    "topics",
}


def validate_forum_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is taken by another page of the forums: choose another."),
            params={"slug": value},
        )


class ForumQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Forums `user` may read (forums.rules.can_read_forum)."""
        readable = rules.readable_forums_filter(user)
        if readable is None:
            return self.none()
        return self.filter(readable).distinct()


class Forum(TimestampedModel):
    slug = models.SlugField(_("slug"), unique=True, validators=[validate_forum_slug])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forums",
    )
    readers = models.ManyToManyField(
        Group,
        verbose_name=_("groups who may read"),
        blank=True,
        related_name="readable_forums",
        help_text=_("Leave empty for every member. The Secretariat sees every forum."),
    )
    writers = models.ManyToManyField(
        Group,
        verbose_name=_("groups who may post"),
        blank=True,
        related_name="writable_forums",
        help_text=_("Leave empty for everyone who may read the forum."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:forum", kwargs={"slug": self.slug})


class TopicQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(forum__in=Forum.objects.visible_to(user))

    def in_listing_order(self):
        return self.order_by("-is_pinned", "-last_post_at", "-pk")


class Topic(TimestampedModel):
    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_topics",
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    # Kept by the services, so that listings need no aggregation per row.
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    last_post_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last poster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    search_document = search_document_field()

    objects = StoredSearchDocumentManager.from_queryset(TopicQuerySet)()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            # The listing's whole order (in_listing_order): a page of a forum
            # of thousands of topics reads its 25 rows only.
            models.Index(
                fields=["forum", "-is_pinned", "-last_post_at", "-id"],
                name="topic_listing_order_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:topic", kwargs={"pk": self.pk})


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(topic__forum__in=Forum.objects.visible_to(user))

    def shown(self):
        """Neither deleted by their author nor hidden by a moderator."""
        return self.filter(deleted_at__isnull=True, hidden_at__isnull=True)


class Post(TimestampedModel):
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_posts",
    )
    body = models.TextField(_("message"), max_length=POST_MAX_LENGTH)
    # `body` rendered (rabat.markdown.render_markdown) by the services that
    # write it: pages show it without rendering Markdown again.
    body_html = models.TextField(editable=False, default="")
    # Sent with the form: a double submit carries the same key and is saved once.
    submission_key = models.UUIDField(default=uuid.uuid4, editable=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    # Kept by a PostgreSQL trigger (migration 0005).
    search_document = search_document_field()

    objects = StoredSearchDocumentManager.from_queryset(PostQuerySet)()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"], name="post_submitted_once"
            ),
        ]
        indexes = [models.Index(fields=["topic", "created_at"], name="post_topic_idx")]

    def __str__(self):
        return f"{self.topic} #{self.pk}"

    def get_absolute_url(self):
        return reverse("forums:post", kwargs={"pk": self.pk})

    @property
    def rendered_body(self) -> SafeString:
        return mark_safe(self.body_html)  # noqa: S308 - sanitised when written


class PostRevision(models.Model):
    """A post's earlier text, kept at each edit; moderators can read them."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.post} ({self.created_at:%Y-%m-%d %H:%M})"


class TopicReadState(models.Model):
    """Up to which moment a member has read a topic."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="read_states"
    )
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="one_read_state"),
        ]

    def __str__(self):
        return f"{self.user} {self.topic}"


class SubscriptionLevel(models.TextChoices):
    FOLLOW = "follow", _("Following")
    MUTE = "mute", _("Muted")


class Subscription(TimestampedModel):
    """A member follows or mutes a topic, or a whole forum."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    level = models.CharField(max_length=10, choices=SubscriptionLevel.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(forum__isnull=True, topic__isnull=False)
                | Q(forum__isnull=False, topic__isnull=True),
                name="subscription_forum_or_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "forum"], name="one_forum_subscription"
            ),
            models.UniqueConstraint(
                fields=["user", "topic"], name="one_topic_subscription"
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.level} {self.topic or self.forum}"


class EmailFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("Daily digest")
    OFF = "off", _("Never")


class NotificationSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_settings",
    )
    email_frequency = models.CharField(
        _("forum emails"),
        max_length=12,
        choices=EmailFrequency.choices,
        default=EmailFrequency.IMMEDIATELY,
    )

    def __str__(self):
        return f"{self.user}: {self.email_frequency}"


class Report(TimestampedModel):
    """A member flags a post for the moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_report",
            ),
        ]

    def __str__(self):
        return f"{self.post}: {self.reason[:40]}"


class Attachment(TimestampedModel):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="forums/attachments/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("forums:attachment", kwargs={"pk": self.pk})

    @property
    def is_image(self):
        return self.content_type.startswith("image/")
