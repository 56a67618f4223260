"""`/healthz` names the state of each dependency; only a database failure
makes it answer 503."""

import datetime
from unittest import mock

import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rabat.emails import send_email_task

pytestmark = pytest.mark.django_db


def states(response):
    return dict(line.split(": ", 1) for line in response.content.decode().splitlines())


def test_healthz_names_each_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert states(response) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "tasks": "ok",
    }


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch(
        "rabat.health.connection.cursor", side_effect=DatabaseError("down")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert states(response) == {"status": "unavailable", "database": "unavailable"}


def test_an_unwritable_storage_is_named_not_fatal(client):
    with mock.patch(
        "rabat.health.default_storage.save", side_effect=OSError("read-only")
    ):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert states(response)["status"] == "degraded"
    assert states(response)["storage"] == "unavailable"


def test_a_task_backlog_is_named(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = send_email_task.using(backend="default").enqueue(
        subject="s", body="b", from_email="a@example.org", to=["b@example.org"]
    )
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert states(response)["tasks"] == "backlog (1 ready for over 10 minutes)"
