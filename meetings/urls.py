from django.urls import path

from meetings import ical_views, registration_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("feed.ics", ical_views.MeetingFeedView.as_view(), name="feed"),
    path(
        "themes/<slug:theme>/feed.ics",
        ical_views.ThemeFeedView.as_view(),
        name="theme_feed",
    ),
    path("<int:year>/<int:month>/", views.MeetingMonthView.as_view(), name="month"),
    path("<slug:slug>.ics", ical_views.MeetingCalendarView.as_view(), name="ics"),
    path("<slug:slug>/", views.MeetingDetailView.as_view(), name="detail"),
    path(
        "<slug:slug>/documents/<int:pk>/",
        views.DocumentView.as_view(),
        name="document",
    ),
    path(
        "<slug:slug>/register/",
        registration_views.RegistrationView.as_view(),
        name="register",
    ),
    path(
        "<slug:slug>/register/cancel/",
        registration_views.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
]
