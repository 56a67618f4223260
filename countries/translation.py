"""Content fields translated with django-modeltranslation (French, English)."""

from modeltranslation.translator import TranslationOptions, register

from countries.models import CountryProfile, Indicator, KeyFigure, PolicyDocument


@register(CountryProfile)
class CountryProfileTranslation(TranslationOptions):
    fields = ("overview", "private_notes")


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ("label", "value", "source")


@register(PolicyDocument)
class PolicyDocumentTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit", "description")
