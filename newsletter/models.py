"""The Rabat Review: issues and their articles, subscribers, and campaigns
whose deliveries (one row per subscriber) make sending safe to resume."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from rabat.languages import LANGUAGES
from rabat.models import (
    Country,
    StoredSearchDocumentManager,
    Theme,
    TimestampedModel,
    search_document_field,
)


def _generated_name(folder: str, filename: str) -> str:
    """A generated name under `folder`; only the (checked) extension is kept."""
    return f"newsletter/{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def cover_upload_to(instance, filename):
    return _generated_name("covers", filename)


def article_image_upload_to(instance, filename):
    return _generated_name("images", filename)


def pdf_upload_to(instance, filename):
    return _generated_name("pdf", filename)


class IssueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class Issue(TimestampedModel):
    """An edition of the Rabat Review, in French and English."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    period = models.CharField(
        _("period"),
        max_length=100,
        help_text=_("For example “July–September 2013”."),  # noqa: RUF001
    )
    title = models.CharField(_("title"), max_length=250)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Markdown.")
    )
    cover_image = models.ImageField(
        _("cover image"), upload_to=cover_upload_to, blank=True
    )
    pdf_fr = models.FileField(_("PDF (French)"), upload_to=pdf_upload_to, blank=True)
    pdf_en = models.FileField(_("PDF (English)"), upload_to=pdf_upload_to, blank=True)
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("Empty until the issue is published to the archive."),
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rabat Review issue")
        verbose_name_plural = _("Rabat Review issues")
        ordering = ["-number"]

    def __str__(self):
        return gettext("Rabat Review no. %(number)s: %(title)s") % {
            "number": self.number,
            "title": self.title,
        }

    def get_absolute_url(self):
        return reverse("newsletter:issue", kwargs={"number": self.number})

    @property
    def is_published(self) -> bool:
        return bool(self.published_at and self.published_at <= timezone.now())


class ArticleQuerySet(models.QuerySet):
    def in_published_issues(self):
        return self.filter(issue__in=Issue.objects.published()).select_related("issue")


class Article(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    image = models.ImageField(_("image"), upload_to=article_image_upload_to, blank=True)
    image_description = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="review_articles", blank=True
    )
    countries = models.ManyToManyField(
        Country,
        verbose_name=_("countries"),
        related_name="review_articles",
        blank=True,
    )
    meetings = models.ManyToManyField(
        "meetings.Meeting",
        verbose_name=_("meetings"),
        related_name="review_articles",
        blank=True,
    )
    search_document = search_document_field()

    objects = StoredSearchDocumentManager.from_queryset(ArticleQuerySet)()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.issue.get_absolute_url()}#article-{self.pk}"


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SubscriberStatus.CONFIRMED)


class Subscriber(TimestampedModel):
    """One address; unsubscribing keeps the row (status), so that a later
    subscription takes it up again and nobody is mailed after leaving."""

    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language"), max_length=2, choices=LANGUAGES, default="fr"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_subscription",
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # Changing it invalidates every confirmation and unsubscribe link sent.
    token_key = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_email_ci_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "language"], name="subscriber_status_idx")
        ]

    def __str__(self):
        return self.email


class CampaignStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", pgettext_lazy("campaign", "Sending")
    SENT = "sent", pgettext_lazy("campaign", "Sent")
    CANCELLED = "cancelled", pgettext_lazy("campaign", "Cancelled")


class Campaign(TimestampedModel):
    """The sending of an issue to its subscribers (at most one per issue)."""

    issue = models.OneToOneField(
        Issue, on_delete=models.PROTECT, related_name="campaign"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CampaignStatus.choices,
        default=CampaignStatus.SCHEDULED,
    )
    scheduled_for = models.DateTimeField(_("send at"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-scheduled_for"]

    def __str__(self):
        return str(self.issue)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Queued")
    SENDING = "sending", pgettext_lazy("delivery", "Sending")
    SENT = "sent", pgettext_lazy("delivery", "Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped (unsubscribed)")
    REVIEW = "review", _("To review (worker stopped while sending)")


class Delivery(models.Model):
    """One message of a campaign to one subscriber.

    The worker commits SENDING before talking to SMTP and SENT after: a row
    left in SENDING by a dead worker may or may not have gone out, so the
    sweep marks it REVIEW instead of sending it twice.
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.PROTECT, related_name="deliveries"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "subscriber"], name="delivery_once_per_subscriber"
            ),
        ]
        indexes = [
            models.Index(
                fields=["campaign", "status", "next_attempt_at"],
                name="delivery_queue_idx",
                condition=Q(status__in=["pending", "sending"]),
            ),
        ]

    def __str__(self):
        return f"{self.campaign} → {self.subscriber}"
