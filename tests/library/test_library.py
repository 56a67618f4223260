import datetime

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from library.admin_forms import DocumentAdminForm
from library.models import Document
from meetings.models import DocumentVisibility
from rabat.library import library_search
from rabat.search import site_search
from tests.factories import CountryFactory, ThemeFactory
from tests.files import close_file_response, pdf_bytes
from tests.library.conftest import founding_texts_migration
from tests.library.factories import DocumentFactory
from tests.meetings.factories import MeetingDocumentFactory, MeetingFactory
from tests.newsletter.factories import IssueFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search runs on PostgreSQL; SQLite has the icontains fallback",
)

FOUNDING_SLUGS = {
    "rabat-declaration-and-action-plan": (2006, datetime.date(2006, 7, 11), "Rabat"),
    "paris-cooperation-programme": (2008, datetime.date(2008, 11, 25), "Paris"),
    "dakar-strategy": (2011, datetime.date(2011, 11, 23), "Dakar"),
    "dakar-strategy-roadmap": (2012, None, "Madrid"),
}


def main(response):
    """The page's own content, without the menu and the footer."""
    content = response.content.decode()
    return content[content.index("<main") : content.index("</main>")]


def library(client, language="en", **params):
    return main(client.get(f"/{language}/library/", params))


def test_the_founding_texts_come_with_the_migrations():
    Document.objects.all().delete()
    founding_texts_migration.create_founding_texts(apps, None)
    texts = {doc.slug: doc for doc in Document.objects.all()}
    assert set(texts) == set(FOUNDING_SLUGS)
    for slug, (year, date, place) in FOUNDING_SLUGS.items():
        assert (texts[slug].year, texts[slug].date, texts[slug].place) == (
            year,
            date,
            place,
        )
        # No link is given unless it is known to be the right one.
        assert texts[slug].official_url == ""
        assert texts[slug].title_fr and texts[slug].title_en
        assert texts[slug].summary_fr and texts[slug].summary_en


def test_the_library_lists_every_public_document_in_both_languages(client):
    meeting = MeetingFactory(title_en="Dakar thematic meeting")
    MeetingDocumentFactory(meeting=meeting, title_en="Concept note of Dakar")
    MeetingDocumentFactory(
        meeting=meeting,
        title_en="Members' notes",
        visibility=DocumentVisibility.MEMBERS,
    )
    MeetingDocumentFactory(
        meeting=MeetingFactory(is_published=False), title_en="Draft agenda"
    )
    issue = IssueFactory(with_pdf=True, title_en="Data for policies")
    IssueFactory(with_pdf=True, title_en="Future issue", published_at=None)
    IssueFactory(title_en="Issue without PDF")
    content = library(client)
    assert "Concept note of Dakar" in content
    assert "Dakar thematic meeting" in content  # the page it belongs to
    assert meeting.get_absolute_url() in content
    assert "Data for policies" in content
    assert reverse("newsletter:pdf", args=[issue.number, "fr"]) in content
    assert "Dakar Strategy" in content and "Rabat Declaration" in content
    for hidden in ("Members' notes", "Draft agenda", "Future issue", "without PDF"):
        assert hidden not in content
    assert "PDF" in content and "Download" in content
    assert "6 documents" in content  # 4 founding texts, 1 meeting document, 1 issue
    french = library(client, "fr")
    assert "Stratégie de Dakar" in french
    assert "Bibliothèque" in french
    assert "Télécharger" in french


def test_newest_first():
    with translation.override("en"):
        titles = [document.title for document in library_search("").documents]
    assert titles == [
        "Dakar Strategy Roadmap",
        "Dakar Strategy",
        "Paris Cooperation Programme (2009\u20132011)",
        "Rabat Declaration and Action Plan",
    ]


def test_facets_count_and_filter(client):
    theme = ThemeFactory(slug="borders", title_en="Border management")
    senegal = CountryFactory(iso_code="SN", name_en="Senegal", name_fr="Sénégal")
    meeting = MeetingFactory(
        themes=[theme],
        host_country=senegal,
        start_date=datetime.date(2013, 9, 11),
        end_date=datetime.date(2013, 9, 11),
    )
    MeetingDocumentFactory(meeting=meeting, title_en="Agenda of Dakar", language="en")
    results = library_search("", {"type": "meeting-document"})
    assert [d.title for d in results.documents] == ["Agenda of Dakar"]
    facets = {facet.name: facet for facet in results.facets}
    # A facet's counts follow the other facets' filters, not its own.
    assert ("meeting-document", "Meeting documents", 1) in facets["type"].choices
    assert ("founding-text", "Founding texts", 4) in facets["type"].choices
    assert facets["year"].choices == [("2013", "2013", 1)]
    content = library(client, theme="borders")
    assert "Agenda of Dakar" in content and "Dakar Strategy" not in content
    assert "1 document matches" in content
    assert "Border management (1)" in content
    for params in ({"year": "2011"}, {"country": "SN"}, {"language": "en"}):
        titles = [d.title for d in library_search("", params).documents]
        assert titles, params
    assert [d.title for d in library_search("", {"year": "2011"}).documents] == [
        "Dakar Strategy"
    ]
    assert [d.title for d in library_search("", {"country": "SN"}).documents] == [
        "Agenda of Dakar"
    ]


