"""The i-Map: the partner countries on a map, by layer."""

from django.views.generic import TemplateView

from rabat.models import Country
from rabat.page_cache import PublicPageCacheMixin


class ImapView(PublicPageCacheMixin, TemplateView):
    template_name = "countries/imap.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["countries"] = Country.objects.order_by("status", "region", "name")
        return context
