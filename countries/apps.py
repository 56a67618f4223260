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

        from countries.maps import indicators_changed
        from countries.models import Indicator, IndicatorValue
        from rabat.cache import on_save_and_delete

        on_save_and_delete(indicators_changed, Indicator, IndicatorValue)
