"""The i-Map: the partner countries on a map, by layer, with the table of
what each layer draws and its CSV."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from countries.maps import (
    DEFAULT_LAYER,
    INDICATORS_VERSION_KEY,
    available_layers,
    csv_rows,
    render_map,
)
from rabat.cache import content_version
from rabat.csv import csv_safe
from rabat.page_cache import PublicPageCacheMixin


def chosen_layer(request):
    """The layer and reference year the GET form asks for: the default
    layer for an unknown one, the latest year for a year it lacks."""
    layers = available_layers()
    by_key = {layer.key: layer for layer in layers}
    layer = by_key.get(request.GET.get("layer", "")) or by_key[DEFAULT_LAYER]
    year = None
    if layer.years:
        asked = request.GET.get("year", "")
        year = int(asked) if asked.isdigit() and int(asked) in layer.years else None
        year = year or layer.years[0]
    return layers, layer, year


class ImapView(PublicPageCacheMixin, TemplateView):
    template_name = "countries/imap.html"

    def content_versions(self):
        # The form lists the indicators, whatever the layer shown.
        _layers, layer, _year = self.choice
        keys = dict.fromkeys((INDICATORS_VERSION_KEY, *layer.versions))
        return tuple(content_version(key) for key in keys)

    def get(self, request, *args, **kwargs):
        self.choice = chosen_layer(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        layers, layer, year = self.choice
        context.update(
            layers=layers,
            layer=layer,
            year=year,
            map_html=lambda: render_map(layer, year, with_table=True),
        )
        return context


class ImapCsvView(View):
    """The table of a layer, as a CSV file."""

    def get(self, request):
        _layers, layer, year = chosen_layer(request)
        name = f"i-map-{layer.key}{f'-{year}' if year else ''}.csv"
        response = HttpResponse(
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
        response.write("\ufeff")  # spreadsheet programs then read UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [_("Country"), _("ISO code"), _("Value"), _("Year"), _("Source"), _("Link")]
        )
        for row in csv_rows(layer, year):
            writer.writerow([csv_safe(cell) for cell in row])
        return response
