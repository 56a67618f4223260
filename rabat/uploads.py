"""Uploaded files, in every app: accepted for their content (read by real
parsers), never for their name; stored under generated names, and never
left half-written.

- `upload_check`: what an upload is (PDF, image, office document), or
  `UploadError` saying why it is refused.
- `file_save`: the one place where an upload is written to its storage; a
  full or read-only disk gives `StorageError` (a translated message) and
  leaves nothing behind. `atomic_with_files` deletes the files written inside
  a transaction that fails.
- `fitted_name` / `shortened_name`: the one rule for long original names.
- `UploadField`: a form's file field without a limit on the name's length
  (names are generated; the original one is fitted).
"""

import contextvars
import logging
import warnings
import zipfile
from contextlib import contextmanager
from pathlib import PurePath

import olefile
from django import forms
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

MAX_PIXELS = 40_000_000
# The original names kept (Attachment.original_name, MeetingDocument's) fit
# their fields: 255 characters.
NAME_MAX_LENGTH = 255
# Names in messages and pages: longer ones lose their middle.
NAME_DISPLAY_LENGTH = 60
ELLIPSIS = "…"

IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"

# Accepted type -> file name extensions, the first one given when the name
# has none of them (a PDF called "notes.html" is saved as "notes.pdf").
EXTENSIONS = {
    PDF: (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    PPTX: (".pptx",),
    ODT: (".odt",),
    ODS: (".ods",),
    ODP: (".odp",),
    DOC: (".doc",),
    XLS: (".xls",),
    PPT: (".ppt",),
}


def file_format(content_type: str) -> str:
    """ "PDF", "DOCX"...: the format of a stored file of `content_type`, as
    people call it ("" for a type not accepted)."""
    extensions = EXTENSIONS.get(content_type)
    return extensions[0].lstrip(".").upper() if extensions else ""


# And back: the type of a stored file, named by `upload_check`.
TYPE_OF_EXTENSION = {
    extension: content_type
    for content_type, extensions in EXTENSIONS.items()
    for extension in extensions
}
# Office Open XML: the main part that the package must hold.
OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
    "ppt/presentation.xml": PPTX,
}
OOXML_CONTENT_TYPES = "[Content_Types].xml"
# OpenDocument: the `mimetype` member names the type; `content.xml` the body.
ODF_TYPES = (ODT, ODS, ODP)
# Legacy Office: the stream that the compound file's directory must hold.
OLE2_STREAMS = {
    "WordDocument": DOC,
    "Workbook": XLS,
    "Book": XLS,
    "PowerPoint Document": PPT,
}
# PDF: what runs code or carries other files. Such PDFs are refused rather
# than served as downloads: simpler, and nobody's viewer runs them.
PDF_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA"}
)
PDF_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch"})


class UploadError(Exception):
    """A file that cannot be accepted; the message (translated) says why."""


class UnknownTypeError(UploadError):
    """A file of none of the accepted types (whatever its name says)."""


class ActivePdfError(UploadError):
    """A PDF holding JavaScript, automatic actions or embedded files."""


class StorageError(UploadError):
    """A file that could not be written (disk full, read-only, gone...)."""


# --- What a file is ----------------------------------------------------------


def upload_check(uploaded_file, *, max_bytes: int) -> tuple[str, str]:
    """The content type and a safe display name of an upload, if acceptable.

    The content decides, read by the parsers of each format: a PDF (pypdf:
    it must parse, without JavaScript, automatic actions or embedded files),
    a JPEG, PNG, GIF or WebP image (Pillow), an Office Open XML or
    OpenDocument package holding its main part (and not a zip bomb: see
    `UPLOAD_ZIP_MAX_BYTES` and `UPLOAD_ZIP_MAX_RATIO`), a legacy Office
    file whose directory holds its main stream (olefile). Anything else
    (SVG, HTML, executables, archives) raises `UnknownTypeError`; an empty
    file, one over `max_bytes`, an active PDF or a zip bomb `UploadError`.
    The name is the uploaded one made safe and fitted (`fitted_name`), with
    an extension that matches the content.
    """
    name = shortened_name(PurePath(uploaded_file.name or "").name)
    if not uploaded_file.size:
        raise UploadError(_("“%(name)s” is empty.") % {"name": name})
    if uploaded_file.size > max_bytes:
        raise UploadError(
            _("“%(name)s” is too large: %(size)s at most per file.")
            % {"name": name, "size": filesizeformat(max_bytes)}
        )
    uploaded_file.seek(0)
    try:
        content_type = _detected_type(uploaded_file, name)
    finally:
        uploaded_file.seek(0)
    if content_type is None:
        raise UnknownTypeError(
            _(
                "“%(name)s” is not an accepted file: send a PDF, an image (JPEG, PNG, "
                "GIF, WebP) or an office document (Word, Excel, PowerPoint, "
                "OpenDocument)."
            )
            % {"name": name}
        )
    return content_type, _safe_name(uploaded_file.name, content_type)


