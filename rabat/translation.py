"""Content fields translated with django-modeltranslation (French, English)."""

from modeltranslation.translator import TranslationOptions, register

from rabat.models import (
    Country,
    Institution,
    NewsItem,
    Objective,
    Organisation,
    Page,
    Pillar,
    Theme,
)


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "acronym", "competences")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("acronym", "name", "description")


@register(Pillar)
class PillarTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "intro", "body")


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
