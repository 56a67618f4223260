"""The public pages of the calendar: list, month grid, meeting, documents."""

import datetime

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.generic import DetailView, TemplateView

from meetings import rules
from meetings.forms import MeetingFilterForm
from meetings.models import DocumentVisibility, Meeting, MeetingDocument
from meetings.selectors import (
    FIRST_YEAR,
    INLINE_CONTENT_TYPES,
    LAST_YEAR,
    MEETING_PAGE_CACHE_SECONDS,
    adjacent_month,
    agenda_days,
    meeting_for_page,
    meeting_page_key,
    meeting_years,
    member_registration_to_show,
    month_weeks,
    restricted_document_count,
    viewable_meetings,
    visible_documents,
)
from meetings.versions import MEETINGS_VERSION_KEY, registrations_key
from rabat.cache import versions_read_together
from rabat.http import stored_file_response
from rabat.page_cache import VERSION_KEY as PUBLIC_PAGES_VERSION_KEY
from rabat.page_cache import PublicPageCacheMixin, lazy_values

PAST_MEETINGS_PER_PAGE = 20


class MeetingListView(PublicPageCacheMixin, TemplateView):
    """Upcoming meetings (all, soonest first) then past ones (by pages)."""

    template_name = "meetings/meeting_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            lazy_values(
                self.listing,
                "form",
                "filters",
                "upcoming_meetings",
                "past_meetings",
                "page_obj",
            ),
            this_month=timezone.localdate(),
        )
        return context

    def listing(self) -> dict:
        form = MeetingFilterForm(self.request.GET or None, years=meeting_years())
        meetings = form.filter(Meeting.objects.published().for_listing())
        past_page = Paginator(meetings.past(), PAST_MEETINGS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        # Later pages go on with the past meetings: the upcoming ones are on
        # the first.
        upcoming = list(meetings.upcoming()) if past_page.number == 1 else None
        return {
            "form": form,
            "filters": form.active_filters,
            "upcoming_meetings": upcoming,
            "past_meetings": past_page.object_list,
            "page_obj": past_page,
        }


class MeetingMonthView(PublicPageCacheMixin, TemplateView):
    template_name = "meetings/meeting_month.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise Http404
        context.update(
            lazy_values(lambda: self.month_data(year, month), "meetings", "weeks"),
            month=datetime.date(year, month, 1),
            previous_month=adjacent_month(year, month, -1),
            next_month=adjacent_month(year, month, +1),
        )
        return context

    @staticmethod
    def month_data(year: int, month: int) -> dict:
        meetings = list(
            Meeting.objects.published()
            .in_month(year, month)
            .for_listing()
            .order_by("start_date", "pk")
        )
        return {"meetings": meetings, "weeks": month_weeks(year, month, meetings)}


class MeetingDetailView(PublicPageCacheMixin, DetailView):
    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"
    # Its own fragments, around the member's registration.
    content_fragment = False

    def get(self, request, *args, **kwargs):
        versions = [MEETINGS_VERSION_KEY, PUBLIC_PAGES_VERSION_KEY]
        if request.user.is_authenticated:
            versions.append(registrations_key(request.user.pk))
        with versions_read_together(*versions):
            return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return meeting_for_page(self.kwargs["slug"], self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        user = self.request.user
        answers = rules.can_answer_registrations(user)
        # Read only if the page's fragments are rendered (a cache miss).
        context.update(
            agenda_days=SimpleLazyObject(lambda: agenda_days(meeting)),
            documents=SimpleLazyObject(lambda: visible_documents(meeting, user)),
            # Anonymous visitors learn that logging in shows more, not what.
            restricted_document_count=SimpleLazyObject(
                lambda: (
                    0 if user.is_authenticated else restricted_document_count(meeting)
                )
            ),
            meeting_cache_key=meeting_page_key(meeting, user),
            meeting_cache_seconds=MEETING_PAGE_CACHE_SECONDS,
            can_answer_registrations=answers,
            registration=member_registration_to_show(meeting, user)
            if answers
            else None,
            can_register=rules.can_register(user, meeting),
        )
        return context


class DocumentView(View):
    """A meeting document, to those who may see it, from the storage."""

    def get(self, request, slug, pk):
        user = request.user
        document = get_object_or_404(
            MeetingDocument.objects.select_related("meeting").filter(
                meeting__in=viewable_meetings(user), meeting__slug=slug
            ),
            pk=pk,
        )
        if not rules.can_see_document(user, document):
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            # A member who may not see the document does not learn it exists.
            raise Http404
        return stored_file_response(
            document.file,
            # An unpublished meeting's documents are only for the Secretariat.
            is_public=document.visibility == DocumentVisibility.PUBLIC
            and document.meeting.is_published,
            content_type=document.content_type,
            as_attachment=document.content_type not in INLINE_CONTENT_TYPES,
            filename=document.original_name,
        )
