"""Reads of the forums, always through what the member may see."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from contacts.models import ContactRole
from forums import rules
from forums.models import Forum, Post, Subscription, Topic, TopicReadState
from forums.versions import (
    cards_version,
    forums_version,
    listing_version,
    reads_version,
)
from rabat import roles
from rabat.cache import content_version, state_key
from rabat.search import SearchSource, site_search

ACTIVITY_VERSION_KEY = "forums:activity-version"
# The forum index is cached under the activity version; this bounds how long
# a member's new name takes to show there as a latest poster.
INDEX_CACHE_SECONDS = 5 * 60
POSTS_PER_PAGE = 20
# The cached cards of a page of posts are keyed by the version of what they
# show (posts_cache_key); this bounds how long a bulk write, which raises no
# version, takes to show (forums.versions).
POSTS_CACHE_SECONDS = 5 * 60
TOPICS_PER_PAGE = 25
# A forum's page of topics is cached under the listing version
# (topics_page_key); this bounds how long the view counts, which raise no
# version, and bulk writes take to show.
TOPICS_CACHE_SECONDS = 5 * 60


def _count(queryset, field):
    """A correlated COUNT subquery (no join fan-out in the outer query)."""
    return Coalesce(
        Subquery(
            queryset.values(field).annotate(total=Count("pk")).values("total")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def activity_version() -> int:
    """The version of what the forum index counts and lists (topics, posts,
    latest activity), raised by the services that change it
    (forums.services.activity_changed)."""
    return content_version(ACTIVITY_VERSION_KEY)


def forum_index_key(user) -> str | None:
    """The cache key of the forum index for `user`: the forums they may
    read (as they are now), the activity version, the language and time
    zone. None when they may read no forum."""
    forums = list(Forum.objects.visible_to(user).values_list("pk", "updated_at"))
    if not forums:
        return None
    state = (activity_version(), get_language(), get_current_timezone_name(), forums)
    return state_key(state)


def forums_for_index(user):
    """The forums `user` may read, with their counts and their latest topic."""
    latest_topic = Topic.objects.filter(forum=OuterRef("pk")).order_by(
        "-last_post_at", "-pk"
    )
    forums = list(
        Forum.objects.visible_to(user).annotate(
            topic_count=_count(Topic.objects.filter(forum=OuterRef("pk")), "forum"),
            post_count=_count(
                Post.objects.shown().filter(topic__forum=OuterRef("pk")), "topic__forum"
            ),
            latest_topic_id=Subquery(latest_topic.values("pk")[:1]),
        )
    )
    latest = Topic.objects.select_related("last_poster").in_bulk(
        [forum.latest_topic_id for forum in forums if forum.latest_topic_id]
    )
    for forum in forums:
        forum.latest_topic = latest.get(forum.latest_topic_id)
    return forums


def with_unread(topics, user):
    """Annotate `is_unread`: activity since the member last read the topic."""
    read = TopicReadState.objects.filter(topic=OuterRef("pk"), user=user)
    return topics.annotate(
        read_at=Subquery(read.values("read_at")[:1]),
        is_unread=~Exists(read.filter(read_at__gte=OuterRef("last_post_at"))),
    )


def topics_for_forum(forum, user):
    return with_unread(
        forum.topics.select_related("author", "last_poster").in_listing_order(), user
    )


def forum_for_reader(slug, user):
    """The forum `slug` if `user` may read it (404 otherwise), with what its
    page shows (FORUM_PAGE_FIELDS) and the member's `subscription_level` to
    it (forums.notifications.subscription_level): one query of plain SQL
    (the ORM's building of it cost more than the page's other reads), the
    groups read from the cache (forums.rules.can_read_forum)."""
    sql = FORUM_READER_SQL.format(
        forum_columns=_columns(Forum, "f", FORUM_PAGE_FIELDS),
        forum=Forum._meta.db_table,
        subscription=Subscription._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"slug": str(slug), "user": user.pk})
        row = cursor.fetchone()
    if row is None:
        raise Http404
    *forum_values, level = row
    forum = Forum.from_db(
        connection.alias,
        FORUM_PAGE_FIELDS,
        _converted(Forum, FORUM_PAGE_FIELDS, forum_values),
    )
    if not rules.can_read_forum(user, forum):
        raise Http404
    forum.subscription_level = level
    return forum


def forum_topic_count(forum, version: int) -> int:
    """The number of topics of `forum`, cached under the listing `version`
    (forums.versions.listing_version)."""
    key = f"forums:topic-count:{forum.pk}:{version}"
    count = cache.get(key)
    if count is None:
        count = forum.topics.count()
        cache.set(key, count, TOPICS_CACHE_SECONDS)
    return count


def topics_page_key(forum, page_number: int, user, version: int) -> str:
    """The cache key of page `page_number` of `forum`'s topics for `user`,
    read without the topics: the listing `version` (their titles, badges,
    counts, latest activity and names), what `user` has read (the unread
    marks), the language and the time zone."""
    state = (
        forum.pk,
        page_number,
        version,
        reads_version(user),
        get_language(),
        get_current_timezone_name(),
    )
    return state_key(state)


def recent_topics_key(user) -> str:
    """The cache key of the forum activity on `user`'s dashboard: the
    activity version, what `user` has read (their unread marks), the forums
    they may read, the language and time zone."""
    state = (
        user.pk,
        activity_version(),
        reads_version(user),
        forums_version(),
        sorted(roles.group_names(user)),
        get_language(),
        get_current_timezone_name(),
    )
    return state_key(state)


def recent_topics(user, limit=5):
    """Latest activity in the forums `user` may read, for the dashboard."""
    return with_unread(
        Topic.objects.visible_to(user)
        .select_related("forum", "last_poster")
        .order_by("-last_post_at", "-pk"),
        user,
    )[:limit]


# What a member's page of a topic reads, in one statement of plain SQL
# (PostgreSQL and SQLite alike): the ORM took more CPU to build the same
# query and its six subqueries than the rest of the page (issue 13).
TOPIC_FIELDS = ("id", "forum_id", "title", "is_pinned", "is_locked", "last_post_at")
# The forum's title in every language: the breadcrumb shows the current one,
# falling back on the others.
FORUM_FIELDS = (
    "id",
    "slug",
    *(f"title_{code}" for code, _name in settings.LANGUAGES),
    "is_active",
)
# A forum's page: its title and description in every language, in the
# model's order (Model.from_db takes the values of a subset in that order).
_FORUM_PAGE_NAMES = {
    *FORUM_FIELDS,
    *(f"description_{code}" for code, _name in settings.LANGUAGES),
}
FORUM_PAGE_FIELDS = tuple(
    field.attname
    for field in Forum._meta.concrete_fields
    if field.attname in _FORUM_PAGE_NAMES
)
FORUM_READER_SQL = """
    SELECT {forum_columns},
        (SELECT level FROM {subscription}
            WHERE forum_id = f.id AND user_id = %(user)s ORDER BY id LIMIT 1)
    FROM {forum} AS f
    WHERE f.slug = %(slug)s
