"""The Atom feed of the Rabat Review, read by an independent parser."""

import datetime

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.newsletter.factories import ArticleFactory, IssueFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

SITE = "https://www.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def at(year, month):
    return timezone.make_aware(datetime.datetime(year, month, 1, 9))


def fetch(client, language="en"):
    with translation.override(language):
        response = client.get(reverse("newsletter:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return feedparser.parse(response.content)


def test_the_feed_is_valid_atom_with_one_entry_per_published_issue(client):
    IssueFactory(number=1, title_en="Launch", published_at=at(2012, 3))
    IssueFactory(
        number=2,
        title_en="Dakar",
        introduction_en="The **Dakar** thematic meeting.",
        published_at=at(2013, 2),
    )
    IssueFactory(number=3, title_en="Draft", published_at=None)
    IssueFactory(number=4, published_at=timezone.now() + datetime.timedelta(days=2))

    feed = fetch(client)

    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Rabat Review"
    assert feed.feed.link == f"{SITE}/en/review/"
    assert [entry.title for entry in feed.entries] == [
        "Rabat Review no. 2: Dakar",
        "Rabat Review no. 1: Launch",
    ]
    newest = feed.entries[0]
    assert newest.link == f"{SITE}/en/review/2/"
    assert newest.id == f"{SITE}/en/review/2/"
    assert newest.summary == "The Dakar thematic meeting."
    assert newest.updated_parsed[:3] == (2013, 2, 1)
    assert feed.feed.updated_parsed[:3] == (2013, 2, 1)


def test_summaries_are_text(client):
    IssueFactory(introduction_en="Migration & development, `<b>` tags")

    [entry] = fetch(client).entries

    assert entry.summary == "Migration &amp; development, &lt;b&gt; tags"


def test_every_link_of_the_feed_is_absolute(client):
    IssueFactory()

    feed = fetch(client)

    links = [link.href for link in feed.feed.links]
    links += [link.href for entry in feed.entries for link in entry.links]
    assert f"{SITE}/en/review/feed/" in links
    assert links
    assert all(href.startswith(f"{SITE}/") for href in links)


def test_the_feed_speaks_the_language_of_its_url(client):
    IssueFactory(
        number=5, title_fr="Profils migratoires", title_en="Migration profiles"
    )

    french = fetch(client, "fr")

    assert french.bozo == 0
    assert french.feed.language == "fr"
    [entry] = french.entries
    assert "Profils migratoires" in entry.title
    assert entry.link == f"{SITE}/fr/review/5/"


def test_an_empty_feed_is_still_valid(client):
    feed = fetch(client)
    assert feed.bozo == 0
    assert feed.entries == []


def test_the_feed_query_count_does_not_grow(client):
    ArticleFactory()
    assert_queries_constant(
        client,
        reverse("newsletter:feed"),
        grow=lambda: ArticleFactory.create_batch(10),
    )
