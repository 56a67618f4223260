from django.urls import path

from contacts.views import account, directory, files, invitations, profile

app_name = "contacts"

urlpatterns = [
    path("", directory.DashboardView.as_view(), name="dashboard"),
    path("contacts/", directory.ContactListView.as_view(), name="list"),
    path("contacts/<int:pk>/", directory.ContactDetailView.as_view(), name="detail"),
    path("contacts/<int:pk>.vcf", files.ContactVCardView.as_view(), name="vcard"),
    path(
        "contacts/<int:pk>/photo/<str:size>/",
        files.ContactPhotoView.as_view(),
        name="photo",
    ),
    path(
        "contacts/export.vcf",
        files.DirectoryVCardView.as_view(),
        name="export_vcf",
    ),
    path("contacts/export.csv", files.DirectoryCSVView.as_view(), name="export_csv"),
    path(
        "contacts/export.xlsx",
        files.DirectoryXLSXView.as_view(),
        name="export_xlsx",
    ),
    path("account/", account.AccountOverviewView.as_view(), name="account"),
    path("profile/", profile.ProfileView.as_view(), name="profile"),
    path("profile/confirm/", profile.ConfirmCardView.as_view(), name="profile_confirm"),
    path(
        "profile/email/<int:pk>/",
        profile.EmailChangeActionView.as_view(),
        name="email_change",
    ),
    path(
        "profile/email/confirm/<str:token>/",
        profile.EmailChangeConfirmView.as_view(),
        name="email_confirm",
    ),
    path(
        "invitation/<str:token>/",
        invitations.InvitationAcceptView.as_view(),
        name="invitation",
    ),
]
