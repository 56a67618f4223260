"""What the forum index counts and lists changed (a topic, a post, a
moderator's decision): its cached rendering is dropped once the write is
committed (forums.selectors.activity_version)."""

from forums.selectors import ACTIVITY_VERSION_KEY
from rabat.cache import content_changed


def activity_changed() -> None:
    content_changed(ACTIVITY_VERSION_KEY)
