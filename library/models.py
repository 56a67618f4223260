"""The library's own records: the founding texts of the dialogue, managed by
the Secretariat (the other documents of the library belong to their apps)."""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rabat.languages import LANGUAGES
from rabat.models import Country, Theme, TimestampedModel
from rabat.uploads import file_format

# A text is in one of the site's languages, or in both.
TEXT_LANGUAGES = [*LANGUAGES, ("fr-en", _("French and English"))]


class DocumentKind(models.TextChoices):
    DECLARATION = "declaration", _("Declaration and action plan")
    PROGRAMME = "programme", _("Cooperation programme")
    STRATEGY = "strategy", _("Strategy")
    ROADMAP = "roadmap", _("Roadmap")
    OTHER = "other", _("Other text")


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_listing(self):
        """What the library shows of each, in a fixed number of queries."""
        return self.prefetch_related("themes", "countries")


def document_upload_to(instance, filename: str) -> str:
    """A generated name; only the extension (already checked) is kept."""
    return f"library/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Document(TimestampedModel):
    """A text of the dialogue that the Secretariat publishes in the library:
    a ministerial declaration, a programme, the strategy, its roadmap."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("The day it was adopted, when it is known (else the year only)."),
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    official_url = models.URLField(
        _("official link"),
        blank=True,
        help_text=_("The official publication of the text, if it is online."),
    )
    languages = models.CharField(
        _("language(s)"), max_length=5, choices=TEXT_LANGUAGES, default="fr-en"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="library_documents", blank=True
    )
    countries = models.ManyToManyField(
        Country,
        verbose_name=_("countries"),
        related_name="library_documents",
        blank=True,
    )
    file = models.FileField(
        _("file"),
        upload_to=document_upload_to,
        blank=True,
        help_text=_(
            "The text itself (PDF or office document), once the Secretariat has it."
        ),
    )
    original_name = models.CharField(
        _("file name"), max_length=255, blank=True, editable=False
    )
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size"), default=0, editable=False)
    is_published = models.BooleanField(_("published"), default=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("founding text")
        verbose_name_plural = _("founding texts")
        ordering = ["-year", "-date", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:document", kwargs={"slug": self.slug})

    def get_file_url(self):
        return reverse("library:file", kwargs={"slug": self.slug}) if self.file else ""

    def clean(self):
        if self.date and self.year and self.date.year != self.year:
            raise ValidationError(
                {"date": _("The date must fall in the year given.")},
                code="date_outside_year",
            )

    @property
    def file_format(self) -> str:
        return file_format(self.content_type)

    @property
    def language_codes(self) -> tuple[str, ...]:
        return ("fr", "en") if self.languages == "fr-en" else (self.languages,)
