"""The shared pieces of every page: pagination, breadcrumbs, the home page's
text, the admin's header."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from meetings.models import MeetingType
from rabat.models import Page
from tests.factories import ContactRoleFactory, CountryFactory, PageFactory
from tests.forums.factories import PostFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_meetings_pagination_is_numbered_and_keeps_the_filters(client):
    for day in range(1, 23):
        MeetingFactory(
            meeting_type=MeetingType.STEERING_COMMITTEE,
            start_date=datetime.date(2013, 1, day),
        )
    content = client.get(
        "/en/meetings/", {"type": MeetingType.STEERING_COMMITTEE}
    ).content.decode()
    assert (
        f'href="?type={MeetingType.STEERING_COMMITTEE}&amp;page=2#past-meetings"'
        in (content)
    )
    assert 'aria-current="page"><span class="page-link">1</span>' in content


def test_contacts_directory_pagination_keeps_the_search(client, focal_point):
    country = CountryFactory(iso_code="SN", name_en="Senegal")
    ContactRoleFactory.create_batch(30, contact__country=country)
    client.force_login(focal_point)
    content = client.get(
        "/en/focal-points/contacts/", {"country": country.pk, "region": "africa"}
    ).content.decode()
    assert f'href="?country={country.pk}&amp;region=africa&amp;page=2"' in content


def test_breadcrumbs_link_the_parents_of_a_page(client, focal_point):
    client.force_login(focal_point)
    content = client.get("/en/focal-points/contacts/").content.decode()
    assert '<li class="breadcrumb-item"><a href="/en/focal-points/">' in content
    assert 'aria-current="page">Contacts directory</li>' in content


def test_forum_pages_below_a_topic_link_it_in_their_breadcrumbs(member_client):
    post = PostFactory(topic__title="Census data")
    topic = post.topic
    reply = member_client.get(reverse("forums:reply", args=[topic.pk])).content.decode()
    assert f'<a href="{topic.get_absolute_url()}">Census data</a>' in reply
    assert 'aria-current="page">Reply</li>' in reply
    search = member_client.get(reverse("forums:search")).content.decode()
    assert f'<a href="{reverse("forums:index")}">Forums</a>' in search
    assert 'aria-current="page">Search the forums</li>' in search


def test_meeting_page_has_the_breadcrumb_of_its_registration_pages(client):
    meeting = MeetingFactory(title_en="Dakar thematic meeting")
    content = client.get(meeting.get_absolute_url()).content.decode()
    assert f'<a href="{reverse("meetings:list")}">Meetings</a>' in content
    assert 'aria-current="page">Dakar thematic meeting</li>' in content


def test_home_page_shows_its_editable_text(client):
    PageFactory(
        slug=Page.Slug.HOME,
        title_en="Rabat Process",
        body_en="The dialogue brings **57 countries** together.",
    )
    content = client.get("/en/").content.decode()
    assert "The dialogue brings <strong>57 countries</strong> together." in content


def test_admin_header_is_translated(client, secretariat):
    client.force_login(secretariat)
    content = client.get("/fr/admin/").content.decode()
    assert "Back-office du Processus de Rabat" in content


@pytest.mark.parametrize(
    ("markup", "partial"),
    [
        ("<h1", "includes/_page_header.html"),
        ('class="breadcrumb"', "includes/_breadcrumbs.html"),
        ('class="pagination', "includes/_pagination.html"),
    ],
)
def test_every_page_uses_the_one_partial(markup, partial):
    templates = Path(settings.BASE_DIR) / "templates"
    own_markup = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        # The admin's pages are Django's; emails have no page layout.
        if path.parts[len(templates.parts)] != "admin"
        and "email" not in path.parts
        and str(path.relative_to(templates)) != partial
        and markup in path.read_text()
    ]
    assert own_markup == []


def test_a_form_error_is_an_alert_in_one_sentence(client, focal_point):
    response = client.post(
        "/en/accounts/login/", {"login": focal_point.email, "password": "wrong"}
    )
    content = response.content.decode()
    assert '<div class="alert alert-danger" role="alert">' in content
    assert "<li>" not in content.split('role="alert"')[1].split("</div>")[0]


def test_recovery_codes_are_shown_in_their_box():
    # allauth's recovery codes page shows the unused codes in a textarea.
    content = render_to_string(
        "allauth/elements/field.html",
        {
            "attrs": {"id": "recovery_codes", "type": "textarea", "readonly": True},
            "slots": {"label": ["Unused codes"], "value": ["1234-5678"]},
        },
    )
    assert re.search(r"<textarea[^>]*readonly[^>]*>1234-5678</textarea>", content)
