import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rabat.models import Page
from tests.factories import (
    CountryFactory,
    NewsItemFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PageFactory,
    PillarFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_root_redirects_to_french_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_root_redirects_to_english_for_an_english_browser(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Location"] == "/en/"


def test_root_redirects_to_french_for_an_unsupported_browser_language(client):
    response = client.get("/", headers={"accept-language": "de-DE"})
    assert response["Location"] == "/fr/"


def test_language_switcher_links_to_the_same_page_in_the_other_language(client):
    news = NewsItemFactory()
    response = client.get(f"/fr/news/{news.slug}/")
    assert f'href="/en/news/{news.slug}/" hreflang="en"' in response.content.decode()
    response = client.get("/en/search/?q=border")
    assert 'href="/fr/search/?q=border" hreflang="fr"' in response.content.decode()


def test_home_shows_latest_published_news_only(client):
    NewsItemFactory(
        title_fr="Ancienne", published_at=timezone.now() - datetime.timedelta(days=9)
    )
    NewsItemFactory(title_fr="Récente")
    NewsItemFactory(title_fr="Brouillon", is_published=False)
    NewsItemFactory(
        title_fr="Programmée", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    content = client.get("/fr/").content.decode()
    assert "Récente" in content
    assert content.index("Récente") < content.index("Ancienne")
    assert "Brouillon" not in content
    assert "Programmée" not in content


def test_home_says_so_when_there_is_nothing_yet(client):
    content = client.get("/en/").content.decode()
    assert "No meeting is planned at the moment." in content
    assert "Latest Rabat Review" not in content
    assert "No news has been published yet." in content


def test_about_page_renders_editable_markdown_text(client):
    PageFactory(
        slug=Page.Slug.ABOUT,
        title_fr="À propos",
        title_en="About the process",
        body_fr="## Les acteurs\n\nLes **Points focaux nationaux**.",
        body_en="## The actors\n\nThe **National Focal Points**.",
    )
    content = client.get("/en/about/").content.decode()
    assert "<h1>About the process</h1>" in content
    assert "<h2>The actors</h2>" in content
    assert "<strong>National Focal Points</strong>" in content
    assert (
        "<strong>Points focaux nationaux</strong>"
        in client.get("/fr/about/").content.decode()
    )


def test_content_falls_back_to_french_when_english_is_missing(client):
    NewsItemFactory(slug="only-french", title_fr="Seulement en français", title_en="")
    content = client.get("/en/news/only-french/").content.decode()
    assert "Seulement en français" in content


def test_strategy_lists_pillars_objectives_and_the_cross_cutting_one(client):
    pillar = PillarFactory(number=2, title_en="Fight irregular migration")
    ObjectiveFactory(number=4, pillar=pillar, title_en="Improve border management")
    ObjectiveFactory(number=10, pillar=None, title_en="Base policy on information")
    content = client.get("/en/strategy/").content.decode()
    assert 'id="pillar-2"' in content
    assert "Fight irregular migration" in content
    assert 'id="objective-4"' in content
    assert "Cross-cutting objective" in content
    assert content.index("Improve border management") < content.index(
        "Base policy on information"
    )


def test_themes_show_their_related_objective(client):
    objective = ObjectiveFactory(number=5, title_en="Protect vulnerable groups")
    ThemeFactory(title_en="Migration in crisis situations", objective=objective)
    content = client.get("/en/themes/").content.decode()
    assert "Migration in crisis situations" in content
    assert "Related to objective 5 of the Dakar Strategy" in content


def test_partners_grouped_by_region_with_observers_and_organisations(client):
    CountryFactory(iso_code="SN", name_fr="Sénégal", name_en="Senegal", region="africa")
    CountryFactory(
        iso_code="BE", name_fr="Belgique", name_en="Belgium", region="europe"
    )
    CountryFactory(
        iso_code="DZ",
        name_fr="Algérie",
        name_en="Algeria",
        region="africa",
        status="observer",
    )
    OrganisationFactory(
        name_en="Economic Community of West African States", kind="partner"
    )
    content = client.get("/en/partners/").content.decode()
    # The i-Map's component: the map, then its list grouped by category.
    assert content.index('class="imap-svg"') < content.index("European partners")
    listed = content[content.index("</svg>") :]
    assert listed.index("European partners") < listed.index("Belgium")
    assert listed.index("African partners") < listed.index("Senegal")
    assert listed.index("Observer countries") < listed.index("Algeria")
    assert 'href="/en/countries/sn/"' in content
    assert "Economic Community of West African States" in content
    assert "Sénégal" in client.get("/fr/partners/").content.decode()


def test_news_list_is_paginated_newest_first(client):
    now = timezone.now()
    for day in range(12):
        NewsItemFactory(
            title_en=f"Item {day:02d}", published_at=now - datetime.timedelta(days=day)
        )
    first_page = client.get("/en/news/").content.decode()
    assert "Item 00" in first_page
    assert "Item 10" not in first_page
    assert "Page 1 of 2" in first_page
    second_page = client.get("/en/news/?page=2").content.decode()
    assert "Item 10" in second_page
    assert "Item 11" in second_page


def test_unpublished_news_is_not_found(client):
    NewsItemFactory(slug="draft", is_published=False)
    assert client.get("/en/news/draft/").status_code == 404


def test_news_detail_has_a_way_back(client):
    news = NewsItemFactory(title_en="Dakar meeting")
    content = client.get(f"/en/news/{news.slug}/").content.decode()
    assert "Dakar meeting" in content
    assert f'href="{reverse("rabat:news_list")}"' in content


def test_dates_are_localised(client):
    NewsItemFactory(
        slug="dated",
        published_at=timezone.make_aware(datetime.datetime(2013, 9, 11, 9, 0)),
    )
    assert "11 septembre 2013" in client.get("/fr/news/dated/").content.decode()
    assert "11 September 2013" in client.get("/en/news/dated/").content.decode()


def test_admin_has_view_on_site_for_content(client, secretariat):
    news = NewsItemFactory()
    client.force_login(secretariat)
    content = client.get(
        reverse("admin:rabat_newsitem_change", args=[news.pk])
    ).content.decode()
    assert "viewsitelink" in content
    # Both languages are edited on the same form (modeltranslation tabs).
    assert 'name="title_fr"' in content
    assert 'name="title_en"' in content


def test_secretariat_edits_content_in_both_languages(client, secretariat):
    news = NewsItemFactory()
    client.force_login(secretariat)
    url = reverse("admin:rabat_newsitem_change", args=[news.pk])
    response = client.post(
        url,
        {
            "slug": news.slug,
            "title_fr": "Titre modifié",
            "title_en": "Edited title",
            "summary_fr": "",
            "summary_en": "",
            "body_fr": "Texte",
            "body_en": "Text",
            "published_at_0": "2013-09-11",
            "published_at_1": "09:00:00",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    news.refresh_from_db()
    assert news.title_fr == "Titre modifié"
    assert news.title_en == "Edited title"
