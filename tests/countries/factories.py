import datetime

import factory

from countries.models import (
    CountryProfile,
    Indicator,
    IndicatorValue,
    KeyFigure,
    PolicyDocument,
    PolicyDocumentKind,
    ProfileStatus,
)
from rabat.models import Institution, InstitutionKind
from tests.factories import CountryFactory


class CountryProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryProfile

    country = factory.SubFactory(CountryFactory)
    overview_en = "An overview of the country's migration governance."
    overview_fr = "Un aperçu de la gouvernance des migrations du pays."
    status = ProfileStatus.PUBLISHED
    last_reviewed_on = datetime.date(2026, 10, 1)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    country = factory.SubFactory(CountryFactory)
    name_en = factory.Sequence(lambda n: f"Directorate of migration {n}")
    name_fr = factory.Sequence(lambda n: f"Direction des migrations {n}")
    kind = InstitutionKind.DIRECTORATE


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    country = factory.SubFactory(CountryFactory)
    label_en = "Emigrants"
    label_fr = "Émigrés"
    value_en = "500,000"
    value_fr = "500 000"
    reference_year = 2020
    source_en = "Demonstration source"
    source_fr = "Source de démonstration"
    source_url = "https://example.org/source"


class PolicyDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyDocument

    country = factory.SubFactory(CountryFactory)
    title_en = factory.Sequence(lambda n: f"Migration law {n}")
    title_fr = factory.Sequence(lambda n: f"Loi sur les migrations {n}")
    kind = PolicyDocumentKind.LAW
    date = datetime.date(2015, 6, 1)
    url = "https://example.org/law"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"indicator-{n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    name_fr = factory.Sequence(lambda n: f"Indicateur {n}")
    is_demonstration = True


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    country = factory.SubFactory(CountryFactory)
    year = 2020
    value = 10
    source = "Demonstration source"