def test_bad_facet_values_and_pages_are_ignored(client):
    for params in (
        {"type": "nothing"},
        {"year": "abc"},
        {"theme": "x" * 500},
        {"page": "abc"},
        {"page": "999"},
        {"country": "\u00b2"},
    ):
        response = client.get("/en/library/", params)
        assert response.status_code == 200, params
        assert "Dakar Strategy" in main(response), params


def test_search_finds_texts_by_their_words(client):
    MeetingDocumentFactory(
        meeting=MeetingFactory(title_en="Border management meeting"),
        title_en="Outcome report",
    )
    content = library(client, q="Dakar")
    assert "Dakar Strategy" in content
    assert "Paris Cooperation" not in content
    # Documents are also found by their meeting's title.
    assert "Outcome report" in library(client, q="border management")
    empty = library(client, q="zzzqqq")
    assert "0 documents match" in empty
    assert "No document matches" in empty
    assert "Show every document" in empty


def test_search_puts_title_matches_first():
    DocumentFactory(
        title_en="A text", summary_en="Notes on the Paris cooperation programme."
    )
    with translation.override("en"):
        titles = [d.title for d in library_search("Paris cooperation").documents]
    assert titles == ["Paris Cooperation Programme (2009\u20132011)", "A text"]


@postgresql_only
def test_full_text_search_stems_and_ignores_accents(client):
    assert "Stratégie de Dakar" in library(client, "fr", q="strategie")
    assert "Dakar Strategy" in library(client, q="strategies")


def test_numbered_pages(client):
    meeting = MeetingFactory()
    MeetingDocumentFactory.create_batch(20, meeting=meeting)
    first = library(client)
    assert "24 documents" in first
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in library(client, page=2)


def test_empty_library(client):
    Document.objects.all().delete()
    content = library(client)
    assert "The library has no public document yet." in content


def test_query_count_does_not_grow_with_the_documents(client):
    theme = ThemeFactory()

    def add(count):
        for _ in range(count):
            meeting = MeetingFactory(themes=[theme])
            MeetingDocumentFactory(meeting=meeting)
            IssueFactory(with_pdf=True)
            DocumentFactory(themes=[theme], countries=[CountryFactory()])

    add(1)
    assert_queries_constant(client, "/en/library/", grow=lambda: add(10))
    assert_queries_constant(client, "/en/library/?q=text", grow=lambda: add(10))


def test_a_text_page_and_its_file(client):
    document = Document.objects.get(slug="dakar-strategy")
    page = main(client.get(document.get_absolute_url()))
    assert "Dakar Strategy" in page
    assert "has not yet put the text itself online" in page
    assert reverse("library:file", args=[document.slug]) not in page
    assert client.get(reverse("library:file", args=[document.slug])).status_code == 404
    document.file = ContentFile(pdf_bytes(), name="dakar.pdf")
    document.original_name = "dakar-strategy.pdf"
    document.content_type = "application/pdf"
    document.size = len(pdf_bytes())
    document.save()
    page = client.get(document.get_absolute_url()).content.decode()
    assert document.get_file_url() in page
    assert document.get_file_url() in library(client)
    response = client.get(document.get_file_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "dakar-strategy.pdf" in response["Content-Disposition"]
    assert "public" in response["Cache-Control"]
    close_file_response(response)
    document.is_published = False
    document.save()
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(document.get_file_url()).status_code == 404
    assert "Dakar Strategy<" not in library(client)


def test_the_admin_form_checks_the_file():
    document = Document.objects.get(slug="dakar-strategy")
    data = {
        "title": document.title_en,
        "slug": document.slug,
        "kind": document.kind,
        "year": 2011,
        "date": "2011-11-23",
        "languages": "fr-en",
        "is_published": "on",
    }
    html = SimpleUploadedFile("text.pdf", b"<html>not a pdf</html>")
    form = DocumentAdminForm(data, {"file": html}, instance=document)
    assert not form.is_valid()
    assert "file" in form.errors
    pdf = SimpleUploadedFile("Stratégie de Dakar.pdf", pdf_bytes())
    form = DocumentAdminForm(data, {"file": pdf}, instance=document)
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.content_type == "application/pdf"
    assert saved.size == len(pdf_bytes())
    assert saved.original_name.endswith(".pdf")
    outside = dict(data, date="2012-01-01")
    form = DocumentAdminForm(outside, instance=document)
    assert not form.is_valid()
    assert "date" in form.errors


def test_the_founding_texts_are_in_the_site_search(client):
    with translation.override("en"):
        results = site_search("Dakar Strategy")
    founding = [result for result in results if result.kind == "document"]
    assert founding and founding[0].url.startswith("/en/library/")
    content = client.get("/fr/search/", {"q": "Feuille de route"}).content.decode()
    assert "Feuille de route de la Stratégie de Dakar" in content


def test_the_menu_leads_to_the_library(client):
    content = client.get("/fr/").content.decode()
    assert 'href="/fr/library/"' in content
    assert "Bibliothèque" in content
    assert timezone.now()  # the page renders without a library query error
