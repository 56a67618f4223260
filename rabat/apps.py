from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RabatConfig(AppConfig):
    name = "rabat"
    verbose_name = _("Public site and reference data")
