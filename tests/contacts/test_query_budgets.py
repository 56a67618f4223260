"""Query budgets of the Focal Points area: the directory (with its filters and
search), a contact card and the dashboard run as many queries with a hundred
times the contacts, roles and topics."""

import datetime
import itertools

import pytest
from django.urls import reverse

from contacts.models import Contact, ContactRole, RoleKind
from rabat.models import Country, Region, Theme
from tests.conftest import make_user
from tests.factories import (
    ContactFactory,
    ContactRoleFactory,
    CountryFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.forums.factories import TopicFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

KINDS = [
    RoleKind.FOCAL_POINT,
    RoleKind.THEMATIC_CONTACT,
    RoleKind.STEERING_COMMITTEE,
    RoleKind.OBSERVER_REPRESENTATIVE,
]
batches = itertools.count()


def add_contacts(count, *, countries=None):
    """`count` contacts of `countries` (of new ones by default), each with a
    current role and one in three with a past one as well."""
    batch = next(batches)
    countries = countries or [
        CountryFactory(region=Region.AFRICA),
        CountryFactory(region=Region.EUROPE),
    ]
    themes = ThemeFactory.create_batch(2)
    organisation = OrganisationFactory()
    contacts = Contact.objects.bulk_create(
        Contact(
            first_name="Aminata",
            last_name=f"Person {batch}-{index}",
            position="Head of statistics",
            organisation="Ministry of the Interior",
            email=f"person{batch}-{index}@example.org",
            country=None if index % 7 == 0 else countries[index % len(countries)],
            partner_organisation=organisation if index % 7 == 0 else None,
        )
        for index in range(count)
    )
    roles = []
    for index, contact in enumerate(contacts):
        kind = KINDS[index % len(KINDS)]
        roles.append(
            ContactRole(
                contact=contact,
                kind=kind,
                theme=themes[index % 2] if kind == RoleKind.THEMATIC_CONTACT else None,
                start_date=datetime.date(2015, 1, 1),
            )
        )
        if index % 3 == 0:
            roles.append(
                ContactRole(
                    contact=contact,
                    kind=RoleKind.ALTERNATE_FOCAL_POINT,
                    start_date=datetime.date(2010, 1, 1),
                    end_date=datetime.date(2014, 12, 31),
                )
            )
    ContactRole.objects.bulk_create(roles)


def grow(count):
    """Contacts of the countries and themes the filters select, and others."""
    add_contacts(count, countries=list(Country.objects.all()[:2]))
    add_contacts(count)


DIRECTORY_PARAMETERS = [
    {},
    {"q": "aminata statistics"},
    {"q": "aminta", "sort": "name"},
    {"q": "ministry", "region": "africa", "steering_committee": "on"},
    {"country": "first", "role": RoleKind.THEMATIC_CONTACT, "theme": "first"},
    {"former": "on", "sort": "country", "page": "2"},
    {"region": "organisations", "sort": "-verified"},
]


@pytest.mark.parametrize("parameters", DIRECTORY_PARAMETERS)
def test_the_directory_runs_as_many_queries_with_a_hundred_times_the_contacts(
    member_client, parameters
):
    add_contacts(30)
    query = {
        name: (
            {"country": Country, "theme": Theme}[name].objects.first().pk
            if value == "first"
            else value
        )
        for name, value in parameters.items()
    }
    url = f"{reverse('contacts:list')}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
    assert_queries_constant(member_client, url, grow=lambda: grow(700))


def test_a_contact_card_runs_as_many_queries_with_ten_times_the_roles(member_client):
    contact = ContactFactory()
    successors = ContactFactory.create_batch(3)

    def add_roles(count):
        for index in range(count):
            ContactRoleFactory(
                contact=contact,
                kind=RoleKind.THEMATIC_CONTACT,
                theme=ThemeFactory(),
                start_date=datetime.date(2000 + index % 20, 1, 1),
                end_date=datetime.date(2000 + index % 20, 12, 31)
                if index % 2
                else None,
                successor=successors[index % 3] if index % 2 else None,
            )

    add_roles(3)
    assert_queries_constant(
        member_client, contact.get_absolute_url(), grow=lambda: add_roles(30)
    )


def test_the_dashboard_runs_as_many_queries_with_a_hundred_times_the_contacts(
    client, settings
):
    # Uncached: the contacts of the member's country are read each time.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    member = make_user("focal_point")
    own_card = ContactFactory(user=member)
    ContactRoleFactory(contact=own_card)
    add_contacts(20, countries=[own_card.country])
    TopicFactory.create_batch(2)

    def grow_all():
        add_contacts(2000, countries=[own_card.country])
        add_contacts(200)
        TopicFactory.create_batch(20)

    client.force_login(member)
    assert_queries_constant(client, reverse("contacts:dashboard"), grow=grow_all)
