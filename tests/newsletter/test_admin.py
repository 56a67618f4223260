"""The Rabat Review's back office: composing an issue in both languages with
checked uploads, previews, a test to oneself, publishing, sending (now or
scheduled, once), the campaign's progress, subscribers and campaigns."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from newsletter import admin_forms
from newsletter.models import (
    Campaign,
    CampaignStatus,
    Delivery,
    DeliveryStatus,
    Issue,
    Subscriber,
    SubscriberStatus,
)
from newsletter.services import sending
from tests.conftest import enable_two_factor, make_user, stored_files
from tests.factories import UserFactory
from tests.files import pdf_with_javascript
from tests.meetings.admin_data import add_inline_rows, admin_form_data
from tests.newsletter.factories import (
    HTML_BYTES,
    PDF_BYTES,
    ArticleFactory,
    CampaignFactory,
    DeliveryFactory,
    DraftIssueFactory,
    SubscriberFactory,
    png_bytes,
)
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db

ADD = "admin:newsletter_issue_add"
CHANGE = "admin:newsletter_issue_change"
PREVIEW = "admin:newsletter_issue_preview"
PREVIEW_EMAIL = "admin:newsletter_issue_preview_email"
PREVIEW_TEXT = "admin:newsletter_issue_preview_text"
TEST_SEND = "admin:newsletter_issue_test_send"
PUBLISH = "admin:newsletter_issue_publish"
SEND = "admin:newsletter_issue_send"
CAMPAIGN = "admin:newsletter_issue_campaign"
RETRY = "admin:newsletter_issue_campaign_retry"
RESEND = "admin:newsletter_issue_campaign_resend"
CANCEL = "admin:newsletter_issue_campaign_cancel"
# What the Secretariat group needs (rabat/roles.py SECRETARIAT_MODELS).
NEWSLETTER_MODELS = ["issue", "article", "subscriber", "campaign"]


def newsletter_permissions(*codenames):
    permissions = Permission.objects.filter(content_type__app_label="newsletter")
    if codenames:
        permissions = permissions.filter(codename__in=codenames)
    else:
        permissions = permissions.filter(content_type__model__in=NEWSLETTER_MODELS)
    return permissions


def secretariat_user():
    """A Secretariat member (2FA on), granted the newsletter's permissions
    directly as well, whether or not rabat/roles.py lists them yet."""
    user = make_user("secretariat")
    user.user_permissions.add(*newsletter_permissions())
    return user


@pytest.fixture
def secretariat(db):
    return secretariat_user()


# --- Composing an issue ---------------------------------------------------------------


def add_page_data(client, **changes):
    fields = {
        "number": "7",
        "period_fr": "Juillet\u2013septembre 2013",
        "period_en": "July\u2013September 2013",
        "title_fr": "La réunion de Dakar",
        "title_en": "The Dakar meeting",
        "introduction_fr": "Une **introduction**.",
        "introduction_en": "An **introduction**.",
    }
    return admin_form_data(client.get(reverse(ADD)), **{**fields, **changes})


def article_row(**fields):
    return {
        "position": "0",
        "title_fr": "Les profils migratoires",
        "title_en": "Migration profiles",
        "body_fr": "Le corps en français.",
        "body_en": "The body in English.",
        "image_description_fr": "Une salle",
        "image_description_en": "A room",
        **fields,
    }


def inline_errors(response, prefix="articles"):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return [form.errors for form in inline.formset.forms]
    raise AssertionError(f"no inline {prefix}")


def form_errors(response):
    return response.context["adminform"].form.errors


def test_the_secretariat_adds_an_issue_with_articles_in_both_languages(
    secretariat_client,
):
    data = add_page_data(
        secretariat_client,
        cover_image=SimpleUploadedFile("cover.PNG", png_bytes()),
        pdf_fr=SimpleUploadedFile("revue.pdf", PDF_BYTES),
        pdf_en=SimpleUploadedFile("review.txt", PDF_BYTES),
    )
    add_inline_rows(
        data,
        "articles",
        [
            article_row(image=SimpleUploadedFile("photo.png", png_bytes())),
            article_row(position="1", title_fr="Deuxième", title_en="Second"),
        ],
    )

    response = secretariat_client.post(reverse(ADD), data)

    assert response.status_code == 302, form_errors(response)
    issue = Issue.objects.get(number=7)
    assert (issue.title_fr, issue.title_en) == (
        "La réunion de Dakar",
        "The Dakar meeting",
    )
    assert issue.published_at is None
    assert issue.cover_image.name.startswith("newsletter/covers/")
    assert issue.cover_image.name.endswith(".png")
    # A PDF whatever its name says, stored as one.
    assert issue.pdf_en.name.endswith(".pdf")
    first, second = issue.articles.all()
    assert (first.title_fr, first.title_en) == (
        "Les profils migratoires",
        "Migration profiles",
    )
    assert (second.body_fr, second.body_en) == (
        "Le corps en français.",
        "The body in English.",
    )
    assert first.image.name.startswith("newsletter/images/")


def test_published_at_is_set_by_publishing_not_typed(secretariat_client):
    data = add_page_data(secretariat_client, published_at="2013-01-01 10:00")
    response = secretariat_client.post(reverse(ADD), data)
    assert response.status_code == 302
    assert Issue.objects.get(number=7).published_at is None


@pytest.mark.parametrize(
    ("content", "name"),
    [(HTML_BYTES, "cover.png"), (PDF_BYTES, "cover.jpg"), (b"GIF89a junk", "c.gif")],
)
def test_a_cover_that_is_no_image_is_refused_and_the_form_kept(
    secretariat_client, content, name
):
    data = add_page_data(
        secretariat_client,
        cover_image=SimpleUploadedFile(name, content),
        introduction_en="Typed with care.",
    )
    add_inline_rows(data, "articles", [article_row()])

    response = secretariat_client.post(reverse(ADD), data)

    assert response.status_code == 200
    assert not Issue.objects.exists()
    assert form_errors(response)["cover_image"] == [
        f"“{name}” is not an image: send a JPEG, PNG, GIF or WebP image of "
        "5.0\xa0MB at most."
    ]
    text = response.content.decode()
    assert "Typed with care." in text
    assert "Migration profiles" in text


def test_an_article_image_is_checked_too(secretariat_client):
    data = add_page_data(secretariat_client)
    add_inline_rows(
        data, "articles", [article_row(image=SimpleUploadedFile("a.png", HTML_BYTES))]
    )
    response = secretariat_client.post(reverse(ADD), data)
    assert response.status_code == 200
    [row_errors] = inline_errors(response)
    assert "“a.png” is not an image" in row_errors["image"][0]
    assert not Issue.objects.exists()


@pytest.mark.parametrize("content", [HTML_BYTES, png_bytes()])
def test_a_pdf_is_accepted_for_its_content_only(secretariat_client, content):
    data = add_page_data(
        secretariat_client, pdf_fr=SimpleUploadedFile("revue.pdf", content)
    )
    response = secretariat_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert form_errors(response)["pdf_fr"] == [
        "“revue.pdf” is not a PDF file: send a PDF of 20.0\xa0MB at most."
    ]
    assert "La réunion de Dakar" in response.content.decode()


def test_a_pdf_with_javascript_is_refused_saying_why(secretariat_client):
    data = add_page_data(
        secretariat_client,
        pdf_fr=SimpleUploadedFile("revue.pdf", pdf_with_javascript()),
    )
    response = secretariat_client.post(reverse(ADD), data)
    assert response.status_code == 200
    assert "contains JavaScript" in form_errors(response)["pdf_fr"][0]
    assert not Issue.objects.exists()


def test_files_with_long_names_are_accepted(secretariat_client):
    long_stem = "Revue du Processus de Rabat numéro sept " * 7
    data = add_page_data(
        secretariat_client,
        cover_image=SimpleUploadedFile(long_stem + ".png", png_bytes()),
        pdf_fr=SimpleUploadedFile(long_stem + ".pdf", PDF_BYTES),
    )
    add_inline_rows(
        data,
        "articles",
        [article_row(image=SimpleUploadedFile(long_stem + ".png", png_bytes()))],
    )
    response = secretariat_client.post(reverse(ADD), data)
    assert response.status_code == 302, form_errors(response)
    issue = Issue.objects.get(number=7)
    assert issue.pdf_fr.name.endswith(".pdf")
    assert issue.cover_image.name.endswith(".png")
    assert issue.articles.get().image.name.endswith(".png")


def test_a_full_disk_saves_nothing_and_keeps_the_form(
    secretariat_client, unwritable_media
):
    data = add_page_data(
        secretariat_client,
        introduction_en="Typed with care.",
        pdf_fr=SimpleUploadedFile("revue.pdf", PDF_BYTES),
    )
    add_inline_rows(
        data,
        "articles",
        [article_row(image=SimpleUploadedFile("photo.png", png_bytes()))],
    )
    response = secretariat_client.post(reverse(ADD), data)
    assert response.status_code == 200
    [error] = response.context["adminform"].form.non_field_errors()
    assert error.startswith("“revue.pdf” could not be saved")
    text = response.content.decode()
    assert "Typed with care." in text
    assert "Migration profiles" in text
    assert not Issue.objects.exists()
    assert stored_files(unwritable_media) == []


def test_an_oversize_pdf_is_refused_in_french(client, monkeypatch):
    monkeypatch.setattr(admin_forms, "PDF_MAX_BYTES", 1024)
    client.force_login(secretariat_user())
    issue = DraftIssueFactory(title_en="Before")
    big = PDF_BYTES + b"0" * 2048
    with translation.override("fr"):
        url = reverse(CHANGE, args=[issue.pk])
        data = admin_form_data(
            client.get(url),
            title_en="After",
            pdf_en=SimpleUploadedFile("big.pdf", big),
        )
        response = client.post(url, data)
    assert response.status_code == 200
    assert form_errors(response)["pdf_en"] == [
        "«\xa0big.pdf\xa0» est trop lourd\xa0: 1,0\xa0Kio au plus par fichier."
    ]
    assert 'value="After"' in response.content.decode()
    issue.refresh_from_db()
    assert issue.title_en == "Before"
    assert not issue.pdf_en


def test_the_change_form_links_to_the_pages_of_an_issue(secretariat_client):
    issue = DraftIssueFactory()
    text = secretariat_client.get(reverse(CHANGE, args=[issue.pk])).content.decode()
    for name in (PREVIEW, PUBLISH, SEND):
        assert reverse(name, args=[issue.pk]) in text
    assert reverse(CAMPAIGN, args=[issue.pk]) not in text

    CampaignFactory(issue=issue)
    text = secretariat_client.get(reverse(CHANGE, args=[issue.pk])).content.decode()
    assert reverse(CAMPAIGN, args=[issue.pk]) in text
    assert reverse(SEND, args=[issue.pk]) not in text


def test_the_changelist_shows_each_issues_campaign(secretariat_client):
    sent = CampaignFactory(status=CampaignStatus.SENT).issue
    DraftIssueFactory(title_en="Still a draft")
    response = secretariat_client.get(reverse("admin:newsletter_issue_changelist"))
    text = response.content.decode()
    assert reverse(CAMPAIGN, args=[sent.pk]) in text
    assert "Not sent" in text
    assert "Still a draft" in text


# --- Previews and the test ------------------------------------------------------------


def test_the_email_previews_show_each_edition(secretariat_client):
    issue = DraftIssueFactory(title_fr="Numéro estival", title_en="Summer issue")
    ArticleFactory(issue=issue, title_fr="Profils migratoires", title_en="Profiles")

    french = secretariat_client.get(reverse(PREVIEW_EMAIL, args=[issue.pk, "fr"]))
    english = secretariat_client.get(reverse(PREVIEW_EMAIL, args=[issue.pk, "en"]))

    assert french["Content-Type"] == "text/html; charset=utf-8"
    french_html, english_html = french.content.decode(), english.content.decode()
    assert "Numéro estival" in french_html
    assert "Profils migratoires" in french_html
    assert "Summer issue" in english_html
    assert "Profiles" in english_html
    assert "Profils migratoires" not in english_html
    # A page of its own, not framed by the admin.
    assert 'id="content-main"' not in french_html


def test_the_text_previews_are_plain_text(secretariat_client):
    issue = DraftIssueFactory(title_en="Summer issue")
    ArticleFactory(issue=issue, title_en="Profiles", body_en="Read **this**.")
    response = secretariat_client.get(reverse(PREVIEW_TEXT, args=[issue.pk, "en"]))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Summer issue" in text
    assert "Profiles" in text


def test_a_preview_in_an_unknown_language_is_not_found(secretariat_client):
    issue = DraftIssueFactory()
    response = secretariat_client.get(reverse(PREVIEW_EMAIL, args=[issue.pk, "de"]))
    assert response.status_code == 404


def test_the_preview_page_links_every_edition_and_the_web_versions(
    secretariat_client,
):
    issue = DraftIssueFactory(number=12)
    text = secretariat_client.get(reverse(PREVIEW, args=[issue.pk])).content.decode()
    for language in ("fr", "en"):
        assert reverse(PREVIEW_EMAIL, args=[issue.pk, language]) in text
        assert reverse(PREVIEW_TEXT, args=[issue.pk, language]) in text
    assert 'href="/fr/review/12/"' in text
    assert 'href="/en/review/12/"' in text
    assert reverse(TEST_SEND, args=[issue.pk]) in text


def test_a_test_goes_to_the_secretary_through_the_queue(
    secretariat_client, secretariat, django_capture_on_commit_callbacks
):
    issue = DraftIssueFactory(title_en="Summer issue")
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse(TEST_SEND, args=[issue.pk]), {"language": "en"}, follow=True
        )
    assert f"Test sent to {secretariat.email}" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [secretariat.email]
    assert message.subject.startswith("[Test] ")
    assert "Summer issue" in message.subject
    _html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    # A test is nobody's subscription: nothing was recorded as sent.
    assert not Campaign.objects.exists()
    issue.refresh_from_db()
    assert issue.published_at is None


def test_a_test_in_both_languages_sends_two_emails(
    secretariat_client, django_capture_on_commit_callbacks
):
    issue = DraftIssueFactory(title_fr="Numéro d'été", title_en="Summer issue")
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            reverse(TEST_SEND, args=[issue.pk]), {"language": "both"}
        )
    assert sorted(message.subject for message in mail.outbox) == [
        f"[Test] Rabat Review no. {issue.number}: Summer issue",
        f"[Test] Rabat Review nº {issue.number} : Numéro d'été",
    ]


def test_a_test_without_language_is_refused(secretariat_client):
    issue = DraftIssueFactory()
    response = secretariat_client.post(reverse(TEST_SEND, args=[issue.pk]), {})
    assert response.status_code == 200
    assert response.context["test_form"].errors["language"]
    assert not mail.outbox


def test_a_test_is_sent_by_post_only(secretariat_client):
    issue = DraftIssueFactory()
    assert (
        secretariat_client.get(reverse(TEST_SEND, args=[issue.pk])).status_code == 405
    )


# --- Publishing -----------------------------------------------------------------------


def test_publishing_asks_then_puts_the_issue_in_the_archive(secretariat_client):
    issue = DraftIssueFactory()
    page = secretariat_client.get(reverse(PUBLISH, args=[issue.pk]))
    assert "Publish now" in page.content.decode()
    issue.refresh_from_db()
    assert issue.published_at is None

    response = secretariat_client.post(reverse(PUBLISH, args=[issue.pk]), follow=True)

    assert "is published in the archive" in response.content.decode()
    issue.refresh_from_db()
    assert issue.is_published
    assert Issue.objects.published().get() == issue


def test_publishing_twice_keeps_the_first_date(secretariat_client):
    moment = timezone.now() - datetime.timedelta(days=3)
    issue = DraftIssueFactory(published_at=moment)
    response = secretariat_client.post(reverse(PUBLISH, args=[issue.pk]), follow=True)
    assert "was already published" in response.content.decode()
    issue.refresh_from_db()
    assert issue.published_at == moment


# --- Sending --------------------------------------------------------------------------


def subscribers():
    """Two confirmed readers of French, one of English, and others who must
    not count."""
    SubscriberFactory.create_batch(2, language="fr")
    SubscriberFactory(language="en")
    SubscriberFactory(language="en", status=SubscriberStatus.PENDING, confirmed_at=None)
    SubscriberFactory(language="fr", status=SubscriberStatus.UNSUBSCRIBED)


def test_the_send_page_counts_confirmed_subscribers_per_language(secretariat_client):
    subscribers()
    issue = DraftIssueFactory()
    response = secretariat_client.get(reverse(SEND, args=[issue.pk]))
    assert response.status_code == 200
    assert response.context["counts"] == [("French", 2), ("English", 1)]
    assert response.context["total"] == 3
    text = response.content.decode()
    assert "it is published at the moment the sending starts" in text
    assert not Campaign.objects.exists()


def test_sending_now_publishes_and_creates_the_campaign(
    secretariat_client, secretariat, django_capture_on_commit_callbacks
):
    subscribers()
    issue = DraftIssueFactory()
    ArticleFactory(issue=issue)
    with django_capture_on_commit_callbacks(execute=False):
        response = secretariat_client.post(
            reverse(SEND, args=[issue.pk]), {"when": "now"}
        )

    assert response.status_code == 302
    assert response["Location"] == reverse(CAMPAIGN, args=[issue.pk])
    campaign = Campaign.objects.get(issue=issue)
    assert campaign.created_by == secretariat
    assert campaign.status == CampaignStatus.SENDING
    deliveries = campaign.deliveries.all()
    assert sorted(delivery.language for delivery in deliveries) == ["en", "fr", "fr"]
    issue.refresh_from_db()
    assert issue.is_published
    # Nothing went out in the request itself.
    assert not mail.outbox


def test_the_worker_then_sends_each_subscriber_their_edition(
    secretariat_client, django_capture_on_commit_callbacks
):
    subscribers()
    issue = DraftIssueFactory(title_fr="Numéro d'été", title_en="Summer issue")
    # The task backend of the tests runs the queued work when it is queued.
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(reverse(SEND, args=[issue.pk]), {"when": "now"})

    confirmed = {
        subscriber.email: subscriber.language
        for subscriber in Subscriber.objects.confirmed()
    }
    assert sorted(address for message in mail.outbox for address in message.to) == (
        sorted(confirmed)
    )
    for message in mail.outbox:
        title = {"fr": "Numéro d'été", "en": "Summer issue"}[confirmed[message.to[0]]]
        assert title in message.subject
    response = secretariat_client.get(reverse(CAMPAIGN, args=[issue.pk]))
    assert response.context["count_rows"][-1] == (
        "Total",
        [3 if status == DeliveryStatus.SENT else 0 for status in DeliveryStatus.values],
        3,
    )


def test_sending_later_schedules_the_campaign_and_the_publication(secretariat_client):
    subscribers()
    issue = DraftIssueFactory()
    moment = timezone.localtime() + datetime.timedelta(days=2)
    response = secretariat_client.post(
        reverse(SEND, args=[issue.pk]),
        {
            "when": "later",
            "scheduled_for_0": moment.strftime("%Y-%m-%d"),
            "scheduled_for_1": moment.strftime("%H:%M:00"),
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get(issue=issue)
    assert campaign.status == CampaignStatus.SCHEDULED
    expected = moment.replace(second=0, microsecond=0)
    assert campaign.scheduled_for == expected
    assert not campaign.deliveries.exists()
    issue.refresh_from_db()
    assert issue.published_at == expected
    assert not issue.is_published


def test_the_send_page_loads_the_date_picker_without_translation_tabs(
    secretariat_client,
):
    html = secretariat_client.get(
        reverse(SEND, args=[DraftIssueFactory().pk])
    ).content.decode()
    assert "admin/js/admin/DateTimeShortcuts.js" in html
    assert reverse("admin:jsi18n") in html
    assert "tabbed_translation_fields" not in html


def test_a_scheduled_sending_is_cancelled_then_sent_again(secretariat_client):
    subscribers()
    issue = DraftIssueFactory()
    moment = timezone.localtime() + datetime.timedelta(days=2)
    secretariat_client.post(
        reverse(SEND, args=[issue.pk]),
        {
            "when": "later",
            "scheduled_for_0": moment.strftime("%Y-%m-%d"),
            "scheduled_for_1": moment.strftime("%H:%M:00"),
        },
    )
    page = secretariat_client.get(reverse(CAMPAIGN, args=[issue.pk]))
    assert "Cancel the scheduled sending" in page.content.decode()
    assert secretariat_client.get(reverse(CANCEL, args=[issue.pk])).status_code == 405

    response = secretariat_client.post(reverse(CANCEL, args=[issue.pk]), follow=True)

    html = response.content.decode()
    assert "The scheduled sending is cancelled: nothing was sent." in html
    assert "This sending was cancelled before it started" in html
    assert Campaign.objects.get(issue=issue).status == CampaignStatus.CANCELLED
    issue.refresh_from_db()
    assert issue.published_at is None
    change = secretariat_client.get(reverse(CHANGE, args=[issue.pk]))
    assert reverse(SEND, args=[issue.pk]) in change.content.decode()

    response = secretariat_client.post(reverse(SEND, args=[issue.pk]), {"when": "now"})

    assert response.status_code == 302
    assert Campaign.objects.get(issue=issue).status == CampaignStatus.SENDING
    issue.refresh_from_db()
    assert issue.is_published


def test_a_started_sending_cannot_be_cancelled(secretariat_client):
    campaign = CampaignFactory()
    page = secretariat_client.get(reverse(CAMPAIGN, args=[campaign.issue_id]))
    assert "Cancel the scheduled sending" not in page.content.decode()

    response = secretariat_client.post(
        reverse(CANCEL, args=[campaign.issue_id]), follow=True
    )

    assert "Only a scheduled sending can be cancelled" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENDING


def test_a_schedule_in_the_past_is_refused(secretariat_client):
    issue = DraftIssueFactory()
    moment = timezone.localtime() - datetime.timedelta(hours=1)
    response = secretariat_client.post(
        reverse(SEND, args=[issue.pk]),
        {
            "when": "later",
            "scheduled_for_0": moment.strftime("%Y-%m-%d"),
            "scheduled_for_1": moment.strftime("%H:%M:%S"),
        },
    )
    assert response.context["form"].errors["scheduled_for"] == [
        "Choose a date and time in the future."
    ]
    assert not Campaign.objects.exists()


def test_a_schedule_needs_its_date(secretariat_client):
    issue = DraftIssueFactory()
    response = secretariat_client.post(
        reverse(SEND, args=[issue.pk]), {"when": "later"}
    )
    assert response.context["form"].errors["scheduled_for"] == [
        "Give the date and time of the sending."
    ]


def test_an_issue_is_sent_only_once(secretariat_client):
    subscribers()
    issue = DraftIssueFactory()
    secretariat_client.post(reverse(SEND, args=[issue.pk]), {"when": "now"})
    deliveries = Delivery.objects.count()

    page = secretariat_client.get(reverse(SEND, args=[issue.pk]), follow=True)
    again = secretariat_client.post(
        reverse(SEND, args=[issue.pk]), {"when": "now"}, follow=True
    )

    for response in (page, again):
        assert response.redirect_chain[-1][0] == reverse(CAMPAIGN, args=[issue.pk])
        assert "an issue is sent only once" in response.content.decode()
    assert Campaign.objects.count() == 1
    assert Delivery.objects.count() == deliveries


# --- The campaign page ----------------------------------------------------------------


def test_the_campaign_page_shows_counts_per_language_and_failures(secretariat_client):
    campaign = CampaignFactory()
    for language in ("fr", "fr", "en"):
        DeliveryFactory(campaign=campaign, subscriber__language=language)
    DeliveryFactory(
        campaign=campaign,
        subscriber__email="gone@example.org",
        subscriber__language="en",
        status=DeliveryStatus.FAILED,
        attempts=1,
        last_error="550 5.1.1 mailbox unavailable",
    )
    DeliveryFactory(campaign=campaign, status=DeliveryStatus.REVIEW)

    response = secretariat_client.get(reverse(CAMPAIGN, args=[campaign.issue_id]))

    assert response.status_code == 200
    rows = {
        name: (values, total) for name, values, total in response.context["count_rows"]
    }
    statuses = [value for value, _label in response.context["statuses"]]
    french, total_fr = rows["French"]
    english, total_en = rows["English"]
    assert french[statuses.index(DeliveryStatus.SENT)] == 2
    assert french[statuses.index(DeliveryStatus.REVIEW)] == 1
    assert english[statuses.index(DeliveryStatus.FAILED)] == 1
    assert (total_fr, total_en, rows["Total"][1]) == (3, 2, 5)
    text = response.content.decode()
    assert "gone@example.org" in text
    assert "550 5.1.1 mailbox unavailable" in text
    assert "1 email to review" in text
    assert "The worker stopped while it was sending" in text
    assert reverse(RESEND, args=[campaign.issue_id]) in text
    assert reverse(RETRY, args=[campaign.issue_id]) in text
    # Reloads itself while sending.
    assert '<meta http-equiv="refresh" content="10">' in text


def test_the_campaign_page_query_count_does_not_grow(secretariat_client):
    campaign = CampaignFactory()

    def grow():
        for status in (DeliveryStatus.SENT, DeliveryStatus.FAILED):
            DeliveryFactory.create_batch(10, campaign=campaign, status=status)

    DeliveryFactory(campaign=campaign, status=DeliveryStatus.FAILED)
    assert_queries_constant(
        secretariat_client, reverse(CAMPAIGN, args=[campaign.issue_id]), grow=grow
    )


def test_the_issue_list_query_count_does_not_grow(secretariat_client):
    CampaignFactory()
    assert_queries_constant(
        secretariat_client,
        reverse("admin:newsletter_issue_changelist"),
        grow=lambda: CampaignFactory.create_batch(10),
    )


def test_a_finished_campaign_page_does_not_reload(secretariat_client):
    campaign = CampaignFactory(status=CampaignStatus.SENT, finished_at=timezone.now())
    DeliveryFactory(campaign=campaign)
    text = secretariat_client.get(
        reverse(CAMPAIGN, args=[campaign.issue_id])
    ).content.decode()
    assert 'http-equiv="refresh"' not in text
    assert "No email has failed." in text


def test_the_failed_list_is_paginated(secretariat_client, monkeypatch):
    from newsletter import admin as newsletter_admin

    monkeypatch.setattr(newsletter_admin, "FAILED_PER_PAGE", 2)
    campaign = CampaignFactory()
    for number in range(3):
        DeliveryFactory(
            campaign=campaign,
            subscriber__email=f"failed{number}@example.org",
            status=DeliveryStatus.FAILED,
            last_error="550",
        )
    url = reverse(CAMPAIGN, args=[campaign.issue_id])
    first = secretariat_client.get(url).content.decode()
    second = secretariat_client.get(url, {"page": 2}).content.decode()
    assert "failed0@example.org" in first
    assert "failed2@example.org" not in first
    assert "failed2@example.org" in second
    assert "Page 2 of 2" in second


def test_an_issue_without_campaign_has_no_campaign_page(secretariat_client):
    issue = DraftIssueFactory()
    response = secretariat_client.get(reverse(CAMPAIGN, args=[issue.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse(CHANGE, args=[issue.pk])


@pytest.fixture
def calls(monkeypatch):
    """The retry and resend services, recorded."""
    recorded = []

    def recorder(name, result):
        def service(*, campaign):
            recorded.append((name, campaign))
            return result

        return service

    monkeypatch.setattr(sending, "deliveries_retry_failed", recorder("retry", 3))
    monkeypatch.setattr(sending, "deliveries_resend_review", recorder("resend", 2))
    return recorded


def test_retry_calls_the_service(secretariat_client, calls):
    campaign = CampaignFactory()
    response = secretariat_client.post(
        reverse(RETRY, args=[campaign.issue_id]), follow=True
    )
    assert calls == [("retry", campaign)]
    assert "3 emails are queued again." in response.content.decode()
    assert (
        secretariat_client.get(reverse(RETRY, args=[campaign.issue_id])).status_code
        == 405
    )
    assert len(calls) == 1


def test_resending_the_emails_to_review_asks_first(secretariat_client, calls):
    campaign = CampaignFactory()
    DeliveryFactory(campaign=campaign, status=DeliveryStatus.REVIEW)
    url = reverse(RESEND, args=[campaign.issue_id])

    page = secretariat_client.get(url)
    assert "would then receive the issue twice" in page.content.decode()
    assert calls == []

    response = secretariat_client.post(url, follow=True)
    assert calls == [("resend", campaign)]
    assert "2 emails are queued again." in response.content.decode()


# --- Who may --------------------------------------------------------------------------


def all_pages(issue):
    return [
        reverse(PREVIEW, args=[issue.pk]),
        reverse(PREVIEW_EMAIL, args=[issue.pk, "fr"]),
        reverse(PREVIEW_TEXT, args=[issue.pk, "en"]),
        reverse(PUBLISH, args=[issue.pk]),
        reverse(SEND, args=[issue.pk]),
        reverse(CAMPAIGN, args=[issue.pk]),
        reverse(RESEND, args=[issue.pk]),
    ]


@pytest.mark.parametrize("role", ["anonymous", "focal_point", "steering_committee"])
def test_members_without_staff_status_cannot_reach_these_pages(client_for, role):
    client = client_for(role)
    issue = CampaignFactory().issue
    for url in all_pages(issue):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login"))
    response = client.post(reverse(TEST_SEND, args=[issue.pk]), {"language": "fr"})
    assert response.status_code == 302
    assert not mail.outbox


def staff_with(*codenames):
    user = enable_two_factor(UserFactory(is_staff=True))
    user.user_permissions.set(newsletter_permissions(*codenames) if codenames else [])
    return user


def test_staff_without_newsletter_permissions_are_refused(client):
    client.force_login(staff_with())
    issue = CampaignFactory().issue
    for url in all_pages(issue):
        assert client.get(url).status_code == 403, url


def test_viewing_issues_allows_previews_not_sending(client):
    client.force_login(staff_with("view_issue"))
    issue = CampaignFactory().issue
    for name in (PREVIEW, CAMPAIGN):
        assert client.get(reverse(name, args=[issue.pk])).status_code == 200
    assert client.get(reverse(PREVIEW_EMAIL, args=[issue.pk, "en"])).status_code == 200
    for name in (PUBLISH, SEND, RESEND):
        assert client.get(reverse(name, args=[issue.pk])).status_code == 403
    for name in (TEST_SEND, RETRY):
        assert (
            client.post(reverse(name, args=[issue.pk]), {"language": "fr"}).status_code
            == 403
        )
    assert not mail.outbox


def test_an_unknown_issue_redirects_to_the_admin_home(secretariat_client):
    response = secretariat_client.get(reverse(PREVIEW, args=[987654]))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


# --- Subscribers and campaigns --------------------------------------------------------


def test_subscribers_are_listed_filtered_and_kept(secretariat_client):
    confirmed = SubscriberFactory(email="awa@example.org", language="en")
    SubscriberFactory(email="pending@example.org", status=SubscriberStatus.PENDING)
    changelist = reverse("admin:newsletter_subscriber_changelist")

    response = secretariat_client.get(changelist, {"status__exact": "confirmed"})
    assert list(response.context["cl"].result_list) == [confirmed]
    response = secretariat_client.get(changelist, {"q": "pending@"})
    assert [s.email for s in response.context["cl"].result_list] == [
        "pending@example.org"
    ]
    # No deleting (history), no adding (consent comes from the subscriber).
    assert response.context["action_form"] is None
    assert not response.context["has_add_permission"]
    delete = reverse("admin:newsletter_subscriber_delete", args=[confirmed.pk])
    assert secretariat_client.get(delete).status_code == 403

    change = reverse("admin:newsletter_subscriber_change", args=[confirmed.pk])
    page = secretariat_client.get(change)
    form_fields = page.context["adminform"].form.fields
    assert list(form_fields) == ["language"]


def test_campaigns_are_listed_read_only_with_a_link_to_their_page(
    secretariat_client,
):
    campaign = CampaignFactory()
    response = secretariat_client.get(reverse("admin:newsletter_campaign_changelist"))
    assert response.status_code == 200
    assert reverse(CAMPAIGN, args=[campaign.issue_id]) in response.content.decode()
    assert not response.context["has_add_permission"]
