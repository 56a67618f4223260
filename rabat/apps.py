from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_groups_after_migrate(sender, using, apps=None, **kwargs):
    # `migrate` passes the migration state's apps; `flush` passes none.
    from django.apps import apps as global_apps

    from rabat.roles import ensure_groups

    ensure_groups(apps or global_apps, using=using)


class RabatAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the portal's site (rabat.admin_site)."""

    default = False
    default_site = "rabat.admin_site.RabatAdminSite"


class RabatConfig(AppConfig):
    name = "rabat"
    verbose_name = _("Public site and reference data")

    def ready(self):
        # After `flush` too (the browser tests empty the database after each
        # test), so that the groups, reference data, always exist.
        post_migrate.connect(
            ensure_groups_after_migrate,
            dispatch_uid="rabat.ensure_groups",
        )
        register_search_sources()
        register_content_links()


def register_content_links():
    """The news related to tagged content and on a theme's page."""
    from rabat.selectors import (
        RelatedSection,
        ThemeSection,
        register_related_section,
        register_theme_section,
        related_news,
        theme_news,
    )

    register_related_section(
        RelatedSection(related_news, "rabat/_related_news.html", order=30)
    )
    register_theme_section(ThemeSection(theme_news, "rabat/_theme_news.html", order=40))


def register_search_sources():
    """The public site's content in the site search (see rabat.search)."""
    from rabat.models import (
        Country,
        NewsItem,
        Objective,
        Organisation,
        Page,
        Pillar,
        Theme,
    )
    from rabat.search import SearchSource, public, register

    register(
        SearchSource(
            _("News"),
            public(NewsItem.objects.published),
            ("title", "summary", "body"),
            "body",
            date_field="published_at",
            kind="news",
            kind_label=_("News"),
            document_field="search_document",
            title_document_field="search_title",
        )
    )
    register(
        SearchSource(
            _("Page"),
            # The home page only leads to the others: never a result.
            public(lambda: Page.objects.exclude(slug=Page.Slug.HOME)),
            ("title", "intro", "body"),
            "body",
            kind="page",
            kind_label=_("Pages"),
            document_field="search_document",
        )
    )
    register(
        SearchSource(
            _("Theme"),
            public(Theme.objects.all),
            ("title", "summary", "description"),
            "description",
            kind="theme",
            kind_label=_("Themes"),
        )
    )
    register(
        SearchSource(
            _("Strategy objective"),
            public(Objective.objects.all),
            ("title", "description"),
            "description",
            kind="strategy",
            kind_label=_("Strategy"),
        )
    )
    register(
        SearchSource(
            _("Strategy pillar"),
            public(Pillar.objects.all),
            ("title", "description"),
            "description",
            kind="strategy",
            kind_label=_("Strategy"),
        )
    )
    register(
        SearchSource(
            _("Country"),
            public(Country.objects.all),
            ("name",),
            "name",
            kind="country",
            kind_label=_("Countries"),
            promoted=True,
        )
    )
    register(
        SearchSource(
            _("Organisation"),
            public(Organisation.objects.all),
            ("acronym", "name", "description"),
            "description",
            kind="organisation",
            kind_label=_("Organisations"),
        )
    )
