"""Writing in the forums: new topics, replies, edits and deletions, and
what reading a topic records.

Every write checks what the author may do, whatever the view did before, and
announces new posts to `forums.notifications` once the transaction commits.
"""

import datetime
import re
import uuid
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from forums import notifications, rules, versions
from forums.attachments import attachments_check
from forums.models import (
    POST_MAX_LENGTH,
    Attachment,
    Forum,
    Post,
    PostRevision,
    Subscription,
    SubscriptionLevel,
    Topic,
    TopicReadState,
)
from forums.services.activity import activity_changed
from rabat import roles
from rabat.markdown import render_markdown
from rabat.models import User
from rabat.uploads import atomic_with_files, file_save

# (window in seconds, posts allowed in it) per author
# shared by every web process.
RATE_LIMITS = ((60, 5), (3600, 30))

MENTION = re.compile(r"(?<![\w@.])@([\w'\u2019-]+(?:\.[\w'\u2019-]+)*)")
# Mentions inside code or quoted text notify nobody.
FENCED_CODE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>])")


class PostingError(Exception):
    """A write the author may not make now; the message (translated) says why."""


class EditConflict(PostingError):
    """The post changed since the editor opened it; `post` is its current state."""

    def __init__(self, post: Post):
        super().__init__(
            _(
                "This message was changed while you were editing it. Its current "
                "text is shown above; your text is kept below: check it, then "
                "save again."
            )
        )
        self.post = post


@atomic_with_files()
def topic_create(
    *,
    forum: Forum,
    author: User,
    title: str,
    body: str,
    submission_key: uuid.UUID,
    files: Sequence = (),
) -> Topic:
    """Start a topic in `forum` with its first post, and follow it.

    Submitted twice with the same `submission_key`, it returns the topic of
    the first submission and writes nothing. Its files are stored with it or
    not at all: `StorageError` (disk full...) saves nothing.
    """
    existing = _submitted_post(author=author, submission_key=submission_key)
    if existing:
        return existing.topic
    title = title.strip()
    if not title:
        raise PostingError(_("Give the topic a title."))
    _check_body(body)
    _check_can_post(forum=forum, user=author)
    checked_files = attachments_check(files)
    _count_post(author)
    now = timezone.now()
    try:
        with transaction.atomic():
            topic = Topic.objects.create(
                forum=forum,
                title=title,
                author=author,
                last_post_at=now,
                last_poster=author,
            )
            post = Post.objects.create(
                topic=topic,
                author=author,
                body=body,
                body_html=render_markdown(body),
                submission_key=submission_key,
            )
    except IntegrityError:
        # The same form submitted at the same moment: the other request won.
        return _submitted_post(author=author, submission_key=submission_key).topic
    _published(post=post, files=files, checked_files=checked_files)
    activity_changed()
    return topic


@atomic_with_files()
def reply_create(
    *,
    topic: Topic,
    author: User,
    body: str,
    submission_key: uuid.UUID,
    files: Sequence = (),
) -> Post:
    """Reply in `topic`, unless it is locked, and follow it.

    Submitted twice with the same `submission_key`, it returns the first
    post and writes nothing. Its files are stored with it or not at all:
    `StorageError` (disk full...) saves nothing.
    """
    existing = _submitted_post(author=author, submission_key=submission_key)
    if existing:
        return existing
    topic = Topic.objects.select_related("forum").get(pk=topic.pk)
    if topic.is_locked:
        raise PostingError(_("This topic is locked: it accepts no more replies."))
    _check_body(body)
    _check_can_post(forum=topic.forum, user=author)
    checked_files = attachments_check(files)
    _count_post(author)
    try:
        with transaction.atomic():
            post = Post.objects.create(
                topic=topic,
                author=author,
                body=body,
                body_html=render_markdown(body),
                submission_key=submission_key,
            )
    except IntegrityError:
        return _submitted_post(author=author, submission_key=submission_key)
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=F("reply_count") + 1,
        last_post_at=post.created_at,
        last_poster=author,
    )
    _published(post=post, files=files, checked_files=checked_files)
    activity_changed()
    return post


@transaction.atomic
def post_edit(
    *,
    post: Post,
    editor: User,
    body: str,
    base_edited_at: datetime.datetime | None,
) -> Post:
    """Replace the text of `editor`'s own post, keeping the previous one.

    `base_edited_at` is the post's `edited_at` when the editor opened the
    form: if the post changed since, raises `EditConflict` and changes
    nothing. Moderators hide posts; they never rewrite them.
    """
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.author_id != editor.pk:
        raise PostingError(_("Only its author may edit a message."))
    if post.deleted_at or post.hidden_at:
        raise PostingError(_("This message can no longer be edited."))
    _check_body(body)
    if post.edited_at != base_edited_at:
        raise EditConflict(post)
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, edited_by=editor)
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at", "updated_at"])
    return post


