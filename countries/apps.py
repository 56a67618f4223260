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
        register_search_sources()

        from countries.maps import indicators_changed
        from countries.models import Indicator, IndicatorValue
        from rabat.cache import on_save_and_delete

        on_save_and_delete(indicators_changed, Indicator, IndicatorValue)

        from countries.versions import connect_signals

        connect_signals()
        register_meetings_layer()


def register_meetings_layer():
    """The i-Map's layer of the meetings each country hosted or co-chaired
    (from the calendar: countries reads meetings, not the reverse)."""
    from countries.maps import Layer, meetings_described, register_layer
    from countries.selectors import meetings_per_country
    from meetings.versions import MEETINGS_VERSION_KEY

    register_layer(
        Layer(
            "meetings",
            _("Meetings hosted or co-chaired"),
            meetings_per_country,
            versions=(MEETINGS_VERSION_KEY,),
            order=10,
            describe=meetings_described,
        )
    )


def register_search_sources():
    """The published profiles, their institutions and their policy documents
    in the site search (see rabat.search); the country's name is found by
    rabat's country source, which leads to the same profile page."""
    from countries.models import CountryProfile, PolicyDocument, ProfileStatus
    from rabat.models import Institution
    from rabat.search import SearchSource, public, register

    published = {"country__profile__status": ProfileStatus.PUBLISHED}
    register(
        SearchSource(
            _("Country profile"),
            public(
                lambda: CountryProfile.objects.published().select_related("country")
            ),
            ("overview",),
            "overview",
            kind="country",
            kind_label=_("Countries"),
            promoted=True,
        )
    )
    register(
        SearchSource(
            _("Institution"),
            public(
                lambda: Institution.objects.filter(**published).select_related(
                    "country"
                )
            ),
            ("name", "acronym", "competences"),
            "competences",
            title=_with_country,
            kind="institution",
            kind_label=_("Institutions"),
        )
    )
    register(
        SearchSource(
            _("Policy document"),
            public(
                lambda: PolicyDocument.objects.filter(**published).select_related(
                    "country"
                )
            ),
            ("title", "summary"),
            "summary",
            date_field="date",
            title=_with_country,
            kind="policy_document",
            kind_label=_("Policy documents"),
        )
    )


def _with_country(row) -> str:
    """An institution's or a document's title in the results, with its
    country: many countries have a ministry of the interior."""
    return f"{row} \u2013 {row.country}"
