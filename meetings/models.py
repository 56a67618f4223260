"""Meetings of the dialogue: the calendar, agendas, documents, registrations."""

import calendar
import datetime
import uuid
from pathlib import PurePath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rabat.languages import LANGUAGES
from rabat.models import (
    Country,
    Objective,
    StoredSearchDocumentManager,
    Theme,
    TimestampedModel,
    search_document_field,
)


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(value)s” is not a known time zone; use a name such as Africa/Dakar."),
            code="invalid_time_zone",
            params={"value": value},
        ) from error


# `/meetings/feed.ics` is the calendar feed: no meeting may take its name.
RESERVED_SLUGS = frozenset({"feed"})


def validate_meeting_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is reserved; choose another slug."),
            code="reserved_slug",
            params={"value": value},
        )


class MeetingType(models.TextChoices):
    MINISTERIAL = "ministerial", _("Ministerial conference")
    SENIOR_OFFICIALS = "senior_officials", _("Senior Officials' Meeting")
    STEERING_COMMITTEE = "steering_committee", _("Steering Committee meeting")
    THEMATIC = "thematic", _("Thematic meeting")
    EXPERT_WORKSHOP = "expert_workshop", _("Expert workshop")
    TRAINING = "training", _("Training")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    TO_BE_CONFIRMED = "to_be_confirmed", _("To be confirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    ONLINE = "online", _("Online")


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, today: datetime.date | None = None):
        """Meetings not over yet (running today included), soonest first."""
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date", "pk")

    def past(self, today: datetime.date | None = None):
        """Meetings over, latest first."""
        today = today or timezone.localdate()
        return self.filter(end_date__lt=today).order_by("-start_date", "-pk")

    def in_month(self, year: int, month: int):
        """Meetings with at least one day in the month (spanning ones too)."""
        first_day = datetime.date(year, month, 1)
        last_day = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return self.filter(start_date__lte=last_day, end_date__gte=first_day)

    def for_listing(self):
        """What a list of meetings shows, in a fixed number of queries."""
        return self.select_related("host_country").prefetch_related(
            "co_chairs", "themes"
        )


