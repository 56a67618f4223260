"""The contacts database: people of the dialogue, their dated roles, invitations."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Now, Replace
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from rabat import roles
from rabat.languages import LANGUAGES
from rabat.models import Country, Organisation, Theme, TimestampedModel

# Languages a contact may speak (ISO 639-1), in the order offered on forms.
SPOKEN_LANGUAGES = [
    *LANGUAGES,
    ("pt", _("Portuguese")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
]


def verification_is_overdue(verified_at: datetime.datetime | None) -> bool:
    """Whether a card last confirmed (or created) at `verified_at` should be
    confirmed again."""
    if verified_at is None:
        return False
    age = timezone.now() - verified_at
    return age > datetime.timedelta(days=settings.CONTACT_VERIFICATION_MAX_AGE_DAYS)


class Civility(models.TextChoices):
    MR = "mr", pgettext_lazy("civility", "Mr")
    MS = "ms", pgettext_lazy("civility", "Ms")
    DR = "dr", pgettext_lazy("civility", "Dr")


class RoleKind(models.TextChoices):
    FOCAL_POINT = "focal_point", _("National Focal Point")
    ALTERNATE_FOCAL_POINT = "alternate_focal_point", _("Alternate Focal Point")
    THEMATIC_CONTACT = "thematic_contact", _("Thematic contact point")
    STEERING_COMMITTEE = "steering_committee", _("Steering Committee representative")
    OBSERVER_REPRESENTATIVE = (
        "observer_representative",
        _("Observer organisation representative"),
    )
    SECRETARIAT = "secretariat", _("Secretariat")


# The group each kind of role gives its holder's account.
ROLE_GROUPS = {
    RoleKind.FOCAL_POINT: roles.FOCAL_POINT,
    RoleKind.ALTERNATE_FOCAL_POINT: roles.FOCAL_POINT,
    RoleKind.THEMATIC_CONTACT: roles.THEMATIC_CONTACT,
    RoleKind.STEERING_COMMITTEE: roles.STEERING_COMMITTEE,
    RoleKind.OBSERVER_REPRESENTATIVE: roles.FOCAL_POINT,
    RoleKind.SECRETARIAT: roles.SECRETARIAT,
}


def current_roles_condition(prefix="", on=None):
    """Q for roles held on `on` (today by default)."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


# The contact's own fields that the directory's search box looks in (the names
# of its country and organisation are searched in their own, small tables).
SEARCHED_FIELDS = ("first_name", "last_name", "position", "organisation", "email")
# Unaccented and unstemmed (migration 0002): names are not words of a language.
SEARCH_CONFIG = "rabat_simple"


class SearchDocument(SearchVector):
    """The searched fields as one text search document, the email address
    also in its parts ("novak@police" finds novak@police.example.org).

    PostgreSQL only: the column stays empty on SQLite, whose search compares
    the fields themselves."""

    def __init__(self):
        email_parts = Replace(
            Replace("email", Value("@"), Value(" ")), Value("."), Value(" ")
        )
        super().__init__(*SEARCHED_FIELDS, email_parts, config=SEARCH_CONFIG)

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


class ContactQuerySet(models.QuerySet):
    def with_is_current(self):
        current = ContactRole.objects.filter(
            current_roles_condition(), contact=OuterRef("pk")
        )
        return self.annotate(is_current=Exists(current))

    def current(self):
        return self.with_is_current().filter(is_current=True)

    def verification_overdue(self, now=None):
        now = now or timezone.now()
        limit = now - datetime.timedelta(
            days=settings.CONTACT_VERIFICATION_MAX_AGE_DAYS
        )
        return self.filter(
            Q(last_verified_at__lt=limit)
            | Q(last_verified_at__isnull=True, created_at__lt=limit)
        )


