"""Rabat Review texts in French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from newsletter.models import Article, Issue


@register(Issue)
class IssueTranslation(TranslationOptions):
    fields = ("period", "title", "introduction")


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "body", "image_description")
