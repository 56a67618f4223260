"""Reads of the public site that gather what several apps add to it.

The partners page lists each country with what other apps know of it (the
meetings it hosted or co-chaired): those apps register a country detail from
their `AppConfig.ready()`, so that rabat imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from rabat.models import Country, Organisation, OrganisationKind, PartnerStatus, Region


@dataclass(frozen=True)
class CountryDetail:
    """Something an app shows under each country of the partners page."""

    attach: Callable[[list[Country]], None]  # sets attributes on the countries
    template_name: str  # rendered with `country` in its context


_country_details: list[CountryDetail] = []


def register_country_detail(detail: CountryDetail) -> None:
    _country_details.append(detail)


def partners_page_data() -> dict:
    """The partners page's countries by region, observers and organisations,
    with the registered country details attached, in a fixed number of queries."""
    countries = list(Country.objects.all())
    organisations = list(Organisation.objects.all())
    for detail in _country_details:
        detail.attach(countries)
    partners = [c for c in countries if c.status == PartnerStatus.PARTNER]
    return {
        "partner_regions": [
            (label, [c for c in partners if c.region == region])
            for region, label in Region.choices
        ],
        "partner_count": len(partners),
        "observer_countries": [
            c for c in countries if c.status == PartnerStatus.OBSERVER
        ],
        "organisation_groups": [
            (label, [o for o in organisations if o.kind == kind])
            for kind, label in OrganisationKind.choices
        ],
        "country_detail_templates": [d.template_name for d in _country_details],
    }
