"""The country profiles: what the dialogue knows of each partner country
(an overview, key figures with their sources, policy documents), the
indicators the i-Map draws, and the Focal Points' proposed updates."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rabat.models import Country, Institution, TimestampedModel
from rabat.uploads import file_format

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    VALIDATED = "validated", _("Validated by the Focal Point")
    PUBLISHED = "published", _("Published")


class CountryProfileQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProfileStatus.PUBLISHED)


class CountryProfile(TimestampedModel):
    """A partner country's profile: its texts and status; its institutions,
    figures and documents hang on the country."""

    country = models.OneToOneField(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="profile",
    )
    overview = models.TextField(_("overview"), blank=True, help_text=_("Markdown."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProfileStatus.choices,
        default=ProfileStatus.DRAFT,
    )
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    private_notes = models.TextField(
        _("private notes"),
        blank=True,
        help_text=_("Kept by the Secretariat; members see them, the public never."),
    )

    objects = CountryProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("country profile")
        verbose_name_plural = _("country profiles")
        ordering = ["country__name"]

    def __str__(self):
        return str(self.country)

    def get_absolute_url(self):
        return self.country.get_absolute_url()

    @property
    def is_published(self) -> bool:
        return self.status == ProfileStatus.PUBLISHED


class KeyFigure(TimestampedModel):
    """A figure of the country's profile: never without its source, its
    reference year and a link to it."""

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    label = models.CharField(_("label"), max_length=200)
    value = models.CharField(_("value"), max_length=100)
    reference_year = models.PositiveSmallIntegerField(
        _("reference year"), validators=YEAR_VALIDATORS
    )
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("link to the source"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["country", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="") & ~Q(source_url=""),
                name="key_figure_has_source",
            ),
            models.CheckConstraint(
                condition=Q(reference_year__gte=1900, reference_year__lte=2100),
                name="key_figure_reference_year",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.value} ({self.reference_year})"


class PolicyDocumentKind(models.TextChoices):
    LAW = "law", _("Law")
    DECREE = "decree", _("Decree")
    STRATEGY = "strategy", _("Strategy or policy")
    RATIFICATION = "ratification", _("Ratification")
    BILATERAL_AGREEMENT = "bilateral", _("Bilateral agreement")


def policy_document_upload_to(instance, filename: str) -> str:
    """A generated name; only the extension (already checked) is kept."""
    return f"countries/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class PolicyDocument(TimestampedModel):
    """A key policy document of a country, on its profile's timeline: a link
    to it or the file itself."""

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="policy_documents",
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=15, choices=PolicyDocumentKind.choices
    )
    date = models.DateField(_("date"), help_text=_("Adopted, signed or ratified."))
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=policy_document_upload_to, blank=True)
    original_name = models.CharField(
        _("file name"), max_length=255, blank=True, editable=False
    )
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size"), default=0, editable=False)

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        ordering = ["country", "-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""),
                name="policy_document_has_link_or_file",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Its place on its country's profile's timeline."""
        return f"{self.country.get_absolute_url()}#document-{self.pk}"

    def get_file_url(self):
        if not self.file:
            return ""
        return reverse("countries:document_file", kwargs={"pk": self.pk})

    @property
    def file_format(self) -> str:
        return file_format(self.content_type)


class Indicator(TimestampedModel):
    """A statistic the i-Map can draw per country (a choropleth layer)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demonstration = models.BooleanField(
        _("demonstration data"),
        default=False,
        help_text=_("Its values are invented for the demonstration, not statistics."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]

    def __str__(self):
        return self.name


class IndicatorValue(TimestampedModel):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3)
    source = models.CharField(_("source"), max_length=200)
    source_url = models.URLField(_("link to the source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "country", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "country", "year"],
                name="indicator_value_once_a_year",
            ),
            models.CheckConstraint(
                condition=~Q(source=""), name="indicator_value_has_source"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.country} {self.year}: {self.value}"


class ProposalKind(models.TextChoices):
    OVERVIEW = "overview", _("New overview text")
    INSTITUTION_ADD = "institution_add", _("Institution to add")
    INSTITUTION_CHANGE = "institution_change", _("Institution to change")
    INSTITUTION_REMOVE = "institution_remove", _("Institution to remove")
    DOCUMENT_ADD = "document_add", _("Policy document to add")
    DOCUMENT_CHANGE = "document_change", _("Policy document to change")
    DOCUMENT_REMOVE = "document_remove", _("Policy document to remove")
    FIGURE_ADD = "figure_add", _("Key figure to add")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ProfileProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProposalStatus.PENDING)


class ProfileProposal(TimestampedModel):
    """An update to a country's profile proposed by one of its Focal Points:
    who, when, what (`changes`: the proposed values, by field name) and why;
    the Secretariat accepts it (applied) or declines it with a reason."""

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="profile_proposals",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="profile_proposals",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    policy_document = models.ForeignKey(
        PolicyDocument,
        verbose_name=_("policy document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    changes = models.JSONField(_("proposed values"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to=policy_document_upload_to, blank=True)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    reason = models.TextField(_("why"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    objects = ProfileProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed update")
        verbose_name_plural = _("proposed updates")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["country", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="declined_proposal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.country}"
