"""The public site in a real browser: languages, switcher, search."""

import re

import pytest
from playwright.sync_api import expect

from rabat.models import NewsItem, Page

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("locale", "language"), [("fr-FR", "fr"), ("en-US", "en")], ids=["fr", "en"]
)
def test_home_page_follows_the_browser_language(
    live_server, demo_data, new_context, locale, language
):
    page = new_context(locale=locale).new_page()

    page.goto(f"{live_server.url}/")

    expect(page).to_have_url(f"{live_server.url}/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    latest_news = page.locator("section[aria-labelledby='latest-news']")
    expect(latest_news.locator("article").first).to_be_visible()
    newest = NewsItem.objects.published().first()
    title = getattr(newest, f"title_{language}")
    expect(latest_news.get_by_role("link", name=title, exact=True)).to_be_visible()


def switch_to_french(page):
    page.locator(".language-switcher a[hreflang='fr']").click()


def test_language_switch_stays_on_the_about_page(live_server, demo_data, page):
    about = Page.objects.get(slug=Page.Slug.ABOUT)
    page.goto(f"{live_server.url}/en/about/")
    expect(page.locator("h1")).to_have_text(about.title_en)

    switch_to_french(page)

    expect(page).to_have_url(f"{live_server.url}/fr/about/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text(about.title_fr)


def test_language_switch_stays_on_a_news_item(live_server, demo_data, page):
    news_item = NewsItem.objects.published().first()
    page.goto(f"{live_server.url}/en/news/{news_item.slug}/")
    expect(page.locator("h1")).to_have_text(news_item.title_en)

    switch_to_french(page)

    expect(page).to_have_url(f"{live_server.url}/fr/news/{news_item.slug}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text(news_item.title_fr)


def test_header_search_finds_and_highlights_senegal(live_server, demo_data, page):
    page.goto(f"{live_server.url}/en/")

    search_box = page.locator("#site-search")
    search_box.fill("senegal")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/en/search/\?q=senegal$"))
    results = page.locator("li.search-result")
    expect(results.first).to_be_visible()
    highlights = results.locator("mark")
    expect(highlights.first).to_be_visible()
    expect(highlights.first).to_have_text(re.compile("^senegal$", re.IGNORECASE))
