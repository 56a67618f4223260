"""The meetings' back office: editing meetings with their agenda and documents,
the registrations page, its CSV export, emails to the registrants."""

import csv
import datetime
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from meetings import admin_forms
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    Registration,
    RegistrationStatus,
)
from rabat.uploads import shortened_name
from tests.conftest import enable_two_factor, make_user, stored_files
from tests.factories import CountryFactory, ThemeFactory, UserFactory
from tests.files import pdf_with_embedded_file
from tests.meetings.admin_data import add_inline_rows, admin_form_data
from tests.meetings.factories import (
    PDF_BYTES,
    AgendaItemFactory,
    DelegateFactory,
    MeetingDocumentFactory,
    MeetingFactory,
    RegistrationFactory,
)
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

ADD = "admin:meetings_meeting_add"
CHANGE = "admin:meetings_meeting_change"
REGISTRATIONS = "admin:meetings_meeting_registrations"
REGISTRATIONS_CSV = "admin:meetings_meeting_registrations_csv"
EMAIL = "admin:meetings_meeting_email_participants"
HTML_BYTES = b"<!DOCTYPE html><html><script>alert(1)</script></html>"


def change_url(meeting):
    return reverse(CHANGE, args=[meeting.pk])


def add_page_data(client, **changes):
    return admin_form_data(
        client.get(reverse(ADD)),
        title_fr="Réunion thématique sur les données",
        title_en="Thematic meeting on data",
        slug="data-meeting",
        meeting_type="thematic",
        start_date="2031-03-10",
        end_date="2031-03-11",
        **changes,
    )


def document_row(upload, **fields):
    return {
        "title_fr": "Note conceptuelle",
        "title_en": "Concept note",
        "kind": "concept_note",
        "language": "fr-en",
        "visibility": "public",
        "file": upload,
        "position": "0",
        **fields,
    }


def post_document(client, meeting, name, content):
    """The meeting's change page sent with one new document."""
    data = admin_form_data(client.get(change_url(meeting)))
    add_inline_rows(
        data, "documents", [document_row(SimpleUploadedFile(name, content))]
    )
    return client.post(change_url(meeting), data)


def inline_errors(response, prefix):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return [form.errors for form in inline.formset.forms]
    raise AssertionError(f"no inline {prefix}")


# --- Meetings and their documents --------------------------------------------------


