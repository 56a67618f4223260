from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self):
        from forums.selectors import POST_SEARCH, TOPIC_SEARCH, theme_forums
        from forums.versions import connect_signals
        from rabat.search import register
        from rabat.selectors import ThemeSection, register_theme_section

        connect_signals()
        register(POST_SEARCH)
        register(TOPIC_SEARCH)
        register_theme_section(
            ThemeSection(theme_forums, "forums/_theme_forums.html", 20)
        )
