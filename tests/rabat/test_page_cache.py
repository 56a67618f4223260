"""The anonymous public pages come from the server's cache (rabat.page_cache):
a member never gets them, each language has its own, and a save in the admin
or a service shows at once. Their content is also kept as a fragment, for
members and the visitors the page cache does not serve, under the same
version and by role: every test here runs with both caches on."""

import gzip
import io

import pytest
from django.contrib import messages
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting
from newsletter.services.issues import issue_publish
from rabat.page_cache import public_pages_changed
from tests.conftest import make_user
from tests.factories import NewsItemFactory, PageFactory
from tests.meetings.factories import MeetingFactory
from tests.newsletter.factories import IssueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PUBLIC_CONTENT_CACHE_SECONDS = 300


@pytest.fixture
def secretariat_browser(db):
    browser = Client()
    browser.force_login(make_user("secretariat"))
    return browser


def news_form(news, **changes):
    return {
        "slug": news.slug,
        "title_fr": news.title_fr,
        "title_en": news.title_en,
        "summary_fr": news.summary_fr,
        "summary_en": news.summary_en,
        "body_fr": news.body_fr,
        "body_en": news.body_en,
        "published_at_0": news.published_at.strftime("%Y-%m-%d"),
        "published_at_1": "00:00:00",
        "is_published": "on",
        **changes,
    }


def test_a_cached_page_is_served_without_a_query(client, django_assert_num_queries):
    NewsItemFactory(title_en="Dialogue in Dakar")
    first = client.get(reverse("rabat:home"))
    with django_assert_num_queries(0):
        again = client.get(reverse("rabat:home"))
    assert again.content == first.content
    assert "Dialogue in Dakar" in again.content.decode()
    # The browsers' and proxies' caching is as before.
    assert again["Cache-Control"] == "public, max-age=300"


def test_an_admin_save_shows_at_once_on_the_cached_pages(
    client, secretariat_browser, django_capture_on_commit_callbacks
):
    news = NewsItemFactory(title_en="Old title", title_fr="Ancien titre")
    pages = [
        reverse("rabat:home"),
        reverse("rabat:news_list"),
        reverse("rabat:news_detail", args=[news.slug]),
    ]
    for url in pages:
        assert "Old title" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_browser.post(
            reverse("admin:rabat_newsitem_change", args=[news.pk]),
            news_form(news, title_en="New title"),
        )
    assert response.status_code == 302

    for url in pages:
        content = client.get(url).content.decode()
        assert "New title" in content, url
        assert "Old title" not in content, url


