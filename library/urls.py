from django.urls import path

from library import views

app_name = "library"

urlpatterns = [
    path("", views.LibraryView.as_view(), name="index"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="document"),
    path("<slug:slug>/file/", views.DocumentFileView.as_view(), name="file"),
]
