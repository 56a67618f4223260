"""factory_boy factories for the forums: forums, topics and posts."""

import factory
from django.utils import timezone

from forums.models import Forum, Post, Topic
from rabat import roles
from rabat.markdown import render_markdown
from tests.factories import UserFactory


class ForumFactory(factory.django.DjangoModelFactory):
    """An open forum: every member may read it and post in it."""

    class Meta:
        model = Forum
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"forum-{n}")
    title_fr = factory.Sequence(lambda n: f"Forum {n}")
    title_en = factory.Sequence(lambda n: f"Forum {n}")
    description_fr = "Échanges entre les points focaux."
    description_en = "Exchanges between the focal points."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    author = factory.SubFactory(UserFactory, groups=[roles.FOCAL_POINT])
    last_post_at = factory.LazyFunction(timezone.now)


class PostFactory(factory.django.DjangoModelFactory):
    """A post as stored, its text rendered as the services render it;
    counters of the topic are left as they are."""

    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory, groups=[roles.FOCAL_POINT])
    body = factory.Sequence(lambda n: f"Message number {n} about migration data.")
    body_html = factory.LazyAttribute(lambda post: render_markdown(post.body))
