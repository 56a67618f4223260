"""The directory's search over a large directory: the queries the page runs go
through indexes, never through a sequential scan of the contacts."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Contact, ContactRole, RoleKind
from tests.factories import CountryFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the indexes are PostgreSQL's"
    ),
]

# Enough for the planner to prefer the indexes as it does at 100,000.
CONTACTS = 15_000
# One contact in a hundred is a Diallo, another a Keïta (by their rank in a
# hundred); the others have one of a thousand names ("Bakodi").
SURNAMES = {0: "Diallo", 4: "Keïta"}
SYLLABLES = ["ba", "ko", "di", "ne", "sa", "lu", "mo", "ri", "te", "fa"]
OTHER_NAMES = [
    "".join(parts).title() for parts in itertools.product(SYLLABLES, repeat=3)
]
POSITIONS = ["Head of statistics", "Policy officer", "Consul", "Desk officer"]


def surname(index):
    return SURNAMES.get(index % 100) or OTHER_NAMES[index % len(OTHER_NAMES)]


@pytest.fixture
def large_directory():
    countries = [CountryFactory(name_en="Senegal", name_fr="Sénégal")]
    countries += CountryFactory.create_batch(99)
    contacts = Contact.objects.bulk_create(
        (
            Contact(
                first_name="Aminata",
                last_name=surname(index),
                position=POSITIONS[index % len(POSITIONS)],
                organisation="Ministry of the Interior",
                email=f"contact{index}@example.org",
                country=countries[index % len(countries)],
            )
            for index in range(CONTACTS)
        ),
        batch_size=5000,
    )
    ContactRole.objects.bulk_create(
        (
            ContactRole(
                contact=contact,
                kind=RoleKind.FOCAL_POINT,
                start_date=datetime.date(2015, 1, 1),
                # One contact in three is a former one.
                end_date=datetime.date(2020, 1, 1) if index % 3 == 1 else None,
            )
            for index, contact in enumerate(contacts)
        ),
        batch_size=5000,
    )
    # One contact in a hundred, a current one, also on the Steering Committee.
    ContactRole.objects.bulk_create(
        ContactRole(
            contact=contact,
            kind=RoleKind.STEERING_COMMITTEE,
            start_date=datetime.date(2018, 1, 1),
        )
        for index, contact in enumerate(contacts)
        if index % 100 == 51
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE contacts_contact, contacts_contactrole, contacts_word")


def directory_plans(client, **params):
    """EXPLAIN (ANALYZE, BUFFERS) of each query on the contacts that the
    directory page ran for `params` (the last one reads the page), with the
    page itself."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("contacts:list"), params)
    assert response.status_code == 200
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            if 'FROM "contacts_contact"' in query["sql"]:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return response, plans


def assert_no_sequential_scan_of_contacts(plans):
    assert len(plans) >= 2, plans  # the count (a tier's after another) and the page
    for plan in plans:
        assert "Seq Scan on contacts_contact " not in plan, plan


def listed_surnames(response):
    return {contact.last_name for contact in response.context["contacts"]}


# What is searched, the index that reads the tier of its matches (its keys,
# counted, then its page), and the surnames found.
SEARCHES = [
    ("senegal", "contact_country_name_idx", None),
    ("Sénégal", "contact_country_name_idx", None),
    # A misspelled country: its contacts read as the country's.
    ("Senagal", "contact_country_name_idx", None),
    # A surname: its contacts from an index range, in the directory's order.
    ("diallo", "contact_surname_idx", {"Diallo"}),
    # A misspelled surname: the surname it may mean, read the same way.
    ("Dialo", "contact_surname_idx", {"Diallo"}),
    ("aminata", "contact_first_name_idx", None),
    ("keita statistics", "contact_search_idx", {"Keïta"}),
]


def test_a_large_directory_is_searched_and_counted_through_indexes(
    member_client, large_directory
):
    for query, index, surnames in SEARCHES:
        response, plans = directory_plans(member_client, q=query)
        assert response.context["contacts"], query
        assert_no_sequential_scan_of_contacts(plans)
        assert any(index in plan for plan in plans), (query, plans)
        if surnames:
            assert listed_surnames(response) == surnames
        elif query != "aminata":
            assert {c.country.name for c in response.context["contacts"]} == {"Senegal"}
            # 150 contacts of Senegal, a third of them former ones.
            assert "100 contacts" in response.content.decode()

    # A deep page of a surname: still an index range, with its count.
    response, plans = directory_plans(member_client, q="diallo", page=4)
    assert_no_sequential_scan_of_contacts(plans)
    assert "contact_surname_idx" in plans[0], plans
    assert listed_surnames(response) == {"Diallo"}

    # A common word and a role: the role's holders read from its index.
    response, plans = directory_plans(
        member_client, q="officer", role=RoleKind.STEERING_COMMITTEE
    )
    assert_no_sequential_scan_of_contacts(plans)
    assert any("contact_role_kind_idx" in plan for plan in plans), plans
    assert "150 contacts" in response.content.decode()

    response, plans = directory_plans(member_client)
    assert_no_sequential_scan_of_contacts(plans)
    content = response.content.decode()
    assert "More than 1000 contacts" in content
    assert "?page=40" in content
    response = member_client.get(reverse("contacts:list"), {"page": 40})
    assert "More than 1975 contacts" in response.content.decode()


def test_the_search_indexes_have_no_pending_list():
    """New entries go straight into the GIN indexes (migration 0007): a
    pending list is read through by every search until a vacuum."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
            [["contact_search_idx", "contacts_word_trgm_idx"]],
        )
        options = dict(cursor.fetchall())
    assert options == {
        "contact_search_idx": ["fastupdate=off"],
        "contacts_word_trgm_idx": ["fastupdate=off"],
    }
