"""Forum names and descriptions in French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from forums.models import Forum


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("title", "description")
