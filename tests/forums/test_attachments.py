import io
import uuid
import zipfile
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from forums.attachments import ATTACHMENT_MAX_BYTES
from forums.models import Attachment
from rabat import roles
from rabat.uploads import DOC, DOCX, ODT, PPT, XLSX, UploadError, upload_check
from tests.conftest import make_user
from tests.forums.factories import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'onload="alert(1)"><circle r="10"/></svg>'
)


@pytest.fixture(autouse=True)
def _no_emails():
    with mock.patch("forums.notifications.post_published"):
        yield


def upload(name, content):
    return SimpleUploadedFile(name, content)


def image_bytes(image_format="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b4f6c").save(buffer, format=image_format)
    return buffer.getvalue()


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
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


def ole2_bytes(stream_name):
    """A compound file whose directory holds the root entry and `stream_name`."""

    def entry(name, kind):
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + len(encoded).to_bytes(2, "little")
            + bytes([kind])
            + bytes(61)
        )

    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".ljust(512, b"\0")
    directory = entry("Root Entry", 5) + entry(stream_name, 2)
    return header + directory.ljust(512, b"\0")


@pytest.mark.parametrize(
    ("name", "content", "content_type", "safe_name"),
    [
        ("report.pdf", PDF, "application/pdf", "report.pdf"),
        ("chart.png", image_bytes("PNG"), "image/png", "chart.png"),
        ("photo.JPEG", image_bytes("JPEG"), "image/jpeg", "photo.jpeg"),
        ("anim.gif", image_bytes("GIF"), "image/gif", "anim.gif"),
        ("map.webp", image_bytes("WEBP"), "image/webp", "map.webp"),
        ("minutes.docx", docx_bytes(), DOCX, "minutes.docx"),
        (
            "budget.xlsx",
            zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}),
            XLSX,
            "budget.xlsx",
        ),
        (
            "notes.odt",
            zip_bytes({"mimetype": ODT, "content.xml": "<office:document/>"}),
            ODT,
            "notes.odt",
        ),
        ("old.doc", ole2_bytes("WordDocument"), DOC, "old.doc"),
        ("slides.ppt", ole2_bytes("PowerPoint Document"), PPT, "slides.ppt"),
        # The content decides the extension, and the name is made safe.
        ("../../Rapport final é.html", PDF, "application/pdf", "Rapport_final_é.pdf"),
        ("no-extension", docx_bytes(), DOCX, "no-extension.docx"),
        ("<script>.pdf", PDF, "application/pdf", "script.pdf"),
    ],
)
def test_accepted_files(name, content, content_type, safe_name):
    assert upload_check(upload(name, content), max_bytes=ATTACHMENT_MAX_BYTES) == (
        content_type,
        safe_name,
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", HTML),
        ("logo.svg", SVG),
        ("logo.png", SVG),
        ("setup.pdf", b"MZ\x90\x00\x03" + bytes(200)),
        ("archive.docx", zip_bytes({"readme.txt": "hello"})),
        ("fake.odt", zip_bytes({"mimetype": "text/html"})),
        ("installer.doc", ole2_bytes("\x05SummaryInformation")),
        ("broken.png", image_bytes("PNG")[:40]),
        ("script.js", b"alert(1)"),
        ("empty.pdf", b""),
        ("page.tiff", image_bytes("TIFF")),
    ],
)
def test_refused_files(name, content):
    with pytest.raises(UploadError):
        upload_check(upload(name, content), max_bytes=ATTACHMENT_MAX_BYTES)


def test_files_over_the_size_limit_are_refused():
    content = PDF + bytes(ATTACHMENT_MAX_BYTES)
    with pytest.raises(UploadError, match="too large"):
        upload_check(upload("big.pdf", content), max_bytes=ATTACHMENT_MAX_BYTES)


@pytest.fixture
def topic(forum):
    return TopicFactory(forum=forum)


