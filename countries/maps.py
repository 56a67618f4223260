"""The i-Map's one map component and its layers.

A layer is what the map shows of each country: a category (the partner
status) or a number (meetings hosted, an indicator's value), with the year
and the source of each value. Apps add theirs from their `AppConfig.ready()`:

    register_layer(Layer("guides", _("Migration data guides"), guide_values))

where `guide_values(countries, year)` returns {country pk: Value}; numbers
are drawn in classes (classify), categories as the layer's `categories` say.
A layer source (register_layer_source) returns several layers at once: one
per indicator the Secretariat loaded.

The component (render_map) draws the countries from the shapes that
`manage.py build_map_shapes` wrote (geodata/map_shapes.json), and is cached
per layer, year and language under the versions of what it shows.
"""

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as django_cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import (
    get_language,
    gettext,
    ngettext,
    override,
    pgettext_lazy,
)
from django.utils.translation import gettext_lazy as _

from rabat.cache import content_changed_now, content_version, state_key
from rabat.models import Country, PartnerStatus, Region
from rabat.page_cache import VERSION_KEY

SHAPES_FILE = Path(__file__).resolve().parent / "geodata" / "map_shapes.json"
DEFAULT_LAYER = "status"
MAX_CLASSES = 5
# How long a rendered map is kept: its versions change with its data.
MAP_CACHE_SECONDS = 24 * 60 * 60
# Western Sahara (IMAP_WESTERN_SAHARA): "separate", a territory of its own;
# "morocco", within Morocco's shape. Its boundary with Morocco is dashed.
WESTERN_SAHARA_CHOICES = ("separate", "morocco")


@dataclass(frozen=True)
class Value:
    """A country's value on a layer: a number, or a category's key."""

    value: int | Decimal | str
    year: int | str | None = None
    source: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class Layer:
    key: str
    label: str
    # (countries, year) -> {country pk: Value}; year is None without `years`.
    values: Callable[[list[Country], int | None], dict[int, Value]]
    # A categorical layer: its categories' (key, style, label), in the
    # legend's order; a numeric one is drawn in classes.
    categories: Callable[[], list[tuple[str, str, str]]] | None = None
    # The reference years the layer can show, latest first.
    years: tuple[int, ...] = ()
    # The cache keys of the versions of what it shows (rabat.cache), beyond
    # the public pages' (raised by every admin save of public content).
    versions: tuple[str, ...] = ()
    order: int = 100
    unit: str = ""
    note: str = ""
    # How a number is said in a shape's title, e.g. "%(count)s meetings".
    describe: Callable[[int | Decimal], str] | None = None


_layers: list[Layer] = []
_layer_sources: list[Callable[[], list[Layer]]] = []


def register_layer(layer: Layer) -> None:
    _layers.append(layer)


def register_layer_source(source: Callable[[], list[Layer]]) -> None:
    _layer_sources.append(source)


def available_layers() -> list[Layer]:
    found = list(_layers)
    for source in _layer_sources:
        found.extend(source())
    return sorted(found, key=lambda layer: (layer.order, str(layer.label)))


def registered_layer(key: str) -> Layer:
    """A layer registered by itself (not by a source): no query."""
    return next(layer for layer in _layers if layer.key == key)


def western_sahara() -> str:
    choice = settings.IMAP_WESTERN_SAHARA
    return choice if choice in WESTERN_SAHARA_CHOICES else "separate"


@cache
def shapes() -> dict:
    return json.loads(SHAPES_FILE.read_text(encoding="utf-8"))


# --- The partner status layer ------------------------------------------------------

STATUS_CATEGORIES = (
    ("european", "eu", _("European partner"), _("European partners")),
    ("african", "af", _("African partner"), _("African partners")),
    ("observer", "ob", pgettext_lazy("country", "Observer"), _("Observer countries")),
    ("former", "fo", _("Former partner"), _("Former partners")),
)


def status_category(country: Country) -> str:
    if country.status == PartnerStatus.PARTNER:
        return "european" if country.region == Region.EUROPE else "african"
    return str(country.status)


def status_values(countries, year):
    source = gettext("Rabat Process")
    source_url = reverse("rabat:partners")
    return {
        country.pk: Value(
            status_category(country),
            year=country.partner_since,
            source=source,
            source_url=source_url,
        )
        for country in countries
    }


def status_categories():
    return [(key, style, label) for key, style, label, _plural in STATUS_CATEGORIES]