def test_an_admin_deletion_shows_at_once(
    client, secretariat_browser, django_capture_on_commit_callbacks
):
    news = NewsItemFactory(title_en="Soon gone")
    assert "Soon gone" in client.get(reverse("rabat:news_list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_browser.post(
            reverse("admin:rabat_newsitem_delete", args=[news.pk]), {"post": "yes"}
        )
    assert "Soon gone" not in client.get(reverse("rabat:news_list")).content.decode()


def test_a_service_write_shows_at_once(client, django_capture_on_commit_callbacks):
    issue = IssueFactory(number=42, title_en="The spring issue", published_at=None)
    archive = reverse("newsletter:archive")
    assert "The spring issue" not in client.get(archive).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        issue_publish(issue=issue)
    assert "The spring issue" in client.get(archive).content.decode()


def test_data_changed_without_the_services_waits_for_the_cache(client):
    # What the cache is for: the page is not rendered again.
    MeetingFactory(title_en="Ministerial conference")
    url = reverse("meetings:list")
    assert "Ministerial conference" in client.get(url).content.decode()
    Meeting.objects.update(title_en="Renamed without the admin")
    assert "Ministerial conference" in client.get(url).content.decode()


def test_members_never_get_the_anonymous_page(client, secretariat_browser):
    url = reverse("rabat:home")
    anonymous = client.get(url).content.decode()
    assert "Log out" not in anonymous
    member = Client()
    member.force_login(make_user("focal_point"))
    for browser in (member, secretariat_browser):
        content = browser.get(url).content.decode()
        assert "Log out" in content
        assert browser.get(url)["Cache-Control"] == "private, no-store"
    # Nor is a member's page kept for anonymous visitors.
    assert "Log out" not in client.get(url).content.decode()


def test_each_language_has_its_own_page(client):
    NewsItemFactory(title_fr="Actualité en français", title_en="News in English")
    for _ in range(2):
        french = client.get("/fr/news/").content.decode()
        english = client.get("/en/news/").content.decode()
        assert "Actualité en français" in french
        assert "News in English" in english
        assert 'lang="fr"' in french
        assert 'lang="en"' in english


def test_the_query_string_has_its_own_page(client):
    NewsItemFactory.create_batch(12)
    NewsItemFactory(title_en="The oldest item", published_at="2001-01-01T00:00Z")
    url = reverse("rabat:news_list")
    assert "The oldest item" not in client.get(url).content.decode()
    assert "The oldest item" in client.get(url + "?page=2").content.decode()
    assert "The oldest item" not in client.get(url).content.decode()


def test_a_visitor_with_a_message_gets_the_page_rendered(client, rf):
    url = reverse("rabat:home")
    client.get(url)
    # A message kept in a cookie for an anonymous visitor (after a logout).
    request = rf.get(url)
    storage = messages.storage.cookie.CookieStorage(request)
    response = client.get(url)
    storage.add(messages.SUCCESS, "You have signed out.")
    storage.update(response)
    client.cookies.update(response.cookies)
    assert "You have signed out." in client.get(url).content.decode()
    # The message was shown once, and kept for no one else.
    assert "You have signed out." not in Client().get(url).content.decode()


def test_html_is_compressed_for_clients_that_accept_it(client):
    url = reverse("rabat:home")
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    for _ in range(2):  # rendered, then from the cache
        compressed = client.get(url, headers={"accept-encoding": "gzip, br"})
        assert compressed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in compressed["Vary"]
        assert gzip.decompress(compressed.content) == plain.content


def test_loading_the_demo_shows_at_once(client, django_capture_on_commit_callbacks):
    empty_home = client.get(reverse("rabat:home")).content
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--no-accounts", stdout=io.StringIO())
    assert client.get(reverse("rabat:home")).content != empty_home


def test_a_member_gets_the_content_fragment_and_sees_a_save_at_once(
    member_client, secretariat_browser, django_capture_on_commit_callbacks
):
    news = NewsItemFactory(title_en="Old title", title_fr="Ancien titre")
    url = reverse("rabat:news_list")
    assert "Old title" in member_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        content = member_client.get(url).content.decode()
    assert "Old title" in content
    # The pages are counted; the items themselves are not read.
    assert not any('"title_en"' in query["sql"] for query in queries)
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_browser.post(
            reverse("admin:rabat_newsitem_change", args=[news.pk]),
            news_form(news, title_en="New title"),
        )
    content = member_client.get(url).content.decode()
    assert "New title" in content
    assert "Old title" not in content


def test_a_pages_new_title_shows_at_once_in_its_title_bar(
    member_client, django_capture_on_commit_callbacks
):
    """The <title> of an editable page is kept apart from its content, under
    the same version."""
    page = PageFactory(slug="strategy", title_en="Dakar Strategy 2020")
    url = reverse("rabat:strategy")
    for browser in (member_client, Client()):
        assert "<title>Dakar Strategy 2020" in browser.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page.title_en = "Rabat Action Plan"
        page.save()
        public_pages_changed()
    for browser in (member_client, Client()):
        content = browser.get(url).content.decode()
        assert "<title>Rabat Action Plan" in content
        assert "Dakar Strategy 2020" not in content


def test_the_news_lists_pages_follow_a_new_item_at_once(
    client, django_capture_on_commit_callbacks, settings
):
    # Ten items a page: the eleventh makes a second page.
    settings.PAGE_CACHE_SECONDS = 0  # the list rendered, its count cached
    for _ in range(10):
        NewsItemFactory()
    url = reverse("rabat:news_list")
    assert "?page=2" not in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 0, "the count and the content come from the cache"
    with django_capture_on_commit_callbacks(execute=True):
        NewsItemFactory(title_en="The eleventh")
        public_pages_changed()
    assert "?page=2" in client.get(url).content.decode()
    assert client.get(url + "?page=2").status_code == 200
