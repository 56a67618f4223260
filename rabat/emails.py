"""Outgoing email: messages are handed to the task queue, never sent in a request."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

# Where templates/email/base.txt starts its footer (the signature separator).
EMAIL_FOOTER_SEPARATOR = "\n-- \n"


def email_subject_prefix() -> str:
    """The subject prefix of account emails, in the active language:
    "[Processus de Rabat] " or "[Rabat Process] "."""
    site_name = gettext("Rabat Process")
    return f"[{site_name}] "


def layout_html(*, subject: str, body: str) -> str:
    """The HTML alternative of a plain-text `body` written on
    templates/email/base.txt: the same text in the portal's email layout,
    its footer (after the signature separator) in the footer band."""
    body_text, _separator, footer_text = body.partition(EMAIL_FOOTER_SEPARATOR)
    return render_to_string(
        "email/base.html",
        {
            "subject": subject,
            "body_text": body_text.strip(),
            "footer_text": footer_text.strip(),
        },
    )


@task()
def send_email_task(
    *,
    subject: str,
    body: str,
    from_email: str,
    to: list[str],
    html_body: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


def queue_templated_email(
    *,
    template: str,
    context: dict,
    to: str,
    language: str,
    headers: dict[str, str] | None = None,
    account_email: bool = False,
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language`
    (links reversed in them get its prefix), then queue the message.

    An `account_email` (an invitation, a reminder to check one's card...)
    reads as allauth's: the site's subject prefix, and an HTML alternative in
    the portal's layout (its body extends templates/email/base.txt)."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
        if account_email:
            subject = email_subject_prefix() + subject
        message = EmailMultiAlternatives(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers=headers,
        )
        if account_email:
            message.attach_alternative(
                layout_html(subject=subject, body=body), "text/html"
            )
    queue_email(message)


def queue_email(message: EmailMultiAlternatives) -> None:
    """Send `message` from the worker once the current transaction commits."""
    html_body = next(
        (
            content
            for content, mimetype in message.alternatives
            if mimetype == "text/html"
        ),
        None,
    )
    arguments = {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "html_body": html_body,
        "headers": {
            str(key): str(value) for key, value in message.extra_headers.items()
        },
    }
    transaction.on_commit(lambda: send_email_task.enqueue(**arguments))