register_layer(
    Layer(
        DEFAULT_LAYER,
        _("Partner status"),
        status_values,
        categories=status_categories,
        order=0,
    )
)


# --- Classes of a numeric layer ----------------------------------------------------


@dataclass
class Class:
    key: str
    style: str
    label: str
    low: Decimal | int | None = None
    high: Decimal | int | None = None
    countries: list = field(default_factory=list)


def _format(number) -> str:
    """`number` in the page's language, without the trailing zeros of the
    stored decimals (plain_number)."""
    if isinstance(number, Decimal):
        number = plain_number(number)
    return number_format(number, use_l10n=True, force_grouping=True)


def classify(numbers: list) -> list[Class]:
    """At most MAX_CLASSES classes for `numbers`: one per value when there
    are so few, else quantiles (each class about as full as the others)."""
    distinct = sorted(set(numbers))
    if not distinct:
        return []
    if len(distinct) <= MAX_CLASSES:
        bounds = [(value, value) for value in distinct]
    else:
        ordered = sorted(numbers)
        cuts = []
        for index in range(1, MAX_CLASSES):
            cut = ordered[math.ceil(index * len(ordered) / MAX_CLASSES) - 1]
            if not cuts or cut > cuts[-1]:
                cuts.append(cut)
        bounds, low = [], distinct[0]
        for cut in cuts:
            if cut >= distinct[-1]:
                break
            bounds.append((low, cut))
            low = min(value for value in distinct if value > cut)
        bounds.append((low, distinct[-1]))
    offset = MAX_CLASSES - len(bounds)
    classes = []
    for index, (low, high) in enumerate(bounds):
        label = (
            _format(low) if low == high else f"{_format(low)}\N{EN DASH}{_format(high)}"
        )
        classes.append(
            Class(f"q{index + 1}", f"q{index + 1 + offset}", label, low, high)
        )
    return classes


def class_of(classes: list[Class], number) -> Class:
    for item in classes:
        if item.low <= number <= item.high:
            return item
    return classes[-1]


# --- The component -----------------------------------------------------------------


def map_cache_key(layer: Layer, year, *, with_table: bool) -> str:
    state = (
        layer.key,
        year,
        with_table,
        get_language(),
        content_version(VERSION_KEY),
        tuple(content_version(key) for key in layer.versions),
        western_sahara(),
        SHAPES_FILE.stat().st_mtime_ns,
    )
    return f"countries:imap:{state_key(state)}"


