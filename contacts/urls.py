from django.urls import path

from contacts import file_views, invitation_views, views

app_name = "contacts"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("contacts/", views.ContactListView.as_view(), name="list"),
    path("contacts/<int:pk>/", views.ContactDetailView.as_view(), name="detail"),
    path("contacts/<int:pk>.vcf", file_views.ContactVCardView.as_view(), name="vcard"),
    path(
        "contacts/<int:pk>/photo/<str:size>/",
        file_views.ContactPhotoView.as_view(),
        name="photo",
    ),
    path(
        "contacts/export.vcf",
        file_views.DirectoryVCardView.as_view(),
        name="export_vcf",
    ),
    path(
        "contacts/export.csv", file_views.DirectoryCSVView.as_view(), name="export_csv"
    ),
    path(
        "contacts/export.xlsx",
        file_views.DirectoryXLSXView.as_view(),
        name="export_xlsx",
    ),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/confirm/", views.ConfirmCardView.as_view(), name="profile_confirm"),
    path(
        "profile/email/<int:pk>/",
        views.EmailChangeActionView.as_view(),
        name="email_change",
    ),
    path(
        "profile/email/confirm/<str:token>/",
        views.EmailChangeConfirmView.as_view(),
        name="email_confirm",
    ),
    path(
        "invitation/<str:token>/",
        invitation_views.InvitationAcceptView.as_view(),
        name="invitation",
    ),
]
