"""The library: every public document of the portal, with facets and search."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import DetailView, TemplateView

from library.forms import LibraryForm
from library.models import Document
from rabat.http import stored_file_response
from rabat.library import library_search
from rabat.page_cache import PublicPageCacheMixin, lazy_values

LISTING_NAMES = (
    "form",
    "facets",
    "filtered",
    "result_count",
    "total_count",
    "page_obj",
    "documents",
)


class LibraryView(PublicPageCacheMixin, TemplateView):
    template_name = "library/document_list.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LibraryForm(self.request.GET)
        # The page's title shows the query: read at once, the rest on use.
        query = form.query()
        context.update(
            lazy_values(lambda: self.listing(form, query), *LISTING_NAMES),
            query=query,
        )
        return context

    def listing(self, form: LibraryForm, query: str) -> dict:
        results = library_search(query, form.selected())
        page = Paginator(results.documents, self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        return {
            "form": form,
            "facets": results.facets,
            "filtered": bool(query) or any(facet.selected for facet in results.facets),
            "result_count": len(results.documents),
            "total_count": results.total,
            "page_obj": page,
            "documents": page.object_list,
        }


class DocumentDetailView(PublicPageCacheMixin, DetailView):
    template_name = "library/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.published().for_listing()


class DocumentFileView(View):
    def get(self, request, slug):
        document = get_object_or_404(Document.objects.published(), slug=slug)
        return stored_file_response(
            document.file,
            is_public=True,
            content_type=document.content_type or "application/octet-stream",
            as_attachment=True,
            filename=document.original_name or f"{document.slug}",
        )