def render_map(layer: Layer, year=None, *, with_table: bool = False) -> str:
    """The map component's HTML for `layer` (at `year`), from the cache."""
    key = map_cache_key(layer, year, with_table=with_table)
    html = django_cache.get(key)
    if html is None:
        context = map_context(layer, year)
        context["with_table"] = with_table
        html = render_to_string("countries/_imap.html", context)
        django_cache.set(key, html, MAP_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - the template's own rendering


def _describe(layer: Layer, item) -> str:
    if layer.describe is not None:
        return layer.describe(item)
    return f"{_format(item)} {layer.unit}".strip()


def map_context(layer: Layer, year=None) -> dict:
    countries = list(Country.objects.order_by("name"))
    values = layer.values(countries, year)
    nodata = Class("none", "nd", gettext("No data"))
    if layer.categories is not None:
        plural = {key: plural for key, _s, _l, plural in STATUS_CATEGORIES}
        classes = [
            Class(key, style, str(label)) for key, style, label in layer.categories()
        ]
        by_key = {item.key: item for item in classes}
        for item in classes:
            item.heading = str(plural.get(item.key, item.label))
    else:
        numbers = [value.value for value in values.values() if value.value is not None]
        classes = classify(numbers)
        for item in classes:
            item.heading = item.label
    nodata.heading = nodata.label
    data = shapes()
    drawn, decorative_paths, rows = [], [], []
    by_iso = {country.iso_code: country for country in countries}
    sahara = western_sahara()
    for country in countries:
        value = values.get(country.pk)
        if value is None:
            item = nodata
        elif layer.categories is not None:
            item = by_key.get(value.value, nodata)
        else:
            item = class_of(classes, value.value)
        if item is nodata:
            description = nodata.label
        elif layer.categories is not None:
            description = item.label
        else:
            description = _describe(layer, value.value)
        country.imap_class = item
        country.imap_description = description
        country.imap_value = value
        item.countries.append(country)
        shape = data["shapes"].get(country.iso_code)
        if shape is not None:
            path = shape["d"]
            if country.iso_code == "MA" and sahara == "morocco":
                path = data["variants"]["MA+EH"]
            drawn.append((country, item, path, shape.get("marker")))
        if value is not None and item is not nodata:
            rows.append((country, value, item))
    for code, shape in data["shapes"].items():
        if code in by_iso or (code == "EH" and sahara == "morocco"):
            continue
        decorative_paths.append(shape["d"])
    groups = [item for item in classes if item.countries]
    if nodata.countries:
        groups.append(nodata)
    legend = [*classes, nodata] if nodata.countries else classes
    styles = sorted({item.style for item in legend})
    return {
        "layer": layer,
        "year": year,
        "width": data["width"],
        "height": data["height"],
        "marker_radius": data["marker_radius"],
        "drawn": drawn,
        "decorative": "".join(decorative_paths),
        "sahara_boundary": data["lines"]["MA-EH"],
        "legend": legend,
        "styles": styles,
        "groups": groups,
        "country_count": len(countries),
        "rows": rows,
        "disclaimers": disclaimers(),
    }


DISCLAIMER = _(
    "The boundaries and names shown and the designations used on this map do "
    "not imply official endorsement or acceptance by the Rabat Process or its "
    "partners."
)


def disclaimers() -> list[tuple[str, str]]:
    """The disclaimer in every language of the site, the page's first."""
    current = get_language()
    ordered = sorted(settings.LANGUAGES, key=lambda item: item[0] != current)
    result = []
    for code, _name in ordered:
        with override(code):
            result.append((code, str(DISCLAIMER)))
    return result


def meetings_described(count) -> str:
    return ngettext("%(count)s meeting", "%(count)s meetings", count) % {
        "count": _format(count)
    }


def csv_rows(layer: Layer, year) -> list[list]:
    """The rows of the layer's table, as its CSV gives them."""
    context = map_context(layer, year)
    rows = []
    for country, value, item in context["rows"]:
        shown = item.label if layer.categories is not None else value.value
        rows.append(
            [
                country.name,
                country.iso_code,
                shown,
                "" if value.year is None else value.year,
                value.source,
                value.source_url,
            ]
        )
    return rows


# --- The indicators the Secretariat loaded -----------------------------------------

# Raised by every save and deletion of an indicator or a value, whatever
# writes them (the admin, the import command): the indicator layers and the
# i-Map's choice of layers are cached under it (bulk writes send no signal:
# they last PUBLIC_CONTENT_CACHE_SECONDS, or MAP_CACHE_SECONDS, at most).
INDICATORS_VERSION_KEY = "countries:indicators-version"


def indicators_changed(**kwargs) -> None:
    content_changed_now(INDICATORS_VERSION_KEY)


def indicator_layers() -> list[Layer]:
    """One layer per indicator with values, in two queries."""
    from countries.models import Indicator, IndicatorValue

    years: dict[int, set] = {}
    for indicator_id, year in IndicatorValue.objects.values_list(
        "indicator_id", "year"
    ).distinct():
        years.setdefault(indicator_id, set()).add(year)
    layers = []
    for indicator in Indicator.objects.filter(pk__in=years):
        note = (
            gettext("Demonstration data: these values are invented, not statistics.")
            if indicator.is_demonstration
            else ""
        )
        layers.append(
            Layer(
                f"indicator-{indicator.code}",
                indicator.name,
                lambda countries, year, pk=indicator.pk: indicator_values(pk, year),
                years=tuple(sorted(years[indicator.pk], reverse=True)),
                versions=(INDICATORS_VERSION_KEY,),
                order=50,
                unit=indicator.unit,
                note=note or indicator.description,
            )
        )
    return layers


def plain_number(number: Decimal) -> Decimal:
    """`number` without the zeros its column pads it with (3.500 is 3.5)."""
    if number == number.to_integral():
        return number.quantize(Decimal(1))
    return number.normalize()


def indicator_values(indicator_id: int, year: int) -> dict[int, Value]:
    from countries.models import IndicatorValue

    return {
        row.country_id: Value(
            row.value.to_integral()
            if row.value == row.value.to_integral()
            else row.value,
            year=row.year,
            source=row.source,
            source_url=row.source_url,
        )
        for row in IndicatorValue.objects.filter(indicator_id=indicator_id, year=year)
    }


register_layer_source(indicator_layers)
