"""The Secretariat's back office in a real browser, at 1366 x 768, in French
and English: every page it uses has no serious or critical axe-core
violation, nothing wider than the screen, no tool over a title, no "None";
and its home leads to what needs doing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from contacts.models import Contact, ContactRole
from forums.models import Post, Report
from meetings.models import Meeting
from newsletter.models import Campaign, CampaignStatus, Issue
from rabat.models import NewsItem, Page, User
from tests.conftest import enable_two_factor
from tests.e2e.axe import assert_no_serious_violation
from tests.e2e.test_phone_layout import WIDEST_ELEMENT, page_overflow

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1366, "height": 768}
SECRETARIAT_EMAIL = "secretariat@example.org"

# Whether a tool of the object (History, View on site...) lies over the title.
TOOLS_OVER_TITLE = """() => {
  const tools = document.querySelector("#content .object-tools");
  const titles = document.querySelectorAll("#content > h1, #content > h2");
  if (!tools) return false;
  const box = tools.getBoundingClientRect();
  return [...titles].some((title) => {
    const other = title.getBoundingClientRect();
    return !(box.bottom <= other.top || box.top >= other.bottom
      || box.right <= other.left || box.left >= other.right);
  });
}"""


@pytest.fixture
def secretariat_page(new_context, live_server, demo_data):
    """A browser logged in as the demo Secretariat, with its second factor."""
    user = User.objects.get(email=SECRETARIAT_EMAIL)
    enable_two_factor(user)
    client = Client()
    client.force_login(user)
    context = new_context(viewport=DESKTOP)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def admin_paths():
    """The pages the Secretariat uses, on the demo data."""
    news = NewsItem.objects.first()
    page = Page.objects.first()
    meeting = Meeting.objects.filter(registrations__isnull=False).first()
    contact = Contact.objects.filter(roles__isnull=False).first()
    role = ContactRole.objects.current().filter(successor__isnull=True).first()
    issue = Issue.objects.order_by("-number").first()
    Campaign.objects.get_or_create(
        issue=issue,
        defaults={"status": CampaignStatus.SENT, "started_at": timezone.now()},
    )
    draft = Issue.objects.create(
        number=issue.number + 1, title_en="Next issue", title_fr="Prochain numéro"
    )

    def url(name, *args):
        return reverse(f"admin:{name}", args=args)

    return {
        "index": url("index"),
        "news": url("rabat_newsitem_changelist"),
        "news item": url("rabat_newsitem_change", news.pk),
        "pages": url("rabat_page_changelist"),
        "page": url("rabat_page_change", page.pk),
        "meetings": url("meetings_meeting_changelist"),
        "meeting": url("meetings_meeting_change", meeting.pk),
        "new meeting": url("meetings_meeting_add"),
        "registrations": url("meetings_meeting_registrations", meeting.pk),
        "email registrants": url("meetings_meeting_email_participants", meeting.pk),
        "contacts": url("contacts_contact_changelist"),
        "contact": url("contacts_contact_change", contact.pk),
        "handover": url("contacts_contactrole_handover", role.pk),
        "issues": url("newsletter_issue_changelist"),
        "issue": url("newsletter_issue_change", issue.pk),
        "preview": url("newsletter_issue_preview", draft.pk),
        "send": url("newsletter_issue_send", draft.pk),
        "campaign": url("newsletter_issue_campaign", issue.pk),
    }


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_back_office_pages_are_accessible_and_fit_the_screen(
    secretariat_page, live_server, language
):
    page = secretariat_page
    for name, path in admin_paths().items():
        path = path.replace("/en/", f"/{language}/", 1)
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, f"{name}: {path} answered {response.status}"
        assert page.locator("html").get_attribute("lang") == language

        overflow = page_overflow(page)
        assert overflow <= 0, (
            f"{name} ({path}) is {overflow}px wider than the screen: "
            f"{page.evaluate(WIDEST_ELEMENT)}"
        )
        assert not page.evaluate(TOOLS_OVER_TITLE), f"{name}: a tool covers the title"
        if language == "fr":
            assert "None" not in page.locator("#content").inner_text(), name
        assert_no_serious_violation(page)


def test_the_home_leads_to_the_open_reports_and_closing_registrations(
    secretariat_page, live_server
):
    post = Post.objects.first()
    Report.objects.create(
        post=post,
        reporter=User.objects.get(email="focal-point@example.org"),
        reason="Off topic",
    )
    meeting = Meeting.objects.filter(registrations__isnull=False).first()
    meeting.start_date = timezone.localdate() + datetime.timedelta(days=20)
    meeting.end_date = meeting.start_date
    meeting.registration_deadline = timezone.now() + datetime.timedelta(days=3)
    meeting.status = "planned"
    meeting.save()
    page = secretariat_page

    page.goto(f"{live_server.url}/en/admin/")
    tasks = page.get_by_role("region", name="What needs doing")
    expect(tasks).to_contain_text("1 open report")
    expect(tasks).to_contain_text(meeting.title_en)

    tasks.get_by_role("link", name="open report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Moderation")
    expect(page.locator("main")).to_contain_text("Off topic")

    page.goto(f"{live_server.url}/fr/admin/")
    tasks = page.get_by_role("region", name="Ce qu\u2019il y a à faire")
    tasks.get_by_role("link", name="Clôture des inscriptions").click()
    expect(page.locator("#content")).to_contain_text(meeting.title_fr)
