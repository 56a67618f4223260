"""Reads of the country profiles."""

from django.db.models import Prefetch, Q
from django.http import Http404

from countries import rules
from countries.models import CountryProfile, KeyFigure, PolicyDocument
from rabat.models import Country, Institution

# What a profile lists of the dialogue's content that mentions the country.
MENTIONS_SHOWN = 10
CONTACTS_SHOWN = 12


def country_for_profile(iso2: str) -> Country:
    """The country `iso2` (either case), with its profile if it has one."""
    country = (
        Country.objects.select_related("profile")
        .filter(iso_code=str(iso2).upper())
        .first()
    )
    if country is None:
        raise Http404
    return country


def country_profile(country: Country) -> CountryProfile | None:
    try:
        return country.profile
    except CountryProfile.DoesNotExist:
        return None


def profile_page_data(country: Country, user) -> dict:
    """What `country`'s profile page shows to `user`, in a fixed number of
    queries whatever the number of institutions, documents and mentions.

    The profile's own sections (overview, figures, institutions, documents)
    show once it is published, or to the Secretariat; the country in the
    dialogue (partner status, meetings, mentions) always."""
    from meetings.models import Meeting

    profile = country_profile(country)
    shows_profile = profile is not None and (
        profile.is_published or rules.can_see_unpublished_profile(user)
    )
    data = {
        "profile": profile,
        "shows_profile": shows_profile,
        "institutions": [],
        "key_figures": [],
        "policy_documents": [],
    }
    if shows_profile:
        data["institutions"] = list(
            Institution.objects.filter(country=country).prefetch_related(
                "themes", "objectives"
            )
        )
        data["key_figures"] = list(KeyFigure.objects.filter(country=country))
        data["policy_documents"] = list(PolicyDocument.objects.filter(country=country))
    meetings = (
        Meeting.objects.published()
        .filter(Q(host_country=country) | Q(co_chairs=country))
        .distinct()
        .order_by("-start_date", "-pk")
        .prefetch_related(
            Prefetch("co_chairs", queryset=Country.objects.only("pk"), to_attr="chairs")
        )
    )
    data["hosted_meetings"] = []
    data["co_chaired_meetings"] = []
    for meeting in meetings:
        if meeting.host_country_id == country.pk:
            data["hosted_meetings"].append(meeting)
        if any(chair.pk == country.pk for chair in meeting.chairs):
            data["co_chaired_meetings"].append(meeting)
    data["review_articles"] = list(
        country.review_articles.filter(issue__published_at__isnull=False)
        .select_related("issue")
        .order_by("-issue__published_at", "position")[:MENTIONS_SHOWN]
    )
    data["news_items"] = list(
        country.news_items.published().order_by("-published_at")[:MENTIONS_SHOWN]
    )
    if rules.can_see_member_parts(user):
        from contacts.selectors import contact_directory

        data["contacts"] = list(contact_directory(country=country.pk)[:CONTACTS_SHOWN])
    return data
