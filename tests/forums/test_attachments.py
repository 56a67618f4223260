import uuid
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from forums.attachments import ATTACHMENT_MAX_BYTES
from forums.models import Attachment, Post, Topic
from rabat import roles
from rabat.uploads import DOCX, shortened_name, upload_check
from tests.conftest import make_user, stored_files
from tests.files import (
    body,
    docx_bytes,
    image_bytes,
    pdf_bytes,
    pdf_with_javascript,
    status_of,
)
from tests.forums.factories import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture(autouse=True)
def _no_emails():
    with mock.patch("forums.notifications.post_published"):
        yield


def upload(name, content):
    return SimpleUploadedFile(name, content)


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
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Final_report.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    response = client.get(png.get_absolute_url())
    body(response)
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
    assert status_of(client, url) == 403
    for role, status in [
        ("focal_point", 404),
        ("moderator", 404),
        ("steering_committee", 200),
        ("secretariat", 200),
    ]:
        client.force_login(make_user(role))
        assert status_of(client, url) == status, role


def test_attachments_of_deleted_or_hidden_posts(client, post):
    pdf = attach(post, "report.pdf", PDF)
    url = pdf.get_absolute_url()
    post.hidden_at = timezone.now()
    post.save()
    client.force_login(make_user("focal_point"))
    assert status_of(client, url) == 404
    client.force_login(make_user("moderator"))
    assert status_of(client, url) == 200
    post.deleted_at = timezone.now()
    post.save()
    assert status_of(client, url) == 404


def test_the_topic_page_links_the_attachments(client, member, post):
    pdf = attach(post, "report.pdf", PDF)
    client.force_login(member)
    content = client.get(post.topic.get_absolute_url()).content.decode()
    assert f'href="{pdf.get_absolute_url()}"' in content
    assert "report.pdf" in content


def test_a_file_gone_from_storage_is_not_found(client, member, post):
    pdf = attach(post, "report.pdf", PDF)
    pdf.file.storage.delete(pdf.file.name)
    client.force_login(member)
    assert status_of(client, pdf.get_absolute_url()) == 404


def test_attachments_are_not_stored_by_caches_or_browsers(client, member, post):
    pdf = attach(post, "report.pdf", PDF)
    client.force_login(member)
    response = client.get(pdf.get_absolute_url())
    body(response)
    assert response["Cache-Control"] == "private, no-store"


def test_a_long_file_name_is_kept_and_shown_shortened(client, member, topic):
    long_name = "Compte rendu " * 20 + "final.pdf"  # 269 characters
    client.force_login(member)
    response = client.post(
        reverse("forums:reply", args=[topic.pk]),
        {"body": "The report", "attachments": [upload(long_name, PDF)]},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert len(attachment.original_name) == 255
    assert attachment.original_name.startswith("Compte_rendu_Compte_rendu")
    assert attachment.original_name.endswith(".pdf")
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f">{shortened_name(attachment.original_name)}</a>" in page
    assert "…" in shortened_name(attachment.original_name)


def test_a_pdf_with_javascript_is_refused(client, member, topic):
    client.force_login(member)
    response = client.post(
        reverse("forums:reply", args=[topic.pk]),
        {"body": "My text", "attachments": [upload("form.pdf", pdf_with_javascript())]},
    )
    assert response.status_code == 200
    assert "contains JavaScript" in response.context["form"].errors["attachments"][0]
    assert not topic.posts.exists()


@pytest.mark.parametrize("view", ["reply", "topic"])
def test_a_full_disk_saves_nothing_and_keeps_the_text(
    client, member, forum, topic, unwritable_media, view
):
    translation.activate("fr")
    client.force_login(member)
    counts = (Topic.objects.count(), Post.objects.count())
    url = (
        reverse("forums:reply", args=[topic.pk])
        if view == "reply"
        else reverse("forums:topic_create", args=[forum.slug])
    )
    response = client.post(
        url,
        {
            "title": "Mon sujet",
            "body": "Mon texte soigné",
            "attachments": [
                upload("rapport.pdf", PDF),
                upload("carte.png", image_bytes()),
            ],
        },
    )
    assert response.status_code == 200
    error = response.context["form"].errors["attachments"][0]
    assert error.startswith("« rapport.pdf » n’a pas pu être enregistré")  # noqa: RUF001
    assert "Mon texte soigné" in response.content.decode()
    assert (Topic.objects.count(), Post.objects.count()) == counts
    assert not Attachment.objects.exists()
    assert stored_files(unwritable_media) == []
