"""rabat.uploads: what a file is (read by real parsers), long names, and
writing to a storage that fails (disk full, read-only)."""

import errno
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from forums.models import Attachment
from rabat.http import stored_file_response
from rabat.uploads import (
    DOC,
    DOCX,
    ODS,
    ODT,
    PDF,
    PPT,
    PPTX,
    XLS,
    XLSX,
    ActivePdfError,
    StorageError,
    UnknownTypeError,
    UploadError,
    atomic_with_files,
    file_save,
    fitted_name,
    shortened_name,
    upload_check,
)
from tests.conftest import stored_files
from tests.files import (
    body,
    docx_bytes,
    image_bytes,
    odt_bytes,
    ole2_bytes,
    pdf_bytes,
    pdf_with_embedded_file,
    pdf_with_javascript,
    pdf_with_open_action,
    pdf_with_page_action,
    xlsx_bytes,
    zip_bomb,
    zip_bytes,
)
from tests.forums.factories import PostFactory

MAX_BYTES = 10 * 1024 * 1024
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'onload="alert(1)"><circle r="10"/></svg>'
)


def check(name, content):
    return upload_check(SimpleUploadedFile(name, content), max_bytes=MAX_BYTES)


# --- What a file is ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type", "safe_name"),
    [
        ("report.pdf", pdf_bytes(pages=3), PDF, "report.pdf"),
        ("chart.png", image_bytes("PNG"), "image/png", "chart.png"),
        ("photo.JPEG", image_bytes("JPEG"), "image/jpeg", "photo.jpeg"),
        ("anim.gif", image_bytes("GIF"), "image/gif", "anim.gif"),
        ("map.webp", image_bytes("WEBP"), "image/webp", "map.webp"),
        ("minutes.docx", docx_bytes(), DOCX, "minutes.docx"),
        ("budget.xlsx", xlsx_bytes(), XLSX, "budget.xlsx"),
        (
            "slides.pptx",
            zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": ""}),
            PPTX,
            "slides.pptx",
        ),
        ("notes.odt", odt_bytes(), ODT, "notes.odt"),
        ("table.ods", odt_bytes(ODS), ODS, "table.ods"),
        ("old.doc", ole2_bytes("WordDocument"), DOC, "old.doc"),
        ("old.xls", ole2_bytes("Workbook"), XLS, "old.xls"),
        ("older.xls", ole2_bytes("Book"), XLS, "older.xls"),
        ("slides.ppt", ole2_bytes("PowerPoint Document"), PPT, "slides.ppt"),
        # The content decides the extension, and the name is made safe.
        ("../../Rapport final é.html", pdf_bytes(), PDF, "Rapport_final_é.pdf"),
        ("no-extension", docx_bytes(), DOCX, "no-extension.docx"),
        ("<script>.pdf", pdf_bytes(), PDF, "script.pdf"),
    ],
)
def test_accepted_files(name, content, content_type, safe_name):
    assert check(name, content) == (content_type, safe_name)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", HTML),
        ("notes.pdf", b"Minutes of the meeting, typed as plain text."),
        ("logo.svg", SVG),
        ("logo.png", SVG),
        ("setup.pdf", b"MZ\x90\x00\x03" + bytes(200)),
        # A PDF header on something pypdf cannot read.
        ("fake.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        ("cut.pdf", pdf_bytes()[:200]),
        ("archive.docx", zip_bytes({"readme.txt": "hello"})),
        # OOXML without its main part, or without its content types.
        (
            "hollow.docx",
            zip_bytes({"[Content_Types].xml": "<Types/>", "word/styles.xml": "<s/>"}),
        ),
        ("untyped.docx", zip_bytes({"word/document.xml": "<w:document/>"})),
        (
            "hollow.xlsx",
            zip_bytes({"[Content_Types].xml": "<Types/>", "xl/styles.xml": "<s/>"}),
        ),
        ("fake.odt", zip_bytes({"mimetype": "text/html", "content.xml": "<x/>"})),
        ("empty.odt", zip_bytes({"mimetype": ODT})),
        # A compound file, but not an Office document (an installer's, say).
        ("installer.doc", ole2_bytes("\x05SummaryInformation")),
        ("cut.doc", ole2_bytes("WordDocument")[:1024]),
        ("broken.png", image_bytes("PNG")[:40]),
        ("script.js", b"alert(1)"),
        ("page.tiff", image_bytes("TIFF")),
    ],
)
def test_refused_files(name, content):
    with pytest.raises(UnknownTypeError, match="is not an accepted file"):
        check(name, content)


def test_empty_and_oversize_files_are_refused():
    with pytest.raises(UploadError, match="is empty"):
        check("empty.pdf", b"")
    with pytest.raises(UploadError, match="too large"):
        check("big.pdf", pdf_bytes() + bytes(MAX_BYTES))


@pytest.mark.parametrize(
    "content",
    [
        pdf_with_javascript(),
        pdf_with_open_action(),
        pdf_with_page_action(),
        pdf_with_embedded_file(),
    ],
)
def test_pdfs_with_javascript_or_embedded_files_are_refused(content):
    with pytest.raises(ActivePdfError) as error:
        check("form.pdf", content)
    assert str(error.value) == (
        "“form.pdf” contains JavaScript, automatic actions or embedded files, "
        "which the portal does not accept: save it again as a plain PDF (“Print "
        "to PDF”, or PDF/A) and send it again."
    )


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    with pytest.raises(UploadError, match="zip bomb"):
        check("bomb.docx", zip_bomb())


