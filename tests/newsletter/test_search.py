"""The Rabat Review in the site search: published issues and their articles."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from newsletter.models import Article, Issue
from tests.newsletter.factories import ArticleFactory, DraftIssueFactory, IssueFactory
from tests.search_plans import search_plan

pytestmark = pytest.mark.django_db


def search(client, query, language="en"):
    with translation.override(language):
        url = reverse("rabat:search")
    return client.get(url, {"q": query}).context["results"]


def test_an_issue_is_found_by_its_introduction_in_the_visitors_language(client):
    issue = IssueFactory(
        title_fr="Les profils migratoires",
        title_en="Migration profiles",
        introduction_en="The guides of the migration profiles take shape.",
    )
    DraftIssueFactory(introduction_en="The guides are not published yet.")

    [result] = search(client, "guides")

    assert result.title == f"Rabat Review no. {issue.number}: Migration profiles"
    assert result.url == f"/en/review/{issue.number}/"
    assert result.label == "Rabat Review"


def test_an_article_is_found_and_links_to_its_place_in_the_issue(client):
    article = ArticleFactory(
        title_en="The i-Map extends", body_en="An interactive map of the routes."
    )
    ArticleFactory(
        issue=DraftIssueFactory(), title_en="Draft map", body_en="Another map."
    )

    results = search(client, "interactive map")

    assert [(r.title, r.url) for r in results] == [
        (
            "The i-Map extends",
            f"/en/review/{article.issue.number}/#article-{article.pk}",
        )
    ]


def test_french_visitors_find_the_french_texts(client):
    ArticleFactory(title_fr="La carte interactive", body_fr="Les routes migratoires.")
    results = search(client, "routes", language="fr")
    # The founding texts of the library (a data migration) speak of routes too.
    [result] = [r for r in results if r.kind == "review"]
    assert result.title == "La carte interactive"
    assert result.label == "Article de la Rabat Review"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN indexes exist on PostgreSQL"
)
@pytest.mark.parametrize(
    ("model", "index"),
    [(Issue, "review_issue_search_idx"), (Article, "review_article_document_idx")],
)
def test_review_search_uses_its_gin_indexes(model, index):
    ArticleFactory()
    assert index in search_plan(model)
