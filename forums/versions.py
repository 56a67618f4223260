"""Versions of what forum pages cache, raised by any write to what they show
(whatever writes it: a service, the back office, the demo, a script), through
the models' signals: the pages then read neither the forums' groups nor the
state of the posts they show.

- the groups that may read and post in each forum (forums.rules reads them
  through `forum_groups`);
- the posts' cards of a topic page: the posts, their attachments, their
  authors' names, contact cards, countries and roles
  (selectors.posts_cache_key);
- a forum's listing of topics: the topics (titles, pins, locks, counts,
  latest activity), their posts and their authors' and latest posters'
  names (selectors.topics_page_key; not the view counts, which a view
  updates without a signal: they show when the listing's cache expires).

A version is raised at once and again once the transaction commits
(rabat.cache.content_changed_now). Bulk writes
(`update()`, `bulk_create()`) send no signal: the cached values last
GROUPS_CACHE_SECONDS and selectors.POSTS_CACHE_SECONDS at most.
"""

from dataclasses import dataclass

from django.core.cache import caches
from django.db.models.signals import m2m_changed

from rabat.cache import content_changed_now, content_version, on_save_and_delete

FORUMS_VERSION_KEY = "forums:forums-version"
CARDS_VERSION_KEY = "forums:cards-version"
LISTING_VERSION_KEY = "forums:listing-version"
# Also bounds how long a change stays unseen by a process that could not reach
# the shared cache when it was made (rabat.cache.FailSafeCache).
GROUPS_CACHE_SECONDS = 60


@dataclass(frozen=True)
class ForumGroups:
    readers: frozenset[str]  # empty: every member
    writers: frozenset[str]  # empty: every reader


NO_GROUPS = ForumGroups(frozenset(), frozenset())


def forum_groups(forum) -> ForumGroups:
    """The reader and writer groups of `forum`, read from the cache once per
    forum object (a page asks for both, the notifications for every
    recipient)."""
    if not hasattr(forum, "_groups"):
        # Kept in each process's memory under the shared version: the
        # version is read from the shared cache, the groups are not.
        key = f"forums:groups:{forums_version()}"
        groups = caches["layout"].get(key)
        if groups is None:
            groups = _all_forum_groups()
            caches["layout"].set(key, groups, GROUPS_CACHE_SECONDS)
        forum._groups = groups.get(forum.pk, NO_GROUPS)
    return forum._groups


def _all_forum_groups() -> dict[int, ForumGroups]:
    from forums.models import Forum

    names = {}
    for field in ("readers", "writers"):
        through = getattr(Forum, field).through
        for forum_id, name in through.objects.values_list("forum_id", "group__name"):
            names.setdefault(forum_id, {"readers": set(), "writers": set()})[field].add(
                name
            )
    return {
        forum_id: ForumGroups(frozenset(each["readers"]), frozenset(each["writers"]))
        for forum_id, each in names.items()
    }


def forums_version() -> int:
    return content_version(FORUMS_VERSION_KEY)


def reads_version(user) -> int:
    """Changes when `user` reads something new (services.topic_read)."""
    return content_version(reads_key(user.pk))


def member_read(user) -> None:
    content_changed_now(reads_key(user.pk))


def reads_key(user_id) -> str:
    return f"forums:reads-version:{user_id}"


def cards_version() -> int:
    return content_version(CARDS_VERSION_KEY)


def listing_version() -> int:
    return content_version(LISTING_VERSION_KEY)


def listing_changed(sender=None, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    content_changed_now(LISTING_VERSION_KEY)


def forums_changed(**kwargs) -> None:
    content_changed_now(FORUMS_VERSION_KEY)


def cards_changed(sender=None, update_fields=None, **kwargs) -> None:
    # A login writes the account's last_login only: no card changes.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    content_changed_now(CARDS_VERSION_KEY)


def connect_signals() -> None:
    """Called by forums.apps."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from contacts.models import Contact, ContactRole
    from forums.models import Attachment, Forum, Post, Topic
    from rabat.models import Country

    on_save_and_delete(forums_changed, Forum, Group)
    on_save_and_delete(
        cards_changed, Post, Attachment, get_user_model(), Contact, ContactRole, Country
    )
    on_save_and_delete(listing_changed, Topic, Post, get_user_model())
    for field in ("readers", "writers"):
        m2m_changed.connect(
            forums_changed,
            sender=getattr(Forum, field).through,
            dispatch_uid=f"forums-{field}",
        )
