"""The country's profile on the Focal Points' dashboard."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from countries.models import ProfileProposal, ProfileStatus, ProposalKind
from countries.services.proposals import profile_confirm
from tests.conftest import make_user
from tests.contacts.conftest import current_contact
from tests.countries.factories import CountryProfileFactory
from tests.factories import CountryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    country = CountryFactory(iso_code="SN", name_en="Senegal", name_fr="Sénégal")
    return CountryProfileFactory(
        country=country,
        status=ProfileStatus.DRAFT,
        last_reviewed_on=datetime.date(2026, 10, 1),
    )


@pytest.fixture
def member(profile):
    user = make_user("focal_point")
    current_contact(user=user, country=profile.country)
    return user


def profile_section(client):
    content = client.get(reverse("contacts:dashboard")).content.decode()
    start = content.index('id="country-profile"')
    return content[start : content.index("</section>", start)]


def test_the_focal_point_sees_the_status_date_and_the_link(member_client):
    section = profile_section(member_client)
    assert "Profile of Senegal" in section
    assert "Draft" in section
    assert "1 October 2026" in section
    assert reverse("countries:country_proposals") in section


def test_a_confirmation_shows_at_the_next_visit(
    member_client, member, profile, django_capture_on_commit_callbacks
):
    assert "Draft" in profile_section(member_client)
    with django_capture_on_commit_callbacks(execute=True):
        profile_confirm(country=profile.country, confirmed_by=member)
    section = profile_section(member_client)
    assert "Validated by the Focal Point" in section
    assert "Draft" not in section


def test_pending_proposals_are_counted(member_client, member, profile):
    assert "waits for the Secretariat" not in profile_section(member_client)
    ProfileProposal.objects.create(
        country=profile.country,
        proposed_by=member,
        kind=ProposalKind.OVERVIEW,
        changes={"overview_en": "New."},
    )
    assert "1 proposal waits for the Secretariat" in profile_section(member_client)


def test_a_second_visit_reads_only_the_member(member_client):
    profile_section(member_client)
    with CaptureQueriesContext(connection) as queries:
        section = profile_section(member_client)
    assert "Profile of Senegal" in section
    assert len(queries) == 1, [query["sql"] for query in queries]


def test_a_member_who_is_no_focal_point_sees_no_link(client, profile):
    user = make_user("thematic_contact")
    current_contact(user=user, country=profile.country)
    client.force_login(user)
    section = profile_section(client)
    assert "Draft" in section
    assert reverse("countries:country_proposals") not in section


def test_the_secretariat_is_led_to_the_proposals(secretariat_client):
    section = profile_section(secretariat_client)
    assert reverse("countries:pending_proposals") in section
