import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, RoleKind
from contacts.services import directory_changed, role_handover
from tests.conftest import make_user
from tests.contacts.conftest import current_contact
from tests.factories import (
    ContactFactory,
    ContactRoleFactory,
    CountryFactory,
    OrganisationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="accent-folding and typo-tolerant search run on PostgreSQL",
)


@pytest.fixture
def senegal():
    return CountryFactory(iso_code="SN", name_fr="Sénégal", name_en="Senegal")


def listed_names(client, **params):
    response = client.get(reverse("contacts:list"), params)
    assert response.status_code == 200
    return {contact.last_name for contact in response.context["contacts"]}


def test_directory_lists_current_contacts_and_hides_former_ones(member_client):
    current_contact(last_name="Current")
    former = ContactFactory(last_name="Former")
    ContactRoleFactory(
        contact=former,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2012, 12, 31),
    )
    assert listed_names(member_client) == {"Current"}
    assert listed_names(member_client, former="on") == {"Current", "Former"}
    content = member_client.get(
        reverse("contacts:list"), {"former": "on"}
    ).content.decode()
    assert "Former contact" in content


def test_search_by_name_position_organisation_and_email(member_client):
    current_contact(last_name="Diallo", position="Head of statistics")
    current_contact(
        last_name="Novak",
        organisation="Border Police",
        email="novak@police.example.org",
    )
    assert listed_names(member_client, q="diallo") == {"Diallo"}
    assert listed_names(member_client, q="statistics") == {"Diallo"}
    assert listed_names(member_client, q="Border Police") == {"Novak"}
    assert listed_names(member_client, q="novak@police") == {"Novak"}


def test_search_by_country_name(member_client, senegal):
    current_contact(last_name="Ndiaye", country=senegal)
    current_contact(last_name="Other")
    assert listed_names(member_client, q="Sénégal") == {"Ndiaye"}
    assert listed_names(member_client, q="Senegal") == {"Ndiaye"}


@postgresql_only
@pytest.mark.parametrize("query", ["senegal", "SENEGAL", "Sénégal", "Senagal"])
def test_search_ignores_accents_case_and_typos(member_client, senegal, query):
    current_contact(last_name="Ndiaye", country=senegal)
    current_contact(
        last_name="Other", country=CountryFactory(name_en="Belgium", name_fr="Belgique")
    )
    assert listed_names(member_client, q=query) == {"Ndiaye"}


def test_filters_by_country_region_role_theme_and_steering_committee(
    member_client, senegal
):
    belgium = CountryFactory(iso_code="BE", name_en="Belgium", region="europe")
    theme = ThemeFactory()
    africa_fp = current_contact(last_name="Africa", country=senegal)
    europe = ContactFactory(last_name="Europe", country=belgium)
    ContactRoleFactory(contact=europe, kind=RoleKind.THEMATIC_CONTACT, theme=theme)
    ContactRoleFactory(contact=africa_fp, kind=RoleKind.STEERING_COMMITTEE)
    organisation = ContactFactory(
        last_name="Organisation",
        country=None,
        partner_organisation=OrganisationFactory(),
    )
    ContactRoleFactory(contact=organisation, kind=RoleKind.OBSERVER_REPRESENTATIVE)

    assert listed_names(member_client, country=senegal.pk) == {"Africa"}
    assert listed_names(member_client, region="europe") == {"Europe"}
    assert listed_names(member_client, region="organisations") == {"Organisation"}
    assert listed_names(member_client, role=RoleKind.THEMATIC_CONTACT) == {"Europe"}
    assert listed_names(member_client, theme=theme.pk) == {"Europe"}
    assert listed_names(member_client, steering_committee="on") == {"Africa"}


def test_invalid_filters_show_the_whole_directory(member_client):
    current_contact(last_name="Anyone")
    assert listed_names(member_client, country="not-a-number") == {"Anyone"}


