"""The Rabat Review as subscribers receive it: one multipart message per
recipient, in their language, with a working unsubscribe link."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from newsletter.rendering import (
    build_issue_message,
    issue_email_html,
    issue_email_text,
    issue_subject,
)
from tests.newsletter.factories import ArticleFactory, IssueFactory

pytestmark = pytest.mark.django_db

SITE = "https://www.processusderabat.net"
UNSUBSCRIBE = f"{SITE}/fr/review/unsubscribe/eyJzIjoxfQ:1uXyZ:abc/"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.REVIEW_FROM_EMAIL = "Rabat Review <review@processusderabat.net>"
    settings.REVIEW_REPLY_TO = "Secretariat <info@processusderabat.net>"


def message_for(issue, language="en", unsubscribe_url=UNSUBSCRIBE, **kwargs):
    return build_issue_message(
        issue=issue,
        language=language,
        to="reader@example.org",
        unsubscribe_url=unsubscribe_url,
        message_id="<delivery-42@review.processusderabat.net>",
        **kwargs,
    )


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def url_in_language(edition, name, **kwargs):
    with translation.override(edition):
        return SITE + reverse(name, kwargs=kwargs)


def test_the_message_is_multipart_with_sender_reply_to_and_list_headers():
    issue = IssueFactory(number=3, title_en="Data for policy")
    ArticleFactory(issue=issue)
    message_for(issue).send()

    [sent] = mail.outbox
    assert sent.to == ["reader@example.org"]
    assert sent.from_email == "Rabat Review <review@processusderabat.net>"
    assert sent.reply_to == ["Secretariat <info@processusderabat.net>"]
    assert "3" in sent.subject and "Data for policy" in sent.subject
    mime = sent.message()
    assert mime.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mime.get_payload()] == [
        "text/plain",
        "text/html",
    ]
    assert mime["List-Unsubscribe"] == f"<{UNSUBSCRIBE}>"
    assert mime["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mime["Message-ID"] == "<delivery-42@review.processusderabat.net>"
    assert mime["Reply-To"] == "Secretariat <info@processusderabat.net>"
    assert mime["List-Id"] == "Rabat Review <review.processusderabat.net>"


def test_the_unsubscribe_link_is_visible_in_both_parts_for_each_recipient():
    issue = IssueFactory()
    other_link = f"{SITE}/fr/review/unsubscribe/other-token/?a=1&b=2"
    first, second = message_for(issue), message_for(issue, unsubscribe_url=other_link)

    link = re.search(
        r'<a [^>]*href="([^"]+)"[^>]*>(Unsubscribe from the Rabat Review)</a>',
        html_of(first),
    )
    assert link.group(1) == UNSUBSCRIBE
    assert f"Unsubscribe from the Rabat Review: {UNSUBSCRIBE}" in first.body
    # Each recipient gets their own link, never another's.
    assert UNSUBSCRIBE not in html_of(second) and UNSUBSCRIBE not in second.body
    assert (
        'href="https://www.processusderabat.net/fr/review/unsubscribe/other-token/?a=1&amp;b=2"'
        in html_of(second)
    )
    assert other_link in second.body


def test_each_language_edition_shows_that_languages_texts():
    issue = IssueFactory(
        number=2,
        title_fr="Dakar : les données au service des politiques",
        title_en="Dakar: data for policy making",
        period_fr="Octobre\u2013décembre 2013",
        period_en="October\u2013December 2013",
    )
    ArticleFactory(issue=issue, title_fr="La réunion", title_en="The meeting")

    french, english = message_for(issue, "fr"), message_for(issue, "en")

    assert "Dakar : les données au service des politiques" in french.subject
    assert "Dakar: data for policy making" in english.subject
    for part in (html_of(french), french.body):
        assert "La réunion" in part and "Octobre\u2013décembre 2013" in part
        assert "The meeting" not in part and "October" not in part
    for part in (html_of(english), english.body):
        assert "The meeting" in part and "October\u2013December 2013" in part
        assert "La réunion" not in part and "Octobre" not in part
    assert '<html lang="fr">' in html_of(french)
    assert '<html lang="en">' in html_of(english)
    # Links carry the edition's language.
    assert url_in_language("fr", "newsletter:issue", number=2) in french.body
    assert url_in_language("en", "newsletter:issue", number=2) in html_of(english)


def test_a_text_missing_in_the_language_falls_back_to_the_other_marked():
    issue = IssueFactory(introduction_en="")
    ArticleFactory(
        issue=issue, title_en="", body_fr="Seulement en **français**.", body_en=""
    )

    message = message_for(issue, "en")
    html = html_of(message)

    assert re.search(r'<h2 lang="fr"[^>]*>Article \d+ en français</h2>', html)
    assert re.search(r'<div [^>]*lang="fr"[^>]*><p[^>]*>Seulement en <strong', html)
    assert html.count("(in French)") == 2  # the introduction and the article
    assert "Seulement en français." in message.body
    assert "(in French)" in message.body
    # Nothing is marked where the edition's language has the text.
    assert "(in French)" not in html_of(message_for(IssueFactory(), "en"))


def test_images_and_links_are_absolute():
    issue = IssueFactory(number=5, with_cover=True, with_pdf=True)
    article = ArticleFactory(issue=issue, with_image=True)

    html = html_of(message_for(issue, "en"))

    cover = url_in_language("en", "newsletter:cover", number=5)
    image = url_in_language("en", "newsletter:article_image", pk=article.pk)
    assert f'src="{cover}"' in html
    assert re.search(
        rf'<img [^>]*src="{re.escape(image)}"[^>]*alt="A meeting room"', html
    ) or re.search(
        rf'<img [^>]*alt="A meeting room"[^>]*src="{re.escape(image)}"', html
    )
    assert (
        f'href="{url_in_language("en", "newsletter:pdf", number=5, language="en")}"'
        in html
    )
    assert all(src.startswith(SITE) for src in re.findall(r'src="([^"]*)"', html))
    assert all(
        href.startswith((SITE, "mailto:"))
        for href in re.findall(r'href="([^"]*)"', html)
    )


def test_without_a_pdf_in_the_language_the_other_one_is_offered_marked():
    issue = IssueFactory(number=6, with_pdf=True, pdf_en="")
    message = message_for(issue, "en")
    french_pdf = url_in_language("en", "newsletter:pdf", number=6, language="fr")
    assert f'href="{french_pdf}"' in html_of(message)
    assert f"Download the PDF (in French): {french_pdf}" in message.body
    assert "PDF" not in html_of(message_for(IssueFactory(), "en"))


def test_the_css_is_inlined_and_the_media_query_kept():
    issue = IssueFactory()
    ArticleFactory(issue=issue)
    html = html_of(message_for(issue))

    container = re.search(r'<table [^>]*class="container"[^>]*>', html).group(0)
    assert "max-width: 600px" in container and "style=" in container
    assert re.search(r'<td [^>]*class="masthead"[^>]*style="[^"]*#0b4f6c', html)
    [style] = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert "@media" in style and ".container {" not in style
    assert "<script" not in html


def test_markdown_is_sanitised():
    issue = IssueFactory(introduction_en='<img src=x onerror="alert(1)">Hello')
    ArticleFactory(
        issue=issue,
        body_en=(
            "Read [the strategy](https://www.processusderabat.net/en/strategy/).\n\n"
            "<script>alert('x')</script>\n\n[bad](javascript:alert(1))"
        ),
    )
    message = message_for(issue)
    html = html_of(message)

    assert "<script" not in html and "javascript:" not in html
    assert "onerror" not in html
    assert 'href="https://www.processusderabat.net/en/strategy/"' in html
    assert "<script" not in message.body
    assert (
        "Read the strategy (https://www.processusderabat.net/en/strategy/)."
        in message.body
    )


def test_an_edition_is_rendered_once_per_issue_then_personalised(
    django_assert_num_queries,
):
    issue = IssueFactory()
    ArticleFactory.create_batch(3, issue=issue)
    message_for(issue, "fr")
    with django_assert_num_queries(0):
        for number in range(3):
            link = f"{SITE}/fr/review/unsubscribe/token-{number}/"
            assert link in message_for(issue, "fr", unsubscribe_url=link).body


def test_the_admin_previews_match_the_message():
    issue = IssueFactory(title_fr="Le titre")
    message = message_for(issue, "fr")
    assert issue_subject(issue=issue, language="fr") == message.subject
    assert issue_email_html(
        issue=issue, language="fr", unsubscribe_url=UNSUBSCRIBE
    ) == html_of(message)
    assert (
        issue_email_text(issue=issue, language="fr", unsubscribe_url=UNSUBSCRIBE)
        == message.body
    )


def test_there_is_no_edition_in_other_languages():
    with pytest.raises(ValueError):
        issue_subject(issue=IssueFactory(), language="de")
