"""Real minimal files, built in code, for the tests of uploads and downloads."""

import errno
import io
import os
import zipfile

from django.core.files.storage import FileSystemStorage
from django.core.signals import request_finished
from django.db import close_old_connections
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf_bytes(pages=1):
    """A valid PDF of blank A4 pages, written by pypdf."""
    return _pdf(pages=pages)


def pdf_with_javascript():
    """A PDF that runs a script when opened (pypdf's JavaScript action)."""
    return _pdf(lambda writer: writer.add_open_action(JavaScript("app.alert(1);")))


def pdf_with_open_action():
    """A PDF whose catalog opens a JavaScript action directly, no name tree."""

    def open_action(writer):
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert(1)"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return _pdf(open_action)


def pdf_with_page_action():
    """A PDF whose page runs an action when opened (/AA), whatever it does."""

    def page_action(writer):
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/URI"),
                NameObject("/URI"): TextStringObject("https://example.org/"),
            }
        )
        writer.pages[0][NameObject("/AA")] = DictionaryObject(
            {NameObject("/O"): writer._add_object(action)}
        )

    return _pdf(page_action)


def pdf_with_embedded_file():
    return _pdf(lambda writer: writer.add_attachment("payload.exe", b"MZ\x90\x00"))


def _pdf(change=None, pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if change:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b4f6c").save(buffer, format=image_format)
    return buffer.getvalue()


def zip_bytes(files, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes():
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document/>",
        }
    )


def xlsx_bytes():
    return zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"})


def odt_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return zip_bytes({"mimetype": mimetype, "content.xml": "<office:document/>"})


def zip_bomb(size=20 * 1024 * 1024):
    """A docx whose one member of zeros expands a thousand times."""
    return zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": b"<w:document/>" + bytes(size),
        }
    )


FREE = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF
SECTOR = 512


def ole2_bytes(stream_name, size=4096):
    """A valid compound file (version 3) holding the stream `stream_name`.

    olefile cannot create files, so it is laid out here: the header, one FAT
    sector, one directory sector (the root entry and the stream), then the
    stream's sectors (4096 bytes at least: smaller streams would live in the
    mini stream, which this file does not have).
    """

    def u32(value):
        return value.to_bytes(4, "little")

    def entry(name, kind, child=NO_STREAM, start=END_OF_CHAIN, length=0):
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + len(encoded).to_bytes(2, "little")
            + bytes([kind, 1])  # type, colour (black)
            + u32(NO_STREAM)  # left sibling
            + u32(NO_STREAM)  # right sibling
            + u32(child)
            + bytes(16 + 4 + 8 + 8)  # class id, state bits, times
            + u32(start)
            + length.to_bytes(8, "little")
        )

    stream_sectors = -(-size // SECTOR)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + (0x3E).to_bytes(2, "little")  # minor version
        + (3).to_bytes(2, "little")  # major version: 512-byte sectors
        + (0xFFFE).to_bytes(2, "little")  # byte order
        + (9).to_bytes(2, "little")  # sector shift
        + (6).to_bytes(2, "little")  # mini sector shift
        + bytes(6)
        + u32(0)  # directory sectors (0 in version 3)
        + u32(1)  # FAT sectors
        + u32(1)  # first directory sector
        + u32(0)  # transaction signature
        + u32(4096)  # mini stream cutoff
        + u32(END_OF_CHAIN)  # first mini FAT sector
        + u32(0)
        + u32(END_OF_CHAIN)  # first DIFAT sector
        + u32(0)
        + u32(0)  # DIFAT: the FAT is sector 0
        + b"".join(u32(FREE) for _ in range(108))
    )
    chain = [FAT_SECTOR, END_OF_CHAIN]
    chain += [3 + n for n in range(stream_sectors - 1)] + [END_OF_CHAIN]
    fat = b"".join(u32(value) for value in chain).ljust(SECTOR, b"\xff")
    directory = (
        entry("Root Entry", 5, child=1)
        + entry(stream_name, 2, start=2, length=size)
        + bytes(2 * 128)
    )
    stream = bytes(range(256)) * (stream_sectors * SECTOR // 256)
    return header + fat + directory + stream


class FullDiskStorage(FileSystemStorage):
    """A disk that fills up while it writes: half of each file is written,
    then ENOSPC, as the operating system raises it."""

    def _save(self, name, content):
        data = b"".join(content.chunks())
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device", path)


def close_file_response(response):
    """Close a streamed file as a server would, without request_finished
    closing the test's database connection (inside its transaction; on
    PostgreSQL the next query would fail)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def body(response):
    """The body of a response, a streamed file's included, its file closed."""
    if not response.streaming:
        return response.content
    content = b"".join(response.streaming_content)
    close_file_response(response)
    return content


def status_of(client, url):
    """The status code of a GET, the file it may stream closed."""
    response = client.get(url)
    body(response)
    return response.status_code
