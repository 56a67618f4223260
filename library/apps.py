from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")

    def ready(self):
        from library.models import Document
        from library.selectors import library_documents
        from rabat.library import LibrarySource
        from rabat.library import register as library_register
        from rabat.search import SearchSource, public, register

        library_register(LibrarySource("library", library_documents))
        register(
            SearchSource(
                _("Founding text"),
                public(Document.objects.published),
                ("title", "summary"),
                "summary",
                date_field="date",
                kind="document",
                kind_label=_("Documents"),
            )
        )
