"""The meetings on the home page, the partners page and in the navigation."""

import datetime
import html
import re
from html.parser import HTMLParser

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


def test_partners_list_the_meetings_each_country_hosted_or_co_chaired(client):
    senegal = CountryFactory(iso_code="SN", name_en="Senegal", region="africa")
    belgium = CountryFactory(iso_code="BE", name_en="Belgium", region="europe")
    spain = CountryFactory(iso_code="ES", name_en="Spain", region="europe")
    CountryFactory(iso_code="MA", name_en="Morocco", region="africa")
    dakar = MeetingFactory(
        title_en="Dakar thematic meeting",
        start_date=datetime.date(2013, 9, 11),
        host_country=senegal,
        co_chairs=[senegal, belgium],
    )
    madrid = MeetingFactory(
        title_en="Madrid thematic meeting",
        start_date=datetime.date(2013, 11, 14),
        host_country=spain,
        co_chairs=[spain],
    )
    MeetingFactory(
        title_en="Unpublished meeting", host_country=belgium, is_published=False
    )

    content = client.get(reverse("rabat:partners")).content.decode()

    def entry(iso_code):
        return element_text(content, f"country-{iso_code}")

    assert entry("sn") == (
        "Senegal Dakar thematic meeting (September 2013, host, co-chair)"
    )
    assert entry("be") == "Belgium Dakar thematic meeting (September 2013, co-chair)"
    assert "Madrid thematic meeting" in entry("es")
    assert "Dakar" not in entry("es")
    assert entry("ma") == "Morocco"
    assert f'<a href="{dakar.get_absolute_url()}">' in content
    assert f'<a href="{madrid.get_absolute_url()}">' in content
    assert "Unpublished meeting" not in content


class ElementText(HTMLParser):
    """The text of the element with a given id (its tag must be closed)."""

    def __init__(self, element_id):
        super().__init__()
        self.element_id = element_id
        self.depth = 0
        self.words = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.words.extend(data.split())


def element_text(content, element_id):
    parser = ElementText(element_id)
    parser.feed(content)
    return " ".join(parser.words)


def test_partners_list_a_countrys_meetings_latest_first(client):
    senegal = CountryFactory(iso_code="SN", name_en="Senegal")
    MeetingFactory(
        title_en="Older", start_date=datetime.date(2012, 1, 5), host_country=senegal
    )
    MeetingFactory(
        title_en="Newer", start_date=datetime.date(2014, 1, 5), host_country=senegal
    )
    page = text(client.get(reverse("rabat:partners")))
    assert page.index("Newer") < page.index("Older")


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
