import functools

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView, View

from forums import rules
from forums.models import Post
from forums.selectors import (
    INDEX_CACHE_SECONDS,
    POSTS_CACHE_SECONDS,
    POSTS_PER_PAGE,
    TOPICS_CACHE_SECONDS,
    TOPICS_PER_PAGE,
    editable_post_ids,
    forum_for_reader,
    forum_index_key,
    forum_search,
    forum_topic_count,
    forums_for_index,
    post_position,
    posts_cache_key,
    posts_for_topic,
    topic_for_reader,
    topics_for_forum,
    topics_page_key,
)
from forums.services.posting import topic_read
from forums.versions import (
    CARDS_VERSION_KEY,
    FORUMS_VERSION_KEY,
    LISTING_VERSION_KEY,
    listing_version,
    reads_key,
)
from rabat.cache import versions_read_together
from rabat.rules import MemberRequiredMixin
from rabat.views import SearchView, page_or_404


class ForumIndexView(MemberRequiredMixin, TemplateView):
    """The forums a member may read, with their counts and latest topic:
    cached (selectors.forum_index_key), counted again after a change."""

    template_name = "forums/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            index_cache_key=forum_index_key(user),
            index_cache_seconds=INDEX_CACHE_SECONDS,
            # Called by the template when the cache does not hold the table.
            forums=functools.partial(forums_for_index, user),
        )
        return context


class ForumView(MemberRequiredMixin, TemplateView):
    """A forum's topics: pinned first, then by last activity.

    The rows are cached under the version of what they show
    (selectors.topics_page_key) and the topics counted under the same
    version: on a hit, the topics are not read at all."""

    template_name = "forums/forum.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        with versions_read_together(
            FORUMS_VERSION_KEY, LISTING_VERSION_KEY, reads_key(user.pk)
        ):
            return self.forum_page_data(**kwargs)

    def forum_page_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        forum = forum_for_reader(self.kwargs["slug"], user)
        version = listing_version()
        paginator = Paginator(range(forum_topic_count(forum, version)), TOPICS_PER_PAGE)
        page = page_or_404(paginator, self.request.GET.get("page"))
        offset = (page.number - 1) * TOPICS_PER_PAGE
        context.update(
            forum=forum,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            topics=SimpleLazyObject(
                lambda: list(
                    topics_for_forum(forum, user)[offset : offset + TOPICS_PER_PAGE]
                )
            ),
            can_post=rules.can_post_in_forum(user, forum),
            topics_cache_key=topics_page_key(forum, page.number, user, version),
            topics_cache_seconds=TOPICS_CACHE_SECONDS,
            subscription_level=forum.subscription_level,
        )
        return context


class TopicView(MemberRequiredMixin, TemplateView):
    """A topic's posts in order, paginated; reading it marks it read.

    The posts' cards are cached as one fragment under a key that changes with
    what they show (selectors.posts_cache_key), except for moderators, whose
    cards hold forms (their CSRF tokens are the session's). On a hit, the
    posts are not read at all.
    """

    template_name = "forums/topic.html"

    def get_context_data(self, **kwargs):
        with versions_read_together(FORUMS_VERSION_KEY, CARDS_VERSION_KEY):
            return self.topic_page_data(**kwargs)

    def topic_page_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        topic = topic_for_reader(self.kwargs["pk"], user)
        # Pages counted from the post count read with the topic; the posts
        # themselves are read only if their cards are rendered (a cache miss).
        page = Paginator(range(topic.post_count), POSTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        offset = (page.number - 1) * POSTS_PER_PAGE
        posts = SimpleLazyObject(
            lambda: list(posts_for_topic(topic)[offset : offset + POSTS_PER_PAGE])
        )
        can_reply = rules.can_reply(user, topic)
        is_moderator = rules.can_moderate(user)
        context.update(
            topic=topic,
            forum=topic.forum,
            page_obj=page,
            posts=posts,
            first_unread=topic.first_unread,
            can_reply=can_reply,
            is_moderator=is_moderator,
            # Read from the posts the cards are rendered from, if they are.
            editable_post_ids=SimpleLazyObject(lambda: editable_post_ids(posts, user)),
            posts_cache_key=None
            if is_moderator
            else posts_cache_key(topic, page.number, user=user, can_reply=can_reply),
            posts_cache_seconds=POSTS_CACHE_SECONDS,
            subscription_level=topic.subscription_level,
        )
        topic_read(topic=topic, user=user, read_to_the_end=topic.read_to_the_end)
        return context


class PostRedirectView(MemberRequiredMixin, View):
    """A post's address: its topic's page that shows it, at its anchor."""

    def get(self, request, pk):
        post = get_object_or_404(
            Post.objects.visible_to(request.user).select_related("topic"), pk=pk
        )
        page = post_position(post) // POSTS_PER_PAGE + 1
        return redirect(f"{post.topic.get_absolute_url()}?page={page}#post-{post.pk}")


class ForumSearchView(MemberRequiredMixin, SearchView):
    """The site search's page, on the forums the member may read only."""

    template_name = "forums/search.html"

    def search(self, query: str) -> list:
        return forum_search(query, self.request.user)
