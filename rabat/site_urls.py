from django.urls import path

from rabat import views

app_name = "rabat"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("strategy/", views.StrategyView.as_view(), name="strategy"),
    path("themes/", views.ThemesView.as_view(), name="themes"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("partners/", views.PartnersView.as_view(), name="partners"),
    path("news/", views.NewsListView.as_view(), name="news_list"),
    path("news/<slug:slug>/", views.NewsDetailView.as_view(), name="news_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
]
