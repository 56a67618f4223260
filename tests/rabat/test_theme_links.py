"""Content that links up: a news item's and a Review article's tags and
related meetings, documents and news; a theme's page."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from meetings.models import DocumentVisibility, MeetingStatus
from rabat import roles
from tests.conftest import make_user
from tests.factories import CountryFactory, NewsItemFactory, ThemeFactory
from tests.forums.factories import ForumFactory
from tests.meetings.factories import MeetingDocumentFactory, MeetingFactory
from tests.newsletter.factories import ArticleFactory, IssueFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db


def days(count):
    return timezone.localdate() + datetime.timedelta(days=count)


@pytest.fixture
def theme():
    return ThemeFactory(
        slug="border-management",
        title_en="Border management",
        title_fr="Gestion des frontières",
        summary_en="Managing borders together.",
        description_en="Cooperation **at the borders**.",
        description_fr="Coopération **aux frontières**.",
        objective__number=4,
        objective__title_en="Strengthen border management",
        objective__title_fr="Renforcer la gestion des frontières",
    )


# --- The theme's page ------------------------------------------------------------


def test_a_theme_links_to_its_page_and_the_themes_list_too(client, theme):
    assert theme.get_absolute_url() == "/en/themes/border-management/"
    content = client.get(reverse("rabat:themes")).content.decode()
    assert 'href="/en/themes/border-management/"' in content


def test_theme_page_shows_what_belongs_to_the_theme(client, theme):
    upcoming = MeetingFactory(
        title_en="Madrid workshop", start_date=days(10), themes=[theme]
    )
    past = MeetingFactory(
        title_en="Rabat meeting",
        start_date=days(-100),
        status=MeetingStatus.HELD,
        themes=[theme],
    )
    MeetingFactory(title_en="Other theme's meeting", themes=[ThemeFactory()])
    MeetingFactory(title_en="Unpublished meeting", is_published=False, themes=[theme])
    MeetingDocumentFactory(meeting=past, title_en="Public report")
    MeetingDocumentFactory(
        meeting=past, title_en="Members' notes", visibility=DocumentVisibility.MEMBERS
    )
    NewsItemFactory(title_en="Tagged news").themes.add(theme)
    NewsItemFactory(title_en="Untagged news")

    content = client.get(theme.get_absolute_url()).content.decode()

    assert "<h1>Border management</h1>" in content
    assert 'aria-current="page">Border management</li>' in content
    assert "Cooperation <strong>at the borders</strong>." in content
    assert "Objective 4</a>: Strengthen border management" in content
    assert content.index("Madrid workshop") < content.index("Rabat meeting")
    assert upcoming.get_absolute_url() in content
    assert "Other theme&#x27;s meeting" not in content
    assert "Unpublished meeting" not in content
    assert "Public report" in content
    assert "Members&#x27; notes" not in content
    assert "Tagged news" in content
    assert "Untagged news" not in content
    feed = reverse("meetings:theme_feed", kwargs={"theme": "border-management"})
    assert f'href="{feed}"' in content


def test_theme_page_in_french_says_when_there_is_nothing_yet(client, theme):
    content = client.get("/fr/themes/border-management/").content.decode()
    assert "<h1>Gestion des frontières</h1>" in content
    assert "Coopération <strong>aux frontières</strong>." in content
    assert "Aucune réunion à venir sur ce thème n’est encore annoncée." in content  # noqa: RUF001
    assert "Aucun document public sur ce thème pour l’instant." in content  # noqa: RUF001
    assert "Aucune actualité sur ce thème pour l’instant." in content  # noqa: RUF001


def test_theme_forum_is_shown_to_members_who_may_read_it(client, theme):
    ForumFactory(title_en="Border forum", theme=theme)
    restricted = ForumFactory(title_en="Steering forum", theme=theme)
    restricted.readers.set([Group.objects.get(name=roles.STEERING_COMMITTEE)])

    anonymous = client.get(theme.get_absolute_url()).content.decode()
    assert "Border forum" not in anonymous
    assert "Members' forum" not in anonymous

    client.force_login(make_user("focal_point"))
    member = client.get(theme.get_absolute_url()).content.decode()
    assert "Members' forum" in member
    assert "Border forum" in member
    assert "Steering forum" not in member


def test_unknown_theme_is_not_found(client):
    assert client.get("/en/themes/no-such-theme/").status_code == 404
    assert client.get("/fr/themes/no-such-theme/").status_code == 404


def test_theme_page_queries_do_not_grow(client, theme, member_client):
    def grow(count):
        for _ in range(count):
            meeting = MeetingFactory(themes=[theme], co_chairs=[CountryFactory()])
            MeetingDocumentFactory(meeting=meeting)
            MeetingFactory(start_date=days(-50), themes=[theme])
            NewsItemFactory().themes.add(theme)
            ForumFactory(theme=theme)

    grow(2)
    assert_queries_constant(
        member_client, theme.get_absolute_url(), grow=lambda: grow(15)
    )


# --- A news item's related content ------------------------------------------------


def test_news_item_shows_its_tags_and_related_content(client, theme):
    senegal = CountryFactory(name_en="Senegal", iso_code="SN")
    tagged = MeetingFactory(
        title_en="Dakar meeting", start_date=days(-200), host_country=senegal
    )
    sharing_theme = MeetingFactory(title_en="Madrid meeting", themes=[theme])
    co_chaired = MeetingFactory(
        title_en="Co-chaired meeting", start_date=days(-20), co_chairs=[senegal]
    )
    MeetingFactory(title_en="Unrelated meeting")
    MeetingDocumentFactory(meeting=tagged, title_en="Dakar report")
    MeetingDocumentFactory(
        meeting=tagged,
        title_en="Members' list",
        visibility=DocumentVisibility.MEMBERS,
    )
    news = NewsItemFactory(title_en="Dakar news")
    news.themes.add(theme)
    news.countries.add(senegal)
    news.meetings.add(tagged)
    NewsItemFactory(title_en="Sharing news").countries.add(senegal)
    NewsItemFactory(title_en="Lonely news")

    content = client.get(news.get_absolute_url()).content.decode()

    # The tags, as links.
    assert f'href="{theme.get_absolute_url()}"' in content
    assert f'href="{senegal.get_absolute_url()}"' in content
    # Upcoming first, then the past ones, latest first.
    related = content[content.index('id="related-meetings"') :]
    positions = [
        related.index(title)
        for title in ("Madrid meeting", "Co-chaired meeting", "Dakar meeting")
    ]
    assert positions == sorted(positions)
    assert sharing_theme.get_absolute_url() in content
    assert co_chaired.get_absolute_url() in content
    assert "Unrelated meeting" not in content
    assert "Related documents" in content
    assert "Dakar report" in content
    assert "Members&#x27; list" not in content
    assert "Sharing news" in content
    assert "Lonely news" not in content
    assert related.count("Dakar news") == 0  # never related to itself


def test_news_item_in_french_and_without_tags_shows_no_related_section(client):
    theme = ThemeFactory()
    news = NewsItemFactory(title_fr="Actualité seule")
    NewsItemFactory().themes.add(theme)
    content = client.get(f"/fr/news/{news.slug}/").content.decode()
    assert "Actualité seule" in content
    assert "Réunions liées" not in content
    assert "Actualités liées" not in content
    news.themes.add(theme)
    MeetingFactory(themes=[theme])
    content = client.get(f"/fr/news/{news.slug}/").content.decode()
    assert "Réunions liées" in content
    assert "Actualités liées" in content
    assert "Documents liés" not in content  # no document: no section


def test_news_item_queries_do_not_grow(client, theme):
    news = NewsItemFactory()
    news.themes.add(theme)

    def grow(count):
        for _ in range(count):
            meeting = MeetingFactory(themes=[theme], co_chairs=[CountryFactory()])
            MeetingDocumentFactory(meeting=meeting)
            other = NewsItemFactory()
            other.themes.add(theme)
            other.meetings.add(meeting)
            news.meetings.add(meeting)
            news.countries.add(CountryFactory())

    grow(2)
    assert_queries_constant(client, news.get_absolute_url(), grow=lambda: grow(15))


# --- A Review article's ----------------------------------------------------------


def test_review_article_shows_its_tags_and_related_content(client, theme):
    meeting = MeetingFactory(title_en="Madrid meeting", themes=[theme])
    article = ArticleFactory(title_en="Borders article", issue=IssueFactory())
    article.themes.add(theme)
    ArticleFactory(issue=article.issue, title_en="Untagged article")
    NewsItemFactory(title_en="Border news").themes.add(theme)

    content = client.get(article.issue.get_absolute_url()).content.decode()

    assert f'href="{theme.get_absolute_url()}"' in content
    assert f'id="article-{article.pk}-related-meetings"' in content
    assert meeting.get_absolute_url() in content
    assert "Border news" in content
    assert content.count('class="related-content') == 1
    french = client.get(f"/fr/review/{article.issue.number}/").content.decode()
    assert "Réunions liées" in french


def test_issue_page_queries_do_not_grow_with_articles_and_tags(client, theme):
    issue = IssueFactory()

    def grow(count):
        for _ in range(count):
            article = ArticleFactory(issue=issue)
            article.themes.add(theme)
            meeting = MeetingFactory(themes=[theme])
            article.meetings.add(meeting)
            article.countries.add(CountryFactory())
            MeetingDocumentFactory(meeting=meeting)
            NewsItemFactory().themes.add(theme)

    grow(2)
    assert_queries_constant(client, issue.get_absolute_url(), grow=lambda: grow(10))