@transaction.atomic
def post_delete(*, post: Post, user: User) -> Post:
    """Delete `user`'s own post: it stays in its topic, shown as deleted.

    Nothing is erased: the text stays for the moderators' records, and the
    topic with its other posts stays when its first post is deleted.
    """
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.author_id != user.pk:
        raise PostingError(_("Only its author may delete a message."))
    if post.deleted_at is None:
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at", "updated_at"])
        activity_changed()
    return post


def quoted_text(post: Post) -> str:
    """The Markdown that quotes `post` in a reply: who wrote it, then its text."""
    name = post.author.get_full_name() or _("A member")
    name = MARKDOWN_SPECIALS.sub(r"\\\1", name)
    intro = _("%(name)s wrote:") % {"name": f"**{name}**"}
    lines = post.body.strip().splitlines()
    quote = "\n".join(f"> {line}".rstrip() for line in lines)
    return f"{intro}\n\n{quote}\n\n"


def mention_handle(user: User) -> str:
    """How to mention `user`: `@` then their names joined by dots (`Mariama.Sow`)."""
    return ".".join(user.get_full_name().split())


def members():
    """Active users who may enter the Focal Points' area."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_staff=True) | Q(groups__name__in=roles.MEMBER_GROUPS))
        .distinct()
    )


def mentioned_users(body: str) -> set[User]:
    """Members that `body` mentions as `@Firstname.Lastname`, any letter case.

    Mentions inside code and quoted lines do not count. Whether each of
    them may read the post is for the caller to check.
    """
    text = QUOTED_LINE.sub("", INLINE_CODE.sub("", FENCED_CODE.sub("", body)))
    handles = {match.casefold() for match in MENTION.findall(text)}
    if not handles:
        return set()
    return {
        user
        for user in members().only("pk", "first_name", "last_name", "email")
        if mention_handle(user) and mention_handle(user).casefold() in handles
    }


def _submitted_post(*, author: User, submission_key: uuid.UUID) -> Post | None:
    return (
        Post.objects.select_related("topic")
        .filter(author=author, submission_key=submission_key)
        .first()
    )


def _check_body(body: str) -> None:
    if not body.strip():
        raise PostingError(_("Write a message before sending it."))
    if len(body) > POST_MAX_LENGTH:
        raise PostingError(
            _("The message is too long: %(limit)d characters at most.")
            % {"limit": POST_MAX_LENGTH}
        )


def _check_can_post(*, forum: Forum, user: User) -> None:
    if not (rules.can_read_forum(user, forum) and rules.can_post_in_forum(user, forum)):
        raise PostingError(_("You may not post in this forum."))


def _count_post(author: User) -> None:
    """Refuse a post over the author's limits, counted over sliding windows.

    Counted from the posts themselves: exact whatever the cache backend, and
    a burst cannot slip through at the turn of a minute.
    """
    now = timezone.now()
    for seconds, limit in RATE_LIMITS:
        since = now - datetime.timedelta(seconds=seconds)
        if Post.objects.filter(author=author, created_at__gte=since).count() >= limit:
            raise PostingError(
                _(
                    "You are posting too fast. Wait a minute, "
                    "then send your message again."
                )
            )


def _published(*, post: Post, files: Sequence, checked_files) -> None:
    """What follows a new post: its files, the author's subscription, emails."""
    for uploaded_file, (content_type, name) in zip(files, checked_files, strict=True):
        attachment = Attachment(
            post=post,
            original_name=name,
            content_type=content_type,
            size=uploaded_file.size,
        )
        suffix = name[name.rfind(".") :]
        file_save(
            attachment.file, name=f"{uuid.uuid4().hex}{suffix}", content=uploaded_file
        )
        attachment.save()
    Subscription.objects.get_or_create(
        user=post.author, topic=post.topic, defaults={"level": SubscriptionLevel.FOLLOW}
    )
    post_id = post.pk
    # robust: a failing email must not turn a saved post into an error page.
    transaction.on_commit(
        lambda: notifications.post_published(post_id=post_id), robust=True
    )


VIEW_COUNTED_SQL = "UPDATE {topic} SET view_count = view_count + 1 WHERE id = %s"


def topic_read(*, topic: Topic, user: User, read_to_the_end: bool = False) -> None:
    """`user` read `topic` now: one more view, and the topic is read up to now.

    `read_to_the_end`: `user` had already read it up to its last post
    (selectors.topic_for_reader), and there is nothing more to mark read.
    """
    # Plain SQL: at every view of every topic, the ORM's building of this
    # UPDATE cost more than running it.
    with connection.cursor() as cursor:
        cursor.execute(VIEW_COUNTED_SQL.format(topic=Topic._meta.db_table), [topic.pk])
    if read_to_the_end:
        return
    versions.member_read(user)
    now = timezone.now()
    # Read before: one UPDATE, without update_or_create's lock and savepoint.
    if not TopicReadState.objects.filter(user=user, topic=topic).update(read_at=now):
        TopicReadState.objects.update_or_create(
            user=user, topic=topic, defaults={"read_at": now}
        )