def _detected_type(uploaded_file, name: str) -> str | None:
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    if head.startswith(b"%PDF-"):
        return _pdf_type(uploaded_file, name)
    if head == olefile.MAGIC:
        return _ole2_type(uploaded_file)
    if zipfile.is_zipfile(uploaded_file):
        uploaded_file.seek(0)
        return _zip_type(uploaded_file, name)
    uploaded_file.seek(0)
    return _image_type(uploaded_file)


def _pdf_type(uploaded_file, name: str) -> str | None:
    # pypdf raises many exception types on damaged files; it warns on the
    # small faults that it repairs, as viewers do.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(uploaded_file)
            if reader.is_encrypted and not reader.decrypt(""):
                return None
            if not len(reader.pages):
                return None
            active = _pdf_is_active(reader.trailer)
    except Exception:
        return None
    if active:
        raise ActivePdfError(
            _(
                "“%(name)s” contains JavaScript, automatic actions or embedded "
                "files, which the portal does not accept: save it again as a plain "
                "PDF (“Print to PDF”, or PDF/A) and send it again."
            )
            % {"name": name}
        )
    return PDF


def _pdf_is_active(trailer) -> bool:
    """Whether any object reachable from the trailer runs code or holds files."""
    seen = set()
    pending = [trailer]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            pending.append(item.get_object())
        elif isinstance(item, DictionaryObject):
            if PDF_ACTIVE_KEYS & set(item):
                return True
            if item.get("/S") in PDF_ACTIVE_ACTIONS:
                return True
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return False


def _ole2_type(uploaded_file) -> str | None:
    # olefile raises OSError on malformed files, other errors on hostile ones.
    try:
        with olefile.OleFileIO(uploaded_file) as ole:
            for stream, content_type in OLE2_STREAMS.items():
                if ole.exists(stream) and ole.get_type(stream) == olefile.STGTY_STREAM:
                    return content_type
    except Exception:
        return None
    return None


def _zip_type(uploaded_file, name: str) -> str | None:
    # zipfile raises many exception types on damaged or hostile archives
    # (BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError...).
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            _check_not_a_bomb(archive, name)
            names = set(archive.namelist())
            content_type = _package_type(archive, names)
            # Every member decompressed once, bounded by the sizes checked:
            # an archive whose declared sizes lie fails its checksums here.
            if content_type and archive.testzip() is not None:
                return None
            return content_type
    except UploadError:
        raise
    except Exception:
        return None


def _check_not_a_bomb(archive: zipfile.ZipFile, name: str) -> None:
    members = archive.infolist()
    expanded = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members)
    if (
        expanded > settings.UPLOAD_ZIP_MAX_BYTES
        or expanded > settings.UPLOAD_ZIP_MAX_RATIO * max(compressed, 1)
    ):
        raise UploadError(
            _(
                "“%(name)s” expands to too much data (%(size)s): the portal "
                "refuses it as a possible “zip bomb”."
            )
            % {"name": name, "size": filesizeformat(expanded)}
        )


