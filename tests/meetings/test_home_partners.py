"""The meetings on the home page, the partners page and in the navigation."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CountryFactory
from tests.meetings.factories import MeetingFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def text(response):
    assert response.status_code == 200
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(content).split())


def test_home_shows_the_next_three_published_meetings_soonest_first(client):
    senegal = CountryFactory(name_en="Senegal")
    MeetingFactory(title_en="Fourth", start_date=days_from_today(40))
    MeetingFactory(title_en="Second", start_date=days_from_today(10))
    MeetingFactory(
        title_en="Running today",
        start_date=days_from_today(-1),
        end_date=days_from_today(1),
        city_en="Dakar",
        host_country=senegal,
    )
    MeetingFactory(title_en="Third", start_date=days_from_today(20))
    MeetingFactory(title_en="Over", start_date=days_from_today(-2))
    MeetingFactory(title_en="Draft", start_date=days_from_today(2), is_published=False)

    response = client.get(reverse("rabat:home"))

    page = text(response)
    section = page[page.index("Next meeting") :]
    assert section.index("Running today") < section.index("Second")
    assert section.index("Second") < section.index("Third")
    assert "Dakar, Senegal" in section
    for absent in ("Fourth", "Over", "Draft"):
        assert absent not in page
    first = response.context["next_meeting"]
    assert f'<a href="{first.get_absolute_url()}">Running today</a>' in (
        response.content.decode()
    )
    assert f'href="{reverse("meetings:list")}">All meetings' in (
        response.content.decode()
    )


def test_home_shows_the_meeting_dates(client):
    MeetingFactory(
        start_date=datetime.date(2099, 9, 11), end_date=datetime.date(2099, 9, 12)
    )
    assert "11\N{EN DASH}12 September 2099" in text(client.get(reverse("rabat:home")))


def test_home_without_upcoming_meetings_says_so(client):
    MeetingFactory(title_en="Over", start_date=days_from_today(-30))
    page = text(client.get(reverse("rabat:home")))
    assert "No meeting is planned at the moment." in page
    assert "Over" not in page


def test_partners_show_the_map_whose_meetings_layer_is_on_the_imap(client):
    senegal = CountryFactory(iso_code="SN", name_en="Senegal", region="africa")
    MeetingFactory(title_en="Dakar thematic meeting", host_country=senegal)
    content = client.get(reverse("rabat:partners")).content.decode()
    assert f'<a href="{senegal.get_absolute_url()}"' in content
    assert f'href="{reverse("countries:imap")}"' in content
    imap = client.get(reverse("countries:imap"), {"layer": "meetings"})
    assert "<title>Senegal: 1 meeting</title>" in imap.content.decode()


def test_navigation_links_to_the_meetings(client):
    url = reverse("meetings:list")
    home = client.get(reverse("rabat:home")).content.decode()
    assert f'<a class="nav-link" href="{url}">Meetings</a>' in home
    month = client.get(
        reverse("meetings:month", kwargs={"year": 2013, "month": 9})
    ).content.decode()
    assert f'<a class="nav-link" href="{url}" aria-current="page">Meetings</a>' in (
        month
    )


def make_meetings(count):
    for number in range(count):
        MeetingFactory(
            start_date=days_from_today(number - count // 2),
            co_chairs=[CountryFactory(), CountryFactory()],
        )


def test_home_queries_do_not_grow_with_meetings(client):
    make_meetings(3)
    assert_queries_constant(
        client, reverse("rabat:home"), grow=lambda: make_meetings(30)
    )


def test_partners_queries_do_not_grow_with_meetings(client):
    make_meetings(3)
    assert_queries_constant(
        client, reverse("rabat:partners"), grow=lambda: make_meetings(30)
    )
