"""Pages on a phone (390 px wide): nothing wider than the screen, on every
page type, in French and English, logged in or not; and a long topic's
pagination on one line."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from contacts.models import Contact
from forums.models import Forum, Post, Topic
from forums.selectors import POSTS_PER_PAGE
from meetings.models import Meeting
from newsletter.models import Issue
from rabat.models import NewsItem, User
from tests.e2e.conftest import DEMO_EMAIL, DEMO_PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
PAGES = 12


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE).new_page()


def log_in(page, live_server, email=DEMO_EMAIL, language="en"):
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    form = page.locator("main form[method='post']")
    form.locator("input[name='login']").fill(email)
    form.locator("input[name='password']").fill(DEMO_PASSWORD)
    form.locator("button[type='submit']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/focal-points/$"))


def page_overflow(page):
    """How many pixels the page is wider than the screen."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


# The element sticking out furthest to the right, to name it in a failure.
WIDEST_ELEMENT = """() => {
  const limit = document.documentElement.clientWidth;
  let widest = null, right = limit;
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > right + 0.5) { widest = element; right = box.right; }
  }
  if (!widest) return null;
  const classes = widest.className && typeof widest.className === "string"
    ? "." + widest.className.trim().split(/\\s+/).join(".") : "";
  const name = widest.tagName.toLowerCase() + classes;
  return `<${name}> ending at ${Math.round(right)}px: `
    + (widest.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 60);
}"""

# A table wider than the screen, even in a scrolling box: on a phone, tables
# stack (static/css/site.css, "Phones").
WIDE_TABLE = """() => {
  const limit = document.documentElement.clientWidth;
  const table = [...document.querySelectorAll("main table")].find(
    table => table.getBoundingClientRect().right > limit + 0.5);
  return table ? `<table.${[...table.classList].join(".")}> wider than the screen`
    : null;
}"""

MODERATOR = "moderator@example.org"


def public_pages(language):
    """(name, path) of each public page type."""
    with translation.override(language):
        meeting = Meeting.objects.published().order_by("-start_date").first()
        upcoming = Meeting.objects.published().upcoming().first() or meeting
        news = NewsItem.objects.published().order_by("-pk").first()
        issue = Issue.objects.published().order_by("-number").first()
        pages = [
            ("home", reverse("rabat:home")),
            ("about", reverse("rabat:about")),
            ("strategy", reverse("rabat:strategy")),
            ("themes", reverse("rabat:themes")),
            ("partners", reverse("rabat:partners")),
            ("news list", reverse("rabat:news_list")),
            ("news item", news.get_absolute_url()),
            ("search results", reverse("rabat:search") + "?q=migration"),
            ("meetings", reverse("meetings:list")),
            (
                "month",
                reverse(
                    "meetings:month",
                    args=[meeting.start_date.year, meeting.start_date.month],
                ),
            ),
            ("meeting", meeting.get_absolute_url()),
            ("upcoming meeting", upcoming.get_absolute_url()),
            ("review archive", reverse("newsletter:archive")),
            ("review issue", reverse("newsletter:issue", args=[issue.number])),
            ("review subscribe", reverse("newsletter:subscribe")),
            ("login", reverse("account_login")),
            ("password reset", reverse("account_reset_password")),
            ("not found", f"/{language}/no-such-page/"),
        ]
    return pages


def member_pages(language):
    """(name, path) of each members' page type, for the demo moderator."""
    with translation.override(language):
        forum = Forum.objects.get(slug="general")
        topic = Topic.objects.filter(forum=forum).order_by("-pk").first()
        contact = Contact.objects.exclude(user__email=MODERATOR).order_by("pk").first()
        upcoming = (
            Meeting.objects.published()
            .upcoming()
            .exclude(registration_deadline=None)
            .first()
        )
        pages = [
            ("dashboard", reverse("contacts:dashboard")),
            ("directory", reverse("contacts:list")),
            ("directory filtered", reverse("contacts:list") + "?q=a"),
            ("contact", contact.get_absolute_url()),
            ("my profile", reverse("contacts:profile")),
            ("forums", reverse("forums:index")),
            ("forum", forum.get_absolute_url()),
            ("topic", topic.get_absolute_url()),
            ("new topic", reverse("forums:topic_create", args=[forum.slug])),
            ("forum search", reverse("forums:search") + "?q=migration"),
            ("moderation queue", reverse("forums:moderation")),
            ("notification settings", reverse("forums:notification_settings")),
            ("member meeting", upcoming.get_absolute_url()),
            ("registration form", reverse("meetings:register", args=[upcoming.slug])),
            ("account email", reverse("account_email")),
            ("password change", reverse("account_change_password")),
            ("two-factor", reverse("mfa_index")),
        ]
    return pages


def overflows(page, live_server, pages):
    """The pages wider than the screen, each with its widest element."""
    found = []
    for name, path in pages:
        page.goto(f"{live_server.url}{path}")
        if page_overflow(page) > 0:
            found.append(f"{name} ({path}): {page.evaluate(WIDEST_ELEMENT)}")
        elif wide_table := page.evaluate(WIDE_TABLE):
            found.append(f"{name} ({path}): {wide_table}")
    return found


@pytest.mark.parametrize(("language", "locale"), [("fr", "fr-FR"), ("en", "en-US")])
def test_no_page_is_wider_than_a_phone(
    live_server, demo_data, new_context, language, locale
):
    context = new_context(viewport=PHONE, locale=locale)
    page = context.new_page()
    found = overflows(page, live_server, public_pages(language))
    log_in(page, live_server, email=MODERATOR, language=language)
    found += overflows(page, live_server, member_pages(language))
    assert not found, "Wider than a 390 px phone:\n" + "\n".join(found)


@pytest.fixture
def long_topic(demo_data):
    author = User.objects.get(email=DEMO_EMAIL)
    topic = Topic.objects.create(
        forum=Forum.objects.get(slug="general"),
        title="A long discussion",
        author=author,
    )
    Post.objects.bulk_create(
        Post(
            topic=topic,
            author=author,
            body=f"Reply {number}.",
            body_html=f"<p>Reply {number}.</p>",
        )
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
