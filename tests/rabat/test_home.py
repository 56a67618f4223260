"""The home page says what the dialogue is and shows its next meeting, latest
Review and news; every moderator has the moderation queue in the top bar."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.services.moderation import report_create
from tests.conftest import make_user
from tests.factories import CountryFactory, PageFactory
from tests.forums.factories import PostFactory
from tests.meetings.factories import MeetingFactory
from tests.newsletter.factories import IssueFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        (
            "fr",
            "<h1>Le Processus de Rabat, le Dialogue euro-africain sur la migration"
            " et le développement</h1>",
        ),
        (
            "en",
            "<h1>The Rabat Process, the Euro-African Dialogue on Migration and"
            " Development</h1>",
        ),
    ],
)
def test_home_heading_says_what_the_dialogue_is(client, language, heading):
    PageFactory(slug="home", title_fr="Accueil", title_en="Home", intro_en="Welcome.")
    content = client.get(f"/{language}/").content.decode()
    assert heading in content
    assert "<h1>Accueil</h1>" not in content
    assert "<h1>Home</h1>" not in content


def test_home_shows_the_next_meeting_with_its_registration(client):
    later = MeetingFactory(title_en="Later meeting")
    MeetingFactory(
        title_en="Next meeting of all",
        start_date=timezone.localdate() + datetime.timedelta(days=10),
        end_date=timezone.localdate() + datetime.timedelta(days=10),
        registration_deadline=timezone.now() + datetime.timedelta(days=5),
    )
    content = client.get("/en/").content.decode()
    assert content.index("Next meeting of all") < content.index(later.title_en)
    assert "Registration open until" in content


def test_home_shows_the_latest_review_cover_and_the_partners(client):
    issue = IssueFactory(title_en="The newest issue", cover_image="covers/c.png")
    CountryFactory.create_batch(3)
    content = client.get("/en/").content.decode()
    assert "The newest issue" in content
    assert reverse("newsletter:cover", args=[issue.number]) in content
    assert '<span class="partners-figure">3</span> partner countries' in content
    assert f'href="{reverse("rabat:partners")}"' in content


def moderation_link():
    return f'<a href="{reverse("forums:moderation")}">'


def test_every_moderator_has_the_moderation_link_even_without_reports(client):
    client.force_login(make_user("moderator"))
    content = client.get("/fr/").content.decode()
    assert moderation_link().replace("/en/", "/fr/") + "Modération</a>" in content


def test_the_moderation_link_counts_the_open_reports(client):
    moderator = make_user("moderator")
    report_create(post=PostFactory(), reporter=make_user("focal_point"), reason="Spam")
    client.force_login(moderator)
    content = client.get("/en/").content.decode()
    assert (
        moderation_link() + 'Moderation <span class="badge rounded-pill"'
        ' aria-hidden="true">1</span>'
    ) in content


def test_members_who_do_not_moderate_have_no_moderation_link(client):
    client.force_login(make_user("focal_point"))
    content = client.get("/en/").content.decode()
    assert reverse("forums:moderation") not in content
