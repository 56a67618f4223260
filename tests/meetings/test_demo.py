import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from meetings.demo import demo_pdf
from meetings.models import (
    DocumentVisibility,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    Registration,
)
from rabat.uploads import upload_check

pytestmark = pytest.mark.django_db


def test_demo_holds_the_seed_meetings_and_future_ones():
    call_command("load_demo", verbosity=0)
    dakar = Meeting.objects.get(slug="dakar-2013-evidence-based-policy-making")
    assert dakar.start_date == datetime.date(2013, 9, 11)
    assert dakar.host_country.iso_code == "SN"
    assert {country.iso_code for country in dakar.co_chairs.all()} == {"SN", "BE"}
    assert dakar.agenda_items.count() == 6
    madrid = Meeting.objects.get(slug="madrid-2013-border-management")
    assert {country.iso_code for country in madrid.co_chairs.all()} == {"ES", "BF"}
    france = Meeting.objects.get(slug="france-2014-migration-in-crisis-situations")
    assert france.status == MeetingStatus.TO_BE_CONFIRMED
    assert Meeting.objects.filter(meeting_type="steering_committee").count() >= 4
    assert Meeting.objects.filter(meeting_type="senior_officials").exists()
    upcoming = Meeting.objects.published().upcoming()
    assert upcoming.count() >= 3
    assert any(meeting.registration_is_open for meeting in upcoming)
    # Every visibility level has an example, for the demo accounts to see.
    assert set(MeetingDocument.objects.values_list("visibility", flat=True)) == set(
        DocumentVisibility.values
    )
    assert Registration.objects.count() == 2


def test_demo_meetings_are_reloaded_without_duplicates():
    call_command("load_demo", verbosity=0)
    counts = (
        Meeting.objects.count(),
        MeetingDocument.objects.count(),
        Registration.objects.count(),
    )
    files = set(MeetingDocument.objects.values_list("file", flat=True))
    call_command("load_demo", verbosity=0)
    assert counts == (
        Meeting.objects.count(),
        MeetingDocument.objects.count(),
        Registration.objects.count(),
    )
    assert set(MeetingDocument.objects.values_list("file", flat=True)) == files


def test_demo_future_meetings_stay_in_the_future():
    call_command("load_demo", "--no-accounts", verbosity=0)
    today = timezone.localdate()
    fictitious = Meeting.objects.filter(slug__startswith="demo-")
    assert fictitious.count() == 3
    assert all(meeting.start_date > today for meeting in fictitious)
    assert all("(demonstration)" in meeting.title_en for meeting in fictitious)


def test_demo_documents_are_pdfs_our_upload_check_accepts():
    content = demo_pdf(["Réunion thématique : données", "Œuvre (test)"])
    upload = SimpleUploadedFile("demo.pdf", content)
    assert upload_check(upload, max_bytes=1024 * 1024)[0] == "application/pdf"
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
