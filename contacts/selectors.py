"""Reads of the contacts database: the directory, its search and its filters."""

import re
from functools import reduce
from operator import or_

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import get_language

from contacts import rules
from contacts.models import (
    SEARCH_CONFIG,
    SEARCHED_FIELDS,
    Contact,
    ContactRole,
    RoleKind,
    current_roles_condition,
)
from rabat.cache import content_version, state_key
from rabat.models import Country, Organisation
from rabat.page_cache import VERSION_KEY as PUBLIC_PAGES_VERSION_KEY

# Trigram similarity from which a word counts as a (misspelled) match.
TYPO_SIMILARITY = 0.45

# The words of a search that are looked for (each must match), and how many
# words of the contacts' fields each may be taken as a misspelling of.
SEARCHED_WORDS = 8
SIMILAR_WORDS = 5

# Where a word may match besides the contact's own fields: the names of its
# country and of its organisation, looked up in their own, small tables, then
# followed through the contacts' indexed foreign keys.
COUNTRY_NAME_FIELDS = ("name_fr", "name_en")
ORGANISATION_NAME_FIELDS = ("name_fr", "name_en", "acronym_fr", "acronym_en")


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


# What the dashboard shows of each contact of the member's country.
COLLEAGUE_FIELDS = ["civility", "first_name", "last_name", "position"]
COLLEAGUE_FIELDS += ["photo_thumbnail"]

# The cache key whose value changes with the contacts and their roles
# (services.directory_changed): part of the keys of the fragments that show
# them, which last FRAGMENT_SECONDS at most whatever changes.
DIRECTORY_VERSION_KEY = "contacts:directory-version"
FRAGMENT_SECONDS = 300


def directory_version() -> str:
    """Changes when contacts or roles change, and every day (roles end)."""
    return f"{content_version(DIRECTORY_VERSION_KEY)}-{timezone.localdate():%Y%m%d}"


def directory_page_key(query) -> str:
    """The cache key of the directory's results for the query string `query`
    (its filters, search and page): they change with the contacts and their
    roles (directory_version) and the language."""
    state = (directory_version(), get_language(), sorted(query.lists()))
    return state_key(state)


def directory_filters_key(query) -> str:
    """The cache key of the directory's filters as `query` sets them: their
    choices are the countries and themes, public content (page_cache)."""
    filters = query.copy()
    filters.pop("page", None)
    state = (
        content_version(PUBLIC_PAGES_VERSION_KEY),
        get_language(),
        sorted(filters.lists()),
    )
    return state_key(state)


def country_colleagues(contact: Contact, *, limit: int) -> QuerySet:
    """The other current contacts of `contact`'s country, by name, with their
    current roles."""
    colleagues = (
        contact_directory(country=contact.country_id)
        .exclude(pk=contact.pk)
        .select_related(None)
        .only(*COLLEAGUE_FIELDS)
    )
    return with_current_roles(colleagues)[:limit]


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
    """The contacts matching the directory's search box and filters.

    Whether a contact is current shows in its `current_roles` (with_current_roles).
    """
    contacts = Contact.objects.select_related("country", "partner_organisation")
    if not include_former:
        contacts = contacts.filter(_holding(Q(), include_former=False))
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
    # "novak@police", "jean-pierre": words that must all match.
    words = re.findall(r"\w+", query)
    if query.strip():
        contacts = _search(contacts, words[:SEARCHED_WORDS])
    ranked = "relevance" in contacts.query.annotations
    return contacts.order_by(*_ordering(ordering, ranked=ranked))


def _ordering(ordering, *, ranked):
    if ordering == "country":
        return ["country__name", "last_name", "first_name"]
    if ordering == "-verified":
        return ["-last_verified_at", "last_name", "first_name"]
    # Without a `relevance` (every word found as typed) all matches rank
    # alike: by name, the order of an index.
    if ordering == "relevance" and ranked:
        return ["-relevance", "last_name", "first_name"]
    return ["last_name", "first_name"]


