"""The demo Rabat Review: back issues in both languages from the seeds, and
fictitious subscribers only where demo accounts are allowed."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from newsletter.demo import load_demo_review
from newsletter.models import Issue, Subscriber, SubscriberStatus
from newsletter.rendering import build_issue_message

pytestmark = pytest.mark.django_db


def test_demo_issues_are_published_in_both_languages():
    call_command("load_demo", "--no-accounts", verbosity=0)

    issues = Issue.objects.published()
    assert list(issues.values_list("number", flat=True)) == [3, 2, 1]
    for issue in issues:
        for field in ("period", "title", "introduction"):
            assert getattr(issue, f"{field}_fr") and getattr(issue, f"{field}_en")
        articles = issue.articles.all()
        assert 2 <= len(articles) <= 3
        assert all(article.body_fr and article.body_en for article in articles)
        for pdf in (issue.pdf_fr, issue.pdf_en):
            with pdf.open() as content:
                assert content.read().startswith(b"%PDF")
        with issue.cover_image.open() as cover:
            assert Image.open(io.BytesIO(cover.read())).format == "PNG"
    first = Issue.objects.get(number=1)
    assert first.period_fr == "Juillet\u2013septembre 2013"
    assert first.period_en == "July\u2013September 2013"
    dakar = first.articles.get(title_en__startswith="Dakar")
    assert "Senegal and Belgium" in dakar.body_en
    assert dakar.image and dakar.image_description_en
    assert Issue.objects.filter(articles__title_en__contains="Migration profiles")
    # Without accounts, no fictitious person is loaded.
    assert not Subscriber.objects.exists()


def test_demo_review_reloads_without_duplicates_or_new_files():
    load_demo_review()
    files = {
        (issue.cover_image.name, issue.pdf_fr.name, issue.pdf_en.name)
        for issue in Issue.objects.all()
    }
    counts = (
        Issue.objects.count(),
        sum(i.articles.count() for i in Issue.objects.all()),
    )

    assert load_demo_review() == 3

    assert counts == (
        Issue.objects.count(),
        sum(i.articles.count() for i in Issue.objects.all()),
    )
    assert files == {
        (issue.cover_image.name, issue.pdf_fr.name, issue.pdf_en.name)
        for issue in Issue.objects.all()
    }


def test_demo_subscribers_come_with_the_demo_accounts():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)

    statuses = {
        subscriber.email: (subscriber.language, subscriber.status)
        for subscriber in Subscriber.objects.all()
    }
    assert len(statuses) == 7
    assert all(email.endswith("@example.org") for email in statuses)
    confirmed = [s for s in statuses.values() if s[1] == SubscriberStatus.CONFIRMED]
    assert {language for language, _ in confirmed} == {"fr", "en"}
    assert [s for s in statuses.values() if s[1] == SubscriberStatus.PENDING]
    assert [s for s in statuses.values() if s[1] == SubscriberStatus.UNSUBSCRIBED]
    member = Subscriber.objects.get(email="focal-point@example.org")
    assert member.user.email == "focal-point@example.org"


def test_a_demo_issue_renders_as_an_email_in_each_language():
    load_demo_review()
    issue = Issue.objects.get(number=1)
    for language, title in (("fr", issue.title_fr), ("en", issue.title_en)):
        message = build_issue_message(
            issue=issue,
            language=language,
            to="reader@example.org",
            unsubscribe_url="https://www.processusderabat.net/unsubscribe/x/",
            message_id="<demo@review.processusderabat.net>",
        )
        assert title in message.subject
        assert title in message.alternatives[0][0]