"""
READER_STATE_SQL = """
    SELECT {topic_columns}, {forum_columns},
        (SELECT COUNT(*) FROM {post} WHERE topic_id = %(topic)s),
        EXISTS (
            SELECT 1 FROM {read} WHERE topic_id = %(topic)s AND user_id = %(user)s
        ),
        (SELECT COUNT(*) FROM {post} AS p
            JOIN {read} AS r ON r.topic_id = p.topic_id AND r.user_id = %(user)s
            WHERE p.topic_id = %(topic)s AND p.created_at <= r.read_at),
        (SELECT p.id FROM {post} AS p
            JOIN {read} AS r ON r.topic_id = p.topic_id AND r.user_id = %(user)s
            WHERE p.topic_id = %(topic)s AND p.created_at > r.read_at
            ORDER BY p.created_at, p.id LIMIT 1),
        (SELECT level FROM {subscription}
            WHERE topic_id = %(topic)s AND user_id = %(user)s ORDER BY id LIMIT 1),
        EXISTS (
            SELECT 1 FROM {post} WHERE topic_id = %(topic)s AND author_id = %(user)s
        )
    FROM {topic} AS t JOIN {forum} AS f ON f.id = t.forum_id
    WHERE t.id = %(topic)s
"""


def _columns(model, alias, field_names):
    return ", ".join(
        f"{alias}.{model._meta.get_field(name).column}" for name in field_names
    )


def topic_for_reader(pk, user):
    """The topic `pk` if `user` may read it, with its forum, and what the
    member's page of it shows (READER_STATE_SQL): `post_count`, its posts,
    for the pages; `first_unread`, the first post written since `user` last
    read it (None: none, or never read: the whole topic is new) and
    `first_unread_page`, the page that shows it; `read_to_the_end`, whether
    `user` has read it up to its last post; `subscription_level`
    (forums.notifications.subscription_level); `has_own_posts`, whether
    `user` wrote in it. One query."""
    sql = READER_STATE_SQL.format(
        topic_columns=_columns(Topic, "t", TOPIC_FIELDS),
        forum_columns=_columns(Forum, "f", FORUM_FIELDS),
        topic=Topic._meta.db_table,
        forum=Forum._meta.db_table,
        post=Post._meta.db_table,
        read=TopicReadState._meta.db_table,
        subscription=Subscription._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"topic": int(pk), "user": user.pk})
        row = cursor.fetchone()
    if row is None:
        raise Http404
    topic_values = row[: len(TOPIC_FIELDS)]
    forum_values = row[len(TOPIC_FIELDS) : len(TOPIC_FIELDS) + len(FORUM_FIELDS)]
    (
        post_count,
        has_read_state,
        read_post_count,
        first_unread_id,
        subscription_level,
        has_own_posts,
    ) = row[len(TOPIC_FIELDS) + len(FORUM_FIELDS) :]
    # Through from_db, as a queryset would: the database's values converted
    # (SQLite's dates, booleans) and the unread fields deferred.
    topic = Topic.from_db(
        connection.alias, TOPIC_FIELDS, _converted(Topic, TOPIC_FIELDS, topic_values)
    )
    topic.forum = Forum.from_db(
        connection.alias, FORUM_FIELDS, _converted(Forum, FORUM_FIELDS, forum_values)
    )
    if not rules.can_read_forum(user, topic.forum):
        raise Http404
    topic.post_count = post_count
    topic.subscription_level = subscription_level
    topic.has_own_posts = bool(has_own_posts)
    topic.read_to_the_end = bool(has_read_state) and first_unread_id is None
    # Its address, identity and page are all the page needs of it.
    topic.first_unread = (
        Post(pk=first_unread_id, topic=topic) if first_unread_id else None
    )
    topic.first_unread_page = read_post_count // POSTS_PER_PAGE + 1
    return topic


def _converted(model, field_names, values):
    """`values` read by plain SQL for `field_names` of `model`, converted as
    the ORM converts what it reads (the backend's converters, e.g. SQLite's
    datetimes and booleans)."""
    converted = []
    for name, value in zip(field_names, values, strict=True):
        field = model._meta.get_field(name)
        expression = field.get_col(model._meta.db_table)
        for converter in connection.ops.get_db_converters(expression) + (
            expression.get_db_converters(connection)
        ):
            value = converter(value, expression, connection)
        converted.append(value)
    return converted


def posts_for_topic(topic):
    """The topic's posts with what their page shows, in a fixed number of queries."""
    return (
        topic.posts.select_related("author__contact__country")
        .defer("body", "submission_key")
        .prefetch_related(
            "attachments",
            Prefetch(
                "author__contact__roles",
                queryset=ContactRole.objects.current(),
                to_attr="current_roles",
            ),
        )
    )


