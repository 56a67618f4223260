"""The site-search documents the database keeps in a column
(rabat.search_documents) for the site's pages, the Rabat Review's articles and
the forums' topics, and the titles' of the news and meetings: searches read
them instead of parsing the texts again, and a trigger keeps them current
whatever writes (PostgreSQL)."""

import pytest
from django.db import connection

from forums.models import Topic
from meetings.models import Meeting
from newsletter.models import Article
from rabat.models import NewsItem, Page
from rabat.search import text_query
from tests.factories import NewsItemFactory
from tests.forums.factories import PostFactory
from tests.meetings.factories import MeetingFactory
from tests.newsletter.factories import ArticleFactory
from tests.search_plans import search_plan, site_search_plan

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the documents are kept by PostgreSQL triggers",
    ),
]


def a_page():
    return Page.objects.create(
        slug=Page.Slug.ABOUT,
        title_fr="À propos",
        title_en="About",
        body_fr="Le dialogue.",
        body_en="The dialogue.",
    )


def a_topic():
    return PostFactory(body="The first message.").topic


@pytest.mark.parametrize(
    ("model", "index", "make"),
    [
        (Page, "page_document_idx", a_page),
        (Article, "review_article_document_idx", ArticleFactory),
        (Topic, "forum_topic_document_idx", a_topic),
    ],
)
def test_the_site_search_reads_the_stored_document(member, model, index, make):
    row = make()
    model.objects.filter(pk=row.pk).update(title="Dialogue on migration")
    assert f"Bitmap Index Scan on {index}" in search_plan(model)
    plan = site_search_plan(model, "migration", member)
    assert "search_document @@" in plan, plan
    # Neither the match nor the rank parses a text.
    assert "to_tsvector" not in plan, plan


def matches(model, row, word) -> bool:
    return model.objects.filter(pk=row.pk, search_document=text_query(word)).exists()


@pytest.mark.parametrize(("model", "make"), [(Page, a_page), (Article, ArticleFactory)])
def test_an_edit_in_either_language_updates_the_document(model, make):
    row = make()
    row.title_fr = "Ouagadougou"
    row.save()
    model.objects.filter(pk=row.pk).update(body_en="Nouakchott")
    assert matches(model, row, "ouagadougou")
    assert matches(model, row, "nouakchott")

    model.objects.filter(pk=row.pk).update(title_fr="Niamey", body_en="Bamako")
    assert not matches(model, row, "ouagadougou")
    assert not matches(model, row, "nouakchott")
    assert matches(model, row, "niamey")
    assert matches(model, row, "bamako")


def test_a_renamed_topic_is_found_by_its_new_title():
    topic = a_topic()
    topic.title = "Ouagadougou"
    topic.save()
    assert matches(Topic, topic, "ouagadougou")

    Topic.objects.filter(pk=topic.pk).update(title="Niamey")
    assert not matches(Topic, topic, "ouagadougou")
    assert matches(Topic, topic, "niamey")


@pytest.mark.parametrize(
    ("model", "make"), [(NewsItem, NewsItemFactory), (Meeting, MeetingFactory)]
)
def test_the_title_document_follows_the_title_in_both_languages(model, make):
    row = make(title_fr="Ouagadougou", title_en="Nouakchott", summary_en="Niamey")

    def in_title(word):
        query = text_query(word)
        return model.objects.filter(pk=row.pk, search_title=query).exists()

    assert in_title("ouagadougou")
    assert in_title("nouakchott")
    assert not in_title("niamey")

    model.objects.filter(pk=row.pk).update(title_en="Bamako")
    assert not in_title("nouakchott")
    assert in_title("bamako")
    assert in_title("ouagadougou")
