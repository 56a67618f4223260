"""The moderation views under their real names and paths, for their tests.

The reading views are stand-ins: the redirects and links of the moderation
pages only need their names to reverse.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from forums import moderation_views
from rabat.urls import urlpatterns as rabat_urlpatterns


def stand_in(request, **kwargs):
    return HttpResponse()


forum_patterns = [
    path("", stand_in, name="index"),
    path("topics/<int:pk>/", stand_in, name="topic"),
    path("posts/<int:pk>/", stand_in, name="post"),
    path(
        "posts/<int:pk>/report/", moderation_views.ReportView.as_view(), name="report"
    ),
    path(
        "moderation/", moderation_views.ModerationQueueView.as_view(), name="moderation"
    ),
    path(
        "topics/<int:pk>/moderate/",
        moderation_views.TopicModerationView.as_view(),
        name="topic_moderate",
    ),
    path(
        "posts/<int:pk>/moderate/",
        moderation_views.PostModerationView.as_view(),
        name="post_moderate",
    ),
    path(
        "posts/<int:pk>/revisions/",
        moderation_views.PostRevisionsView.as_view(),
        name="post_revisions",
    ),
    path("<slug:slug>/", stand_in, name="forum"),
]

urlpatterns = [
    *i18n_patterns(
        path("focal-points/forums/", include((forum_patterns, "forums"))),
        prefix_default_language=True,
    ),
    *rabat_urlpatterns,
]
