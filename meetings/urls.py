from django.urls import path

from meetings.views import calendar, ical, registrations

app_name = "meetings"

urlpatterns = [
    path("", calendar.MeetingListView.as_view(), name="list"),
    path("feed.ics", ical.MeetingFeedView.as_view(), name="feed"),
    path(
        "themes/<slug:theme>/feed.ics",
        ical.ThemeFeedView.as_view(),
        name="theme_feed",
    ),
    path("<int:year>/<int:month>/", calendar.MeetingMonthView.as_view(), name="month"),
    path("<slug:slug>.ics", ical.MeetingCalendarView.as_view(), name="ics"),
    path("<slug:slug>/", calendar.MeetingDetailView.as_view(), name="detail"),
    path(
        "<slug:slug>/documents/<int:pk>/",
        calendar.DocumentView.as_view(),
        name="document",
    ),
    path(
        "<slug:slug>/register/",
        registrations.RegistrationView.as_view(),
        name="register",
    ),
    path(
        "<slug:slug>/register/cancel/",
        registrations.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
]
