"""Demo data: the public content of the seed documents and one account per role,
and the registry of every app's demo loaders (`manage.py load_demo`).

Every row is keyed on its natural key (slug, number, ISO code, email) and
created only when missing: a row that exists is left as it is, since someone
may have edited it. Only `reset=True` (`load_demo --reset`) restores the demo
values of existing rows.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from rabat import demo_content, roles
from rabat.models import (
    Country,
    NewsItem,
    Objective,
    Organisation,
    Page,
    Pillar,
    Theme,
    User,
)


@dataclass(frozen=True)
class DemoLoader:
    name: str
    # load(*, reset: bool) returns how many rows it holds, or a count per kind.
    load: Callable[..., int | dict[str, int]]
    # Loaded in this order: rabat's public content (10) and accounts (20),
    # then the apps' (contacts 30, forums 40, meetings 50, rabat's news 52,
    # newsletter 60).
    order: int
    # Creates fictitious people: loaded only with the demo accounts.
    fictitious_people: bool


_loaders: dict[str, DemoLoader] = {}


def register(name: str, *, order: int, fictitious_people: bool = False):
    """Register the decorated function as the demo loader `name`: each app's
    `demo` module does, so that rabat knows no app above it."""

    def decorator(load):
        _loaders[name] = DemoLoader(name, load, order, fictitious_people)
        return load

    return decorator


def demo_loaders(*, people: bool) -> list[DemoLoader]:
    """Every app's registered loaders, in order; without `people`, only those
    that create no fictitious person."""
    autodiscover_modules("demo")
    return sorted(
        (
            loader
            for loader in _loaders.values()
            if people or not loader.fictitious_people
        ),
        key=lambda loader: loader.order,
    )


def demo_row(
    model: type[models.Model], *, reset: bool, defaults: dict, **natural_key
) -> tuple[models.Model, bool]:
    """The row of `natural_key`, created from `defaults` when missing; an
    existing row is left alone unless `reset` restores its demo values.
    Returns the row and whether it was created."""
    if reset:
        return model.objects.update_or_create(defaults=defaults, **natural_key)
    return model.objects.get_or_create(defaults=defaults, **natural_key)


DEMO_PASSWORD = "RabatDemo2026!"  # noqa: S105 - demo accounts, stated in the README


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    group: str
    preferred_language: str = "fr"
    is_staff: bool = False


# Fictitious people only.
DEMO_ACCOUNTS = [
    DemoAccount("focal-point@example.org", "Mariama", "Sow", roles.FOCAL_POINT),
    DemoAccount(
        "thematic-contact@example.org",
        "Kwame",
        "Mensah",
        roles.THEMATIC_CONTACT,
        preferred_language="en",
    ),
    DemoAccount(
        "steering-committee@example.org",
        "Isabelle",
        "Laurent",
        roles.STEERING_COMMITTEE,
    ),
    DemoAccount("moderator@example.org", "Jonas", "Berg", roles.MODERATOR, "en"),
    DemoAccount(
        "secretariat@example.org",
        "Claire",
        "Martin",
        roles.SECRETARIAT,
        is_staff=True,
    ),
]


def _translated(data, *names):
    return {
        f"{name}_{language}": data[f"{name}_{language}"]
        for name in names
        for language in ("fr", "en")
    }


@register("public content", order=10)
@transaction.atomic
def load_public_content(*, reset: bool = False) -> dict[str, int]:
    """Create the missing public content; returns counts per kind."""
    for slug, data in demo_content.PAGES.items():
        demo_row(
            Page,
            reset=reset,
            slug=slug,
            defaults=_translated(data, "title", "intro", "body"),
        )
    pillars = {}
    for data in demo_content.PILLARS:
        pillars[data["number"]], _ = demo_row(
            Pillar,
            reset=reset,
            number=data["number"],
            defaults=_translated(data, "title", "description"),
        )
    objectives = {}
    for data in demo_content.OBJECTIVES:
        objectives[data["number"]], _ = demo_row(
            Objective,
            reset=reset,
            number=data["number"],
            defaults={
                "pillar": pillars.get(data["pillar"]),
                **_translated(data, "title", "description"),
            },
        )
    for position, data in enumerate(demo_content.THEMES, start=1):
        demo_row(
            Theme,
            reset=reset,
            slug=data["slug"],
            defaults={
                "objective": objectives[data["objective"]],
                "is_cross_cutting": data["is_cross_cutting"],
                "is_priority": True,
                "position": position,
                **_translated(data, "title", "summary", "description"),
            },
        )
    for data in demo_content.COUNTRIES:
        demo_row(
            Country,
            reset=reset,
            iso_code=data["iso"],
            defaults={
                "region": data["region"],
                "status": data["status"],
                **_translated(data, "name"),
            },
        )
    for data in demo_content.ORGANISATIONS:
        demo_row(
            Organisation,
            reset=reset,
            slug=data["acronym_en"].lower(),
            defaults={
                "kind": data["kind"],
                "website": data["website"],
                **_translated(data, "acronym", "name", "description"),
            },
        )
    return {
        "pages": len(demo_content.PAGES),
        "pillars": len(demo_content.PILLARS),
        "objectives": len(demo_content.OBJECTIVES),
        "themes": len(demo_content.THEMES),
        "countries": len(demo_content.COUNTRIES),
        "organisations": len(demo_content.ORGANISATIONS),
    }


# After the meetings (50), which the news are tagged with.
@register("news", order=52)
@transaction.atomic
def load_demo_news(*, reset: bool = False) -> int:
    """Create the missing news items, tagged with themes, countries and
    meetings; an existing item keeps its tags (unless `reset`)."""
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    countries = {country.iso_code: country for country in Country.objects.all()}
    # The meetings app's model, through the field: rabat imports no app above it.
    meetings = NewsItem._meta.get_field("meetings").related_model.objects
    for data in demo_content.NEWS:
        published = datetime.date.fromisoformat(data["published"])
        news_item, created = demo_row(
            NewsItem,
            reset=reset,
            slug=data["slug"],
            defaults={
                "published_at": timezone.make_aware(
                    datetime.datetime.combine(published, datetime.time(9, 0))
                ),
                "is_published": True,
                **_translated(data, "title", "summary", "body"),
            },
        )
        if not (created or reset):
            continue
        news_item.themes.set(themes[slug] for slug in data.get("themes", []))
        news_item.countries.set(countries[iso] for iso in data.get("countries", []))
        news_item.meetings.set(meetings.filter(slug__in=data.get("meetings", [])))
    return len(demo_content.NEWS)


@register("accounts", order=20, fictitious_people=True)
@transaction.atomic
def load_demo_accounts(*, reset: bool = False) -> int:
    """One account per role, with a verified email and the demo password
    (which `reset` restores too)."""
    for account in DEMO_ACCOUNTS:
        user, created = demo_row(
            User,
            reset=reset,
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "preferred_language": account.preferred_language,
                "is_staff": account.is_staff,
                "is_active": True,
            },
        )
        if created or reset:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.set([Group.objects.get(name=account.group)])
        demo_row(
            EmailAddress,
            reset=reset,
            user=user,
            email=account.email,
            defaults={"verified": True, "primary": True},
        )
    return len(DEMO_ACCOUNTS)
