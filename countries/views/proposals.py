"""The Focal Points' proposed updates to their country's profile, and the
Secretariat's decisions on them (countries.services.proposals)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from countries import forms, rules
from countries.models import KeyFigure, PolicyDocument, ProfileProposal, ProposalKind
from countries.selectors import (
    country_profile,
    country_proposals,
    pending_proposals,
    proposals_read,
    proposals_with_rows,
)
from countries.services.proposals import (
    ProposalError,
    profile_confirm,
    proposal_accept,
    proposal_decline,
    proposal_submit,
)
from rabat.http import stored_file_response
from rabat.models import Country, Institution
from rabat.rules import MemberRequiredMixin
from rabat.uploads import StorageError

PROPOSALS_PER_PAGE = 20


def paginated(request, items, per_page=PROPOSALS_PER_PAGE):
    """The page of `items` the request asks for (the last one past it)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class CountryProposalsView(MemberRequiredMixin, TemplateView):
    """The Focal Point's page of their country's profile: what it holds, the
    proposals made for it and the links to propose more. Other members learn
    why they have none; the Secretariat is led to the proposals to decide."""

    template_name = "countries/profileproposal_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        country_id = rules.proposal_country_id(user)
        context["can_decide"] = rules.can_decide_proposals(user)
        if country_id is None:
            context["country"] = None
            return context
        country = Country.objects.get(pk=country_id)
        page = paginated(self.request, country_proposals(country_id))
        context.update(
            country=country,
            profile=country_profile(country),
            institutions=Institution.objects.filter(country=country),
            policy_documents=PolicyDocument.objects.filter(country=country),
            key_figures=KeyFigure.objects.filter(country=country),
            page_obj=page,
            proposals=proposals_with_rows(list(page)),
        )
        return context


class OwnCountryMixin(MemberRequiredMixin):
    """A Focal Point acting on their own country's profile (403 for anyone
    else); `target_model` (an institution or a document) is found among
    their country's (404 for another country's)."""

    target_model = None

    def check_rule(self) -> None:
        super().check_rule()
        country_id = rules.proposal_country_id(self.request.user)
        if country_id is None:
            raise PermissionDenied
        self.country = Country.objects.get(pk=country_id)
        self.target = None
        if self.target_model is not None:
            self.target = get_object_or_404(
                self.target_model, pk=self.kwargs["pk"], country=self.country
            )
        if not rules.can_propose_for(self.request.user, self.country):
            raise PermissionDenied


class ProposalFormView(OwnCountryMixin, FormView):
    """Propose one update (`kind`, with its form) to one's country's profile."""

    template_name = "countries/profileproposal_form.html"
    kind: str = ""
    titles = {
        ProposalKind.OVERVIEW: gettext_lazy("Propose a new overview"),
        ProposalKind.INSTITUTION_ADD: gettext_lazy("Propose an institution to add"),
        ProposalKind.INSTITUTION_CHANGE: gettext_lazy(
            "Propose a change to an institution"
        ),
        ProposalKind.INSTITUTION_REMOVE: gettext_lazy(
            "Propose to remove an institution"
        ),
        ProposalKind.DOCUMENT_ADD: gettext_lazy("Propose a policy document to add"),
        ProposalKind.DOCUMENT_CHANGE: gettext_lazy(
            "Propose a change to a policy document"
        ),
        ProposalKind.DOCUMENT_REMOVE: gettext_lazy(
            "Propose to remove a policy document"
        ),
        ProposalKind.FIGURE_ADD: gettext_lazy("Propose a key figure"),
    }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        current = self.target
        if self.kind == ProposalKind.OVERVIEW:
            current = country_profile(self.country)
        if self.kind not in (
            ProposalKind.INSTITUTION_REMOVE,
            ProposalKind.DOCUMENT_REMOVE,
        ):
            kwargs["current"] = current
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            country=self.country,
            target=self.target,
            kind=self.kind,
            title=str(self.titles[self.kind]),
            is_removal=self.kind
            in (ProposalKind.INSTITUTION_REMOVE, ProposalKind.DOCUMENT_REMOVE),
        )
        return context

    def form_valid(self, form):
        if isinstance(form, forms.PolicyDocumentProposalForm):
            proposal = form.instance  # with the checked file's name, type, size
        else:
            proposal = ProfileProposal(reason=form.cleaned_data.get("reason", ""))
        proposal.country = self.country
        proposal.proposed_by = self.request.user
        proposal.kind = self.kind
        proposal.changes = form.changes()
        if isinstance(self.target, Institution):
            proposal.institution = self.target
        elif isinstance(self.target, PolicyDocument):
            proposal.policy_document = self.target
        try:
            proposal_submit(proposal=proposal)
        except StorageError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Your proposal is sent to the Secretariat, who will accept or "
                "decline it."
            ),
        )
        return redirect("countries:country_proposals")


class ProfileConfirmView(OwnCountryMixin, View):
    """One click: "the profile of my country is correct"."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        profile_confirm(country=self.country, confirmed_by=request.user)
        messages.success(
            request,
            _("Thank you: the profile is marked as reviewed today."),
        )
        return redirect("countries:country_proposals")


class SecretariatMixin(MemberRequiredMixin):
    def rule(self, user) -> bool:
        return rules.can_decide_proposals(user)


class PendingProposalsView(SecretariatMixin, TemplateView):
    """Every country's pending proposals, the profile's values beside the
    proposed ones, each to accept or decline."""

    template_name = "countries/profileproposal_review.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = paginated(self.request, pending_proposals())
        context.update(page_obj=page, proposals=proposals_with_rows(list(page)))
        return context


class ProposalDecisionMixin(SecretariatMixin):
    def check_rule(self) -> None:
        super().check_rule()
        self.proposal = get_object_or_404(proposals_read(), pk=self.kwargs["pk"])


class ProposalAcceptView(ProposalDecisionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            proposal_accept(proposal=self.proposal, decided_by=request.user)
        except (ProposalError, StorageError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The proposal is accepted and applied to the profile of %(country)s.")
                % {"country": self.proposal.country.name},
            )
        return redirect("countries:pending_proposals")


class ProposalDeclineView(ProposalDecisionMixin, FormView):
    template_name = "countries/profileproposal_decline.html"
    form_class = forms.DeclineForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposal"] = proposals_with_rows([self.proposal])[0]
        return context

    def form_valid(self, form):
        try:
            proposal_decline(
                proposal=self.proposal,
                decided_by=self.request.user,
                reason=form.cleaned_data["decline_reason"],
            )
        except ProposalError as error:
            messages.error(self.request, str(error))
        else:
            messages.success(
                self.request,
                _("The proposal is declined; the Focal Point is told why."),
            )
        return redirect("countries:pending_proposals")


class ProposalFileView(MemberRequiredMixin, View):
    """The file sent with a proposed document: to the Secretariat and the
    Focal Points of its country."""

    def get(self, request, pk):
        proposal = get_object_or_404(ProfileProposal.objects.exclude(file=""), pk=pk)
        if not rules.can_see_proposal(request.user, proposal):
            raise Http404
        return stored_file_response(
            proposal.file,
            is_public=False,
            content_type=proposal.content_type,
            as_attachment=proposal.content_type != "application/pdf",
            filename=proposal.original_name,
        )