def test_replies_store_their_files_under_new_names(client, member, topic):
    client.force_login(member)
    response = client.post(
        reverse("forums:reply", args=[topic.pk]),
        {
            "body": "The documents",
            "attachments": [
                upload("Report 2025.pdf", PDF),
                upload("chart.png", image_bytes()),
                upload("minutes.docx", docx_bytes()),
            ],
        },
    )
    assert response.status_code == 302
    attachments = list(Attachment.objects.filter(post__author=member))
    assert [(a.original_name, a.content_type) for a in attachments] == [
        ("Report_2025.pdf", "application/pdf"),
        ("chart.png", "image/png"),
        ("minutes.docx", DOCX),
    ]
    for attachment in attachments:
        assert attachment.file.name.startswith("forums/attachments/")
        assert attachment.original_name not in attachment.file.name
        with attachment.file.open("rb") as file:
            assert len(file.read()) == attachment.size


def test_a_refused_file_comes_back_as_an_error_with_the_text(client, member, topic):
    client.force_login(member)
    response = client.post(
        reverse("forums:reply", args=[topic.pk]),
        {"body": "My careful text", "attachments": [upload("x.pdf", HTML)]},
    )
    assert response.status_code == 200
    assert (
        "“x.pdf” is not an accepted file"
        in response.context["form"].errors["attachments"][0]
    )
    assert "My careful text" in response.content.decode()
    assert not topic.posts.exists()
    assert not Attachment.objects.exists()


def test_at_most_five_files(client, member, topic):
    client.force_login(member)
    files = [upload(f"{n}.pdf", PDF) for n in range(6)]
    response = client.post(
        reverse("forums:reply", args=[topic.pk]), {"body": "Six", "attachments": files}
    )
    assert response.status_code == 200
    assert "at most 5 files" in response.context["form"].errors["attachments"][0]
    assert not topic.posts.exists()


def attach(post, name, content):
    """An attachment as the posting service stores it, checked first."""
    content_type, safe_name = upload_check(
        upload(name, content), max_bytes=ATTACHMENT_MAX_BYTES
    )
    attachment = Attachment(
        post=post,
        original_name=safe_name,
        content_type=content_type,
        size=len(content),
    )
    attachment.file.save(f"{uuid.uuid4().hex}.bin", ContentFile(content), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def post(topic):
    return PostFactory(topic=topic)


def test_readers_download_documents_and_see_images(client, member, post):
    pdf = attach(post, "Final report.pdf", PDF)
    png = attach(post, "chart.png", image_bytes())
    client.force_login(member)
    response = client.get(pdf.get_absolute_url())
    assert response.status_code == 200
    assert response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Final_report.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    response = client.get(png.get_absolute_url())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="chart.png"'


def test_attachments_are_private_to_the_forum_readers(client, post):
    pdf = attach(post, "report.pdf", PDF)
    post.topic.forum.readers.set(Group.objects.filter(name=roles.STEERING_COMMITTEE))
    url = pdf.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(make_user("no_group"))
    assert client.get(url).status_code == 403
    for role, status in [
        ("focal_point", 404),
        ("moderator", 404),
        ("steering_committee", 200),
        ("secretariat", 200),
    ]:
        client.force_login(make_user(role))
        assert client.get(url).status_code == status, role


def test_attachments_of_deleted_or_hidden_posts(client, post):
    pdf = attach(post, "report.pdf", PDF)
    url = pdf.get_absolute_url()
    post.hidden_at = timezone.now()
    post.save()
    client.force_login(make_user("focal_point"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("moderator"))
    assert client.get(url).status_code == 200
    post.deleted_at = timezone.now()
    post.save()
    assert client.get(url).status_code == 404


def test_the_topic_page_links_the_attachments(client, member, post):
    pdf = attach(post, "report.pdf", PDF)
    client.force_login(member)
    content = client.get(post.topic.get_absolute_url()).content.decode()
    assert f'href="{pdf.get_absolute_url()}"' in content
    assert "report.pdf" in content
