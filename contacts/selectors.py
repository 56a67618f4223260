"""Reads of the contacts database: the directory, its search and its filters."""

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat, Greatest

from contacts import rules
from contacts.models import Contact, ContactRole, RoleKind, current_roles_condition

# Trigram word similarity from which a word counts as a (misspelled) match.
TYPO_SIMILARITY = 0.45

SEARCHED_FIELDS = (
    "first_name",
    "last_name",
    "position",
    "organisation",
    "email",
    "country__name_fr",
    "country__name_en",
    "partner_organisation__name_fr",
    "partner_organisation__name_en",
    "partner_organisation__acronym_fr",
    "partner_organisation__acronym_en",
)


# The directory's region filter: the countries' regions, or the partner
# organisations' contacts.
ORGANISATIONS = "organisations"


def visible_mobile_phone(contact: Contact, viewer):
    if contact.show_mobile_phone or rules.can_see_contact_private_fields(
        viewer, contact
    ):
        return contact.mobile_phone
    return ""


def visible_personal_email(contact: Contact, viewer) -> str:
    if contact.show_personal_email or rules.can_see_contact_private_fields(
        viewer, contact
    ):
        return contact.personal_email
    return ""


def with_current_roles(contacts):
    return contacts.prefetch_related(
        Prefetch(
            "roles",
            queryset=ContactRole.objects.current().select_related("theme"),
            to_attr="current_roles",
        )
    )


def _holding(condition: Q, include_former: bool) -> Exists:
    roles_held = ContactRole.objects.filter(condition, contact=OuterRef("pk"))
    if not include_former:
        roles_held = roles_held.filter(current_roles_condition())
    return Exists(roles_held)


def contact_directory(
    *,
    query: str = "",
    country=None,
    region: str = "",
    role: str = "",
    theme=None,
    steering_committee: bool = False,
    include_former: bool = False,
    ordering: str = "name",
) -> QuerySet:
    """The contacts matching the directory's search box and filters."""
    contacts = Contact.objects.with_is_current().select_related(
        "country", "partner_organisation"
    )
    if not include_former:
        contacts = contacts.filter(is_current=True)
    if country:
        contacts = contacts.filter(country=country)
    if region == ORGANISATIONS:
        contacts = contacts.filter(partner_organisation__isnull=False)
    elif region:
        contacts = contacts.filter(country__region=region)
    if role:
        contacts = contacts.filter(_holding(Q(kind=role), include_former))
    if theme:
        contacts = contacts.filter(_holding(Q(theme=theme), include_former))
    if steering_committee:
        contacts = contacts.filter(
            _holding(Q(kind=RoleKind.STEERING_COMMITTEE), include_former)
        )
    query = " ".join(query.split())
    if query:
        contacts = _search(contacts, query)
    return contacts.order_by(*_ordering(ordering, searching=bool(query)))


def _ordering(ordering, *, searching):
    if ordering == "country":
        return ["country__name", "last_name", "first_name"]
    if ordering == "-verified":
        return ["-last_verified_at", "last_name", "first_name"]
    if ordering == "relevance" and searching and connection.vendor == "postgresql":
        return ["-relevance", "last_name", "first_name"]
    return ["last_name", "first_name"]


def _search(contacts, query):
    if connection.vendor != "postgresql":
        condition = Q()
        for field in SEARCHED_FIELDS:
            condition |= Q(**{f"{field}__icontains": query})
        return contacts.filter(condition)
    text = Concat(
        *[part for field in SEARCHED_FIELDS for part in (field, Value(" "))],
        output_field=TextField(),
    )
    search_query = SearchQuery(query, config="rabat_simple", search_type="websearch")
    vector = SearchVector(*SEARCHED_FIELDS, config="rabat_simple")
    similarity = TrigramWordSimilarity(Unaccent(Value(query.lower())), Unaccent(text))
    return contacts.annotate(
        document=vector,
        similarity=similarity,
        relevance=Greatest(SearchRank(vector, search_query), similarity),
    ).filter(Q(document=search_query) | Q(similarity__gte=TYPO_SIMILARITY))
