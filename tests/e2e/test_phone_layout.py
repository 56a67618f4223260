"""Pages on a phone (390 px wide): nothing wider than the screen, and a long
topic's pagination on one line."""

import re

import pytest
from playwright.sync_api import expect

from forums.models import Forum, Post, Topic
from forums.selectors import POSTS_PER_PAGE
from rabat.models import User
from tests.e2e.conftest import DEMO_EMAIL, DEMO_PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
PAGES = 12


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE).new_page()


def log_in(page, live_server):
    page.goto(f"{live_server.url}/en/accounts/login/")
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill(DEMO_EMAIL)
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()
    expect(page).to_have_url(re.compile(r"/en/focal-points/$"))


def page_overflow(page):
    """How many pixels the page is wider than the screen."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(
    "path", ["/en/", "/en/focal-points/", "/en/focal-points/contacts/"]
)
def test_page_is_no_wider_than_a_phone(live_server, demo_data, phone, path):
    # The home page's columns, the long role names of the directory's cards.
    log_in(phone, live_server)
    phone.goto(f"{live_server.url}{path}")
    assert page_overflow(phone) == 0


@pytest.fixture
def long_topic(demo_data):
    author = User.objects.get(email=DEMO_EMAIL)
    topic = Topic.objects.create(
        forum=Forum.objects.get(slug="general"),
        title="A long discussion",
        author=author,
    )
    Post.objects.bulk_create(
        Post(topic=topic, author=author, body=f"Reply {number}.")
        for number in range(PAGES * POSTS_PER_PAGE)
    )
    return topic


def test_long_topic_pagination_keeps_one_line_on_a_phone(
    live_server, long_topic, phone, new_context
):
    url = f"{live_server.url}/en/focal-points/forums/topics/{long_topic.pk}/?page=6"
    log_in(phone, live_server)
    phone.goto(url)
    pagination = phone.get_by_role("navigation", name="Pages")
    tops = pagination.locator(".page-item:visible").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().top)"
    )
    assert len(set(tops)) == 1
    assert page_overflow(phone) == 0
    # The neighbours and both ends stay; the words of the arrows are still read.
    for name in ("Previous", "1", "5", "7", str(PAGES), "Next"):
        expect(pagination.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(pagination.get_by_role("link", name="3", exact=True)).to_be_hidden()

    desktop = new_context(viewport=DESKTOP).new_page()
    log_in(desktop, live_server)
    desktop.goto(url)
    pagination = desktop.get_by_role("navigation", name="Pages")
    expect(pagination.get_by_role("link", name="3", exact=True)).to_be_visible()
