"""The Rabat Review by email: an issue rendered in one language (HTML with
inlined CSS, plus a plain-text alternative) and the message that carries it.

An edition (issue and language) is rendered once per `Issue` instance with a
stand-in for the unsubscribe link, which is then replaced for each recipient:
a batch of the worker (which loads the issue once) renders its templates once
per language, not once per message. Load the issue afresh to see changes
made since.
"""

import re
from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsletter.models import Issue
from newsletter.selectors import LocalizedText, localized
from rabat.languages import CONTENT_LANGUAGES, other_language
from rabat.markdown import markdown_to_text, render_markdown

# Shown beside a text that falls back to the other language.
IN_LANGUAGE = {"fr": gettext_lazy("(in French)"), "en": gettext_lazy("(in English)")}


def fallback_note(text: LocalizedText) -> str:
    """ "(in French)" beside a text shown in the other language, else nothing."""
    return str(IN_LANGUAGE[text.language]) if text.is_fallback else ""


LIST_ID = "Rabat Review <review.processusderabat.net>"
# Replaced by each recipient's own link; letters and dashes only, so that
# HTML escaping and CSS inlining leave it untouched.
UNSUBSCRIBE_MARK = "rabat-review-unsubscribe-link-3f9c1e"

_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


@dataclass(frozen=True)
class _Edition:
    subject: str
    html: str
    text: str


def issue_subject(*, issue: Issue, language: str) -> str:
    return _edition(issue, language).subject


def issue_email_html(*, issue: Issue, language: str, unsubscribe_url: str) -> str:
    """The HTML part, CSS inlined, with `unsubscribe_url` in its footer."""
    html = _edition(issue, language).html
    return html.replace(UNSUBSCRIBE_MARK, escape(unsubscribe_url))


def issue_email_text(*, issue: Issue, language: str, unsubscribe_url: str) -> str:
    """The plain-text part, with `unsubscribe_url` at its end."""
    return _edition(issue, language).text.replace(UNSUBSCRIBE_MARK, unsubscribe_url)


def build_issue_message(
    *,
    issue: Issue,
    language: str,
    to: str,
    unsubscribe_url: str,
    message_id: str,
    connection=None,
) -> EmailMultiAlternatives:
    """The issue's `language` edition for one recipient, multipart (text and
    HTML), with one-click unsubscribe headers (RFC 8058) and `message_id`."""
    message = EmailMultiAlternatives(
        subject=issue_subject(issue=issue, language=language),
        body=issue_email_text(
            issue=issue, language=language, unsubscribe_url=unsubscribe_url
        ),
        from_email=settings.REVIEW_FROM_EMAIL,
        to=[to],
        reply_to=[settings.REVIEW_REPLY_TO],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": LIST_ID,
            "Message-ID": message_id,
        },
        connection=connection,
    )
    message.attach_alternative(
        issue_email_html(
            issue=issue, language=language, unsubscribe_url=unsubscribe_url
        ),
        "text/html",
    )
    return message


def _edition(issue: Issue, language: str) -> _Edition:
    if language not in CONTENT_LANGUAGES:
        raise ValueError(f"No edition of the Rabat Review in {language!r}.")
    editions = issue.__dict__.setdefault("_review_email_editions", {})
    if language not in editions:
        editions[language] = _render(issue, language)
    return editions[language]


def _render(issue: Issue, language: str) -> _Edition:
    with translation.override(language):
        context = _context(issue, language)
        html = render_to_string("newsletter/email/issue.html", context)
        text = render_to_string("newsletter/email/issue.txt", context)
    return _Edition(
        subject=context["subject"],
        html=_INLINER.inline(html),
        text=_BLANK_LINES.sub("\n\n", text).strip() + "\n",
    )


def _context(issue: Issue, language: str) -> dict:
    """What both templates show; call inside `translation.override(language)`
    so that the links carry the edition's language prefix."""
    site_url = settings.SITE_URL
    title = localized(issue, "title", language)
    period = localized(issue, "period", language)
    introduction = localized(issue, "introduction", language)
    pdf_language = next(
        (
            code
            for code in (language, other_language(language))
            if getattr(issue, f"pdf_{code}")
        ),
        None,
    )
    subject = _("Rabat Review no. %(number)s: %(title)s") % {
        "number": issue.number,
        "title": title.text,
    }
    return {
        "language": language,
        "subject": " ".join(subject.split()),
        "number": issue.number,
        "title": title,
        "period": period,
        "introduction": introduction,
        "title_note": fallback_note(title),
        "introduction_note": fallback_note(introduction),
        "introduction_html": render_markdown(introduction.text),
        "introduction_text": markdown_to_text(introduction.text),
        "cover_url": (
            site_url + reverse("newsletter:cover", kwargs={"number": issue.number})
            if issue.cover_image
            else ""
        ),
        "articles": [_article(article, language) for article in issue.articles.all()],
        "web_url": site_url + issue.get_absolute_url(),
        "pdf_url": (
            site_url
            + reverse(
                "newsletter:pdf",
                kwargs={"number": issue.number, "language": pdf_language},
            )
            if pdf_language
            else ""
        ),
        "pdf_note": (
            str(IN_LANGUAGE[pdf_language])
            if pdf_language and pdf_language != language
            else ""
        ),
        "site_url": site_url,
        "site_name": urlsplit(site_url).netloc or site_url,
        "contact_email": parseaddr(settings.REVIEW_REPLY_TO)[1],
        "unsubscribe_url": UNSUBSCRIBE_MARK,
    }


def _article(article, language: str) -> dict:
    title = localized(article, "title", language)
    body = localized(article, "body", language)
    fallback = next((text for text in (title, body) if text.is_fallback), None)
    return {
        "title": title,
        "body": body,
        "body_html": render_markdown(body.text),
        "body_text": markdown_to_text(body.text),
        "note": fallback_note(fallback) if fallback else "",
        "image_url": (
            settings.SITE_URL
            + reverse("newsletter:article_image", kwargs={"pk": article.pk})
            if article.image
            else ""
        ),
        "image_description": localized(article, "image_description", language).text,
    }
