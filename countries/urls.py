from django.urls import path

from countries import forms
from countries.models import PolicyDocument, ProposalKind
from countries.views import imap, profiles, proposals
from rabat.models import Institution

app_name = "countries"


def proposal_form(kind, form_class, target_model=None):
    return proposals.ProposalFormView.as_view(
        kind=kind, form_class=form_class, target_model=target_model
    )


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
    # The Focal Points' proposed updates to their country's profile.
    path(
        "focal-points/country/",
        proposals.CountryProposalsView.as_view(),
        name="country_proposals",
    ),
    path(
        "focal-points/country/confirm/",
        proposals.ProfileConfirmView.as_view(),
        name="profile_confirm",
    ),
    path(
        "focal-points/country/overview/",
        proposal_form(ProposalKind.OVERVIEW, forms.OverviewProposalForm),
        name="propose_overview",
    ),
    path(
        "focal-points/country/institutions/new/",
        proposal_form(ProposalKind.INSTITUTION_ADD, forms.InstitutionProposalForm),
        name="propose_institution",
    ),
    path(
        "focal-points/country/institutions/<int:pk>/change/",
        proposal_form(
            ProposalKind.INSTITUTION_CHANGE, forms.InstitutionProposalForm, Institution
        ),
        name="propose_institution_change",
    ),
    path(
        "focal-points/country/institutions/<int:pk>/remove/",
        proposal_form(
            ProposalKind.INSTITUTION_REMOVE, forms.RemovalProposalForm, Institution
        ),
        name="propose_institution_removal",
    ),
    path(
        "focal-points/country/documents/new/",
        proposal_form(ProposalKind.DOCUMENT_ADD, forms.PolicyDocumentProposalForm),
        name="propose_document",
    ),
    path(
        "focal-points/country/documents/<int:pk>/change/",
        proposal_form(
            ProposalKind.DOCUMENT_CHANGE,
            forms.PolicyDocumentProposalForm,
            PolicyDocument,
        ),
        name="propose_document_change",
    ),
    path(
        "focal-points/country/documents/<int:pk>/remove/",
        proposal_form(
            ProposalKind.DOCUMENT_REMOVE, forms.RemovalProposalForm, PolicyDocument
        ),
        name="propose_document_removal",
    ),
    path(
        "focal-points/country/figures/new/",
        proposal_form(ProposalKind.FIGURE_ADD, forms.KeyFigureProposalForm),
        name="propose_figure",
    ),
    # The Secretariat's decisions.
    path(
        "focal-points/country/proposals/",
        proposals.PendingProposalsView.as_view(),
        name="pending_proposals",
    ),
    path(
        "focal-points/country/proposals/<int:pk>/accept/",
        proposals.ProposalAcceptView.as_view(),
        name="proposal_accept",
    ),
    path(
        "focal-points/country/proposals/<int:pk>/decline/",
        proposals.ProposalDeclineView.as_view(),
        name="proposal_decline",
    ),
    path(
        "focal-points/country/proposals/<int:pk>/file/",
        proposals.ProposalFileView.as_view(),
        name="proposal_file",
    ),
]