def test_the_secretariat_adds_a_meeting_with_its_agenda_and_a_pdf(
    secretariat_client,
):
    data = add_page_data(secretariat_client)
    add_inline_rows(
        data,
        "agenda_items",
        [
            {
                "date": "2031-03-11",
                "start_time": "09:00",
                "end_time": "10:30",
                "title_fr": "Ouverture",
                "title_en": "Opening",
                "position": "0",
            }
        ],
    )
    add_inline_rows(
        data,
        "documents",
        [document_row(SimpleUploadedFile("Concept note.PDF", PDF_BYTES))],
    )

    response = secretariat_client.post(reverse(ADD), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(slug="data-meeting")
    assert meeting.title_en == "Thematic meeting on data"
    assert meeting.agenda_items.get().title_fr == "Ouverture"
    document = meeting.documents.get()
    assert document.original_name == "Concept_note.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(PDF_BYTES)
    # Stored under a generated name, not the one sent.
    assert document.file.name.startswith("meetings/documents/")
    assert document.file.name.endswith(".pdf")
    assert "Concept" not in document.file.name
    with default_storage.open(document.file.name) as stored:
        assert stored.read() == PDF_BYTES


def test_a_pdf_with_another_extension_is_stored_as_a_pdf(secretariat_client):
    meeting = MeetingFactory()
    response = post_document(secretariat_client, meeting, "agenda.html", PDF_BYTES)
    assert response.status_code == 302
    document = meeting.documents.get()
    assert document.original_name == "agenda.pdf"
    assert document.file.name.endswith(".pdf")


def test_a_long_file_name_is_accepted_and_fitted(secretariat_client):
    meeting = MeetingFactory()
    long_name = "Note conceptuelle de la réunion thématique " * 6 + ".pdf"
    assert len(long_name) > 250
    response = post_document(secretariat_client, meeting, long_name, PDF_BYTES)
    assert response.status_code == 302
    document = meeting.documents.get()
    assert len(document.original_name) == 255
    assert document.original_name.startswith("Note_conceptuelle_de_la")
    assert document.original_name.endswith(".pdf")
    page = secretariat_client.get(change_url(meeting)).content.decode()
    assert shortened_name(document.original_name) in page


def test_a_pdf_with_an_embedded_file_is_refused(secretariat_client):
    response = post_document(
        secretariat_client, MeetingFactory(), "note.pdf", pdf_with_embedded_file()
    )
    assert response.status_code == 200
    [row_errors] = inline_errors(response, "documents")
    assert (
        "contains JavaScript, automatic actions or embedded files"
        in (row_errors["file"][0])
    )
    assert not MeetingDocument.objects.exists()


def test_a_full_disk_saves_nothing_and_keeps_the_form(
    secretariat_client, unwritable_media
):
    data = add_page_data(secretariat_client, summary_en="Typed with care.")
    add_inline_rows(
        data,
        "documents",
        [document_row(SimpleUploadedFile("Concept note.pdf", PDF_BYTES))],
    )

    response = secretariat_client.post(reverse(ADD), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "“Concept_note.pdf” could not be saved: the server's storage is full or "
        "unavailable. Nothing was saved; try again later, and tell the "
        "Secretariat if it happens again."
    ]
    text = response.content.decode()
    assert "Typed with care." in text
    assert "Thematic meeting on data" in text
    assert not Meeting.objects.exists()
    assert not MeetingDocument.objects.exists()
    assert stored_files(unwritable_media) == []


def test_an_html_page_named_pdf_is_refused_and_the_form_kept(secretariat_client):
    data = add_page_data(secretariat_client, summary_en="Typed with care.")
    add_inline_rows(
        data, "documents", [document_row(SimpleUploadedFile("agenda.pdf", HTML_BYTES))]
    )

    response = secretariat_client.post(reverse(ADD), data)

    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert not MeetingDocument.objects.exists()
    [row_errors] = inline_errors(response, "documents")
    assert "“agenda.pdf” is not an accepted file" in row_errors["file"][0]
    text = response.content.decode()
    assert "is not an accepted file" in text
    assert "Thematic meeting on data" in text
    assert "Typed with care." in text
    assert "Concept note" in text


def test_a_refused_upload_is_explained_in_french(client, monkeypatch):
    monkeypatch.setattr(admin_forms.MeetingDocumentForm, "file_max_bytes", 1024)
    client.force_login(make_user("secretariat"))
    big = PDF_BYTES + b"0" * 2048
    with translation.override("fr"):
        url = reverse(ADD)
        data = add_page_data(client)
        add_inline_rows(
            data, "documents", [document_row(SimpleUploadedFile("big.pdf", big))]
        )
        response = client.post(url, data)
    [row_errors] = inline_errors(response, "documents")
    assert row_errors["file"] == [
        "«\xa0big.pdf\xa0» est trop lourd\xa0: 1,0\xa0Kio au plus par fichier."
    ]


def test_an_oversize_document_is_refused_and_nothing_changes(
    secretariat_client, monkeypatch
):
    monkeypatch.setattr(admin_forms.MeetingDocumentForm, "file_max_bytes", 1024)
    meeting = MeetingFactory(title_en="Before")
    data = admin_form_data(
        secretariat_client.get(change_url(meeting)), title_en="After"
    )
    big = PDF_BYTES + b"0" * 2048
    add_inline_rows(
        data, "documents", [document_row(SimpleUploadedFile("big.pdf", big))]
    )

    response = secretariat_client.post(change_url(meeting), data)

    assert response.status_code == 200
    [row_errors] = inline_errors(response, "documents")
    assert "is too large: 1.0\xa0KB at most per file" in row_errors["file"][0]
    assert 'value="After"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title_en == "Before"
    assert not meeting.documents.exists()


def test_an_existing_document_is_kept_without_a_new_upload(secretariat_client):
    document = MeetingDocumentFactory(title_en="Agenda")
    meeting = document.meeting
    page = secretariat_client.get(change_url(meeting))
    # Linked through the view that checks access, never from storage.
    text = page.content.decode()
    assert document.get_absolute_url() in text
    assert document.file.url not in text
    data = admin_form_data(
        page,
        **{"documents-0-title_en": "Final agenda", "documents-0-visibility": "members"},
    )
    response = secretariat_client.post(change_url(meeting), data)
    assert response.status_code == 302
    stored = MeetingDocument.objects.get()
    assert (stored.title_en, stored.visibility) == ("Final agenda", "members")
    assert stored.file.name == document.file.name
    assert stored.content_type == "application/pdf"


def test_a_documents_file_can_be_replaced(secretariat_client):
    document = MeetingDocumentFactory()
    image = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(image, "PNG")
    data = admin_form_data(
        secretariat_client.get(change_url(document.meeting)),
        **{"documents-0-file": SimpleUploadedFile("map", image.getvalue())},
    )
    response = secretariat_client.post(change_url(document.meeting), data)
    assert response.status_code == 302
    stored = MeetingDocument.objects.get()
    assert (stored.original_name, stored.content_type, stored.size) == (
        "map.png",
        "image/png",
        len(image.getvalue()),
    )
    assert stored.file.name != document.file.name
    assert stored.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"start_date": "2031-03-10", "end_date": "2031-03-09"},
            "end_date",
            "The meeting cannot end before it starts.",
        ),
        (
            {
                "start_date": "2031-03-10",
                "end_date": "2031-03-10",
                "registration_deadline_0": "2031-03-11",
                "registration_deadline_1": "12:00",
            },
            "registration_deadline",
            "The registration deadline must be before the meeting starts.",
        ),
        (
            {"start_time": "09:00", "end_time": "17:00", "time_zone": ""},
            "time_zone",
            "Give the time zone of the venue with the times.",
        ),
        (
            # A zone is chosen from the list: anything else is refused.
            {"time_zone": "Mars/Olympus_Mons"},
            "time_zone",
            "Select a valid choice. Mars/Olympus_Mons is not one of the",
        ),
        (
            {"start_date": "2031-03-10", "end_date": "2031-03-10"}
            | {"start_time": "17:00", "end_time": "09:00", "time_zone": "Africa/Dakar"},
            "end_time",
            "On a one-day meeting, the end time must be later.",
        ),
    ],
)
def test_dates_are_checked_with_errors_on_their_field(
    secretariat_client, changes, field, message
):
    meeting = MeetingFactory(title_en="Before", start_date=datetime.date(2031, 3, 1))
    data = admin_form_data(
        secretariat_client.get(change_url(meeting)), title_en="After", **changes
    )

    response = secretariat_client.post(change_url(meeting), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == [field]
    assert message in errors[field][0]
    assert 'value="After"' in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.start_date) == (
        "Before",
        datetime.date(2031, 3, 1),
    )


