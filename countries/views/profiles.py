"""A country's profile page, and the files of its policy documents."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from countries import rules
from countries.models import PolicyDocument
from countries.selectors import (
    country_for_profile,
    country_profile,
    profile_page_data,
)
from rabat.http import stored_file_response
from rabat.page_cache import PublicPageCacheMixin, lazy_values

PROFILE_NAMES = (
    "profile",
    "shows_profile",
    "institutions",
    "key_figures",
    "policy_documents",
    "hosted_meetings",
    "co_chaired_meetings",
    "review_articles",
    "news_items",
    "contacts",
)


class CountryProfileView(PublicPageCacheMixin, TemplateView):
    template_name = "countries/country_profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        country = country_for_profile(self.kwargs["iso2"])
        user = self.request.user
        context.update(
            lazy_values(
                lambda: {"contacts": [], **profile_page_data(country, user)},
                *PROFILE_NAMES,
            ),
            country=country,
            can_see_member_parts=rules.can_see_member_parts(user),
        )
        return context


class PolicyDocumentFileView(View):
    """The file of a policy document, once its profile is published (to the
    Secretariat before)."""

    def get(self, request, pk):
        document = get_object_or_404(
            PolicyDocument.objects.select_related("country__profile"), pk=pk
        )
        profile = country_profile(document.country)
        is_public = profile is not None and profile.is_published
        if not (is_public or rules.can_see_unpublished_profile(request.user)):
            raise Http404
        return stored_file_response(
            document.file,
            is_public=is_public,
            content_type=document.content_type,
            as_attachment=document.content_type != "application/pdf",
            filename=document.original_name,
        )
