"""Meeting texts in French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from meetings.models import AgendaItem, Meeting, MeetingDocument


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "city", "venue", "aims", "summary", "outcome")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "speakers", "description")


@register(MeetingDocument)
class MeetingDocumentTranslation(TranslationOptions):
    fields = ("title",)