def test_agenda_days_must_fall_within_a_new_meetings_dates(secretariat_client):
    data = add_page_data(secretariat_client)
    add_inline_rows(
        data,
        "agenda_items",
        [
            {"date": "2031-03-11", "title_fr": "Dedans", "position": "0"},
            {"date": "2031-03-12", "title_fr": "Dehors", "position": "1"},
        ],
    )
    response = secretariat_client.post(reverse(ADD), data)
    assert response.status_code == 200
    inside, outside = inline_errors(response, "agenda_items")
    assert not inside
    assert outside["date"] == ["The day must fall within the meeting's dates."]
    assert not Meeting.objects.exists()


def test_agenda_days_follow_a_meetings_new_dates(secretariat_client):
    meeting = MeetingFactory(
        start_date=datetime.date(2031, 3, 10), end_date=datetime.date(2031, 3, 11)
    )
    AgendaItemFactory(meeting=meeting, date=datetime.date(2031, 3, 11))
    data = admin_form_data(
        secretariat_client.get(change_url(meeting)), end_date="2031-03-10"
    )
    response = secretariat_client.post(change_url(meeting), data)
    assert response.status_code == 200
    [errors] = inline_errors(response, "agenda_items")
    assert errors["date"] == ["The day must fall within the meeting's dates."]
    meeting.refresh_from_db()
    assert meeting.end_date == datetime.date(2031, 3, 11)


