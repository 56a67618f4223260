"""Reads of the contacts database: the directory, its search and its filters."""

import datetime
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Greatest
from django.db.models.lookups import Exact
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
    verification_is_overdue,
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


@dataclass(frozen=True)
class OwnCard:
    """What the member's pages show of their own contact card."""

    pk: int
    country_id: int | None
    country_name: str
    verified_at: datetime.datetime | None

    @property
    def verification_is_overdue(self) -> bool:
        return verification_is_overdue(self.verified_at)


def own_card(user) -> OwnCard | None:
    """`user`'s own card (None if they have none), cached under the
    directory's version (services.directory_changed) and the language."""
    state = (user.pk, directory_version(), get_language())
    key = f"contacts:own-card:{state_key(state)}"

    def read() -> OwnCard | None:
        contact = Contact.objects.select_related("country").filter(user=user).first()
        return contact and OwnCard(
            pk=contact.pk,
            country_id=contact.country_id,
            country_name=contact.country.name if contact.country_id else "",
            verified_at=contact.last_verified_at or contact.created_at,
        )

    return cache.get_or_set(key, read, FRAGMENT_SECONDS)


def directory_page_key(query) -> str:
    """The cache key of the directory's results for the query string `query`
    (its filters, search and page): they change with the contacts and their
    roles (directory_version) and the language."""
    state = (directory_version(), get_language(), sorted(query.lists()))
    return state_key(state)


def contact_roles(contact: Contact) -> list[ContactRole]:
    """All of `contact`'s roles, past and current, for their card."""
    return list(contact.roles.select_related("theme", "successor"))


def contact_card_key(contact: Contact, viewer) -> str:
    """The cache key of `contact`'s card as `viewer` sees it: it changes
    with the contact (its last save), their roles (directory_version, which
    also changes every day: roles end), the language, and what `viewer` may
    see of it (the optional fields they see, the link to edit one's own
    card). A write that neither saves the contact nor raises the version
    shows within FRAGMENT_SECONDS."""
    state = (
        contact.pk,
        contact.updated_at,
        directory_version(),
        get_language(),
        str(visible_mobile_phone(contact, viewer)),
        visible_personal_email(contact, viewer),
        contact.user_id == viewer.pk,
    )
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


def contact_directory(**filters) -> QuerySet:
    """The contacts matching the directory's search box and filters
    (directory_results), as one queryset in the same order.

    Whether a contact is current shows in its `current_roles` (with_current_roles).
    """
    return directory_results(**filters).queryset()


def directory_results(
    *,
    query: str = "",
    country=None,
    region: str = "",
    role: str = "",
    theme=None,
    steering_committee: bool = False,
    include_former: bool = False,
    ordering: str = "name",
) -> "DirectoryResults":
    """The contacts matching the directory's search box and filters, counted
    and read page by page (DirectoryResults)."""
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
    words = re.findall(r"\w+", query)[:SEARCHED_WORDS]
    if not query.strip():
        return DirectoryResults(contacts, ordering=_ordering(ordering, ranked=False))
    if not words:
        return DirectoryResults(contacts.none(), ordering=BY_NAME)
    if (
        ordering == "relevance"
        and len(words) == 1
        and connection.vendor == "postgresql"
    ):
        return DirectoryResults(contacts, tiers=_word_tiers(words[0]))
    contacts = _search(contacts, words)
    ranked = "relevance" in contacts.query.annotations
    return DirectoryResults(contacts, ordering=_ordering(ordering, ranked=ranked))


BY_NAME = ["last_name", "first_name"]


def _ordering(ordering, *, ranked):
    if ordering == "country":
        return ["country__name", *BY_NAME]
    if ordering == "-verified":
        return ["-last_verified_at", *BY_NAME]
    # Without a `relevance` (every word found as typed) all matches rank
    # alike: by name, the order of an index.
    if ordering == "relevance" and ranked:
        return ["-relevance", *BY_NAME]
    return BY_NAME


