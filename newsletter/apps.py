from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Rabat Review")

    def ready(self):
        from newsletter.selectors import library_documents
        from rabat import library

        library.register(library.LibrarySource("newsletter", library_documents))
        from newsletter.models import Article, Issue
        from rabat.search import SearchSource, public, register

        register(
            SearchSource(
                _("Rabat Review"),
                public(Issue.objects.published),
                ("title", "period", "introduction"),
                "introduction",
                date_field="published_at",
                kind="review",
                kind_label=_("Rabat Review"),
            )
        )
        register(
            SearchSource(
                _("Rabat Review article"),
                public(Article.objects.in_published_issues),
                ("title", "body"),
                "body",
                kind="review",
                kind_label=_("Rabat Review"),
                document_field="search_document",
            )
        )