def _search(contacts, words):
    """Contacts that match every word, in their own fields or their country's
    or organisation's names; on PostgreSQL also misspelled (through the
    documents' index only), with a `relevance` to order by when some word
    was not found as typed."""
    if not words:
        return contacts.none()
    if connection.vendor != "postgresql":
        return contacts.filter(*[_plain_match(word) for word in words])
    known_words, similar_words = _similar_words(words)
    countries = _names_matching(Country, COUNTRY_NAME_FIELDS, words)
    organisations = _names_matching(Organisation, ORGANISATION_NAME_FIELDS, words)
    relevance = []
    for word, known, similar, country_scores, organisation_scores in zip(
        words, known_words, similar_words, countries, organisations, strict=True
    ):
        as_typed = (
            Q(search_document=_word_query(word))
            | Q(country__in=_exact(country_scores))
            | Q(partner_organisation__in=_exact(organisation_scores))
        )
        if known or _exact(country_scores) or _exact(organisation_scores):
            # A word of the directory is not taken for a misspelling as well:
            # the lesser matches would be thousands to rank ("senegal":
            # "sénégalais") after those of the word itself.
            contacts = contacts.filter(as_typed)
            continue
        exact = SearchQuery(word, config=SEARCH_CONFIG)
        document_query = reduce(or_, [exact, *map(_word_query, similar)])
        contacts = contacts.filter(
            Q(search_document=document_query)
            | Q(country__in=list(country_scores))
            | Q(partner_organisation__in=list(organisation_scores))
        )
        # The word's score: 1 for the word itself in the contact's fields,
        # else how close its country's or organisation's names come, else how
        # close the word of its fields that it may be a misspelling of.
        relevance.append(
            Case(
                When(search_document=exact, then=Value(1.0)),
                *[
                    When(country=pk, then=Value(score))
                    for pk, score in country_scores.items()
                ],
                *[
                    When(partner_organisation=pk, then=Value(score))
                    for pk, score in organisation_scores.items()
                ],
                *[
                    When(search_document=_word_query(lexeme), then=Value(score))
                    for lexeme, score in similar.items()
                ],
                default=Value(0.0),
                output_field=FloatField(),
            )
        )
    if not relevance:
        return contacts
    return contacts.alias(relevance=reduce(lambda a, b: a + b, relevance))


def _exact(scores: dict[int, float]) -> list[int]:
    """The rows whose names hold the word itself (accents and case aside)."""
    return [pk for pk, score in scores.items() if score >= 1]


def _word_query(lexeme: str) -> SearchQuery:
    return SearchQuery(lexeme, config=SEARCH_CONFIG)


def _plain_match(word) -> Q:
    """SQLite: the word in the contact's fields or its country's or
    organisation's names, ignoring case (ASCII letters only)."""
    return reduce(
        or_,
        [
            *[Q(**{f"{name}__icontains": word}) for name in SEARCHED_FIELDS],
            *[
                Q(**{f"country__{name}__icontains": word})
                for name in COUNTRY_NAME_FIELDS
            ],
            *[
                Q(**{f"partner_organisation__{name}__icontains": word})
                for name in ORGANISATION_NAME_FIELDS
            ],
        ],
    )


# The words of the contacts' documents (migration 0005) that may be what a
# searched word misspells, the closest first.
SIMILAR_WORDS_SQL = """
    SELECT searched.position, known.word, similarity(known.word, searched.word),
        known.word = searched.word
    FROM (
        SELECT position, lower(unaccent(term)) AS word
        FROM unnest(%s::text[]) WITH ORDINALITY AS terms(term, position)
    ) AS searched
    JOIN contacts_word AS known ON known.word %% searched.word
    WHERE similarity(known.word, searched.word) >= %s
    ORDER BY 3 DESC
"""


def _similar_words(words) -> tuple[list[bool], list[dict[str, float]]]:
    """For each word, whether it is a word of the contacts' fields itself, and
    up to SIMILAR_WORDS other words of them that it may misspell, with their
    trigram similarity."""
    with connection.cursor() as cursor:
        cursor.execute(SIMILAR_WORDS_SQL, [words, TYPO_SIMILARITY])
        rows = cursor.fetchall()
    known = [False for _ in words]
    similar = [{} for _ in words]
    for position, word, score, is_the_word in rows:
        if is_the_word:
            known[position - 1] = True
        elif len(similar[position - 1]) < SIMILAR_WORDS:
            similar[position - 1][word] = score
    return known, similar


def _names_matching(model, fields, words) -> list[dict[int, float]]:
    """For each word, the rows of `model` (a few dozen countries or
    organisations) whose names match it, with their trigram word similarity."""
    scores = {
        f"score_{index}": Greatest(
            *[
                TrigramWordSimilarity(Unaccent(Value(word)), Unaccent(F(name)))
                for name in fields
            ]
        )
        for index, word in enumerate(words)
    }
    rows = (
        model.objects.annotate(**scores)
        .filter(
            reduce(or_, [Q(**{f"{score}__gte": TYPO_SIMILARITY}) for score in scores])
        )
        .order_by()
        .values_list("pk", *scores)
    )
    matches = [{} for _ in words]
    for pk, *row_scores in rows:
        for index, score in enumerate(row_scores):
            if score >= TYPO_SIMILARITY:
                matches[index][pk] = score
    return matches
