"""Demo library: the founding texts come from the data migration; the demo
tags each with the country that hosted its adoption (once the partner
countries exist), so that the country facet has something to show. The
library's other documents are the demo meetings' public documents and the
demo Review PDFs, loaded by their apps.

A text whose countries the Secretariat has set is left alone (`reset`
restores the demo's).
"""

from django.db import transaction

from library.models import Document
from rabat.demo import register
from rabat.models import Country

HOST_COUNTRIES = {
    "rabat-declaration-and-action-plan": "MA",
    "paris-cooperation-programme": "FR",
    "dakar-strategy": "SN",
    "dakar-strategy-roadmap": "ES",
}


@register("library", order=70)
@transaction.atomic
def load_library(*, reset: bool = False) -> int:
    """Tag the founding texts with their host countries; returns how many
    founding texts there are."""
    countries = Country.objects.in_bulk(HOST_COUNTRIES.values(), field_name="iso_code")
    documents = Document.objects.filter(slug__in=HOST_COUNTRIES).prefetch_related(
        "countries"
    )
    for document in documents:
        country = countries.get(HOST_COUNTRIES[document.slug])
        if country and (reset or not document.countries.all()):
            document.countries.set([country])
    return Document.objects.count()
