from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self):
        from forums.selectors import POST_SEARCH, TOPIC_SEARCH
        from rabat.search import register

        register(POST_SEARCH)
        register(TOPIC_SEARCH)
