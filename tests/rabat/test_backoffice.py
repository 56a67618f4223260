"""The back office reads as the portal: its name and language, a home that
lists what needs doing, stored files by their name, forms that fit."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import Report
from meetings.models import RegistrationStatus
from newsletter.models import CampaignStatus, DeliveryStatus
from rabat.backoffice import pending_tasks
from tests.conftest import make_user
from tests.factories import ContactFactory, ContactRoleFactory
from tests.forums.factories import PostFactory
from tests.meetings.factories import (
    MeetingDocumentFactory,
    MeetingFactory,
    RegistrationFactory,
)
from tests.newsletter.factories import CampaignFactory, DeliveryFactory, IssueFactory

pytestmark = pytest.mark.django_db

ADMIN_INDEX = "/en/admin/"


def overdue_contact():
    """A current Focal Point whose card was last verified two years ago."""
    contact = ContactFactory(
        last_verified_at=timezone.now() - datetime.timedelta(days=730)
    )
    ContactRoleFactory(contact=contact)
    return contact


@pytest.fixture
def work_to_do():
    """One thing of each kind the home lists."""
    post = PostFactory()
    Report.objects.create(
        post=post, reporter=make_user("focal_point"), reason="Off topic"
    )
    overdue_contact()
    ContactRoleFactory()  # verified today: not overdue
    sending = CampaignFactory(issue=IssueFactory(title_en="The sending issue"))
    stopped = CampaignFactory(
        issue=IssueFactory(title_en="The stopped issue"), status=CampaignStatus.SENT
    )
    DeliveryFactory.create_batch(2, campaign=stopped, status=DeliveryStatus.REVIEW)
    closing = MeetingFactory(
        title_en="The closing meeting",
        registration_deadline=timezone.now() + datetime.timedelta(days=5),
    )
    RegistrationFactory(meeting=closing, status=RegistrationStatus.ATTENDING)
    # Closing in a month: not yet something to do.
    MeetingFactory(
        title_en="A later meeting",
        start_date=timezone.localdate() + datetime.timedelta(days=60),
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )
    return {"sending": sending, "stopped": stopped, "closing": closing}


def test_the_home_lists_what_needs_doing_with_links(secretariat_client, work_to_do):
    response = secretariat_client.get(ADMIN_INDEX)

    tasks = response.context["pending_tasks"]
    assert [(task.count, str(task.label)) for task in tasks] == [
        (1, "open report"),
        (2, "messages to review (the sending stopped)"),
        (1, "contact overdue for verification"),
        (None, tasks[3].label),
        (None, "campaign sending"),
    ]
    assert tasks[3].label.startswith("Registration closes on ")
    assert tasks[3].label.endswith("(1 attending)")
    assert tasks[3].detail == "The closing meeting"
    urls = [task.url for task in tasks]
    assert urls[0] == reverse("forums:moderation")
    stopped_issue = work_to_do["stopped"].issue_id
    assert urls[1] == reverse("admin:newsletter_issue_campaign", args=[stopped_issue])
    assert urls[3] == reverse(
        "admin:meetings_meeting_registrations", args=[work_to_do["closing"].pk]
    )
    content = response.content.decode()
    assert "What needs doing" in content
    assert "The closing meeting" in content
    assert "A later meeting" not in content


def test_the_overdue_link_opens_exactly_the_overdue_contacts(
    secretariat_client, work_to_do
):
    task = next(
        task
        for task in pending_tasks(make_user("secretariat"))
        if "verification" in str(task.label)
    )

    response = secretariat_client.get(task.url)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_the_home_says_when_nothing_needs_doing(secretariat_client):
    response = secretariat_client.get(ADMIN_INDEX)

    assert response.context["pending_tasks"] == []
    assert "Nothing needs doing right now." in response.content.decode()


def test_a_member_is_given_no_back_office_task(work_to_do):
    assert pending_tasks(make_user("focal_point")) == []


def test_the_home_costs_the_same_queries_with_more_to_do(
    secretariat_client, django_assert_max_num_queries, work_to_do
):
    with django_assert_max_num_queries(20) as few:
        secretariat_client.get(ADMIN_INDEX)
    for _ in range(5):
        overdue_contact()
        CampaignFactory()
        MeetingFactory(registration_deadline=timezone.now() + datetime.timedelta(1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        secretariat_client.get(ADMIN_INDEX)


def test_the_back_office_speaks_french_with_the_portals_name(secretariat_client):
    response = secretariat_client.get("/fr/admin/")

    content = response.content.decode()
    with translation.override("fr"):
        assert str(response.context["site_header"]) in content
    assert "Rabat Process back office" not in content
    assert "Django" not in content
    assert 'href="/en/admin/"' in content  # the other language, one click away
    assert "css/admin.css" in content


def test_stored_files_show_their_name_and_the_sites_link_never_a_path(
    secretariat_client,
):
    issue = IssueFactory(with_pdf=True, with_cover=True)
    meeting = MeetingFactory()
    document = MeetingDocumentFactory(
        meeting=meeting,
        original_name="Concept note.pdf",
        file=ContentFile(b"%PDF-1.4 test", name="note.pdf"),
    )

    issue_page = secretariat_client.get(
        reverse("admin:newsletter_issue_change", args=[issue.pk])
    ).content.decode()
    meeting_page = secretariat_client.get(
        reverse("admin:meetings_meeting_change", args=[meeting.pk])
    ).content.decode()

    pdf_url = reverse("newsletter:pdf", args=[issue.number, "fr"])
    assert f'href="{pdf_url}"' in issue_page
    cover_url = reverse("newsletter:cover", args=[issue.number])
    assert f'<img src="{cover_url}"' in issue_page
    assert issue.pdf_fr.name not in issue_page
    assert f'href="{document.get_absolute_url()}"' in meeting_page
    assert "Concept note.pdf" in meeting_page
    assert document.file.name not in meeting_page


def test_the_meeting_form_has_a_zone_chooser_and_the_agenda_as_a_table(
    secretariat_client,
):
    meeting = MeetingFactory(time_zone="Africa/Dakar")

    response = secretariat_client.get(
        reverse("admin:meetings_meeting_change", args=[meeting.pk])
    )

    form = response.context["adminform"].form
    assert form.fields["time_zone"].widget.__class__.__name__ == "Select"
    content = response.content.decode()
    assert '<option value="Africa/Dakar" selected>' in content
    agenda = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model._meta.model_name == "agendaitem"
    )
    assert agenda.opts.template == "admin/edit_inline/tabular.html"
    # Save buttons above the form as below it.
    assert content.count('name="_continue"') == 2
