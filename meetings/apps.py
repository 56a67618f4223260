from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from meetings.selectors import library_documents
        from meetings.versions import connect_signals
        from rabat import library

        connect_signals()

        library.register(library.LibrarySource("meetings", library_documents))
        from meetings.models import Meeting
        from meetings.selectors import (
            related_meetings,
            theme_documents,
            theme_meetings,
        )
        from rabat.search import SearchSource, public, register
        from rabat.selectors import (
            RelatedSection,
            ThemeSection,
            register_related_section,
            register_theme_section,
        )

        register_related_section(
            RelatedSection(related_meetings, "meetings/_related_meetings.html", 10)
        )
        register_theme_section(
            ThemeSection(theme_meetings, "meetings/_theme_meetings.html", 10)
        )
        register_theme_section(
            ThemeSection(theme_documents, "meetings/_theme_documents.html", 30)
        )

        register(
            SearchSource(
                _("Meeting"),
                public(Meeting.objects.published),
                ("title", "city", "aims", "summary", "outcome"),
                "summary",
                date_field="start_date",
                kind="meeting",
                kind_label=_("Meetings"),
                document_field="search_document",
                title_document_field="search_title",
            )
        )