class Contact(TimestampedModel):
    """A person of the dialogue; the directory's card."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact",
    )
    civility = models.CharField(
        _("civility"), max_length=5, choices=Civility.choices, blank=True
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Ministry, agency or institution."),
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="contacts",
        null=True,
        blank=True,
    )
    partner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner or observer organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
        null=True,
        blank=True,
        help_text=_("For people who represent an organisation, not a country."),
    )
    email = models.EmailField(_("work email"))
    personal_email = models.EmailField(_("personal email"), blank=True)
    office_phone = PhoneNumberField(_("office phone"), blank=True)
    mobile_phone = PhoneNumberField(_("mobile phone"), blank=True)
    show_personal_email = models.BooleanField(
        _("show my personal email to other members"), default=False
    )
    show_mobile_phone = models.BooleanField(
        _("show my mobile phone to other members"), default=False
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("The language of the emails the portal sends."),
    )
    photo = models.ImageField(_("photo"), upload_to="contacts/photos/", blank=True)
    photo_thumbnail = models.ImageField(
        _("photo thumbnail"), upload_to="contacts/thumbnails/", blank=True
    )
    last_verified_at = models.DateTimeField(_("last verified"), null=True, blank=True)
    search_document = models.GeneratedField(
        expression=SearchDocument(),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    history = HistoricalRecords(excluded_fields=["search_document"])
    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="contact_name_idx"),
            # A country's contacts in the directory's order, read from an
            # index range at any page.
            models.Index(
                fields=["country", "last_name", "first_name"],
                name="contact_country_name_idx",
            ),
            models.Index(fields=["email"], name="contact_email_idx"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("contacts:detail", kwargs={"pk": self.pk})

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def display_name(self):
        civility = self.get_civility_display()
        return f"{civility} {self.full_name}" if civility else self.full_name

    @property
    def verification_is_overdue(self):
        return verification_is_overdue(self.last_verified_at or self.created_at)

    def get_languages_display(self):
        names = dict(SPOKEN_LANGUAGES)
        return [names.get(code, code) for code in self.languages]


class ContactRoleQuerySet(models.QuerySet):
    def current(self, on=None):
        return self.filter(current_roles_condition(on=on))

    def past(self, on=None):
        return self.filter(end_date__lt=on or timezone.localdate())


class ContactRole(TimestampedModel):
    """A role a contact holds, from a date, until a date (or still)."""

    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    kind = models.CharField(_("role"), max_length=30, choices=RoleKind.choices)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="contact_roles",
        null=True,
        blank=True,
        help_text=_("Required for a thematic contact point."),
    )
    start_date = models.DateField(_("from"), default=datetime.date.today)
    end_date = models.DateField(_("until"), null=True, blank=True)
    successor = models.ForeignKey(
        Contact,
        verbose_name=_("handed over to"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    history = HistoricalRecords()
    objects = ContactRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="contact_role_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(kind=RoleKind.THEMATIC_CONTACT) | Q(theme__isnull=False),
                name="contact_role_thematic_has_theme",
            ),
        ]
        indexes = [
            # Whether a contact holds a current role, read from the index alone.
            models.Index(
                fields=["contact", "start_date", "end_date"],
                name="contact_role_period_idx",
            ),
            # The directory's role filter: the holders of a kind of role,
            # current or not, from the index alone.
            models.Index(
                fields=["kind", "contact", "start_date", "end_date"],
                name="contact_role_kind_idx",
            ),
        ]

    def __str__(self):
        label = self.get_kind_display()
        if self.theme_id:
            label = f"{label} ({self.theme})"
        return label

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.start_date <= today and (
            self.end_date is None or self.end_date >= today
        )


class InvitationQuerySet(models.QuerySet):
    def unused(self):
        """Neither accepted nor withdrawn (possibly expired)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self):
        """Still usable: unused and not expired."""
        return self.unused().filter(expires_at__gt=Now())


class Invitation(TimestampedModel):
    """An emailed, expiring, single-use link to create the contact's account."""

    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.contact} ({self.created_at:%Y-%m-%d})"

    @property
    def is_usable(self):
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class VerificationReminder(models.Model):
    """One reminder per contact and month: the reminder command is safe to rerun."""

    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, related_name="verification_reminders"
    )
    month = models.DateField(help_text="First day of the month of the reminder.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verification reminder")
        verbose_name_plural = _("verification reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "month"], name="one_reminder_per_contact_month"
            ),
        ]

    def __str__(self):
        return f"{self.contact} {self.month:%Y-%m}"


class EmailChangeQuerySet(models.QuerySet):
    def pending(self):
        """Neither confirmed nor expired."""
        return self.filter(confirmed_at__isnull=True, expires_at__gt=Now())


class EmailChange(TimestampedModel):
    """An address a member gave for their card, until they confirm it from
    its mailbox; the card keeps showing the verified address meanwhile."""

    class Field(models.TextChoices):
        EMAIL = "email", _("work email")
        PERSONAL_EMAIL = "personal_email", _("personal email")

    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="email_changes",
    )
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    email = models.EmailField(_("new address"))
    # The card's address when the change was asked: if the Secretariat has
    # changed it since, the link no longer overwrites their edit.
    previous_email = models.EmailField(_("address at the time"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = EmailChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("email address change")
        verbose_name_plural = _("email address changes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "field"],
                condition=Q(confirmed_at__isnull=True),
                name="one_unconfirmed_email_change_per_field",
            ),
        ]

    def __str__(self):
        return f"{self.contact}: {self.email}"

    @property
    def current_email(self) -> str:
        """The verified address the card shows meanwhile (may be blank)."""
        return getattr(self.contact, self.field)
