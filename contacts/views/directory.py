"""The Focal Points area: the dashboard, the contacts directory and cards."""

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from contacts import rules
from contacts.forms import DirectoryFilterForm
from contacts.models import Contact
from contacts.selectors import (
    DIRECTORY_VERSION_KEY,
    FRAGMENT_SECONDS,
    contact_card_key,
    contact_roles,
    country_colleagues,
    directory_filters_key,
    directory_page_key,
    directory_version,
    own_card,
    visible_mobile_phone,
    visible_personal_email,
    with_current_roles,
)
from countries import rules as country_rules
from countries.selectors import dashboard_profile
from countries.versions import PROFILES_VERSION_KEY, profiles_version
from forums.selectors import ACTIVITY_VERSION_KEY, recent_topics, recent_topics_key
from forums.versions import FORUMS_VERSION_KEY, reads_key
from meetings.selectors import (
    DASHBOARD_CACHE_SECONDS,
    dashboard_meetings_key,
    meetings_open_for_registration,
    upcoming_registrations,
)
from meetings.versions import MEETINGS_VERSION_KEY, registrations_key
from rabat import roles
from rabat.cache import state_key, versions_read_together
from rabat.rules import MemberRequiredMixin

DASHBOARD_COUNTRY_CONTACTS = 12
# Contacts counted past the first one of the page asked for: a broader
# selection of a large directory reads "more than" that many.
DIRECTORY_COUNTED_AHEAD = 1000


class DashboardView(MemberRequiredMixin, TemplateView):
    """The Focal Points' home in the private area: their country first."""

    template_name = "contacts/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        # The versions its blocks are cached under, in one read.
        with versions_read_together(
            DIRECTORY_VERSION_KEY,
            ACTIVITY_VERSION_KEY,
            FORUMS_VERSION_KEY,
            MEETINGS_VERSION_KEY,
            reads_key(user.pk),
            registrations_key(user.pk),
            PROFILES_VERSION_KEY,
        ):
            return self.dashboard_data(**kwargs)

    def dashboard_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        card = own_card(user)
        context["own_card"] = card
        if card and card.country_id:
            context["country_contacts"] = SimpleLazyObject(
                lambda: list(country_colleagues(card, limit=DASHBOARD_COUNTRY_CONTACTS))
            )
            context["country_contacts_version"] = directory_version()
            context["fragment_seconds"] = FRAGMENT_SECONDS
            # The country's profile: its status, review date, pending proposals.
            context["country_profile"] = SimpleLazyObject(
                lambda: dashboard_profile(card.country_id)
            )
            context["can_propose"] = country_rules.can_propose_for(
                user, card.country_id
            )
        context["can_decide_proposals"] = country_rules.can_decide_proposals(user)
        context["profiles_version"] = profiles_version()
        # Read only when their cached blocks are not (in the cache, under
        # keys that change with them): no query on most visits.
        context["recent_topics"] = SimpleLazyObject(lambda: recent_topics(user))
        context["recent_topics_key"] = recent_topics_key(user)
        context["my_registrations"] = SimpleLazyObject(
            lambda: upcoming_registrations(user=user)
        )
        context["meetings_to_answer"] = SimpleLazyObject(
            lambda: meetings_open_for_registration(user=user)
        )
        context["meetings_key"] = dashboard_meetings_key(user)
        context["dashboard_cache_seconds"] = DASHBOARD_CACHE_SECONDS
        effective = roles.effective_roles(user)
        context["has_two_factor"] = effective.has_two_factor
        # Staff and the Secretariat act as members until they set it up.
        context["rights_wait_for_two_factor"] = effective.requires_two_factor
        context["can_use_back_office"] = rules.can_use_back_office(user)
        # All of the above in one block, rendered again when any part changes.
        context["dashboard_key"] = state_key(
            (
                user.pk,
                card,
                context.get("country_contacts_version"),
                context["meetings_key"],
                context["recent_topics_key"],
                effective.has_two_factor,
                effective.requires_two_factor,
                context["can_use_back_office"],
                context["profiles_version"],
                context.get("can_propose"),
                context["can_decide_proposals"],
                get_language(),
            )
        )
        return context