def test_an_agenda_session_must_end_after_it_starts(secretariat_client):
    meeting = MeetingFactory()
    data = admin_form_data(secretariat_client.get(change_url(meeting)))
    add_inline_rows(
        data,
        "agenda_items",
        [
            {
                "start_time": "10:00",
                "end_time": "09:00",
                "title_fr": "Session",
                "position": "0",
            }
        ],
    )
    response = secretariat_client.post(change_url(meeting), data)
    [errors] = inline_errors(response, "agenda_items")
    assert errors["end_time"] == ["The session must end after it starts."]
    assert not AgendaItem.objects.exists()


def test_the_changelist_counts_registrations_in_constant_queries(secretariat_client):
    def add_meetings(count):
        for _number in range(count):
            meeting = MeetingFactory()
            RegistrationFactory(meeting=meeting)
            RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)

    meeting = MeetingFactory(title_en="Counted meeting")
    RegistrationFactory.create_batch(2, meeting=meeting)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.NOT_ATTENDING)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)
    url = reverse("admin:meetings_meeting_changelist")

    response = secretariat_client.get(url)

    row = next(
        row
        for row in response.context["cl"].result_list
        if row.title_en == "Counted meeting"
    )
    assert (row.attending_count, row.answer_count) == (2, 3)
    text = response.content.decode()
    assert "2 attending, 3 answers" in text
    assert reverse(REGISTRATIONS, args=[meeting.pk]) in text
    add_meetings(2)
    assert_queries_constant(secretariat_client, url, grow=lambda: add_meetings(20))


def test_the_changelist_filters_and_searches(secretariat_client):
    theme = ThemeFactory()
    themed = MeetingFactory(title_en="Themed meeting", themes=[theme, ThemeFactory()])
    RegistrationFactory.create_batch(2, meeting=themed)
    MeetingFactory(title_en="Cancelled meeting", status="cancelled", city_en="Rabat")
    url = reverse("admin:meetings_meeting_changelist")

    def listed(**params):
        response = secretariat_client.get(url, params)
        assert response.status_code == 200
        return {
            (meeting.title_en, meeting.attending_count)
            for meeting in response.context["cl"].result_list
        }

    assert listed(themes__id__exact=theme.pk) == {("Themed meeting", 2)}
    assert listed(status__exact="cancelled") == {("Cancelled meeting", 0)}
    assert listed(q="Rabat") == {("Cancelled meeting", 0)}


def test_the_change_page_links_to_registrations_email_and_site(secretariat_client):
    meeting = MeetingFactory()
    text = secretariat_client.get(change_url(meeting)).content.decode()
    assert reverse(REGISTRATIONS, args=[meeting.pk]) in text
    assert reverse(EMAIL, args=[meeting.pk]) in text
    assert "View on site" in text


def test_a_meeting_with_registrations_cannot_be_deleted(secretariat_client):
    registration = RegistrationFactory()
    meeting = registration.meeting
    url = reverse("admin:meetings_meeting_delete", args=[meeting.pk])
    response = secretariat_client.get(url)
    assert response.context["perms_lacking"]
    secretariat_client.post(url, {"post": "yes"})
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert Registration.objects.filter(pk=registration.pk).exists()


# --- Registrations -----------------------------------------------------------------


