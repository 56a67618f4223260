from django.urls import path

from forums.views import moderation, notifications, posting, reading

app_name = "forums"

urlpatterns = [
    # Reading (forums/views/reading.py)
    path("", reading.ForumIndexView.as_view(), name="index"),
    path("search/", reading.ForumSearchView.as_view(), name="search"),
    path("topics/<int:pk>/", reading.TopicView.as_view(), name="topic"),
    path("posts/<int:pk>/", reading.PostRedirectView.as_view(), name="post"),
    # Writing (forums/views/posting.py)
    path("<slug:slug>/new/", posting.TopicCreateView.as_view(), name="topic_create"),
    path("topics/<int:pk>/reply/", posting.ReplyView.as_view(), name="reply"),
    path("posts/<int:pk>/edit/", posting.PostEditView.as_view(), name="post_edit"),
    path(
        "posts/<int:pk>/delete/",
        posting.PostDeleteView.as_view(),
        name="post_delete",
    ),
    path("preview/", posting.PreviewView.as_view(), name="preview"),
    path(
        "attachments/<int:pk>/",
        posting.AttachmentView.as_view(),
        name="attachment",
    ),
    path("members/", posting.MemberAutocompleteView.as_view(), name="members"),
    # Following and emails (forums/views/notifications.py)
    path(
        "topics/<int:pk>/subscription/",
        notifications.TopicSubscriptionView.as_view(),
        name="topic_subscription",
    ),
    path(
        "<slug:slug>/subscription/",
        notifications.ForumSubscriptionView.as_view(),
        name="forum_subscription",
    ),
    path(
        "notifications/",
        notifications.NotificationSettingsView.as_view(),
        name="notification_settings",
    ),
    path(
        "notifications/stop/<str:token>/",
        notifications.StopEmailsView.as_view(),
        name="stop_emails",
    ),
    # Moderation (forums/views/moderation.py)
    path("posts/<int:pk>/report/", moderation.ReportView.as_view(), name="report"),
    path("moderation/", moderation.ModerationQueueView.as_view(), name="moderation"),
    path(
        "topics/<int:pk>/moderate/",
        moderation.TopicModerationView.as_view(),
        name="topic_moderate",
    ),
    path(
        "posts/<int:pk>/moderate/",
        moderation.PostModerationView.as_view(),
        name="post_moderate",
    ),
    path(
        "posts/<int:pk>/revisions/",
        moderation.PostRevisionsView.as_view(),
        name="post_revisions",
    ),
    # Last: a forum's page (forums/views/reading.py)
    path("<slug:slug>/", reading.ForumView.as_view(), name="forum"),
]
