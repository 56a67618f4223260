import pytest
from django.db import connection
from django.urls import reverse

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory
from tests.search_plans import search_plan, site_search_plan

pytestmark = pytest.mark.django_db


def test_site_search_finds_published_meetings_in_the_visitors_language(client):
    meeting = MeetingFactory(
        title_fr="Réunion sur les profils migratoires",
        title_en="Meeting on migration profiles",
        summary_en="National experts compare their migration profiles.",
    )
    MeetingFactory(title_en="Hidden migration profiles meeting", is_published=False)

    response = client.get(reverse("rabat:search"), {"q": "profiles"})

    results = response.context["results"]
    assert [result.title for result in results] == ["Meeting on migration profiles"]
    assert results[0].url == meeting.get_absolute_url()
    assert "Meeting" in response.content.decode()


def test_site_search_finds_a_meeting_by_its_city(client):
    MeetingFactory(title_en="Thematic meeting", city_en="Ouagadougou")
    response = client.get(reverse("rabat:search"), {"q": "Ouagadougou"})
    assert [result.title for result in response.context["results"]] == [
        "Thematic meeting"
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL"
)
def test_meeting_search_uses_its_gin_index():
    MeetingFactory()
    assert "meeting_document_idx" in search_plan(Meeting)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL"
)
def test_the_site_search_ranks_meetings_on_their_stored_document():
    Meeting.objects.bulk_create(MeetingFactory.build_batch(300, host_country=None))
    MeetingFactory.create_batch(5, aims_en="Labour migration.")
    plan = site_search_plan(Meeting, "migration")
    assert "search_document @@" in plan
    assert "to_tsvector" not in plan
