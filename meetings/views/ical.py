"""The meetings as iCalendar: one meeting's file and the subscribable feeds.

The feeds hold every published meeting, past ones included, without a time
bound: the dialogue meets a handful of times a year, so the whole calendar
stays small, and a calendar program deletes from its copy whatever leaves a
feed, which would wipe the dialogue's history from subscribers' calendars.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import conditional_page

from meetings.ical import meeting_calendar, meetings_feed
from meetings.models import Meeting
from rabat.models import Theme

ICALENDAR_TYPE = "text/calendar; charset=utf-8"
# Calendars are the same for everyone: browsers and proxies may keep them
# longer than other public pages (feeds are refreshed every 12 hours anyway).
CALENDAR_CACHE_SECONDS = 3600


# The output only changes with the data: an ETag lets calendar programs that
# poll the feed get "304 Not Modified" instead of the whole calendar again.
@method_decorator(conditional_page, name="dispatch")
class CalendarView(View):
    def calendar_response(self, calendar, *, filename: str | None = None):
        response = HttpResponse(calendar.to_ical(), content_type=ICALENDAR_TYPE)
        if filename:
            response["Content-Disposition"] = content_disposition_header(
                as_attachment=True, filename=filename
            )
        # Members' responses are left to CacheControlMiddleware (never stored),
        # as everything served to a logged-in user.
        if not self.request.user.is_authenticated:
            patch_cache_control(response, public=True, max_age=CALENDAR_CACHE_SECONDS)
        return response


class MeetingCalendarView(CalendarView):
    """One published meeting, downloaded as `<slug>.ics` to import."""

    def get(self, request, slug):
        meeting = get_object_or_404(
            Meeting.objects.published().for_listing(), slug=slug
        )
        return self.calendar_response(
            meeting_calendar(meeting), filename=f"{meeting.slug}.ics"
        )


class MeetingFeedView(CalendarView):
    """All published meetings, served inline so that calendar programs
    subscribe to the address."""

    def get(self, request):
        return self.feed_response(
            Meeting.objects.published(), name=_("Rabat Process meetings")
        )

    def feed_response(self, meetings, *, name: str):
        calendar = meetings_feed(
            meetings.for_listing().order_by("start_date", "pk"),
            name=name,
            source=settings.SITE_URL + self.request.path,
        )
        return self.calendar_response(calendar)


class ThemeFeedView(MeetingFeedView):
    """The published meetings of one theme."""

    def get(self, request, theme):
        theme = get_object_or_404(Theme, slug=theme)
        return self.feed_response(
            Meeting.objects.published().filter(themes=theme),
            name=_("Rabat Process meetings: %(theme)s") % {"theme": theme.title},
        )
