"""Meeting documents: who sees them listed, who may download them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from meetings.models import DocumentVisibility
from rabat.uploads import DOCX
from tests.files import body
from tests.meetings.factories import PDF_BYTES, MeetingDocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PUBLIC = DocumentVisibility.PUBLIC
MEMBERS = DocumentVisibility.MEMBERS
STEERING = DocumentVisibility.STEERING_COMMITTEE

# (visibility, role) -> what the download answers.
EXPECTED = {
    PUBLIC: {
        "anonymous": 200,
        "no_group": 200,
        "focal_point": 200,
        "steering_committee": 200,
        "secretariat": 200,
    },
    MEMBERS: {
        "anonymous": 302,
        "no_group": 404,
        "focal_point": 200,
        "steering_committee": 200,
        "secretariat": 200,
    },
    STEERING: {
        "anonymous": 302,
        "no_group": 404,
        "focal_point": 404,
        "steering_committee": 200,
        "secretariat": 200,
    },
}


def document_url(document, slug=None):
    return reverse(
        "meetings:document",
        kwargs={"slug": slug or document.meeting.slug, "pk": document.pk},
    )


@pytest.mark.parametrize(
    ("visibility", "role", "status"),
    [
        (visibility, role, status)
        for visibility, statuses in EXPECTED.items()
        for role, status in statuses.items()
    ],
)
def test_document_download_by_visibility_and_role(client_for, visibility, role, status):
    document = MeetingDocumentFactory(
        visibility=visibility, original_name="Concept note.pdf"
    )
    url = document_url(document)

    response = client_for(role).get(url)

    assert response.status_code == status
    if status == 200:
        assert body(response) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'inline; filename="Concept note.pdf"'
        if visibility == PUBLIC:
            assert response["Cache-Control"] == "public, max-age=86400"
        else:
            assert response["Cache-Control"] == "private, no-store"
    elif status == 302:
        assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_a_word_document_is_downloaded_under_its_original_name(client):
    document = MeetingDocumentFactory(
        file=ContentFile(b"PK\x03\x04word", name="agenda.docx"),
        original_name="Ordre du jour.docx",
        content_type=DOCX,
    )
    response = client.get(document_url(document))
    assert body(response) == b"PK\x03\x04word"
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"] == (
        'attachment; filename="Ordre du jour.docx"'
    )


def test_a_document_through_another_meetings_address_is_404(client_for):
    document = MeetingDocumentFactory()
    other = MeetingFactory()
    for role in ("anonymous", "secretariat"):
        response = client_for(role).get(document_url(document, slug=other.slug))
        assert response.status_code == 404


def test_a_document_of_an_unpublished_meeting_is_for_the_secretariat_only(
    client_for,
):
    document = MeetingDocumentFactory(meeting=MeetingFactory(is_published=False))
    url = document_url(document)
    for role in ("anonymous", "focal_point", "steering_committee"):
        assert client_for(role).get(url).status_code == 404
    response = client_for("secretariat").get(url)
    assert body(response) == PDF_BYTES
    # Public once the meeting is published, not before: no cache may keep it.
    assert response["Cache-Control"] == "private, no-store"


def test_a_restricted_document_that_does_not_exist_is_404_even_anonymously(client):
    meeting = MeetingFactory()
    url = reverse("meetings:document", kwargs={"slug": meeting.slug, "pk": 999})
    assert client.get(url).status_code == 404


def test_a_document_whose_file_is_missing_is_404(client):
    document = MeetingDocumentFactory()
    document.file.storage.delete(document.file.name)
    assert client.get(document_url(document)).status_code == 404


# --- The list on the meeting's page ------------------------------------------------


@pytest.fixture
def meeting_with_documents():
    meeting = MeetingFactory(slug="copil-2013")
    MeetingDocumentFactory(
        meeting=meeting,
        title_en="Public concept note",
        title_fr="Note conceptuelle publique",
        kind="concept_note",
        language="fr-en",
        size=2_400_000,
    )
    MeetingDocumentFactory(
        meeting=meeting,
        title_en="Members' list of participants",
        visibility=MEMBERS,
        kind="participants",
    )
    MeetingDocumentFactory(
        meeting=meeting,
        title_en="Steering Committee budget",
        visibility=STEERING,
    )
    return meeting


def page(client, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_see_public_documents_and_a_count_of_the_others(
    client, meeting_with_documents
):
    content = page(client, meeting_with_documents)
    public = meeting_with_documents.documents.get(visibility=PUBLIC)
    assert f'<a href="{document_url(public)}">Public concept note</a>' in content
    assert "Concept note" in content
    assert "French and English" in content
    assert "PDF, 2.3\xa0MB" in content
    assert "participants" not in content
    assert "Steering Committee budget" not in content
    for document in meeting_with_documents.documents.exclude(visibility=PUBLIC):
        assert document_url(document) not in content
    assert "2 more documents are reserved for members" in content
    assert f"{reverse('account_login')}?next=/en/meetings/copil-2013/" in content


def test_document_titles_in_the_visitors_language(client, meeting_with_documents):
    assert "Note conceptuelle publique" not in page(client, meeting_with_documents)
    french = client.get("/fr/meetings/copil-2013/").content.decode()
    assert "Note conceptuelle publique" in french


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("no_group", [], ["Members' list", "Steering Committee budget"]),
        ("focal_point", ["Members' list"], ["Steering Committee budget"]),
        ("steering_committee", ["Members' list", "Steering Committee budget"], []),
        ("secretariat", ["Members' list", "Steering Committee budget"], []),
    ],
)
def test_logged_in_users_see_the_documents_of_their_groups(
    client_for, meeting_with_documents, role, shown, hidden
):
    content = page(client_for(role), meeting_with_documents).replace("&#x27;", "'")
    assert "Public concept note" in content
    for title in shown:
        assert title in content
    for title in hidden:
        assert title not in content
    # The invitation to log in is for anonymous visitors only.
    assert "reserved for members" not in content


def test_no_documents_no_section(client):
    meeting = MeetingFactory()
    assert "Documents" not in page(client, meeting)
