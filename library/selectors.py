"""Reads of the library: its founding texts as library documents."""

from django.utils.translation import gettext_lazy as _

from library.models import Document
from rabat.library import LibraryDocument, LibraryFile
from rabat.markdown import markdown_to_text
from rabat.search import matching

FOUNDING_TEXTS = "founding-text"


def library_documents(query_text: str) -> list[LibraryDocument]:
    """The published founding texts (those matching `query_text`, if any):
    three queries."""
    documents = Document.objects.published().for_listing()
    if query_text:
        documents = matching(documents, query_text, fields=("title", "summary"))
    return [library_document(document) for document in documents]


def library_document(document: Document) -> LibraryDocument:
    files = ()
    if document.file:
        files = (
            LibraryFile(
                document.get_file_url(),
                document.languages if document.languages != "fr-en" else "",
                document.content_type,
                document.size or None,
            ),
        )
    return LibraryDocument(
        key=f"library:{document.pk}",
        title=document.title,
        type=FOUNDING_TEXTS,
        type_label=_("Founding texts"),
        kind_label=document.get_kind_display(),
        date=document.date,
        year=document.year,
        languages=document.language_codes,
        files=files,
        external_url=document.official_url,
        page_title=document.title,
        page_url=document.get_absolute_url(),
        summary=" ".join(markdown_to_text(document.summary, urls=False).split()),
        place=document.place,
        themes=tuple((theme.slug, theme.title) for theme in document.themes.all()),
        countries=tuple(
            (country.iso_code, country.name) for country in document.countries.all()
        ),
        rank=getattr(document, "rank", 0.0),
    )