def registrations_of(meeting):
    """Two countries, every kind of answer, a formula in a remark."""
    mali = CountryFactory(iso_code="ML", name_en="Mali", name_fr="Mali")
    belgium = CountryFactory(iso_code="BE", name_en="Belgium", name_fr="Belgique")
    attending = RegistrationFactory(
        meeting=meeting,
        country=mali,
        user=UserFactory(first_name="Awa", last_name="Traoré", email="awa@example.org"),
        notes='=HYPERLINK("http://evil.example")',
    )
    DelegateFactory(registration=attending, name="Moussa Keita", function="Director")
    DelegateFactory(registration=attending, name="Fanta Diarra", function="Adviser")
    RegistrationFactory(
        meeting=meeting,
        country=belgium,
        user=UserFactory(first_name="Jan", last_name="Peeters"),
        status=RegistrationStatus.NOT_ATTENDING,
    )
    cancelled = RegistrationFactory(
        meeting=meeting,
        country=belgium,
        user=UserFactory(first_name="Els", last_name="Maes"),
        status=RegistrationStatus.CANCELLED,
    )
    DelegateFactory(registration=cancelled, name="Pieter Claes", function="Attaché")
    return attending


def grow_registrations(meeting, count=30):
    for number in range(count):
        registration = RegistrationFactory(
            meeting=meeting,
            country=CountryFactory(),
            status=[
                RegistrationStatus.ATTENDING,
                RegistrationStatus.NOT_ATTENDING,
                RegistrationStatus.CANCELLED,
            ][number % 3],
        )
        DelegateFactory.create_batch(2, registration=registration)


def test_the_registrations_page_counts_and_lists_by_country(secretariat_client):
    meeting = MeetingFactory()
    registrations_of(meeting)
    RegistrationFactory(meeting=MeetingFactory())  # another meeting's

    response = secretariat_client.get(reverse(REGISTRATIONS, args=[meeting.pk]))

    assert response.status_code == 200
    assert response.context["counts"] == {
        "attending": 1,
        "delegates": 2,
        "countries": 1,
        "not_attending": 1,
        "cancelled": 1,
    }
    # Belgium first; within it, the answer that stands before the withdrawn one.
    assert [
        (registration.country.name, registration.user.last_name)
        for registration in response.context["registrations"]
    ] == [("Belgium", "Peeters"), ("Belgium", "Maes"), ("Mali", "Traoré")]
    text = response.content.decode()
    for shown in ("Awa Traoré", "awa@example.org", "Moussa Keita — Director"):
        assert shown in text
    assert "HYPERLINK" in text
    assert reverse(REGISTRATIONS_CSV, args=[meeting.pk]) in text


def test_the_registrations_page_is_listed_in_french(client):
    client.force_login(make_user("secretariat"))
    meeting = MeetingFactory()
    registrations_of(meeting)
    with translation.override("fr"):
        response = client.get(reverse(REGISTRATIONS, args=[meeting.pk]))
    assert [
        registration.country.name_fr
        for registration in response.context["registrations"]
    ] == ["Belgique", "Belgique", "Mali"]


def test_the_registrations_page_query_count_does_not_grow(secretariat_client):
    meeting = MeetingFactory()
    registrations_of(meeting)
    assert_queries_constant(
        secretariat_client,
        reverse(REGISTRATIONS, args=[meeting.pk]),
        grow=lambda: grow_registrations(meeting),
    )


