"""A country's profile page: what the public, members and the Secretariat see."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from countries.models import ProfileStatus
from tests.contacts.conftest import current_contact
from tests.countries.factories import (
    CountryProfileFactory,
    InstitutionFactory,
    KeyFigureFactory,
    PolicyDocumentFactory,
)
from tests.factories import CountryFactory, NewsItemFactory, ThemeFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def senegal():
    return CountryFactory(iso_code="SN", name_en="Senegal", name_fr="Sénégal")


def page(client, country, language="en"):
    response = client.get(f"/{language}/countries/{country.iso_code.lower()}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_profile_shows_its_sections_in_each_language(client, senegal):
    CountryProfileFactory(country=senegal)
    InstitutionFactory(
        country=senegal, name_en="Directorate of Senegalese abroad", acronym_en="DSE"
    )
    KeyFigureFactory(country=senegal, label_en="Emigrants", reference_year=2019)
    PolicyDocumentFactory(country=senegal, title_en="Law on trafficking")
    content = page(client, senegal)
    assert "<h1" in content and "Senegal" in content
    assert "An overview of the country" in content
    assert "Directorate of Senegalese abroad" in content
    assert "Emigrants" in content and "2019" in content
    assert "Demonstration source" in content
    assert "Law on trafficking" in content
    assert "in preparation" not in content
    french = page(client, senegal, "fr")
    assert "Sénégal" in french
    assert "Un aperçu de la gouvernance" in french


def test_a_draft_profile_is_in_preparation_for_the_public(client, senegal):
    CountryProfileFactory(country=senegal, status=ProfileStatus.DRAFT)
    InstitutionFactory(country=senegal, name_en="Secret directorate")
    content = page(client, senegal)
    assert "in preparation" in content
    assert "Secret directorate" not in content


def test_a_country_without_a_profile_shows_what_the_portal_knows(client, senegal):
    MeetingFactory(title_en="Dakar ministerial conference", host_country=senegal)
    chaired = MeetingFactory(title_en="Thematic meeting on borders")
    chaired.co_chairs.add(senegal)
    news = NewsItemFactory(title_en="Senegal joins the dialogue")
    news.countries.add(senegal)
    content = page(client, senegal)
    assert "in preparation" in content
    assert "Dakar ministerial conference" in content
    assert "Thematic meeting on borders" in content
    assert "Senegal joins the dialogue" in content
    assert "African partner" in content


def test_members_also_see_the_contacts_and_the_private_notes(member_client, senegal):
    CountryProfileFactory(country=senegal, private_notes_en="Call before the SOM.")
    current_contact(country=senegal, last_name="Diallo")
    public = page(Client(), senegal)
    assert "Call before the SOM." not in public
    assert "Diallo" not in public
    members = page(member_client, senegal)
    assert "Call before the SOM." in members
    assert "Diallo" in members


def test_an_unknown_country_is_not_found(client):
    assert client.get("/en/countries/zz/").status_code == 404


def test_the_profile_reads_a_fixed_number_of_queries(client, senegal):
    CountryProfileFactory(country=senegal)

    def add_one_of_each():
        InstitutionFactory(country=senegal).themes.add(ThemeFactory())
        PolicyDocumentFactory(country=senegal)
        KeyFigureFactory(country=senegal)
        MeetingFactory(host_country=senegal).co_chairs.add(senegal)
        NewsItemFactory().countries.add(senegal)

    def count():
        with CaptureQueriesContext(connection) as queries:
            page(client, senegal)
        return len(queries)

    add_one_of_each()
    before = count()
    for _ in range(9):
        add_one_of_each()
    assert count() == before


def test_a_profile_loads_nothing_from_another_site(client, senegal):
    """Its images, styles and scripts are the portal's own (the flag is
    vendored): only links may lead elsewhere (an institution's website)."""
    CountryProfileFactory(country=senegal)
    InstitutionFactory(country=senegal, website="https://example.org/ministry")
    content = page(client, senegal)
    assert "https://example.org/ministry" in content
    resources = re.findall(r"<(?:img|script|link|source|iframe)\b[^>]*>", content)
    assert resources
    for tag in resources:
        assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), tag
    assert "/static/vendor/flag-icons/flags/4x3/sn" in content


def test_the_secretariat_sees_a_draft_profile_before_it_is_published(
    secretariat_client, senegal
):
    CountryProfileFactory(country=senegal, status=ProfileStatus.DRAFT)
    InstitutionFactory(country=senegal, name_en="Directorate in preparation")
    content = page(secretariat_client, senegal)
    assert "Directorate in preparation" in content
    assert "Draft" in content
