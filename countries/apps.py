from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    name = "countries"
    verbose_name = _("Countries and i-Map")

    def ready(self):
        # After modeltranslation has added the translated fields, so that
        # the history keeps them too.
        import simple_history

        from countries.models import CountryProfile, KeyFigure, PolicyDocument
        from rabat.models import Institution

        for model in (CountryProfile, KeyFigure, PolicyDocument):
            simple_history.register(model, app="countries")
        simple_history.register(Institution, app="countries")

        from countries.versions import connect_signals

        connect_signals()