class Meeting(TimestampedModel):
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, validators=[validate_meeting_slug]
    )
    title = models.CharField(_("title"), max_length=250)
    meeting_type = models.CharField(
        _("type"), max_length=20, choices=MeetingType.choices
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
    )
    format = models.CharField(
        pgettext_lazy("meeting", "format"),
        max_length=10,
        choices=MeetingFormat.choices,
        default=MeetingFormat.IN_PERSON,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_(
            "Local time at the venue, on the first day. Leave empty if unknown."
        ),
    )
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("Local time at the venue, on the last day."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Of the venue, e.g. Africa/Dakar or Europe/Madrid."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    host_country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
        null=True,
        blank=True,
    )
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    co_chairs = models.ManyToManyField(
        Country,
        verbose_name=_("co-chairs"),
        related_name="co_chaired_meetings",
        blank=True,
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="meetings", blank=True
    )
    strategy_objectives = models.ManyToManyField(
        Objective,
        verbose_name=_("strategy objectives"),
        related_name="meetings",
        blank=True,
    )
    aims = models.TextField(
        _("objectives of the meeting"), blank=True, help_text=_("Markdown.")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        help_text=_("Markdown. Shown once the meeting has been held."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Members can register until then. Leave empty for no registration."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    # iCalendar SEQUENCE: raised by meetings.notifications.meeting_changed.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    search_document = search_document_field()
    search_title = search_document_field()

    objects = StoredSearchDocumentManager.from_queryset(MeetingQuerySet)()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meeting_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["start_date", "end_date"], name="meeting_dates_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The meeting cannot end before it starts.")
        if (
            self.start_date
            and self.start_date == self.end_date
            and self.start_time
            and self.end_time
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("On a one-day meeting, the end time must be later.")
        if (self.start_time or self.end_time) and not self.time_zone:
            errors["time_zone"] = _("Give the time zone of the venue with the times.")
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Give the start time too.")
        if (
            self.registration_deadline
            and self.start_date
            and timezone.localdate(self.registration_deadline) > self.start_date
        ):
            errors["registration_deadline"] = _(
                "The registration deadline must be before the meeting starts."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_times(self) -> bool:
        return bool(self.start_time and self.time_zone)

    @property
    def is_past(self) -> bool:
        return self.end_date < timezone.localdate()

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def is_multi_day(self) -> bool:
        return self.end_date != self.start_date

    @property
    def registration_is_open(self) -> bool:
        return bool(
            self.registration_deadline
            and timezone.now() < self.registration_deadline
            and self.status not in (MeetingStatus.CANCELLED, MeetingStatus.HELD)
        )


class AgendaItem(models.Model):
    """A session of a meeting's agenda."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    date = models.DateField(
        _("day"), null=True, blank=True, help_text=_("Empty: the first day.")
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = [
            F("date").asc(nulls_first=True),
            F("start_time").asc(nulls_first=True),
            "position",
            "pk",
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        meeting = self.meeting if self.meeting_id else None
        if (
            meeting
            and self.date
            and meeting.start_date
            and meeting.end_date
            and not meeting.start_date <= self.date <= meeting.end_date
        ):
            errors["date"] = _("The day must fall within the meeting's dates.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        if errors:
            raise ValidationError(errors)


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", pgettext_lazy("document", "Agenda")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    PRESENTATION = "presentation", _("Presentation")
    OUTCOME_REPORT = "outcome_report", _("Outcome report")
    LIST_OF_PARTICIPANTS = "participants", _("List of participants")
    OTHER = "other", _("Other document")


class DocumentVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members")
    STEERING_COMMITTEE = "steering_committee", _("Steering Committee")


# A document is in one of the site's languages, or in both.
DOCUMENT_LANGUAGES = [*LANGUAGES, ("fr-en", _("French and English"))]


class MeetingDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The documents whose level `user` may see (meetings.rules)."""
        from meetings import rules  # rules.py imports this module

        return self.filter(visibility__in=rules.visible_document_levels(user))


def document_upload_to(instance, filename: str) -> str:
    """A generated name; only the extension (already checked) is kept."""
    return f"meetings/documents/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class MeetingDocument(TimestampedModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=DocumentKind.choices,
        default=DocumentKind.OTHER,
    )
    language = models.CharField(_("language"), max_length=5, choices=DOCUMENT_LANGUAGES)
    visibility = models.CharField(
        _("visible to"),
        max_length=20,
        choices=DocumentVisibility.choices,
        default=DocumentVisibility.PUBLIC,
    )
    file = models.FileField(_("file"), upload_to=document_upload_to)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = MeetingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "meetings:document",
            kwargs={"slug": self.meeting.slug, "pk": self.pk},
        )


class RegistrationStatus(models.TextChoices):
    ATTENDING = "attending", _("Attending")
    NOT_ATTENDING = "not_attending", _("Not attending")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Answers that stand: attending or not, but not withdrawn."""
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def attending(self):
        return self.filter(status=RegistrationStatus.ATTENDING)


class Registration(TimestampedModel):
    """A member's answer to a meeting, for their delegation. Cancelling keeps
    the row (status cancelled), so the Secretariat sees who withdrew."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="meeting_registrations",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="meeting_registrations",
        null=True,
        blank=True,
        help_text=_("The registrant's country when they registered."),
    )
    status = models.CharField(
        _("answer"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.ATTENDING,
    )
    notes = models.TextField(
        _("remarks"),
        blank=True,
        help_text=_("Anything the organisers should know (access, visas...)."),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="registration_once_per_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.meeting}: {self.user}"


class Delegate(models.Model):
    """A person of the delegation a registration announces."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="delegates"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name
