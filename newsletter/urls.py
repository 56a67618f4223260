from django.urls import path

from newsletter.views import archive, subscriptions

app_name = "newsletter"

urlpatterns = [
    path("", archive.ArchiveView.as_view(), name="archive"),
    path("feed/", archive.IssueFeed.as_view(), name="feed"),
    path("<int:number>/", archive.IssueView.as_view(), name="issue"),
    path(
        "<int:number>/pdf/<str:language>/", archive.IssuePdfView.as_view(), name="pdf"
    ),
    path("<int:number>/cover/", archive.CoverImageView.as_view(), name="cover"),
    path(
        "articles/<int:pk>/image/",
        archive.ArticleImageView.as_view(),
        name="article_image",
    ),
    path("subscribe/", subscriptions.SubscribeView.as_view(), name="subscribe"),
    path(
        "subscribe/sent/",
        subscriptions.SubscribeSentView.as_view(),
        name="subscribe_sent",
    ),
    path(
        "confirm/<str:token>/",
        subscriptions.ConfirmView.as_view(),
        name="confirm",
    ),
    path(
        "unsubscribe/<str:token>/",
        subscriptions.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path(
        "my-subscription/",
        subscriptions.MemberSubscriptionView.as_view(),
        name="member_subscription",
    ),
]