def posts_cache_key(topic, page_number: int, *, user, can_reply: bool) -> str:
    """The key of the cached cards of a page of `topic` (topic_for_reader)
    for `user`, read without the posts. It changes with the posts and their
    authors' names, cards, countries and roles (forums.versions.cards_version,
    and the day: roles end on a date), and with what the member's cards show:
    the language and time zone, the quote links (`can_reply`), the first
    unread post if on this page and, for a member who wrote in the topic,
    their own posts' links; the members who did not share one rendering."""
    state = (
        topic.pk,
        page_number,
        cards_version(),
        timezone.localdate(),
        get_language(),
        get_current_timezone_name(),
        can_reply,
        topic.first_unread.pk
        if topic.first_unread and topic.first_unread_page == page_number
        else None,
        user.pk if topic.has_own_posts else None,
    )
    return state_key(state)


def editable_post_ids(posts, user) -> frozenset[int]:
    """Which of `posts` `user` may edit and delete (their cards' links)."""
    return frozenset(post.pk for post in posts if rules.can_edit_post(user, post))


def post_position(post) -> int:
    """0-based position of `post` in its topic."""
    return post.topic.posts.filter(
        Q(created_at__lt=post.created_at)
        | Q(created_at=post.created_at, pk__lt=post.pk)
    ).count()


