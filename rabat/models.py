"""Reference data every app shares, the public site's content and the User."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rabat import roles
from rabat.languages import DEFAULT_LANGUAGE, LANGUAGES


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


# --- Users ----------------------------------------------------------------------


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who can log in; the login is the email address."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=LANGUAGES,
        default=DEFAULT_LANGUAGE,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def role_labels(self):
        group_names = roles.effective_roles(self).group_names
        return [
            label for name, label in roles.GROUP_LABELS.items() if name in group_names
        ]


# --- Reference data ---------------------------------------------------------------


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    EUROPE = "europe", _("Europe")


class PartnerStatus(models.TextChoices):
    PARTNER = "partner", _("Partner")
    OBSERVER = "observer", pgettext_lazy("country", "Observer")
    FORMER = "former", _("Former partner")


class CountryQuerySet(models.QuerySet):
    def partners(self):
        return self.filter(status=PartnerStatus.PARTNER)

    def observers(self):
        return self.filter(status=PartnerStatus.OBSERVER)


class Country(TimestampedModel):
    iso_code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2.")
    )
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PartnerStatus.choices,
        default=PartnerStatus.PARTNER,
    )
    partner_since = models.PositiveSmallIntegerField(
        _("partner since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2006), MaxValueValidator(2100)],
        help_text=_("The year the country joined the dialogue."),
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(iso_code__regex=r"^[A-Z]{2}$"),
                name="country_iso_code_two_capitals",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("countries:profile", kwargs={"iso2": self.iso_code.lower()})


class OrganisationKind(models.TextChoices):
    PARTNER = "partner", _("Partner organisation")
    OBSERVER = "observer", pgettext_lazy("organisation", "Observer")
    IMPLEMENTING = "implementing", _("Implementing organisation")


class Organisation(TimestampedModel):
    acronym = models.CharField(_("acronym"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=15, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name

    def get_absolute_url(self):
        return f"{reverse('rabat:partners')}#organisation-{self.slug}"


class Pillar(TimestampedModel):
    """One of the three pillars of the Dakar Strategy."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("strategy pillar")
        verbose_name_plural = _("strategy pillars")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{reverse('rabat:strategy')}#pillar-{self.number}"


class Objective(TimestampedModel):
    """An objective of the Dakar Strategy; without a pillar it is cross-cutting."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("pillar"),
        on_delete=models.PROTECT,
        related_name="objectives",
        null=True,
        blank=True,
        help_text=_("Leave empty for a cross-cutting objective."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("strategy objective")
        verbose_name_plural = _("strategy objectives")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{reverse('rabat:strategy')}#objective-{self.number}"

    @property
    def is_cross_cutting(self):
        return self.pillar_id is None


class Theme(TimestampedModel):
    """A thematic priority chosen by the Steering Committee."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("related objective"),
        on_delete=models.PROTECT,
        related_name="themes",
        null=True,
        blank=True,
    )
    is_cross_cutting = models.BooleanField(_("cross-cutting theme"), default=False)
    is_priority = models.BooleanField(_("current priority"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("rabat:theme_detail", kwargs={"slug": self.slug})


class InstitutionKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    DIRECTORATE = "directorate", _("Directorate or department")
    AGENCY = "agency", _("Agency or office")
    PARLIAMENT = "parliament", _("Parliamentary body")
    OTHER = "other", _("Other public body")


class Institution(TimestampedModel):
    """A national institution in charge of migration: shown on its country's
    profile, and named by the knowledge tools (guides, initiatives,
    assistance requests, practices)."""

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    name = models.CharField(_("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=15, choices=InstitutionKind.choices)
    competences = models.TextField(
        _("competences"),
        blank=True,
        help_text=_("What it is in charge of, in a few sentences."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="institutions", blank=True
    )
    objectives = models.ManyToManyField(
        Objective,
        verbose_name=_("Dakar Strategy objectives"),
        related_name="institutions",
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["country", "position", "name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        """Its place on its country's profile."""
        return f"{self.country.get_absolute_url()}#institution-{self.pk}"


# --- Content ---------------------------------------------------------------------


class StoredSearchDocumentManager(models.Manager):
    """For a model whose site-search documents are stored in its columns
    (rabat.search, SearchSource.document_field and title_document_field):
    the database reads them, rows are loaded without them."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .defer(
                *(
                    field.name
                    for field in self.model._meta.concrete_fields
                    if isinstance(field, SearchVectorField)
                )
            )
        )


def search_document_field():
    # Kept by a PostgreSQL trigger (the migration that adds it); empty on
    # SQLite, whose search does not use it.
    return SearchVectorField(null=True, editable=False)


class Page(TimestampedModel):
    """The editable text of a page of the public site."""

    class Slug(models.TextChoices):
        HOME = "home", _("Home")
        ABOUT = "about", _("About")
        STRATEGY = "strategy", _("Strategy")
        THEMES = "themes", _("Themes")
        PARTNERS = "partners", _("Partners")

    slug = models.CharField(_("page"), max_length=20, choices=Slug.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    search_document = search_document_field()

    objects = StoredSearchDocumentManager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"rabat:{self.slug}")


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, published_at__lte=timezone.now())


class NewsItem(TimestampedModel):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    published_at = models.DateTimeField(_("publication date"), default=timezone.now)
    is_published = models.BooleanField(_("published"), default=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="news_items", blank=True
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), related_name="news_items", blank=True
    )
    # A string reference: rabat's modules import no app above rabat.
    meetings = models.ManyToManyField(
        "meetings.Meeting",
        verbose_name=_("meetings"),
        related_name="news_items",
        blank=True,
    )
    search_document = search_document_field()
    search_title = search_document_field()

    objects = StoredSearchDocumentManager.from_queryset(NewsItemQuerySet)()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["is_published", "-published_at"], name="news_published_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("rabat:news_detail", kwargs={"slug": self.slug})
