from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from meetings.selectors import upcoming_meetings
from newsletter.selectors import latest_issue_entry
from rabat.forms import SearchForm
from rabat.health import OK, dependency_states
from rabat.models import Country, NewsItem, Objective, Page, Pillar, Theme
from rabat.page_cache import PublicListPaginator, PublicPageCacheMixin, lazy_values
from rabat.search import kind_facets, search_versions, site_search, with_snippets
from rabat.selectors import (
    PARTNERS_PAGE_DATA,
    TAG_PREFETCH,
    page_title,
    partners_page_data,
    related_content,
    theme_sections,
)

HOME_NEWS_COUNT = 3
HOME_MEETINGS_COUNT = 3


def page_or_404(paginator: Paginator, number):
    """The page `number` (a query string's value; "last" for the last) of
    `paginator`, as ListView reads it: 404 for a number that is none of
    its pages."""
    if number == "last":
        number = paginator.num_pages
    try:
        return paginator.page(int(number or 1))
    except (InvalidPage, ValueError, OverflowError):
        raise Http404 from None


class PageMixin:
    """Adds the editable text (`Page`) of this page to the context, read on
    first use (the page's cached content holds it), and its title for the
    page's <title> (`page_title`, cached)."""

    page_slug = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug = self.page_slug
        context["page"] = SimpleLazyObject(
            lambda: Page.objects.filter(slug=slug).first()
        )
        context["page_title"] = SimpleLazyObject(lambda: page_title(slug))
        return context


class HomeView(PublicPageCacheMixin, PageMixin, TemplateView):
    template_name = "rabat/home.html"
    page_slug = Page.Slug.HOME

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            lazy_values(
                self.home_data,
                "next_meeting",
                "later_meetings",
                "latest_review",
                "partner_count",
            ),
            latest_news=NewsItem.objects.published()[:HOME_NEWS_COUNT],
            themes=Theme.objects.filter(is_priority=True),
        )
        return context

    @staticmethod
    def home_data() -> dict:
        meetings = list(upcoming_meetings(HOME_MEETINGS_COUNT))
        return {
            "next_meeting": meetings[0] if meetings else None,
            "later_meetings": meetings[1:],
            "latest_review": latest_issue_entry(),
            # The figure of the band that the i-Map will take over.
            "partner_count": Country.objects.partners().count(),
        }


class AboutView(PublicPageCacheMixin, PageMixin, TemplateView):
    template_name = "rabat/about.html"
    page_slug = Page.Slug.ABOUT


class StrategyView(PublicPageCacheMixin, PageMixin, TemplateView):
    template_name = "rabat/strategy.html"
    page_slug = Page.Slug.STRATEGY

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pillars"] = Pillar.objects.prefetch_related(
            Prefetch(
                "objectives", queryset=Objective.objects.prefetch_related("themes")
            )
        )
        context["cross_cutting_objectives"] = Objective.objects.filter(
            pillar__isnull=True
        ).prefetch_related("themes")
        return context


class ThemesView(PublicPageCacheMixin, PageMixin, TemplateView):
    template_name = "rabat/themes.html"
    page_slug = Page.Slug.THEMES

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["themes"] = Theme.objects.select_related("objective__pillar")
        return context


class ThemeDetailView(PublicPageCacheMixin, DetailView):
    """A theme: what it is, its objective in the Dakar Strategy, and what the
    apps register for it (meetings, forums, documents, news)."""

    template_name = "rabat/theme_detail.html"
    context_object_name = "theme"
    # Its sections come from other apps, under their own versions (a new
    # forum of the theme): not kept under the public content's.
    content_fragment = False

    def get_queryset(self):
        return Theme.objects.select_related("objective__pillar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = theme_sections(self.object, self.request.user)
        return context


class PartnersView(PublicPageCacheMixin, PageMixin, TemplateView):
    template_name = "rabat/partners.html"
    page_slug = Page.Slug.PARTNERS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(lazy_values(partners_page_data, *PARTNERS_PAGE_DATA))
        return context


class NewsListView(PublicPageCacheMixin, ListView):
    template_name = "rabat/news_list.html"
    context_object_name = "news_items"
    paginate_by = 10

    def get_queryset(self):
        return NewsItem.objects.published()

    def get_paginator(self, queryset, per_page, **kwargs):
        return PublicListPaginator(queryset, per_page, count_name="news", **kwargs)


class NewsDetailView(PublicPageCacheMixin, DetailView):
    template_name = "rabat/news_detail.html"
    context_object_name = "news_item"

    def get_queryset(self):
        return NewsItem.objects.published().prefetch_related(*TAG_PREFETCH)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        (context["related_sections"],) = related_content([self.object])
        return context


class SearchView(PublicPageCacheMixin, TemplateView):
    """Search results, numbered pages of them, with a facet per kind of
    result (`?type=`); `search()` says what is searched. A public page: kept
    for anonymous visitors, its results as a fragment for members too, under
    the versions of what it searches (`search_versions`)."""

    template_name = "rabat/search.html"
    paginate_by = 20

    def search(self, query: str) -> list:
        # Members also find the forum posts they may read.
        return site_search(query, self.request.user)

    def content_versions(self) -> tuple:
        return search_versions(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET)
        query = form.query()
        context["form"] = form
        context["query"] = query
        if query:
            context.update(
                lazy_values(lambda: self.results(form, query), *RESULT_NAMES)
            )
        return context

    def results(self, form: SearchForm, query: str) -> dict:
        results = self.search(query)
        kinds = kind_facets(results)
        kind = form.kind()
        if kind not in {facet.kind for facet in kinds}:
            kind = ""
        shown = [result for result in results if not kind or result.kind == kind]
        page = Paginator(shown, self.paginate_by).get_page(self.request.GET.get("page"))
        # "50+": there are more matches than results (rabat.search).
        capped_total = bool(results.capped_kinds)
        return {
            "page_obj": page,
            "results": with_snippets(page.object_list, query),
            "result_count": len(shown),
            "total_count": len(results),
            "capped_total": capped_total,
            "capped": kind in results.capped_kinds if kind else capped_total,
            "kinds": kinds,
            "kind": kind,
        }


RESULT_NAMES = (
    "page_obj",
    "results",
    "result_count",
    "total_count",
    "capped_total",
    "capped",
    "kinds",
    "kind",
)


@never_cache
def healthz(request):
    """For load balancers and monitoring: one line per dependency; 503 only
    when the database fails (without cache, storage or worker the site
    works, degraded, and the body says which)."""
    states = dependency_states()
    if states["database"] != OK:
        status, code = "unavailable", 503
    elif any(state != OK for state in states.values()):
        status, code = "degraded", 200
    else:
        status, code = OK, 200
    lines = [
        f"status: {status}",
        *(f"{name}: {state}" for name, state in states.items()),
    ]
    return HttpResponse("\n".join(lines) + "\n", status=code, content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico on pages that do not name an icon (the admin)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
