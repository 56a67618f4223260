from django.urls import path

from forums import moderation_views, notification_views, post_views, views

app_name = "forums"

urlpatterns = [
    # Reading (forums/views.py)
    path("", views.ForumIndexView.as_view(), name="index"),
    path("search/", views.ForumSearchView.as_view(), name="search"),
    path("topics/<int:pk>/", views.TopicView.as_view(), name="topic"),
    path("posts/<int:pk>/", views.PostRedirectView.as_view(), name="post"),
    # Writing (forums/post_views.py)
    path("<slug:slug>/new/", post_views.TopicCreateView.as_view(), name="topic_create"),
    path("topics/<int:pk>/reply/", post_views.ReplyView.as_view(), name="reply"),
    path("posts/<int:pk>/edit/", post_views.PostEditView.as_view(), name="post_edit"),
    path(
        "posts/<int:pk>/delete/",
        post_views.PostDeleteView.as_view(),
        name="post_delete",
    ),
    path("preview/", post_views.PreviewView.as_view(), name="preview"),
    path(
        "attachments/<int:pk>/",
        post_views.AttachmentView.as_view(),
        name="attachment",
    ),
    path("members/", post_views.MemberAutocompleteView.as_view(), name="members"),
    # Following and emails (forums/notification_views.py)
    path(
        "topics/<int:pk>/subscription/",
        notification_views.TopicSubscriptionView.as_view(),
        name="topic_subscription",
    ),
    path(
        "<slug:slug>/subscription/",
        notification_views.ForumSubscriptionView.as_view(),
        name="forum_subscription",
    ),
    path(
        "notifications/",
        notification_views.NotificationSettingsView.as_view(),
        name="notification_settings",
    ),
    path(
        "notifications/stop/<str:token>/",
        notification_views.StopEmailsView.as_view(),
        name="stop_emails",
    ),
    # Moderation (forums/moderation_views.py)
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
    # Last: a forum's page (forums/views.py)
    path("<slug:slug>/", views.ForumView.as_view(), name="forum"),
]