def test_sorts_by_name_or_last_verification(member_client):
    now = timezone.now()
    current_contact(last_name="Zulu", last_verified_at=now)
    current_contact(
        last_name="Alpha", last_verified_at=now - datetime.timedelta(days=30)
    )
    response = member_client.get(reverse("contacts:list"))
    assert [c.last_name for c in response.context["contacts"]] == ["Alpha", "Zulu"]
    response = member_client.get(reverse("contacts:list"), {"sort": "-verified"})
    assert [c.last_name for c in response.context["contacts"]] == ["Zulu", "Alpha"]


def test_directory_is_paginated_and_keeps_the_filters(member_client, senegal):
    for number in range(30):
        current_contact(last_name=f"Person{number:02d}", country=senegal)
    response = member_client.get(reverse("contacts:list"), {"country": senegal.pk})
    content = response.content.decode()
    assert "30 contacts" in content
    assert f"country={senegal.pk}&amp;page=2" in content
    response = member_client.get(
        reverse("contacts:list"), {"country": senegal.pk, "page": 2}
    )
    assert len(response.context["contacts"]) == 5


def test_empty_result_says_so(member_client):
    content = member_client.get(
        reverse("contacts:list"), {"q": "nobody"}
    ).content.decode()
    assert "No contact matches" in content


def test_contact_card_shows_details_roles_and_links(member_client, senegal):
    successor = current_contact(last_name="Successor")
    contact = ContactFactory(
        civility="dr",
        first_name="Aïssatou",
        last_name="Keïta",
        country=senegal,
        office_phone="+221338211234",
        languages=["fr", "en"],
    )
    ContactRoleFactory(contact=contact, kind=RoleKind.FOCAL_POINT)
    ContactRoleFactory(
        contact=contact,
        kind=RoleKind.ALTERNATE_FOCAL_POINT,
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2012, 12, 31),
        successor=successor,
    )
    content = member_client.get(
        f"/en/focal-points/contacts/{contact.pk}/"
    ).content.decode()
    assert "Dr Aïssatou Keïta" in content
    assert "National Focal Point" in content
    assert "Past roles" in content
    assert "Alternate Focal Point" in content
    assert f'href="mailto:{contact.email}"' in content
    assert 'href="tel:+221338211234"' in content
    assert "English" in content
    assert successor.get_absolute_url() in content


def test_optional_fields_follow_the_contacts_choice(client):
    contact = current_contact(
        mobile_phone="+32470123456",
        personal_email="home@example.org",
        show_mobile_phone=False,
        show_personal_email=False,
    )
    client.force_login(make_user("focal_point"))
    content = client.get(contact.get_absolute_url()).content.decode()
    assert "+32470123456" not in content
    assert "home@example.org" not in content

    client.force_login(make_user("secretariat"))
    content = client.get(contact.get_absolute_url()).content.decode()
    assert "tel:+32470123456" in content
    assert "home@example.org" in content

    Contact.objects.filter(pk=contact.pk).update(show_mobile_phone=True)
    client.force_login(make_user("focal_point"))
    content = client.get(contact.get_absolute_url()).content.decode()
    assert "tel:+32470123456" in content
    assert "home@example.org" not in content


def test_unknown_contact_is_not_found(member_client):
    assert (
        member_client.get(reverse("contacts:detail", args=[999999])).status_code == 404
    )