class CountedAheadPaginator(Paginator):
    """Counts the objects (selectors.DirectoryResults) up to `counted_ahead`
    past the start of page `number`, not to the end of a large selection: the
    count is then a lower bound (`count_is_lower_bound`), and the numbered
    pages grow as one goes."""

    # Beyond any directory's last page, and small enough that no count
    # computed from the page asked for overflows the database's integers: a
    # larger page is past the last one (404), as it would be uncapped.
    max_number = 100_000

    def __init__(self, object_list, per_page, *, number, counted_ahead, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        number = min(max(number, 1), self.max_number)
        self.count_limit = (number - 1) * per_page + counted_ahead

    @cached_property
    def _counted(self):
        return self.object_list.count_up_to(self.count_limit + 1)

    @cached_property
    def count(self):
        return min(self._counted, self.count_limit)

    @property
    def count_is_lower_bound(self):
        return self._counted > self.count_limit


class ContactListView(MemberRequiredMixin, ListView):
    """The directory. Its filters and its page of results are cached
    fragments (selectors.directory_filters_key, directory_page_key): the
    contacts are counted and read only when the page's fragment is not in
    the cache, when the template first asks for them."""

    template_name = "contacts/contact_list.html"
    context_object_name = "contacts"
    page_size = 25

    def get_paginate_by(self, queryset):
        return None  # paginated lazily, see `_pagination`

    def get_template_names(self):
        # ListView's would ask the (lazy) results for their model.
        return [self.template_name]

    def get_paginator(self, queryset, per_page, **kwargs):
        return CountedAheadPaginator(
            queryset,
            per_page,
            number=self.page_number(),
            counted_ahead=DIRECTORY_COUNTED_AHEAD,
            **kwargs,
        )

    def page_number(self) -> int:
        """The page asked for; 1 if it is no number."""
        try:
            return int(self.request.GET.get(self.page_kwarg, ""))
        except ValueError:
            return 1

    def get_queryset(self):
        self.filter_form = DirectoryFilterForm(self.request.GET or None)
        # Built on first use: a search reads the words, countries and
        # organisations it may mean first, which a cached page skips.
        return SimpleLazyObject(lambda: with_current_roles(self.filter_form.results()))

    @cached_property
    def _pagination(self):
        """(paginator, page, contacts, is_paginated), as ListView paginates
        (a page past the last one is not found)."""
        return self.paginate_queryset(self.object_list, self.page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        context.update(
            form=self.filter_form,
            filters_cache_key=directory_filters_key(query),
            page_cache_key=directory_page_key(query),
            fragment_seconds=FRAGMENT_SECONDS,
            paginator=SimpleLazyObject(lambda: self._pagination[0]),
            page_obj=SimpleLazyObject(lambda: self._pagination[1]),
            contacts=SimpleLazyObject(lambda: self._pagination[2]),
            is_paginated=SimpleLazyObject(lambda: self._pagination[3]),
            can_export=rules.can_export_contacts(self.request.user),
        )
        filter_query = query.copy()
        filter_query.pop("page", None)
        context["filter_query"] = filter_query.urlencode()
        return context


class ContactDetailView(MemberRequiredMixin, DetailView):
    """A contact's card, cached under what it shows (selectors.contact_card_key):
    on a hit, the contact's roles are not read."""

    template_name = "contacts/contact_detail.html"
    context_object_name = "contact"
    queryset = Contact.objects.select_related("country", "partner_organisation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contact = self.object
        viewer = self.request.user
        roles = SimpleLazyObject(lambda: contact_roles(contact))
        context.update(
            current_roles=SimpleLazyObject(
                lambda: [role for role in roles if role.is_current]
            ),
            past_roles=SimpleLazyObject(
                lambda: [role for role in roles if not role.is_current]
            ),
            mobile_phone=visible_mobile_phone(contact, viewer),
            personal_email=visible_personal_email(contact, viewer),
            is_own_card=contact.user_id == viewer.pk,
            card_cache_key=contact_card_key(contact, viewer),
            card_cache_seconds=FRAGMENT_SECONDS,
        )
        return context
