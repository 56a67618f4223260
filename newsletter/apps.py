from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Rabat Review")

    def ready(self):
        from newsletter.models import Article, Issue
        from rabat.search import SearchSource, public, register

        register(
            SearchSource(
                _("Rabat Review"),
                public(Issue.objects.published),
                ("title", "period", "introduction"),
                "introduction",
                date_field="published_at",
            )
        )
        register(
            SearchSource(
                _("Rabat Review article"),
                public(Article.objects.in_published_issues),
                ("title", "body"),
                "body",
            )
        )
