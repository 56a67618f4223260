"""Who may do what in the forums; every view, queryset and template asks here.

`readable_forums_filter` is the database form of `can_read_forum`: the same
rule, for querysets.
"""

from django.db.models import Q

from forums.versions import forum_groups
from rabat import roles


def readable_forums_filter(user) -> Q | None:
    """A filter on Forum for the forums `user` may read; None: none at all."""
    if not roles.is_member(user):
        return None
    if roles.is_secretariat(user):
        return Q(is_active=True)
    return Q(is_active=True) & (
        Q(readers__isnull=True) | Q(readers__name__in=roles.group_names(user))
    )


def can_read_forum(user, forum) -> bool:
    """Open to every member, or to the forum's reader groups; the Secretariat
    reads every active forum."""
    if not (forum.is_active and roles.is_member(user)):
        return False
    if roles.is_secretariat(user):
        return True
    reader_names = forum_groups(forum).readers
    return not reader_names or bool(reader_names & roles.group_names(user))


def can_post_in_forum(user, forum) -> bool:
    """`user`, who can read the forum, may start topics and reply."""
    if roles.is_secretariat(user):
        return True
    writer_names = forum_groups(forum).writers
    return not writer_names or bool(writer_names & roles.group_names(user))


def can_reply(user, topic) -> bool:
    return not topic.is_locked and can_post_in_forum(user, topic.forum)


def can_moderate(user) -> bool:
    """Moderators and the Secretariat, in the forums they can read."""
    return roles.is_moderator(user)


def can_see_hidden_post(user) -> bool:
    return can_moderate(user)


def can_edit_post(user, post) -> bool:
    """Only the author, and not once deleted, or hidden by a moderator."""
    return (
        post.author_id == user.pk and post.deleted_at is None and post.hidden_at is None
    )
