"""Demo data: the public content of the seed documents and one account per role.

Everything is keyed on natural keys (slug, number, ISO code, email), so that
loading twice changes nothing.
"""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

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


@transaction.atomic
def load_public_content() -> dict[str, int]:
    """Create or update the public content; returns counts per kind."""
    for slug, data in demo_content.PAGES.items():
        Page.objects.update_or_create(
            slug=slug, defaults=_translated(data, "title", "intro", "body")
        )
    pillars = {}
    for data in demo_content.PILLARS:
        pillars[data["number"]], _ = Pillar.objects.update_or_create(
            number=data["number"], defaults=_translated(data, "title", "description")
        )
    objectives = {}
    for data in demo_content.OBJECTIVES:
        objectives[data["number"]], _ = Objective.objects.update_or_create(
            number=data["number"],
            defaults={
                "pillar": pillars.get(data["pillar"]),
                **_translated(data, "title", "description"),
            },
        )
    for position, data in enumerate(demo_content.THEMES, start=1):
        Theme.objects.update_or_create(
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
        Country.objects.update_or_create(
            iso_code=data["iso"],
            defaults={
                "region": data["region"],
                "status": data["status"],
                **_translated(data, "name"),
            },
        )
    for data in demo_content.ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=data["acronym_en"].lower(),
            defaults={
                "kind": data["kind"],
                "website": data["website"],
                **_translated(data, "acronym", "name", "description"),
            },
        )
    for data in demo_content.NEWS:
        published = datetime.date.fromisoformat(data["published"])
        NewsItem.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "published_at": timezone.make_aware(
                    datetime.datetime.combine(published, datetime.time(9, 0))
                ),
                "is_published": True,
                **_translated(data, "title", "summary", "body"),
            },
        )
    return {
        "pages": len(demo_content.PAGES),
        "pillars": len(demo_content.PILLARS),
        "objectives": len(demo_content.OBJECTIVES),
        "themes": len(demo_content.THEMES),
        "countries": len(demo_content.COUNTRIES),
        "organisations": len(demo_content.ORGANISATIONS),
        "news": len(demo_content.NEWS),
    }


@transaction.atomic
def load_demo_accounts() -> list[User]:
    """One account per role, with a verified email and the demo password."""
    users = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "preferred_language": account.preferred_language,
                "is_staff": account.is_staff,
                "is_active": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=account.group)])
        EmailAddress.objects.update_or_create(
            user=user,
            email=account.email,
            defaults={"verified": True, "primary": True},
        )
        users.append(user)
    return users
