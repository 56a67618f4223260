"""factory_boy factories: test data built in code."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from rabat.models import (
    Country,
    NewsItem,
    Objective,
    Organisation,
    Page,
    Pillar,
    Region,
    Theme,
    User,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )


# Generated country codes: those starting with Q, X or Z first (no test names
# one: tests use real codes such as "SN" or "BE"), then all others.
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
GENERATED_ISO_CODES = sorted(
    (first + second for first in _LETTERS for second in _LETTERS),
    key=lambda code: (code[0] not in "QXZ", code),
)


def unused_iso_code(n: int) -> str:
    """The n-th generated code, or the next one no country of this test has
    taken: a test's CountryFactory(iso_code="SN") and a generated country
    must never turn out to be the same row."""
    taken = set(Country.objects.values_list("iso_code", flat=True))
    for offset in range(len(GENERATED_ISO_CODES)):
        code = GENERATED_ISO_CODES[(n + offset) % len(GENERATED_ISO_CODES)]
        if code not in taken:
            return code
    raise RuntimeError("Every two-letter country code is taken.")


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["iso_code"]

    iso_code = factory.Sequence(unused_iso_code)
    name_fr = factory.Sequence(lambda n: f"Pays {n}")
    name_en = factory.Sequence(lambda n: f"Country {n}")
    region = Region.AFRICA


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    acronym_fr = factory.Sequence(lambda n: f"ORG{n}")
    acronym_en = factory.Sequence(lambda n: f"ORG{n}")
    name_fr = factory.Sequence(lambda n: f"Organisation {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "observer"


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar

    number = factory.Sequence(lambda n: n + 1)
    title_fr = factory.Sequence(lambda n: f"Pilier {n}")
    title_en = factory.Sequence(lambda n: f"Pillar {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    number = factory.Sequence(lambda n: n + 1)
    pillar = factory.SubFactory(PillarFactory)
    title_fr = factory.Sequence(lambda n: f"Objectif {n}")
    title_en = factory.Sequence(lambda n: f"Objective {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    title_fr = factory.Sequence(lambda n: f"Thème {n}")
    title_en = factory.Sequence(lambda n: f"Theme {n}")
    objective = factory.SubFactory(ObjectiveFactory)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ["slug"]

    slug = Page.Slug.ABOUT
    title_fr = "À propos"
    title_en = "About"
    body_fr = "Le dialogue."
    body_en = "The dialogue."


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    slug = factory.Sequence(lambda n: f"news-{n}")
    title_fr = factory.Sequence(lambda n: f"Actualité {n}")
    title_en = factory.Sequence(lambda n: f"News item {n}")
    summary_fr = "Résumé de l'actualité."
    summary_en = "Summary of the news item."
    body_fr = "Le texte de l'actualité."
    body_en = "The text of the news item."
    published_at = factory.LazyFunction(timezone.now)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contacts.Contact"

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    position = "Director of migration"
    organisation = "Ministry of the Interior"
    country = factory.SubFactory(CountryFactory)
    last_verified_at = factory.LazyFunction(timezone.now)


class ContactRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contacts.ContactRole"

    contact = factory.SubFactory(ContactFactory)
    kind = "focal_point"
    start_date = factory.LazyFunction(lambda: timezone.localdate().replace(year=2013))
