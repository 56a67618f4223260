"""The state of each dependency of the site, for `/healthz`: the database
(without it nothing works), the cache, the file storage and the task queue
(without them the site works, degraded)."""

import datetime
import uuid

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rabat.cache import BACKEND_ERRORS, primary_cache

OK = "ok"
UNAVAILABLE = "unavailable"
# Ready tasks older than this mean the worker is not keeping up (or stopped).
TASK_BACKLOG_AGE = datetime.timedelta(minutes=10)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return UNAVAILABLE
    return OK


def cache_state() -> str:
    """The shared cache itself, not the process-local fallback around it."""
    cache = primary_cache(caches["default"])
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, OK, timeout=10)
        answered = cache.get(key)
        cache.delete(key)
    except BACKEND_ERRORS:
        return f"{UNAVAILABLE} (rate limits count per process)"
    return OK if answered == OK else UNAVAILABLE


def storage_state() -> str:
    """The default storage accepts a file, and lets it be deleted."""
    try:
        name = default_storage.save(
            f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok")
        )
        default_storage.delete(name)
    except OSError:
        return UNAVAILABLE
    return OK


def task_backlog_state() -> str:
    try:
        waiting = (
            DBTaskResult.objects.ready()
            .filter(enqueued_at__lt=timezone.now() - TASK_BACKLOG_AGE)
            .count()
        )
    except DatabaseError:
        return UNAVAILABLE
    minutes = int(TASK_BACKLOG_AGE.total_seconds() // 60)
    if waiting:
        return f"backlog ({waiting} ready for over {minutes} minutes)"
    return OK


def dependency_states() -> dict[str, str]:
    database = database_state()
    if database != OK:
        return {"database": database}
    return {
        "database": database,
        "cache": cache_state(),
        "storage": storage_state(),
        "tasks": task_backlog_state(),
    }
