"""What the forum index counts and lists changed (a topic, a post, a
moderator's decision): its cached rendering is dropped once the write is
committed (forums.selectors.activity_version)."""

import time

from django.core.cache import cache
from django.db import transaction

from forums.selectors import ACTIVITY_VERSION_KEY


def activity_changed() -> None:
    transaction.on_commit(
        lambda: cache.set(ACTIVITY_VERSION_KEY, time.time_ns(), timeout=None)
    )