def test_the_directory_shows_its_cached_results_until_contacts_change(
    member_client, django_capture_on_commit_callbacks
):
    current_contact(last_name="Diallo")
    url = reverse("contacts:list")
    assert "Diallo" in member_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        content = member_client.get(url).content.decode()
    assert "Diallo" in content and "1 contact" in content
    assert not any("contacts_contact" in q["sql"] for q in queries.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        current_contact(last_name="Ndiaye")
        directory_changed()  # as the services and the back office do
    content = member_client.get(url).content.decode()
    assert "Ndiaye" in content and "2 contacts" in content


def test_a_page_past_the_last_one_is_not_found(member_client):
    current_contact(last_name="Diallo")
    url = reverse("contacts:list")
    assert member_client.get(url, {"page": "2"}).status_code == 404
    assert member_client.get(url, {"page": "nine"}).status_code == 404
    assert member_client.get(url, {"page": "last"}).status_code == 200


def test_a_card_shows_a_handover_and_an_edit_at_the_next_visit(
    member_client, django_capture_on_commit_callbacks
):
    """Cards are kept in the cache under what they show: a role handed over
    and a contact saved (the back office, the profile) show at once."""
    contact = current_contact(last_name="Handing", position="Director")
    successor = current_contact(last_name="Taking")
    role = contact.roles.get()
    role.start_date = datetime.date(2020, 1, 1)
    role.save()
    content = member_client.get(contact.get_absolute_url()).content.decode()
    assert "Former contact" not in content
    with django_capture_on_commit_callbacks(execute=True):
        role_handover(role=role, successor=successor)
    content = member_client.get(contact.get_absolute_url()).content.decode()
    assert "Former contact" in content
    assert "handed over to" in content
    contact.position = "Adviser"
    contact.save()
    content = member_client.get(contact.get_absolute_url()).content.decode()
    assert "Adviser" in content
    assert "Director" not in content


@postgresql_only
def test_a_word_of_the_directory_is_not_taken_for_a_misspelling(member_client, senegal):
    current_contact(last_name="Ndiaye", country=senegal)
    current_contact(
        last_name="Diaspora",
        organisation="Direction des Sénégalais de l'extérieur",
        country=CountryFactory(name_en="Belgium", name_fr="Belgique"),
    )
    assert listed_names(member_client, q="senegal") == {"Ndiaye"}
    assert listed_names(member_client, q="senegalais") == {"Diaspora"}
    # A word that no contact has is still read as a misspelling.
    assert "Ndiaye" in listed_names(member_client, q="senagal")


@postgresql_only
def test_a_surname_lists_its_bearers_first_then_by_name(member_client):
    current_contact(first_name="Moussa", last_name="Diallo")
    current_contact(first_name="Awa", last_name="Diallo")
    current_contact(first_name="Diallo", last_name="Ba")
    current_contact(first_name="Jean", last_name="Aaron", organisation="Diallo & Co")
    current_contact(first_name="Jean", last_name="Ndiaye")
    response = member_client.get(reverse("contacts:list"), {"q": "Diallo"})
    assert [c.full_name for c in response.context["contacts"]] == [
        "Awa Diallo",
        "Moussa Diallo",
        "Diallo Ba",
        "Jean Aaron",
    ]
    # Sorted by name on demand.
    response = member_client.get(
        reverse("contacts:list"), {"q": "Diallo", "sort": "name"}
    )
    assert [c.last_name for c in response.context["contacts"]] == [
        "Aaron",
        "Ba",
        "Diallo",
        "Diallo",
    ]


@postgresql_only
def test_the_pages_of_a_surname_run_on_into_its_other_matches(member_client):
    for number in range(30):
        current_contact(first_name=f"Awa{number:02}", last_name="Keïta")
    current_contact(first_name="Keita", last_name="Ba")
    current_contact(first_name="Jean", last_name="Aaron", position="Keita's deputy")
    url = reverse("contacts:list")
    first = member_client.get(url, {"q": "keita"})
    assert "32 contacts" in first.content.decode()
    second = member_client.get(url, {"q": "keita", "page": 2})
    names = [c.full_name for c in second.context["contacts"]]
    assert names == [
        *[f"Awa{n} Keïta" for n in range(25, 30)],
        "Keita Ba",
        "Jean Aaron",
    ]
    assert not {c.pk for c in first.context["contacts"]} & {
        c.pk for c in second.context["contacts"]
    }
