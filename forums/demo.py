"""Demo forums (one per priority theme, General, Steering Committee) and a few
discussions between the demo accounts, drawn from the seeds' themes."""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from forums.models import Forum, Post, Subscription, SubscriptionLevel, Topic
from rabat import roles
from rabat.demo import demo_row, register
from rabat.markdown import render_markdown
from rabat.models import Theme, User

GENERAL = {
    "slug": "general",
    "title_fr": "Forum général",
    "title_en": "General forum",
    "description_fr": "Échanges entre points focaux sur la vie du dialogue.",
    "description_en": "Exchanges between Focal Points on the life of the dialogue.",
}
STEERING_COMMITTEE = {
    "slug": "steering-committee",
    "title_fr": "Comité de pilotage",
    "title_en": "Steering Committee",
    "description_fr": "Réservé aux membres du Comité de pilotage et au Secrétariat.",
    "description_en": "For the members of the Steering Committee and the Secretariat.",
}

# (forum slug, title, [(author email, days ago, text)])
DISCUSSIONS = [
    (
        "evidence-based-policy-making",
        "Migration profiles: which data sources do you use?",
        [
            (
                "thematic-contact@example.org",
                20,
                "Ahead of the national workshops, we are mapping the sources of "
                "migration data: censuses, border statistics, consular registers.\n\n"
                "Which sources does your administration rely on, and who keeps them?",
            ),
            (
                "secretariat@example.org",
                18,
                "Thank you for starting this. The tailored user guides will start "
                "with exactly this **overview of data sources** (see the "
                "[Dakar meeting](https://www.processusderabat.net) conclusions).",
            ),
            (
                "steering-committee@example.org",
                2,
                "In our case the national statistics institute coordinates a "
                "working group with the ministries concerned; happy to share its "
                "terms of reference.",
            ),
        ],
    ),
    (
        "border-management",
        "Preparing the Madrid meeting on operational border management",
        [
            (
                "moderator@example.org",
                15,
                "The thematic meeting will be co-chaired by Spain and Burkina Faso. "
                "Please share the topics you would like the working sessions to cover.",
            ),
            (
                "thematic-contact@example.org",
                1,
                "Training of border guards and the exchange of good practices at "
                "land borders would be most useful for us.",
            ),
        ],
    ),
    (
        "migration-in-crisis-situations",
        "Lessons learnt from recent evacuations",
        [
            (
                "secretariat@example.org",
                10,
                "The thematic meeting on migration in crisis situations (France, "
                "to be confirmed) will build on your experience. What worked, what "
                "did not?",
            ),
        ],
    ),
    (
        "general",
        "Welcome to the Focal Points' forums",
        [
            (
                "secretariat@example.org",
                30,
                "Welcome! These forums are for exchanges between meetings. Follow a "
                "topic to receive its replies by email; mention a colleague with "
                "@Firstname.Lastname.",
            ),
            (
                "focal-point@example.org",
                29,
                "Thank you, glad to see the private area open.",
            ),
        ],
    ),
    (
        "steering-committee",
        "Agenda of the next Steering Committee",
        [
            (
                "secretariat@example.org",
                5,
                "Draft agenda: follow-up of the Dakar Strategy, the migration "
                "profiles activity, preparation of the Senior Officials' Meeting.",
            ),
        ],
    ),
]


@register("forums", order=40)
@transaction.atomic
def load_demo_forums(*, reset: bool = False) -> int:
    """The forums themselves: structure, loaded with the public content.
    A forum that exists keeps its texts and its readers and writers."""
    forums = [GENERAL, STEERING_COMMITTEE]
    for position, theme in enumerate(Theme.objects.filter(is_priority=True), start=1):
        forums.append(
            {
                "slug": theme.slug,
                "title_fr": theme.title_fr,
                "title_en": theme.title_en,
                "description_fr": theme.summary_fr,
                "description_en": theme.summary_en,
                "theme": theme,
                "position": position,
            }
        )
    for data in forums:
        data = dict(data)
        slug = data.pop("slug")
        data.setdefault("position", 0 if slug == GENERAL["slug"] else 10)
        forum, created = demo_row(Forum, reset=reset, slug=slug, defaults=data)
        if slug == STEERING_COMMITTEE["slug"] and (created or reset):
            forum.readers.set(
                Group.objects.filter(
                    name__in=[roles.STEERING_COMMITTEE, roles.SECRETARIAT]
                )
            )
            forum.writers.set(forum.readers.all())
    return len(forums)


@register("forum topics", order=45, fictitious_people=True)
@transaction.atomic
def load_demo_discussions(*, reset: bool = False) -> int:
    """A few topics between the demo accounts; some unread for the Focal Point.

    A topic missing from its forum is created with its posts; one that exists
    is a conversation people may have joined, and even `reset` leaves it."""
    users = {
        user.email: user for user in User.objects.filter(email__endswith="@example.org")
    }
    now = timezone.now()
    count = 0
    for slug, title, posts in DISCUSSIONS:
        forum = Forum.objects.filter(slug=slug).first()
        authors = [users.get(email) for email, _, _ in posts]
        if forum is None or None in authors:
            continue
        first_at = now - datetime.timedelta(days=posts[0][1])
        topic, created = Topic.objects.get_or_create(
            forum=forum,
            title=title,
            defaults={"author": authors[0], "last_post_at": first_at},
        )
        if not created:
            continue
        for author, (_, days_ago, body) in zip(authors, posts, strict=True):
            post = Post.objects.create(
                topic=topic, author=author, body=body, body_html=render_markdown(body)
            )
            created_at = now - datetime.timedelta(days=days_ago)
            Post.objects.filter(pk=post.pk).update(created_at=created_at)
            Subscription.objects.get_or_create(
                user=author, topic=topic, defaults={"level": SubscriptionLevel.FOLLOW}
            )
        Topic.objects.filter(pk=topic.pk).update(
            created_at=first_at,
            reply_count=len(posts) - 1,
            last_post_at=now - datetime.timedelta(days=posts[-1][1]),
            last_poster=authors[-1],
        )
        count += 1
    return count
