"""Content that links up, in a real browser and both languages: a news item
and a Review article lead to their related meetings, documents and news; a
theme's page to its meetings, documents, news, iCal feed and, for members,
its forum."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from forums.models import Forum
from meetings.models import Meeting
from newsletter.models import Article
from rabat.models import NewsItem, Theme
from tests.e2e.test_phone_layout import log_in

pytestmark = pytest.mark.e2e

LANGUAGES = ["fr", "en"]
TEXT = {
    "en": {
        "related": "Related content",
        "meetings": "Related meetings",
        "themes": "Themes",
        "documents": "Documents",
        "news": "News",
        "ical": "Subscribe to this theme's meetings (iCal)",
        "forum": "Members' forum",
    },
    "fr": {
        "related": "Contenus liés",
        "meetings": "Réunions liées",
        "themes": "Thèmes",
        "documents": "Documents",
        "news": "Actualités",
        "ical": "S\u2019abonner aux réunions de ce thème (iCal)",
        "forum": "Forum des membres",
    },
}


def localized(obj, field, language):
    return getattr(obj, f"{field}_{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_news_item_leads_to_its_meeting(live_server, demo_data, page, language):
    news_item = NewsItem.objects.get(slug="madrid-meeting-on-border-management")
    meeting = news_item.meetings.get()
    text = TEXT[language]
    with translation.override(language):
        news_url = news_item.get_absolute_url()

    page.goto(f"{live_server.url}{news_url}")
    related = page.get_by_role("complementary", name=text["related"])
    expect(related.get_by_role("heading", name=text["meetings"])).to_be_visible()
    related.get_by_role("link", name=localized(meeting, "title", language)).click()

    expect(page).to_have_url(re.compile(rf"/{language}/meetings/{meeting.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        localized(meeting, "title", language)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_review_article_shows_what_it_relates_to(
    live_server, demo_data, page, language
):
    article = Article.objects.filter(meetings__isnull=False).first()
    meeting = article.meetings.first()
    with translation.override(language):
        issue_url = article.issue.get_absolute_url()

    page.goto(f"{live_server.url}{issue_url}")
    related = page.get_by_role("complementary", name=TEXT[language]["related"]).filter(
        has=page.get_by_role("link", name=localized(meeting, "title", language))
    )
    expect(related.first).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_theme_page_lists_its_meetings_documents_news_and_feed(
    live_server, demo_data, page, language
):
    theme = Theme.objects.get(slug="border-management")
    meeting = Meeting.objects.filter(themes=theme, is_published=True).first()
    text = TEXT[language]
    with translation.override(language):
        theme_url = theme.get_absolute_url()

    page.goto(f"{live_server.url}{theme_url}")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        localized(theme, "title", language)
    )
    # The header says where the visitor is: in the themes.
    current = page.locator("header nav a[aria-current='page']")
    expect(current).to_have_text(text["themes"])
    main = page.locator("main")
    expect(
        main.get_by_role("link", name=localized(meeting, "title", language)).first
    ).to_be_visible()
    for heading in (text["documents"], text["news"]):
        expect(main.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    # No forum for a visitor: the forums are the members'.
    expect(main.get_by_role("heading", name=text["forum"])).to_have_count(0)

    feed = main.get_by_role("link", name=text["ical"])
    response = page.request.get(f"{live_server.url}{feed.get_attribute('href')}")
    assert response.headers["content-type"].startswith("text/calendar")
    assert localized(meeting, "title", language) in response.text().replace("\r\n ", "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_member_finds_the_themes_forum_on_its_page(
    live_server, demo_data, page, language
):
    theme = Theme.objects.get(slug="border-management")
    forum = Forum.objects.get(theme=theme)
    with translation.override(language):
        theme_url = theme.get_absolute_url()
    log_in(page, live_server, language=language)

    page.goto(f"{live_server.url}{theme_url}")
    main = page.locator("main")
    expect(main.get_by_role("heading", name=TEXT[language]["forum"])).to_be_visible()
    main.get_by_role(
        "link", name=localized(forum, "title", language), exact=True
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        localized(forum, "title", language)
    )