def readable_forum_ids(user) -> list[int]:
    """The forums `user` may read, as a list: searches filter on it. As a
    subquery the planner expects one forum of the readers' join where there
    are several, and walks every topic's posts instead of the search index."""
    return list(Forum.objects.visible_to(user).values_list("pk", flat=True))


def searchable_posts(user):
    """The posts the site search finds for `user` (none for non-members)."""
    return (
        Post.objects.filter(topic__forum__in=readable_forum_ids(user))
        .shown()
        .select_related("topic__forum")
        .defer("body_html")
    )


def searchable_topics(user):
    """The topics the site search finds by their title for `user`: those with
    a post they may read (a shown post of a topic of a forum they may read)."""
    return (
        Topic.objects.filter(forum__in=readable_forum_ids(user))
        .filter(Exists(Post.objects.shown().filter(topic=OuterRef("pk"))))
        .select_related("forum")
    )


def forum_label(row) -> str:
    """ "Forum · <forum>", the search label of a post or a topic."""
    forum = row.forum if isinstance(row, Topic) else row.topic.forum
    return f"{gettext('Forum')} · {forum}"


# Registered in the site search by forums.apps; the database keeps their
# documents in a column under a GIN index (the forums' migrations 0005 for
# the posts, 0007 for the topics).
POST_SEARCH = SearchSource(
    forum_label,
    searchable_posts,
    ("body",),
    "body",
    date_field="created_at",
    translated=False,
    title=lambda post: post.topic.title,
    kind="forum",
    kind_label=_("Forum posts"),
    document_field="search_document",
    version=lambda: (listing_version(), forums_version()),
)
TOPIC_SEARCH = SearchSource(
    forum_label,
    searchable_topics,
    ("title",),
    "title",
    date_field="created_at",
    translated=False,
    kind="forum",
    kind_label=_("Forum posts"),
    document_field="search_document",
    version=lambda: (listing_version(), forums_version()),
)


def forum_search(query_text, user):
    """The posts, and topics by their title, `user` may read matching
    `query_text`: the site search's engine, on the forums only."""
    return site_search(query_text, user, sources=(POST_SEARCH, TOPIC_SEARCH))


def theme_forums(theme, user) -> list[Forum] | None:
    """The forums of `theme` that `user` may read, for the theme's page;
    None (no section) when there are none."""
    forums = list(Forum.objects.visible_to(user).filter(theme=theme))
    return forums or None