def read_csv(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_the_csv_export_has_one_row_per_delegate(secretariat_client):
    meeting = MeetingFactory(slug="dakar-2031")
    attending = registrations_of(meeting)

    response = secretariat_client.get(reverse(REGISTRATIONS_CSV, args=[meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="dakar-2031-registrations.csv"'
    )
    header, *rows = read_csv(response)
    assert header == [
        "Country",
        "Registrant",
        "Registrant's email",
        "Answer",
        "Delegate",
        "Delegate's function",
        "Remarks",
        "Registered at",
        "Updated at",
    ]
    assert [row[:6] for row in rows] == [
        ["Belgium", "Jan Peeters", rows[0][2], "Not attending", "", ""],
        ["Belgium", "Els Maes", rows[1][2], "Cancelled", "Pieter Claes", "Attaché"],
        [
            "Mali",
            "Awa Traoré",
            "awa@example.org",
            "Attending",
            "Moussa Keita",
            "Director",
        ],
        [
            "Mali",
            "Awa Traoré",
            "awa@example.org",
            "Attending",
            "Fanta Diarra",
            "Adviser",
        ],
    ]
    # The remark would be a formula in a spreadsheet: it is text.
    assert rows[2][6] == '\'=HYPERLINK("http://evil.example")'
    registered = timezone.localtime(attending.created_at)
    assert rows[2][7] == registered.strftime("%Y-%m-%d %H:%M")


def test_the_csv_headers_follow_the_request_language(client):
    client.force_login(make_user("secretariat"))
    meeting = MeetingFactory()
    registrations_of(meeting)
    with translation.override("fr"):
        response = client.get(reverse(REGISTRATIONS_CSV, args=[meeting.pk]))
    header, *rows = read_csv(response)
    assert header[0] == "Pays"
    assert rows[0][0] == "Belgique"


def test_the_csv_export_query_count_does_not_grow(secretariat_client):
    meeting = MeetingFactory()
    registrations_of(meeting)
    assert_queries_constant(
        secretariat_client,
        reverse(REGISTRATIONS_CSV, args=[meeting.pk]),
        grow=lambda: grow_registrations(meeting),
    )


@pytest.mark.parametrize("name", [REGISTRATIONS, REGISTRATIONS_CSV, EMAIL])
@pytest.mark.parametrize(
    ("role", "final_status"),
    [("anonymous", 200), ("focal_point", 403), ("steering_committee", 403)],
)
def test_members_without_staff_status_cannot_reach_these_pages(
    client_for, name, role, final_status
):
    client = client_for(role)
    response = client.get(
        reverse(name, args=[registrations_of(MeetingFactory()).meeting_id])
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    # The admin's login page: a form for the anonymous, a refusal for members.
    final = client.get(response["Location"], follow=True)
    assert final.status_code == final_status
    assert "Awa Traoré" not in final.content.decode()


def staff_with(*codenames):
    user = enable_two_factor(UserFactory(is_staff=True))
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="meetings", codename__in=codenames
        )
    )
    return user


@pytest.mark.parametrize("name", [REGISTRATIONS, REGISTRATIONS_CSV, EMAIL])
def test_staff_without_permission_on_meetings_is_refused(client, name):
    client.force_login(staff_with())
    response = client.get(reverse(name, args=[MeetingFactory().pk]))
    assert response.status_code == 403


def test_viewing_meetings_is_not_enough_to_email_registrants(client):
    client.force_login(staff_with("view_meeting"))
    meeting = MeetingFactory()
    assert client.get(reverse(REGISTRATIONS, args=[meeting.pk])).status_code == 200
    assert client.get(reverse(EMAIL, args=[meeting.pk])).status_code == 403


def test_an_unknown_meeting_redirects_to_the_admin_home(secretariat_client):
    response = secretariat_client.get(reverse(REGISTRATIONS, args=[987654]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_registrations_are_read_only_in_the_admin(secretariat_client):
    registration = registrations_of(MeetingFactory())
    changelist = reverse("admin:meetings_registration_changelist")
    response = secretariat_client.get(changelist, {"status__exact": "attending"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [registration]
    # No action: deleting is the only one Django offers.
    assert response.context["action_form"] is None
    page = secretariat_client.get(
        reverse("admin:meetings_registration_change", args=[registration.pk])
    )
    assert page.status_code == 200
    assert "Moussa Keita" in page.content.decode()
    assert page.context["has_change_permission"] is False
    delete = reverse("admin:meetings_registration_delete", args=[registration.pk])
    assert secretariat_client.post(delete, {"post": "yes"}).status_code == 403
    assert Registration.objects.filter(pk=registration.pk).exists()


# --- Emails to the registrants -------------------------------------------------------


def registrants(meeting):
    french = RegistrationFactory(
        meeting=meeting, user=UserFactory(preferred_language="fr")
    )
    english = RegistrationFactory(
        meeting=meeting, user=UserFactory(preferred_language="en")
    )
    not_attending = RegistrationFactory(
        meeting=meeting,
        user=UserFactory(preferred_language="en"),
        status=RegistrationStatus.NOT_ATTENDING,
    )
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)
    return french, english, not_attending


MESSAGE = {
    "recipients": "attending",
    "subject_fr": "Programme définitif",
    "message_fr": "Veuillez trouver le programme.",
    "subject_en": "Final programme",
    "message_en": "Please find the programme.",
}


def test_the_email_form_requires_one_complete_language(secretariat_client):
    meeting = MeetingFactory()
    url = reverse(EMAIL, args=[meeting.pk])
    assert secretariat_client.get(url).status_code == 200

    response = secretariat_client.post(url, {"recipients": "attending"})
    assert response.context["form"].non_field_errors() == [
        "Write the subject and the message in French, in English or both."
    ]
    response = secretariat_client.post(
        url,
        {
            "recipients": "active",
            "subject_fr": "Programme",
            "message_en": "Please find the programme.",
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"message_fr", "subject_en"}
    assert "Programme" in response.content.decode()
    assert not mail.outbox


def test_the_email_form_asks_for_confirmation_with_the_count(secretariat_client):
    meeting = MeetingFactory()
    registrants(meeting)
    url = reverse(EMAIL, args=[meeting.pk])

    page = secretariat_client.get(url).content.decode()
    assert "The registrants who attend (2)" in page
    assert "attending or not (3)" in page

    response = secretariat_client.post(url, {**MESSAGE, "recipients": "active"})
    assert response.status_code == 200
    assert response.context["recipient_count"] == 3
    assert "This message will be sent to 3 registrants." in response.content.decode()
    assert not mail.outbox

    response = secretariat_client.post(url, {**MESSAGE, "edit": "1"})
    assert "form" in response.context and "recipient_count" not in response.context


def test_the_message_goes_to_each_registrant_in_their_language(
    secretariat_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(title_fr="Réunion de Dakar", title_en="Dakar meeting")
    french, english, _not_attending = registrants(meeting)
    url = reverse(EMAIL, args=[meeting.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(url, {**MESSAGE, "send": "1"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse(REGISTRATIONS, args=[meeting.pk])
    assert "Your message is on its way to 2 registrants." in (response.content.decode())
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {french.user.email, english.user.email}
    assert sent[french.user.email].subject == "Programme définitif"
    assert "Veuillez trouver le programme." in sent[french.user.email].body
    assert "Réunion de Dakar" in sent[french.user.email].body
    assert f"/fr/meetings/{meeting.slug}/" in sent[french.user.email].body
    assert sent[english.user.email].subject == "Final programme"
    # The change history of the meeting says who wrote to how many, when.
    entry = LogEntry.objects.get(object_id=str(meeting.pk))
    assert entry.get_change_message() == "Emailed 2 registrants: Programme définitif"
    assert "Dakar meeting" in sent[english.user.email].body
    assert f"/en/meetings/{meeting.slug}/" in sent[english.user.email].body


def test_a_message_in_one_language_goes_to_everyone_who_answered(
    secretariat_client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    french, english, not_attending = registrants(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            reverse(EMAIL, args=[meeting.pk]),
            {
                "recipients": "active",
                "subject_fr": "Programme définitif",
                "message_fr": "Veuillez trouver le programme.",
                "send": "1",
            },
        )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [french.user.email, english.user.email, not_attending.user.email]
    )
    assert {message.subject for message in mail.outbox} == {"Programme définitif"}
