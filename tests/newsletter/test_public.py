"""The Rabat Review's public pages: the archive, an issue, its files."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from tests.newsletter.factories import (
    PDF_BYTES,
    ArticleFactory,
    IssueFactory,
    png_bytes,
)
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db


def at(year, month=6):
    return timezone.make_aware(datetime.datetime(year, month, 15, 12))


def read(response):
    """The body of a file response; reading it to the end closes it."""
    return b"".join(response.streaming_content)


# --- Home page and navigation ------------------------------------------------


def test_home_shows_the_latest_published_issue(client):
    IssueFactory(number=1, title_fr="L'ancien", published_at=at(2013, 2))
    IssueFactory(number=2, title_fr="Le dernier", published_at=at(2013, 9))
    IssueFactory(number=3, title_fr="Le brouillon", published_at=None)

    html = client.get("/fr/").content.decode()

    assert "Dernier numéro de la Rabat Review" in html
    assert "Le dernier" in html
    assert 'href="/fr/review/2/"' in html
    assert "L'ancien" not in html
    assert "Le brouillon" not in html
    assert 'href="/fr/review/subscribe/"' in html


def test_every_page_links_the_archive_in_its_navigation(client):
    html = client.get(reverse("rabat:about")).content.decode()
    assert '<a class="nav-link" href="/en/review/">Rabat Review</a>' in html
    assert '<li><a href="/en/review/">Rabat Review</a></li>' in html  # footer
    html = client.get(reverse("newsletter:archive")).content.decode()
    assert 'href="/en/review/" aria-current="page">Rabat Review</a>' in html


# --- Archive ----------------------------------------------------------------


def test_archive_groups_published_issues_by_year_newest_first(client):
    IssueFactory(number=1, title_en="Launch", published_at=at(2012, 3))
    IssueFactory(number=2, title_en="Dakar", published_at=at(2013, 2))
    IssueFactory(number=3, title_en="Profiles", published_at=at(2013, 9))
    IssueFactory(number=4, title_en="Draft", published_at=None)
    IssueFactory(
        number=5,
        title_en="Tomorrow",
        published_at=timezone.now() + datetime.timedelta(days=1),
    )

    response = client.get(reverse("newsletter:archive"))

    years = response.context["years"]
    assert [year for year, _ in years] == [2013, 2012]
    assert [[entry.issue.number for entry in entries] for _, entries in years] == [
        [3, 2],
        [1],
    ]
    html = response.content.decode()
    assert html.index("Profiles") < html.index("Dakar") < html.index("Launch")
    assert "Draft" not in html
    assert "Tomorrow" not in html


def test_archive_shows_number_period_cover_and_plain_summary(client):
    issue = IssueFactory(
        number=7,
        period_en="July\u2013September 2013",
        introduction_en="Welcome to **the seventh** issue, on [Dakar](https://example.org).",
        with_cover=True,
    )

    html = client.get(reverse("newsletter:archive")).content.decode()

    assert "No. 7" in html
    assert "July\u2013September 2013" in html
    assert reverse("newsletter:cover", kwargs={"number": issue.number}) in html
    assert "Welcome to the seventh issue, on Dakar." in html
    assert "<strong>the seventh" not in html


def test_archive_summary_is_escaped_once(client):
    IssueFactory(introduction_en="Migration & development, `<b>` tags")

    html = client.get(reverse("newsletter:archive")).content.decode()

    assert "Migration &amp; development, &lt;b&gt; tags" in html


def test_archive_summary_is_cut_short(client):
    IssueFactory(introduction_en=" ".join(f"word{n}" for n in range(200)))

    html = client.get(reverse("newsletter:archive")).content.decode()

    assert "word39…" in html
    assert "word40" not in html


def test_archive_in_french(client):
    IssueFactory(title_fr="Le numéro de Dakar", period_fr="Juillet\u2013septembre 2013")

    with translation.override("fr"):
        html = client.get(reverse("newsletter:archive")).content.decode()

    assert "Le numéro de Dakar" in html
    assert "Juillet\u2013septembre 2013" in html


def test_archive_empty_state(client):
    IssueFactory(published_at=None)

    response = client.get(reverse("newsletter:archive"))

    assert "No issue of the Review has been published yet." in response.content.decode()


def test_archive_query_count_does_not_grow(client):
    IssueFactory(with_cover=True)
    assert_queries_constant(
        client,
        reverse("newsletter:archive"),
        grow=lambda: IssueFactory.create_batch(10, with_cover=True),
    )


# --- An issue -----------------------------------------------------------------


def test_issue_page_shows_the_issue_in_the_visitors_language(client):
    issue = IssueFactory(
        number=12,
        title_en="Migration profiles",
        title_fr="Profils migratoires",
        period_en="October\u2013December 2013",
        introduction_en="An **introduction**.",
        with_cover=True,
    )
    ArticleFactory(issue=issue, position=2, title_en="Second article", body_en="Two")
    ArticleFactory(
        issue=issue,
        position=1,
        title_en="First article",
        body_en="One *emphasised*",
        with_image=True,
    )

    response = client.get(reverse("newsletter:issue", kwargs={"number": 12}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Migration profiles" in html
    assert "Profils migratoires" not in html
    assert "October\u2013December 2013" in html
    assert "<strong>introduction</strong>" in html
    assert html.index("First article") < html.index("Second article")
    assert "<em>emphasised</em>" in html
    assert reverse("newsletter:cover", kwargs={"number": 12}) in html
    article = issue.articles.get(title_en="First article")
    assert reverse("newsletter:article_image", kwargs={"pk": article.pk}) in html
    assert 'alt="A meeting room"' in html
    assert reverse("newsletter:archive") in html
    assert reverse("newsletter:subscribe") in html
    assert "available in" not in html


def test_issue_page_in_french(client):
    issue = IssueFactory(title_fr="Profils migratoires")
    ArticleFactory(issue=issue, title_fr="Premier article", body_fr="Un texte")

    with translation.override("fr"):
        html = client.get(issue.get_absolute_url()).content.decode()

    assert "Profils migratoires" in html
    assert "Premier article" in html
    assert "Un texte" in html


def test_an_article_only_in_french_is_shown_marked_as_such(client):
    issue = IssueFactory()
    ArticleFactory(
        issue=issue,
        title_en="",
        body_en="",
        title_fr="Réunion de Dakar",
        body_fr="Le texte",
    )

    html = client.get(issue.get_absolute_url()).content.decode()

    assert "This article is available in French only." in html
    assert '<h2 id="article-' in html
    assert 'lang="fr">Réunion de Dakar</h2>' in html
    assert '<div class="prose" lang="fr"><p>Le texte</p></div>' in html


def test_an_article_only_in_english_is_marked_for_french_readers(client):
    issue = IssueFactory()
    ArticleFactory(issue=issue, title_fr="Titre", body_fr="", body_en="English text")

    with translation.override("fr"):
        html = client.get(issue.get_absolute_url()).content.decode()

    assert '<div class="prose" lang="en"><p>English text</p></div>' in html
    assert "Titre" in html


def test_the_introduction_falls_back_marked(client):
    issue = IssueFactory(introduction_en="", introduction_fr="Une introduction")

    html = client.get(issue.get_absolute_url()).content.decode()

    assert "This introduction is available in French only." in html
    assert 'lang="fr"><p>Une introduction</p>' in html


def test_pdf_links_only_for_attached_languages(client):
    issue = IssueFactory(number=3, pdf_en=ContentFile(PDF_BYTES, name="en.pdf"))

    html = client.get(issue.get_absolute_url()).content.decode()

    assert reverse("newsletter:pdf", kwargs={"number": 3, "language": "en"}) in html
    assert reverse("newsletter:pdf", kwargs={"number": 3, "language": "fr"}) not in html


@pytest.mark.parametrize("role", ["anonymous", "no_group", "focal_point"])
def test_unpublished_issues_are_not_found_for_the_public(client_for, role):
    client = client_for(role)
    draft = IssueFactory(published_at=None, with_cover=True)
    later = IssueFactory(published_at=timezone.now() + datetime.timedelta(hours=1))

    for issue in (draft, later):
        assert client.get(issue.get_absolute_url()).status_code == 404
    assert (
        client.get(
            reverse("newsletter:cover", kwargs={"number": draft.number})
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("newsletter:issue", kwargs={"number": 999})).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["secretariat", "staff"])
def test_the_secretariat_previews_unpublished_issues(client_for, role):
    client = client_for(role)
    issue = IssueFactory(published_at=None, title_en="Coming soon", with_cover=True)
    article = ArticleFactory(issue=issue, with_image=True)

    response = client.get(issue.get_absolute_url())

    assert response.status_code == 200
    assert "Preview: this issue is not published." in response.content.decode()
    cover = client.get(reverse("newsletter:cover", kwargs={"number": issue.number}))
    assert cover.status_code == 200
    assert cover["Cache-Control"] == "private, no-store"
    read(cover)
    image = client.get(reverse("newsletter:article_image", kwargs={"pk": article.pk}))
    assert image.status_code == 200
    assert image["Cache-Control"] == "private, no-store"
    read(image)


def test_published_issue_has_no_preview_notice(client_for):
    issue = IssueFactory()
    html = client_for("secretariat").get(issue.get_absolute_url()).content.decode()
    assert "Preview" not in html


def test_issue_query_count_does_not_grow_with_articles(client):
    issue = IssueFactory(with_cover=True)
    ArticleFactory(issue=issue, with_image=True)
    assert_queries_constant(
        client,
        issue.get_absolute_url(),
        grow=lambda: ArticleFactory.create_batch(10, issue=issue, with_image=True),
    )


# --- Files --------------------------------------------------------------------


def test_cover_is_streamed_and_publicly_cacheable(client):
    issue = IssueFactory(with_cover=True)

    response = client.get(reverse("newsletter:cover", kwargs={"number": issue.number}))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]
    assert read(response) == png_bytes()


def test_article_image_of_a_published_issue(client):
    article = ArticleFactory(with_image=True)
    draft_article = ArticleFactory(
        issue=IssueFactory(published_at=None), with_image=True
    )

    response = client.get(
        reverse("newsletter:article_image", kwargs={"pk": article.pk})
    )
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert read(response) == png_bytes()
    url = reverse("newsletter:article_image", kwargs={"pk": draft_article.pk})
    assert client.get(url).status_code == 404


def test_missing_files_are_not_found(client):
    issue = IssueFactory()
    article = ArticleFactory(issue=issue)
    urls = [
        reverse("newsletter:cover", kwargs={"number": issue.number}),
        reverse("newsletter:article_image", kwargs={"pk": article.pk}),
        reverse("newsletter:pdf", kwargs={"number": issue.number, "language": "fr"}),
        reverse("newsletter:pdf", kwargs={"number": issue.number, "language": "de"}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_pdf_per_language(client):
    issue = IssueFactory(
        number=9,
        pdf_fr=ContentFile(PDF_BYTES, name="fr.pdf"),
        pdf_en=ContentFile(b"%PDF-1.4 english", name="en.pdf"),
    )

    response = client.get(
        reverse("newsletter:pdf", kwargs={"number": 9, "language": "en"})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "rabat-review-9-en.pdf" in response["Content-Disposition"]
    assert "public" in response["Cache-Control"]
    assert read(response) == b"%PDF-1.4 english"
    french = client.get(
        reverse("newsletter:pdf", kwargs={"number": issue.number, "language": "fr"})
    )
    assert read(french) == PDF_BYTES


def test_pdf_of_an_unpublished_issue_is_not_found(client):
    issue = IssueFactory(
        published_at=None, pdf_fr=ContentFile(PDF_BYTES, name="fr.pdf")
    )
    url = reverse("newsletter:pdf", kwargs={"number": issue.number, "language": "fr"})
    assert client.get(url).status_code == 404
