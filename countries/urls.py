from django.urls import path

from countries.views import imap, profiles

app_name = "countries"

urlpatterns = [
    path("i-map/", imap.ImapView.as_view(), name="imap"),
    path("i-map/data.csv", imap.ImapCsvView.as_view(), name="imap_csv"),
    path(
        "countries/<str:iso2>/",
        profiles.CountryProfileView.as_view(),
        name="profile",
    ),
    path(
        "countries/documents/<int:pk>/file/",
        profiles.PolicyDocumentFileView.as_view(),
        name="document_file",
    ),
]
