"""The i-Map: its map component, layers, table, CSV, caches and budgets."""

import csv
import gzip
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from countries import maps
from meetings.versions import meetings_changed
from rabat.demo import load_public_content
from rabat.models import Country
from rabat.page_cache import public_pages_changed
from tests.countries.factories import IndicatorFactory, IndicatorValueFactory
from tests.factories import CountryFactory
from tests.meetings.factories import MeetingFactory
from tests.query_budget import assert_queries_constant

pytestmark = pytest.mark.django_db


class MapParser(HTMLParser):
    """The links of the map's SVG (with their titles) and of the list under it."""

    def __init__(self):
        super().__init__()
        self.in_svg = self.in_list = False
        self.svg_links, self.list_links, self.titles = [], [], {}
        self.current, self.in_title, self.hrefs = None, False, []
        self.tabindexes = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "xlink:href", "action"):
            if attrs.get(name):
                self.hrefs.append(attrs[name])
        if tag == "svg" and "imap-svg" in (attrs.get("class") or ""):
            self.in_svg = True
        elif tag == "ul" and "imap-list" in (attrs.get("class") or ""):
            self.in_list = True
        elif tag == "a" and self.in_svg:
            self.current = attrs["href"]
            self.svg_links.append(self.current)
            self.tabindexes.append(attrs.get("tabindex"))
            self.titles[self.current] = ""
        elif tag == "a" and self.in_list:
            self.list_links.append(attrs["href"])
        elif tag == "title" and self.current:
            self.in_title = True

    def handle_endtag(self, tag):
        if tag == "svg" and self.in_svg:
            self.in_svg = False
        elif tag == "ul":
            self.in_list = False
        elif tag == "title":
            self.in_title = False
        elif tag == "a":
            self.current = None

    def handle_data(self, data):
        if self.in_title and self.current:
            self.titles[self.current] += data


def parse(content):
    parser = MapParser()
    parser.feed(content)
    return parser


def svg_of(content):
    return re.search(r"<svg class=\"imap-svg\".*?</svg>", content, re.S).group(0)


@pytest.fixture
def demo_countries():
    load_public_content()
    return list(Country.objects.all())


@pytest.fixture
def senegal():
    return CountryFactory(
        iso_code="SN", name_en="Senegal", name_fr="Sénégal", region="africa"
    )


