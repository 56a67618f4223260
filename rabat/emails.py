"""Outgoing email: messages are handed to the task queue, never sent in a request."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


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
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language`
    (links reversed in them get its prefix), then queue the message."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    queue_email(
        EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers=headers,
        )
    )


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
