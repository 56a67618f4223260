"""Library texts in French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from library.models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "summary")