def get(client, language="en", **params):
    response = client.get(f"/{language}/i-map/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_every_demo_partner_and_observer_has_a_shape(demo_countries):
    shapes = maps.shapes()["shapes"]
    missing = [c.iso_code for c in demo_countries if c.iso_code not in shapes]
    assert missing == []
    small = {code for code, shape in shapes.items() if "marker" in shape}
    assert {"CV", "ST", "MT", "LU", "GM"} <= small


def test_markers_are_at_least_24_px_at_the_maps_smallest_width():
    data = maps.shapes()
    # site.css: .imap-frame { min-width: 20.625rem } (330 px).
    assert data["marker_radius"] * 2 * 330 / data["width"] >= 24


def test_the_map_and_the_list_hold_the_same_countries_and_links(client, demo_countries):
    for language in ("en", "fr"):
        parsed = parse(get(client, language))
        expected = sorted(c.get_absolute_url() for c in demo_countries)
        assert sorted(parsed.svg_links) == expected
        assert sorted(parsed.list_links) == expected
        assert set(parsed.tabindexes) == {"-1"}
        assert all(title.strip() for title in parsed.titles.values())


def test_titles_are_in_the_pages_language(client, senegal):
    assert "<title>Sénégal: " in get(client, "fr")
    assert "<title>Senegal: African partner</title>" in get(client, "en")
    assert senegal.get_absolute_url() in get(client, "en")


def test_the_list_is_grouped_by_category_with_counts(client, demo_countries):
    content = get(client)
    assert re.search(r"European partners <span[^>]*>\(\d+\)</span>", content)
    assert 'Observer countries <span class="text-body-secondary">(1)</span>' in (
        content
    )
    assert content.index('class="imap-svg"') < content.index('class="imap-list"')


def test_the_disclaimer_is_under_the_map_in_both_languages(client, senegal):
    content = get(client)
    disclaimer = content[content.index("imap-disclaimer") :]
    assert '<p lang="en"' in disclaimer
    assert '<p lang="fr"' in disclaimer
    assert content.index("</svg>") < content.index("imap-disclaimer")


def all_layer_urls():
    return [{}, {"layer": "meetings"}]


def test_no_external_address_on_any_layer_or_the_partners_page(client, demo_countries):
    indicator = IndicatorFactory(code="stock")
    IndicatorValueFactory(
        indicator=indicator,
        country=demo_countries[0],
        source_url="https://data.example.org/stock",
    )
    for params in [*all_layer_urls(), {"layer": "indicator-stock"}]:
        content = get(client, **params)
        main = content[content.index("<main") : content.index("</main>")]
        for address in parse(main).hrefs:
            assert address.startswith(("/", "#", "?")), (params, address)
        assert "https://data.example.org/stock" not in main
    content = client.get(reverse("rabat:partners")).content.decode()
    component = content[content.index('<div class="imap"') :]
    component = component[: component.index('<section class="mt-4"')]
    for address in parse(component).hrefs:
        assert address.startswith(("/", "#")), address
    assert "http" not in svg_of(content)


def test_partners_page_draws_the_map_with_links_to_the_profiles(client, senegal):
    content = client.get(reverse("rabat:partners")).content.decode()
    parsed = parse(content)
    assert senegal.get_absolute_url() in parsed.svg_links
    assert senegal.get_absolute_url() in parsed.list_links


def test_meetings_layer_counts_hosted_and_co_chaired_meetings(client, senegal):
    belgium = CountryFactory(iso_code="BE", name_en="Belgium", region="europe")
    MeetingFactory(host_country=senegal, co_chairs=[senegal, belgium])
    MeetingFactory(host_country=senegal)
    MeetingFactory(host_country=belgium, is_published=False)
    content = get(client, layer="meetings")
    assert "<title>Senegal: 2 meetings</title>" in content
    assert "<title>Belgium: 1 meeting</title>" in content
    assert 'option value="meetings" selected' in content


def test_unknown_layer_falls_back_to_the_partner_status(client, senegal):
    assert "<title>Senegal: African partner</title>" in get(client, layer="nope")


def test_indicator_layer_draws_classes_for_the_chosen_year(client, senegal):
    indicator = IndicatorFactory(code="remittances", name_en="Remittances")
    codes = ["ML", "NE", "TD", "GH", "TG", "BJ", "NG", "CM", "GA"]
    countries = [senegal] + [CountryFactory(iso_code=code) for code in codes]
    for number, country in enumerate(countries):
        IndicatorValueFactory(
            indicator=indicator, country=country, year=2020, value=number * 10
        )
    IndicatorValueFactory(indicator=indicator, country=senegal, year=2019, value=7)
    content = get(client, layer="indicator-remittances")
    assert 'option value="2020" selected' in content
    styles = set(re.findall(r'class="imap-shape imap-s-(q\d)"', content))
    assert len(styles) == 5
    for style in styles:
        assert f'<pattern id="imap-p-{style}"' in content
    content = get(client, layer="indicator-remittances", year="2019")
    assert "<title>Senegal: 7</title>" in content
    assert "Demonstration data" in content
    # A year the indicator lacks: its latest.
    content = get(client, layer="indicator-remittances", year="1999")
    assert 'option value="2020" selected' in content


def test_classify_makes_at_most_five_classes():
    assert [c.label for c in maps.classify([1, 1, 2, 3])] == ["1", "2", "3"]
    classes = maps.classify(list(range(100)))
    assert len(classes) == 5
    assert classes[0].low == 0
    assert classes[-1].high == 99


def csv_of(client, **params):
    response = client.get(reverse("countries:imap_csv"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def table_rows(content):
    body = content[content.index("<tbody>") : content.index("</tbody>")]
    return [
        [
            re.sub(r"<[^>]+>", "", cell)
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def test_csv_holds_what_the_table_shows(client, senegal):
    belgium = CountryFactory(iso_code="BE", name_en="Belgium", region="europe")
    MeetingFactory(host_country=senegal, co_chairs=[belgium])
    for params in ({}, {"layer": "meetings"}):
        rows = csv_of(client, **params)
        assert rows[0] == ["Country", "ISO code", "Value", "Year", "Source", "Link"]
        table = table_rows(get(client, **params))
        assert [row[0] for row in rows[1:]] == [row[0] for row in table]
        assert [row[4] for row in rows[1:]] == [row[3] for row in table]
    rows = csv_of(client, layer="meetings")
    assert rows[1][:3] == ["Belgium", "BE", "1"]


def test_csv_cells_are_not_formulas(client):
    CountryFactory(iso_code="SN", name_en="=HYPERLINK(1)")
    assert csv_of(client)[1][0] == "'=HYPERLINK(1)"


def test_svg_of_every_layer_is_within_60_kb_gzipped(client, demo_countries):
    indicator = IndicatorFactory(code="stock")
    for country in demo_countries:
        IndicatorValueFactory(indicator=indicator, country=country)
    for params in [*all_layer_urls(), {"layer": "indicator-stock"}]:
        svg = svg_of(get(client, **params)).encode()
        assert len(gzip.compress(svg)) <= 60 * 1024, params


@override_settings(IMAP_WESTERN_SAHARA="morocco")
def test_western_sahara_within_morocco(client):
    CountryFactory(iso_code="MA", name_en="Morocco")
    content = get(client)
    assert maps.shapes()["variants"]["MA+EH"] in content
    assert maps.shapes()["shapes"]["EH"]["d"] not in content


def test_western_sahara_apart_by_default(client):
    CountryFactory(iso_code="MA", name_en="Morocco")
    content = get(client)
    assert maps.shapes()["shapes"]["MA"]["d"] in content
    assert maps.shapes()["shapes"]["EH"]["d"] in content
    assert 'class="imap-boundary"' in content


def test_query_budget(client, demo_countries):
    indicator = IndicatorFactory(code="stock")

    years = iter(range(2000, 2100))

    def grow(count):
        def add():
            year = next(years)
            for country in Country.objects.all()[:count]:
                IndicatorValueFactory(indicator=indicator, country=country, year=year)
                MeetingFactory(host_country=country, co_chairs=[country])
            for _ in range(count):
                CountryFactory()

        return add

    grow(3)()
    for params in ("", "?layer=meetings", "?layer=indicator-stock"):
        assert_queries_constant(
            client, reverse("countries:imap") + params, grow=grow(30)
        )


@pytest.fixture
def page_caches(settings):
    settings.PUBLIC_CONTENT_CACHE_SECONDS = 300
    cache.clear()


def test_map_is_cached_and_follows_the_data(
    client, senegal, page_caches, django_capture_on_commit_callbacks
):
    assert "African partner</title>" in get(client)
    Country.objects.filter(pk=senegal.pk).update(status="observer")
    assert "African partner</title>" in get(client)  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        public_pages_changed()
    assert "Senegal: Observer</title>" in get(client)


def test_meetings_layer_follows_the_meetings_version(client, senegal, page_caches):
    assert "Senegal: 1 meeting" not in get(client, layer="meetings")
    MeetingFactory(host_country=senegal)  # its signals raise meetings' version
    meetings_changed()
    assert "Senegal: 1 meeting" in get(client, layer="meetings")


def test_main_menu_links_to_the_imap(client):
    content = get(client)
    assert (
        f'<a class="nav-link" href="{reverse("countries:imap")}" aria-current="page">'
        "i-Map</a>"
    ) in content


def test_build_map_shapes_command(tmp_path):
    output = tmp_path / "shapes.json"
    stdout = io.StringIO()
    call_command("build_map_shapes", output=str(output), stdout=stdout)
    text = output.read_text()
    assert 20_000 < len(text.encode()) < 150_000
    assert len(gzip.compress(text.encode())) < 60_000
    import json

    data = json.loads(text)
    for code in ("FR", "NO", "XK", "CY", "MA", "EH", "SN", "CV"):
        assert data["shapes"][code]["d"].startswith("M")
    assert "RU" in data["shapes"]  # decorative land, clipped to the region
    assert "US" not in data["shapes"]
    assert text.strip() == maps.SHAPES_FILE.read_text().strip()


def test_build_map_shapes_dry_run_writes_nothing(tmp_path):
    output = tmp_path / "shapes.json"
    call_command(
        "build_map_shapes", output=str(output), dry_run=True, stdout=io.StringIO()
    )
    assert not output.exists()


def test_indicator_layers_follow_their_values(client, senegal, page_caches):
    indicator = IndicatorFactory(code="stock")
    value = IndicatorValueFactory(indicator=indicator, country=senegal, value=5)
    assert "<title>Senegal: 5</title>" in get(client, layer="indicator-stock")
    value.value = 8
    value.save()  # its signal raises the indicators' version
    assert "<title>Senegal: 8</title>" in get(client, layer="indicator-stock")
    IndicatorFactory(code="new")
    IndicatorValueFactory(indicator__code="newer", country=senegal)
    assert 'value="indicator-newer"' in get(client)


def test_values_show_without_the_stored_trailing_zeros():
    from decimal import Decimal

    from django.utils import translation

    from countries.maps import _format

    with translation.override("fr"):
        assert _format(Decimal("2.900")) == "2,9"
        assert _format(Decimal("12.000")) == "12"
    with translation.override("en"):
        assert _format(Decimal("1234.500")) == "1,234.5"
