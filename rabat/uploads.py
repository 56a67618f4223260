"""Uploaded files (forum attachments, meeting documents): accepted for their
content, never for their name."""

import warnings
import zipfile
from pathlib import PurePath

from django.core.exceptions import SuspiciousFileOperation
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image

MAX_PIXELS = 40_000_000
NAME_MAX_LENGTH = 120

PDF_SIGNATURE = b"%PDF-"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")

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
    "application/pdf": (".pdf",),
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
# Office Open XML: the folder of the main part inside the ZIP.
# And back: the type of a stored file, named by `upload_check`.
TYPE_OF_EXTENSION = {
    extension: content_type
    for content_type, extensions in EXTENSIONS.items()
    for extension in extensions
}
OOXML_PARTS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
# Legacy Office: the stream that the compound file's directory must hold.
OLE2_STREAMS = {
    "WordDocument": DOC,
    "Workbook": XLS,
    "Book": XLS,
    "PowerPoint Document": PPT,
}
OLE2_DIRECTORY_ENTRY = 128


class UploadError(Exception):
    """A file that cannot be accepted; the message (translated) says why."""


def upload_check(uploaded_file, *, max_bytes: int) -> tuple[str, str]:
    """The content type and a safe display name of an upload, if acceptable.

    The content decides: a PDF, a JPEG, PNG, GIF or WebP image, an Office
    document (Office Open XML, OpenDocument or legacy Office); anything else
    (SVG, HTML, executables, archives) raises `UploadError`, as does an
    empty file or one over `max_bytes`. The name is the uploaded
    one made safe, with an extension that matches the content.
    """
    if not uploaded_file.size:
        raise UploadError(_("“%(name)s” is empty.") % {"name": _display(uploaded_file)})
    if uploaded_file.size > max_bytes:
        raise UploadError(
            _("“%(name)s” is too large: %(size)s at most per file.")
            % {
                "name": _display(uploaded_file),
                "size": filesizeformat(max_bytes),
            }
        )
    content_type = _detected_type(uploaded_file)
    uploaded_file.seek(0)
    if content_type is None:
        raise UploadError(
            _(
                "“%(name)s” is not an accepted file: send a PDF, an image (JPEG, PNG, "
                "GIF, WebP) or an office document (Word, Excel, PowerPoint, "
                "OpenDocument)."
            )
            % {"name": _display(uploaded_file)}
        )
    return content_type, _safe_name(uploaded_file.name, content_type)


def _display(uploaded_file) -> str:
    return PurePath(uploaded_file.name or "").name[:NAME_MAX_LENGTH]


def _safe_name(name: str, content_type: str) -> str:
    extensions = EXTENSIONS[content_type]
    path = PurePath(PurePath(name or "").name)
    try:
        stem = get_valid_filename(path.stem)
    except SuspiciousFileOperation:
        stem = ""
    stem = stem.strip("._")[:NAME_MAX_LENGTH] or "document"
    suffix = path.suffix.lower()
    return stem + (suffix if suffix in extensions else extensions[0])


def _detected_type(uploaded_file) -> str | None:
    uploaded_file.seek(0)
    head = uploaded_file.read(len(OLE2_SIGNATURE))
    uploaded_file.seek(0)
    if head.startswith(PDF_SIGNATURE):
        return "application/pdf"
    if head == OLE2_SIGNATURE:
        return _ole2_type(uploaded_file.read())
    if head.startswith(ZIP_SIGNATURE):
        return _zip_type(uploaded_file)
    return _image_type(uploaded_file)


def _ole2_type(data: bytes) -> str | None:
    """Legacy Office: a stream of the right name among the directory entries.

    Entries are 128 bytes long and sectors (512 or 4096 bytes) start after
    the 512-byte header, so every entry starts at a multiple of 128: its
    UTF-16 name, then the name's length in bytes, then the entry type (2, a
    stream). Other compound files (installers, Outlook messages) hold none.
    """
    for offset in range(512, len(data) - OLE2_DIRECTORY_ENTRY + 1, 128):
        entry = data[offset : offset + OLE2_DIRECTORY_ENTRY]
        name_length = int.from_bytes(entry[64:66], "little")
        if entry[66] != 2 or not 2 <= name_length <= 64:
            continue
        name = entry[: name_length - 2].decode("utf-16-le", errors="replace")
        if name in OLE2_STREAMS:
            return OLE2_STREAMS[name]
    return None


def _zip_type(uploaded_file) -> str | None:
    # zipfile raises many exception types on damaged or hostile archives
    # (BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError...).
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                if archive.getinfo("mimetype").file_size > 100:
                    return None
                mimetype = archive.read("mimetype").decode("ascii").strip()
                return mimetype if mimetype in (ODT, ODS, ODP) else None
            if "[Content_Types].xml" not in names:
                return None
            for folder, content_type in OOXML_PARTS.items():
                if any(name.startswith(folder) for name in names):
                    return content_type
    except Exception:
        return None
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