def _package_type(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if "mimetype" in names:
        if archive.getinfo("mimetype").file_size > 100 or "content.xml" not in names:
            return None
        mimetype = archive.read("mimetype").decode("ascii").strip()
        return mimetype if mimetype in ODF_TYPES else None
    if OOXML_CONTENT_TYPES not in names:
        return None
    for part, content_type in OOXML_MAIN_PARTS.items():
        if part in names:
            return content_type
    return None


def _image_type(uploaded_file) -> str | None:
    # As for contact photos: Pillow's decompression-bomb warning is an error.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(uploaded_file, formats=IMAGE_FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return None
                image_format = image.format
                image.verify()
        # Pillow raises many exception types on corrupt data.
        except Exception:
            return None
    return Image.MIME[image_format]


# --- Names ---------------------------------------------------------------------


def fitted_name(name: str, max_length: int = NAME_MAX_LENGTH) -> str:
    """`name` cut to `max_length` characters, keeping its extension."""
    if len(name) <= max_length:
        return name
    suffix = PurePath(name).suffix
    if len(suffix) > max_length // 2:  # no extension, rather a part of the name
        return name[:max_length]
    return name[: max_length - len(suffix)] + suffix


def shortened_name(name: str, length: int = NAME_DISPLAY_LENGTH) -> str:
    """`name` for a page or message: a long one loses its middle, keeping
    its start and its end (with the extension)."""
    if len(name) <= length:
        return name
    end = (length - len(ELLIPSIS)) // 2
    start = length - len(ELLIPSIS) - end
    return name[:start] + ELLIPSIS + name[-end:]


def _safe_name(name: str, content_type: str) -> str:
    extensions = EXTENSIONS[content_type]
    path = PurePath(PurePath(name or "").name)
    try:
        stem = get_valid_filename(path.stem)
    except SuspiciousFileOperation:
        stem = ""
    stem = stem.strip("._") or "document"
    suffix = path.suffix.lower()
    return fitted_name(stem + (suffix if suffix in extensions else extensions[0]))


class UploadField(forms.FileField):
    """A form's file field that accepts names of any length: files are
    stored under generated names, and the original name is fitted
    (`fitted_name`). Django's own field refuses names longer than the model
    field's `max_length` (100), which is that of the generated name."""

    def __init__(self, *, max_length=None, **kwargs):
        super().__init__(**kwargs)


class CheckedFileFormMixin:
    """For a model form whose `file` field takes a document: an upload is
    accepted for its content (`upload_check`, at most `file_max_bytes`), and
    its safe name, type and size go to the instance's `original_name`,
    `content_type` and `size`. The file already stored passes unchanged."""

    file_max_bytes: int

    def clean_file(self):
        uploaded_file = self.cleaned_data.get("file")
        if not isinstance(uploaded_file, UploadedFile):
            return uploaded_file
        try:
            content_type, name = upload_check(
                uploaded_file, max_bytes=self.file_max_bytes
            )
        except UploadError as error:
            raise ValidationError(str(error), code="invalid_upload") from error
        # The storage name takes its extension from here: the detected type's.
        uploaded_file.name = name
        self.instance.original_name = name
        self.instance.content_type = content_type
        self.instance.size = uploaded_file.size
        return uploaded_file


# --- Storing -------------------------------------------------------------------

_written_files = contextvars.ContextVar("written_files", default=None)


def file_save(field_file, *, name: str, content, original_name: str = "") -> None:
    """Write `content` to the storage of `field_file` (a model's file field
    value) under `name`, passed through the field's `upload_to`, and set it
    on the model instance (which is not saved).

    Any OSError of the storage (disk full, read-only, permission denied...)
    is logged, what was partly written is deleted, and `StorageError` is
    raised with a message for the person who sent the file, naming it by
    `original_name` (by default the name of `content`). Inside
    `atomic_with_files`, the file is also deleted if the transaction fails.
    """
    field = field_file.field
    instance = field_file.instance
    storage = field_file.storage
    # Names are generated (random), so whatever is found there is ours.
    target = field.generate_filename(instance, name)
    shown = original_name or getattr(content, "name", None) or name
    shown = shortened_name(PurePath(shown).name)
    try:
        stored = storage.save(target, content, max_length=field.max_length)
    except OSError as error:
        logger.error("Upload not stored as %s: %s", target, error)
        _delete_quietly(storage, target)
        raise StorageError(
            _(
                "“%(name)s” could not be saved: the server's storage is full or "
                "unavailable. Nothing was saved; try again later, and tell the "
                "Secretariat if it happens again."
            )
            % {"name": shown}
        ) from error
    setattr(instance, field.attname, stored)
    written = _written_files.get()
    if written is not None:
        written.append((storage, stored))


def uploads_save(instance) -> None:
    """`file_save` of each upload assigned to `instance`'s file fields and not
    yet stored (a model form's files), before the instance is saved; Django
    would otherwise write them itself, unguarded, when it saves it."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.FileField):
            continue
        field_file = getattr(instance, field.attname)
        # `_committed` is False while the file is only assigned (FieldFile).
        if field_file and not field_file._committed:
            file_save(field_file, name=field_file.name, content=field_file.file)


@contextmanager
def atomic_with_files(using=None):
    """`transaction.atomic()` that also deletes the files `file_save` wrote
    inside it when it fails (an exception leaves it), so that no file is left
    without its row. Nested, the files stay tracked until the outermost
    block ends. A decorator too, like `transaction.atomic`."""
    written = []
    outer = _written_files.get()
    token = _written_files.set(written)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        for storage, name in written:
            _delete_quietly(storage, name)
        raise
    finally:
        _written_files.reset(token)
    if outer is not None:
        outer.extend(written)


def _delete_quietly(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError as error:
        logger.error("Partly written upload %s not deleted: %s", name, error)