class DirectoryResults:
    """The contacts of the directory, in tiers that follow one another (those
    a searched word names by their surname, then by their first name, then
    its other matches; a misspelling's closest meanings first), each ordered
    by `ordering`.

    Each tier is counted and read on its own, through an index of its own
    (contact_surname_idx, contact_country_name_idx...), rather than all the
    matches being sorted by rank. A tier that the count did not cut short is
    read by the keys counted: the planner, not knowing how few contacts it
    holds, would walk an index in the directory's order looking for them.
    """

    def __init__(self, contacts: QuerySet, *, tiers=None, ordering=BY_NAME):
        self._contacts = contacts
        self._tiers = tiers or [Q()]
        self._ordering = ordering
        self._counted_to = 0
        self._sizes = []  # of the tiers counted
        self._keys = []  # of their contacts (with tiers)

    def prefetch_related(self, *lookups) -> "DirectoryResults":
        return DirectoryResults(
            self._contacts.prefetch_related(*lookups),
            tiers=self._tiers,
            ordering=self._ordering,
        )

    def queryset(self) -> QuerySet:
        """All of them in one queryset, in the same order."""
        if len(self._tiers) == 1:
            contacts = self._contacts.filter(self._tiers[0])
            return contacts.order_by(*self._ordering)
        tier = Case(
            *[When(tier, then=Value(index)) for index, tier in enumerate(self._tiers)],
            output_field=IntegerField(),
        )
        contacts = self._contacts.filter(reduce(or_, self._tiers))
        return contacts.order_by(tier, *self._ordering)

    def _tier(self, index) -> QuerySet:
        """The contacts of the tier `index` not in an earlier one (which the
        count has read in full, since it went on)."""
        contacts = self._contacts.filter(self._tiers[index])
        earlier = [key for keys in self._keys[:index] for key in keys]
        if earlier:
            contacts = contacts.exclude(pk__in=earlier)
        return contacts.order_by(*self._ordering)

    def count_up_to(self, limit: int) -> int:
        """How many contacts there are, `limit` at most."""
        if limit > self._counted_to:
            self._sizes, self._keys = [], []
            for index in range(len(self._tiers)):
                keys = self._tier(index).order_by().values_list("pk", flat=True)
                keys = keys[: limit - sum(self._sizes)]
                if len(self._tiers) == 1:
                    self._sizes.append(keys.count())
                else:
                    self._keys.append(list(keys))
                    self._sizes.append(len(self._keys[-1]))
                if sum(self._sizes) >= limit:
                    break
            self._counted_to = limit
        return min(sum(self._sizes), limit)

    def __getitem__(self, page: slice) -> list[Contact]:
        start, stop = page.start or 0, page.stop
        self.count_up_to(stop)
        rows = []
        first = 0  # the position of the tier's first contact
        for index, size in enumerate(self._sizes):
            after = first + size
            # The tier where the count stopped may hold more contacts.
            cut = after >= self._counted_to
            if after <= start and not cut:
                first = after
                continue
            if self._keys and not cut:
                tier = self._contacts.filter(pk__in=self._keys[index])
                tier = tier.order_by(*self._ordering)
            else:
                tier = self._tier(index)
            rows += tier[max(start - first, 0) : stop - first]
            if cut or after >= stop:
                break
            first = after
        return rows


def _word_tiers(word) -> list[Q]:
    """The tiers of the contacts that one searched word matches (PostgreSQL):
    for a word of the directory, those whose surname it is, then whose first
    name, then its other matches (and the country or organisation it names);
    for a misspelling, the same for each word or name it may mean, the
    closest first."""
    (known,), (similar,) = _similar_words([word])
    (countries,) = _names_matching(Country, COUNTRY_NAME_FIELDS, [word])
    (organisations,) = _names_matching(Organisation, ORGANISATION_NAME_FIELDS, [word])
    # (how close, tiers) of each word or name the searched word may mean.
    meanings = []
    if known:
        meanings.append((1.0, _lexeme_tiers(word)))
    meanings += [(score, [Q(country=pk)]) for pk, score in countries.items()]
    meanings += [
        (score, [Q(partner_organisation=pk)]) for pk, score in organisations.items()
    ]
    if known or _exact(countries) or _exact(organisations):
        # A word of the directory is not taken for a misspelling as well.
        meanings = [meaning for meaning in meanings if meaning[0] >= 1]
    else:
        meanings += [
            (score, _lexeme_tiers(lexeme)) for lexeme, score in similar.items()
        ]
    meanings.sort(key=lambda meaning: -meaning[0])
    return [tier for _, tiers in meanings for tier in tiers] or [Q(pk__in=[])]


def _lexeme_tiers(word) -> list[Q]:
    """The contacts whose surname is `word`, whose first name, whose other
    fields hold it (the surname or first name implies the document)."""
    normalised = Normalised(Value(word))
    return [
        Q(Exact(Normalised("last_name"), normalised)),
        Q(Exact(Normalised("first_name"), normalised)),
        Q(search_document=_word_query(word)),
    ]


class Normalised(Func):
    """Unaccented and lowercased (PostgreSQL, migration 0008), as indexed."""

    function = "rabat_normalised"
    output_field = CharField()


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
