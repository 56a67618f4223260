"""The country profiles, their institutions and policy documents in the site
search: published profiles only."""

import pytest
from django.db import connection
from django.utils import translation

from countries.models import CountryProfile, PolicyDocument, ProfileStatus
from rabat.models import Institution
from rabat.search import site_search
from tests.countries.factories import (
    CountryProfileFactory,
    InstitutionFactory,
    PolicyDocumentFactory,
)
from tests.search_plans import search_plan, search_source_of, site_search_plan

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search runs on PostgreSQL; SQLite has the icontains fallback",
)


@pytest.fixture
def profiles():
    published = CountryProfileFactory(
        country__name_en="Senegal",
        country__name_fr="Sénégal",
        overview_en="Senegal hosted the Dakar meeting on migration data.",
        overview_fr="Le Sénégal a accueilli la réunion de Dakar.",
    )
    draft = CountryProfileFactory(
        country__name_en="Draftland",
        status=ProfileStatus.DRAFT,
        overview_en="A draft about the Dakar meeting too.",
    )
    for profile, name in ((published, "Published"), (draft, "Draft")):
        InstitutionFactory(
            country=profile.country,
            name_en=f"{name} Agency for Diaspora Affairs",
            competences_en="Supports the diaspora.",
        )
        PolicyDocumentFactory(
            country=profile.country,
            title_en=f"{name} national migration strategy",
            summary_en="A strategy on diaspora engagement.",
        )
    return published


def titles(query):
    with translation.override("en"):
        return [result.title for result in site_search(query)]


def test_published_profiles_are_found_by_their_overview(profiles):
    results = [r for r in site_search("hosted") if r.label == "Country profile"]
    assert [result.title for result in results] == ["Senegal"]
    assert results[0].url == profiles.country.get_absolute_url()


def test_institutions_and_documents_of_published_profiles_only(profiles):
    found = titles("diaspora")
    assert "Published Agency for Diaspora Affairs \u2013 Senegal" in found
    assert "Published national migration strategy \u2013 Senegal" in found
    assert not [title for title in found if title.startswith("Draft")]


def test_results_lead_to_their_place_on_the_profile(profiles):
    institution = Institution.objects.get(name_en__startswith="Published")
    document = PolicyDocument.objects.get(title_en__startswith="Published")
    urls = {result.title: result.url for result in site_search("diaspora")}
    profile_url = profiles.country.get_absolute_url()
    assert urls[f"{institution} \u2013 Senegal"] == (
        f"{profile_url}#institution-{institution.pk}"
    )
    assert urls[f"{document} \u2013 Senegal"] == f"{profile_url}#document-{document.pk}"


def test_the_country_name_leads_to_the_profile_page(profiles):
    results = site_search("Senegal")
    assert results[0].title == "Senegal"
    assert results[0].url == profiles.country.get_absolute_url()


@postgresql_only
@pytest.mark.parametrize(
    ("model", "index"),
    [
        (CountryProfile, "country_profile_search_idx"),
        (Institution, "institution_search_idx"),
        (PolicyDocument, "policy_document_search_idx"),
    ],
)
def test_the_search_uses_the_gin_indexes(profiles, model, index):
    assert index in search_plan(model)
    assert index in site_search_plan(model, "diaspora")


@postgresql_only
def test_the_french_search_ignores_accents(profiles):
    with translation.override("fr"):
        source = search_source_of(CountryProfile)
        results = site_search("senegal", sources=[source])
    assert [result.title for result in results] == ["Sénégal"]
