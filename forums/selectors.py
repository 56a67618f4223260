"""Reads of the forums, always through what the member may see."""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from contacts.models import ContactRole
from forums.models import Forum, Post, Topic, TopicReadState
from rabat import roles
from rabat.search import (
    MATCH_START,
    MATCH_STOP,
    SearchResult,
    highlighted_excerpt,
    marked_snippet,
)

POSTS_PER_PAGE = 20
TOPICS_PER_PAGE = 25


def _count(queryset, field):
    """A correlated COUNT subquery (no join fan-out in the outer query)."""
    return Coalesce(
        Subquery(
            queryset.values(field).annotate(total=Count("pk")).values("total")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


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


def recent_topics(user, limit=5):
    """Latest activity in the forums `user` may read, for the dashboard."""
    return with_unread(
        Topic.objects.visible_to(user)
        .select_related("forum", "last_poster")
        .order_by("-last_post_at", "-pk"),
        user,
    )[:limit]


def posts_for_topic(topic):
    """The topic's posts with what their page shows, in a fixed number of queries."""
    return topic.posts.select_related(
        "author__contact__country", "hidden_by"
    ).prefetch_related(
        "attachments",
        Prefetch(
            "author__contact__roles",
            queryset=ContactRole.objects.current().select_related("theme"),
            to_attr="current_roles",
        ),
    )


def post_position(post) -> int:
    """0-based position of `post` in its topic."""
    return post.topic.posts.filter(
        Q(created_at__lt=post.created_at)
        | Q(created_at=post.created_at, pk__lt=post.pk)
    ).count()


def first_unread_post(topic, read_at):
    if read_at is None:
        return topic.posts.order_by("created_at", "pk").first()
    return (
        topic.posts.filter(created_at__gt=read_at).order_by("created_at", "pk").first()
    )


def forum_search(query_text, user, limit=50):
    """Posts `user` may read matching `query_text`, as site-search results."""
    query_text = " ".join(query_text.split())
    if not query_text or not roles.is_member(user):
        return []
    posts = Post.objects.visible_to(user).shown().select_related("topic__forum")
    if connection.vendor == "postgresql":
        query = SearchQuery(
            query_text, config="rabat_french", search_type="websearch"
        ) | SearchQuery(query_text, config="rabat_english", search_type="websearch")
        vector = SearchVector(
            "topic__title", "body", config="rabat_french"
        ) + SearchVector("topic__title", "body", config="rabat_english")
        rows = (
            posts.annotate(document=vector)
            .filter(document=query)
            .annotate(
                rank=SearchRank(vector, query),
                headline=SearchHeadline(
                    "body",
                    query,
                    config="rabat_french",
                    start_sel=MATCH_START,
                    stop_sel=MATCH_STOP,
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rank")[:limit]
        )
        return [
            _result(post, post.rank, marked_snippet(post.headline)) for post in rows
        ]
    rows = posts.filter(
        Q(body__icontains=query_text) | Q(topic__title__icontains=query_text)
    )
    rows = rows.order_by(F("created_at").desc())[:limit]
    return [
        _result(post, 0.0, highlighted_excerpt(post.body, query_text)) for post in rows
    ]


def _result(post, rank, snippet):
    return SearchResult(
        label=f"{gettext('Forum')} · {post.topic.forum}",
        title=post.topic.title,
        url=post.get_absolute_url(),
        snippet=snippet,
        rank=rank,
        date=post.created_at,
    )
