from django.urls import path

from newsletter import subscription_views, views

app_name = "newsletter"

urlpatterns = [
    path("", views.ArchiveView.as_view(), name="archive"),
    path("feed/", views.IssueFeed.as_view(), name="feed"),
    path("<int:number>/", views.IssueView.as_view(), name="issue"),
    path("<int:number>/pdf/<str:language>/", views.IssuePdfView.as_view(), name="pdf"),
    path("<int:number>/cover/", views.CoverImageView.as_view(), name="cover"),
    path(
        "articles/<int:pk>/image/",
        views.ArticleImageView.as_view(),
        name="article_image",
    ),
    path("subscribe/", subscription_views.SubscribeView.as_view(), name="subscribe"),
    path(
        "subscribe/sent/",
        subscription_views.SubscribeSentView.as_view(),
        name="subscribe_sent",
    ),
    path(
        "confirm/<str:token>/",
        subscription_views.ConfirmView.as_view(),
        name="confirm",
    ),
    path(
        "unsubscribe/<str:token>/",
        subscription_views.UnsubscribeView.as_view(),
        name="unsubscribe",
    ),
    path(
        "my-subscription/",
        subscription_views.MemberSubscriptionView.as_view(),
        name="member_subscription",
    ),
]