def test_a_zip_is_refused_by_its_expanded_size(settings):
    content = zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": bytes(range(256)) * 64,  # 16 KB, hardly packed
        }
    )
    assert check("report.docx", content)[0] == DOCX
    settings.UPLOAD_ZIP_MAX_BYTES = 8 * 1024
    with pytest.raises(UploadError, match="zip bomb"):
        check("report.docx", content)


def test_a_zip_whose_declared_sizes_lie_is_refused():
    content = bytearray(docx_bytes())
    # The central directory declares word/document.xml one byte shorter.
    offset = content.rindex(b"word/document.xml") - 46 + 24
    size = int.from_bytes(content[offset : offset + 4], "little")
    content[offset : offset + 4] = (size - 1).to_bytes(4, "little")
    with pytest.raises(UnknownTypeError):
        check("liar.docx", bytes(content))


# --- Long names ----------------------------------------------------------------


def test_long_names_are_fitted_keeping_their_extension():
    name = "a" * 300 + ".docx"
    assert fitted_name(name) == "a" * 250 + ".docx"
    assert fitted_name("short.pdf") == "short.pdf"
    assert fitted_name("x." + "y" * 300, 100) == "x." + "y" * 98


def test_long_names_are_shown_without_their_middle():
    name = "Compte rendu de la réunion du comité de pilotage de Dakar, 2013.pdf"
    shown = shortened_name(name, 30)
    assert shown == "Compte rendu de…akar, 2013.pdf"
    assert len(shown) == 30
    assert shortened_name("short.pdf", 30) == "short.pdf"


def test_an_upload_with_a_long_name_gets_a_fitted_safe_name():
    content_type, name = check("Rapport annuel " * 20 + "2013.PDF", pdf_bytes())
    assert content_type == PDF
    assert len(name) == 255
    assert name.startswith("Rapport_annuel_Rapport_annuel")
    assert name.endswith(".pdf")


# --- Writing to a storage that fails ---------------------------------------------


@pytest.fixture
def attachment(db):
    return Attachment(post=PostFactory(), original_name="r.pdf", size=1)


def test_a_full_disk_leaves_no_partial_file(attachment, unwritable_media):
    with pytest.raises(StorageError) as error:
        file_save(
            attachment.file,
            name="report.pdf",
            content=ContentFile(pdf_bytes(), name="Rapport.pdf"),
        )
    assert str(error.value).startswith("“Rapport.pdf” could not be saved")
    assert error.value.__cause__.errno in (errno.ENOSPC, errno.EACCES, errno.EROFS)
    assert stored_files(unwritable_media) == []
    assert not attachment.file


def test_a_stored_file_is_set_on_the_instance(attachment, settings):
    file_save(attachment.file, name="abc.pdf", content=ContentFile(b"%PDF-"))
    assert attachment.file.name == "forums/attachments/abc.pdf"
    assert stored_files(Path(settings.MEDIA_ROOT)) == ["forums/attachments/abc.pdf"]


def test_files_written_in_a_failed_transaction_are_deleted(attachment, settings):
    media = Path(settings.MEDIA_ROOT)
    with pytest.raises(RuntimeError), atomic_with_files():
        file_save(attachment.file, name="a.pdf", content=ContentFile(b"%PDF-"))
        with atomic_with_files():
            file_save(attachment.file, name="b.pdf", content=ContentFile(b"%PDF-"))
        assert len(stored_files(media)) == 2
        raise RuntimeError
    assert stored_files(media) == []
    with atomic_with_files():
        file_save(attachment.file, name="c.pdf", content=ContentFile(b"%PDF-"))
    assert stored_files(media) == ["forums/attachments/c.pdf"]


def test_the_inner_block_files_go_when_the_outer_block_fails(attachment, settings):
    with pytest.raises(RuntimeError), atomic_with_files():
        with atomic_with_files():
            file_save(attachment.file, name="d.pdf", content=ContentFile(b"%PDF-"))
        raise RuntimeError
    assert stored_files(Path(settings.MEDIA_ROOT)) == []


# --- Serving a stored file -------------------------------------------------------


def test_public_and_private_files_are_cached_differently(attachment):
    file_save(attachment.file, name="e.pdf", content=ContentFile(b"%PDF-1"))
    public = stored_file_response(
        attachment.file, is_public=True, content_type=PDF, filename="e.pdf"
    )
    assert public["Cache-Control"] == "public, max-age=86400"
    assert body(public) == b"%PDF-1"
    private = stored_file_response(
        attachment.file, is_public=False, content_type=PDF, as_attachment=True
    )
    assert private["Cache-Control"] == "private, no-store"
    assert private["Content-Disposition"].startswith("attachment")
    body(private)


def test_a_file_that_is_not_set_or_gone_is_not_found(attachment):
    with pytest.raises(Http404):
        stored_file_response(attachment.file, is_public=False, content_type=PDF)
    file_save(attachment.file, name="f.pdf", content=ContentFile(b"%PDF-1"))
    default_storage.delete(attachment.file.name)
    with pytest.raises(Http404):
        stored_file_response(attachment.file, is_public=False, content_type=PDF)
