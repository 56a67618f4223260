"""Build the i-Map's shapes (countries/geodata/map_shapes.json) from the
vendored Natural Earth data (npm world-atlas 2.0.2, countries-50m.json).

Run once when the vendored data changes, and commit the result; the web pages
read only that small file, never this command's libraries (shapely is in
requirements-dev.txt).

The command decodes the TopoJSON (its arcs, delta-encoded and quantised),
projects every arc (a spherical Lambert azimuthal equal-area projection
centred on the Euro-African region: areas compare fairly on a choropleth,
and Russia is no band across the top), simplifies each arc once (shared
borders stay shared: no gap, no overlap between neighbours), joins the
pieces that are one country for the dialogue (the north of Cyprus, Åland,
Somaliland), clips to the region (longitude about -26...42, latitude -14...72)
and writes each country's SVG path keyed by its ISO 3166-1 alpha-2 code:
world-atlas carries ISO numeric ids, and none for Kosovo.

Countries too small to be hit with a finger or a mouse at the map's smallest
width (Cabo Verde, São Tomé and Príncipe, Malta, Luxembourg, the Gambia...)
also get a marker position.

    manage.py build_map_shapes [--dry-run]
"""

import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
SOURCE = GEODATA / "world-atlas" / "countries-50m.json"
TARGET = GEODATA / "map_shapes.json"

# The projection's centre (degrees) and the region drawn.
CENTRE_LONGITUDE = 8.0
CENTRE_LATITUDE = 30.0
WEST, EAST, SOUTH, NORTH = -26.0, 42.0, -14.0, 72.0
# Width of the map in SVG units; its height follows from the region.
WIDTH = 1000
# Douglas-Peucker tolerance, in SVG units (about 0.4 px at the map's
# usual width): finer costs bytes no eye sees.
TOLERANCE = 0.6
# Parts of a country smaller than this (square SVG units) are dropped, unless
# they are all the country has.
MIN_PART_AREA = 4.0
# A country whose shape holds no disc of this diameter (SVG units, about
# 70 km) is too small to find or hit: it also gets a marker.
SMALL_DIAMETER = 10
# The map's smallest rendered width (CSS px: site.css keeps it so) and the
# smallest target a visitor must be able to hit there (WCAG 2.5.8): the
# markers' size.
MIN_RENDERED_WIDTH = 330
TARGET_PX = 24
# Western Sahara's boundary with Morocco: the parallel 27°40' N.
SAHARA_NORTH = 27 + 40 / 60
# Where a small country's marker goes (longitude, latitude), when not on the
# country itself: away from its neighbours, in the sea, with a leader line.
MARKER_POSITIONS = {
    "GM": (-20.2, 11.0),
    "LU": (5.2, 56.8),
    "MT": (18.6, 36.2),
    "ST": (4.2, -1.0),
}

# ISO 3166-1 numeric (world-atlas ids) to alpha-2, for the region.
ALPHA2 = {
    "008": "AL", "012": "DZ", "020": "AD", "024": "AO", "031": "AZ", "040": "AT",
    "051": "AM", "056": "BE", "070": "BA", "072": "BW", "100": "BG", "108": "BI",
    "112": "BY", "120": "CM", "132": "CV", "140": "CF", "148": "TD", "174": "KM",
    "178": "CG", "180": "CD", "191": "HR", "196": "CY", "203": "CZ", "204": "BJ",
    "208": "DK", "226": "GQ", "231": "ET", "232": "ER", "233": "EE", "234": "FO",
    "246": "FI", "248": "FI", "250": "FR", "262": "DJ", "266": "GA", "268": "GE",
    "270": "GM", "275": "PS", "276": "DE", "288": "GH", "300": "GR", "304": "GL",
    "324": "GN", "336": "VA", "348": "HU", "352": "IS", "364": "IR", "368": "IQ",
    "372": "IE", "376": "IL", "380": "IT", "384": "CI", "398": "KZ", "400": "JO",
    "404": "KE", "414": "KW", "422": "LB", "428": "LV", "430": "LR", "434": "LY",
    "438": "LI", "440": "LT", "442": "LU", "450": "MG", "454": "MW", "466": "ML",
    "470": "MT", "478": "MR", "492": "MC", "498": "MD", "499": "ME", "504": "MA",
    "508": "MZ", "516": "NA", "528": "NL", "562": "NE", "566": "NG", "578": "NO",
    "616": "PL", "620": "PT", "624": "GW", "642": "RO", "643": "RU", "646": "RW",
    "654": "SH", "674": "SM", "678": "ST", "682": "SA", "686": "SN", "688": "RS",
    "694": "SL", "703": "SK", "705": "SI", "706": "SO", "716": "ZW", "724": "ES",
    "728": "SS", "729": "SD", "732": "EH", "752": "SE", "756": "CH", "760": "SY",
    "768": "TG", "788": "TN", "792": "TR", "800": "UG", "804": "UA", "807": "MK",
    "818": "EG", "826": "GB", "831": "GG", "832": "JE", "833": "IM", "834": "TZ",
    "854": "BF", "887": "YE", "894": "ZM",
}  # fmt: skip
# Natural Earth features without an ISO numeric id.
ALPHA2_BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs as absolute (longitude, latitude) points."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(x, y) for x, y, *_ in arc])
            continue
        (scale_x, scale_y), (left, bottom) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + left, y * scale_y + bottom))
        arcs.append(points)
    return arcs


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Spherical Lambert azimuthal equal-area, y growing southwards."""
    lam = math.radians(longitude - CENTRE_LONGITUDE)
    phi, phi0 = math.radians(latitude), math.radians(CENTRE_LATITUDE)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * (
        math.cos(lam)
    )
    k = math.sqrt(2 / max(1 + cos_c, 1e-9))
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (
        math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam)
    )
    return x, -y


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, keeping both ends (where arcs meet)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length:
                d = abs(dy * (px - x1) - dx * (py - y1)) / length
            else:
                d = math.hypot(px - x1, py - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring(arcs: list, indexes: list[int]) -> list:
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def path_data(geometry) -> str:
    """`geometry` (integer coordinates) as compact SVG path data: relative
    moves, implicit line-tos."""
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        for linear_ring in (polygon.exterior, *polygon.interiors):
            coords = [(round(x), round(y)) for x, y in linear_ring.coords[:-1]]
            deduplicated = [
                point
                for index, point in enumerate(coords)
                if index == 0 or point != coords[index - 1]
            ]
            if len(deduplicated) < 3:
                continue
            (x0, y0), text = deduplicated[0], []
            text.append(f"M{x0} {y0}")
            previous = (x0, y0)
            steps = []
            for x, y in deduplicated[1:]:
                steps.append(f"{x - previous[0]} {y - previous[1]}")
                previous = (x, y)
            parts.append(text[0] + "l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


def line_data(geometry) -> str:
    """`geometry`'s lines as SVG path data (absolute, integer)."""
    parts = []
    lines = getattr(geometry, "geoms", [geometry])
    for line in lines:
        if not hasattr(line, "coords") or len(line.coords) < 2:
            continue
        points = [(round(x), round(y)) for x, y in line.coords]
        parts.append(
            f"M{points[0][0]} {points[0][1]}"
            + "".join(f"L{x} {y}" for x, y in points[1:])
        )
    return "".join(parts)


class Command(BaseCommand):
    help = "Build countries/geodata/map_shapes.json from Natural Earth's data."

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(SOURCE))
        parser.add_argument("--output", default=str(TARGET))
        parser.add_argument(
            "--dry-run", action="store_true", help="Report the sizes, write nothing."
        )

    def handle(self, *args, source, output, dry_run, **options):
        try:
            import shapely
            from shapely.geometry import MultiPolygon, Polygon, box
        except ImportError as error:  # pragma: no cover
            raise CommandError(
                "shapely is needed: pip install -r requirements-dev.txt"
            ) from error

        topology = json.loads(Path(source).read_text(encoding="utf-8"))
        arcs = decode_arcs(topology)
        geometries = topology["objects"]["countries"]["geometries"]

        # The region's frame, in projected units.
        outline = [
            project(longitude, latitude)
            for longitude in range(int(WEST), int(EAST) + 1)
            for latitude in (SOUTH, NORTH)
        ] + [
            project(longitude, latitude)
            for longitude in (WEST, EAST)
            for latitude in range(int(SOUTH), int(NORTH) + 1)
        ]
        # The frame: the region's western and eastern extremes at Cabo
        # Verde's latitude (a margin for its marker), its northern one on the
        # central meridian, its southern one.
        left, right = project(WEST - 2, 15)[0], project(EAST, 15)[0]
        top, bottom = project(CENTRE_LONGITUDE, NORTH)[1], max(y for _, y in outline)
        scale = WIDTH / (right - left)
        height = round((bottom - top) * scale)

        def to_svg(point):
            x, y = project(*point)
            return ((x - left) * scale, (y - top) * scale)

        used = set()
        shapes_by_code: dict[str, list] = {}
        for geometry in geometries:
            code = ALPHA2.get(geometry.get("id")) or ALPHA2_BY_NAME.get(
                geometry["properties"]["name"]
            )
            if code is None:
                continue
            polygons = (
                geometry["arcs"]
                if geometry["type"] == "MultiPolygon"
                else [geometry["arcs"]]
            )
            shapes_by_code.setdefault(code, []).extend(polygons)
            for polygon in polygons:
                for indexes in polygon:
                    used.update(i if i >= 0 else ~i for i in indexes)

        projected = {}
        for index in used:
            points = [to_svg(point) for point in arcs[index]]
            projected[index] = simplify(points, TOLERANCE)

        frame = box(0, 0, WIDTH, height)
        shapes, geometries = {}, {}
        for code, polygons in sorted(shapes_by_code.items()):
            parts = []
            for polygon in polygons:
                exterior, *holes = (ring(projected, indexes) for indexes in polygon)
                if len(exterior) < 4:
                    continue
                part = Polygon(exterior, [h for h in holes if len(h) >= 4])
                parts.append(part.buffer(0) if not part.is_valid else part)
            if not parts:
                continue
            shape = shapely.clip_by_rect(shapely.union_all(parts), 0, 0, WIDTH, height)
            if shape.is_empty or not shape.intersects(frame):
                continue
            pieces = [
                piece
                for piece in getattr(shape, "geoms", [shape])
                if isinstance(piece, Polygon)
            ]
            if not pieces:
                continue
            large = [piece for piece in pieces if piece.area >= MIN_PART_AREA]
            kept = MultiPolygon(large or sorted(pieces, key=lambda p: -p.area)[:3])
            data = path_data(kept)
            if not data:
                continue
            geometries[code] = kept
            entry = {"d": data}
            widest = max(kept.geoms, key=lambda p: p.area)
            inscribed = shapely.maximum_inscribed_circle(widest, 0.5)
            if inscribed.length * 2 < SMALL_DIAMETER:
                centre = kept.envelope.centroid
                position = MARKER_POSITIONS.get(code)
                x, y = to_svg(position) if position else (centre.x, centre.y)
                entry["marker"] = [round(v) for v in (centre.x, centre.y, x, y)]
            shapes[code] = entry

        # Natural Earth's Morocco holds the part of Western Sahara west of
        # the berm, its "W. Sahara" the rest: Western Sahara is both, south
        # of the parallel 27°40' N (its boundary with Morocco), Morocco
        # the rest; with IMAP_WESTERN_SAHARA="morocco", both in one shape.
        morocco, sahara = geometries["MA"], geometries["EH"]
        south = Polygon(
            [to_svg((longitude, 20.0)) for longitude in range(-20, -8)]
            + [to_svg((-8.6667, 20.0)), to_svg((-8.6667, SAHARA_NORTH))]
            + [to_svg((longitude, SAHARA_NORTH)) for longitude in range(-9, -21, -1)]
        )
        own = morocco.difference(south)
        sahara = shapely.union_all([sahara, morocco.intersection(south)])
        shapes["MA"]["d"], shapes["EH"]["d"] = path_data(own), path_data(sahara)
        boundary = shapely.line_merge(own.boundary.intersection(sahara.buffer(1)))
        moroccan = shapely.union_all([own, sahara])
        result = {
            "source": "Natural Earth 1:50m (public domain), world-atlas 2.0.2",
            "width": WIDTH,
            "height": height,
            "marker_radius": math.ceil(TARGET_PX * WIDTH / MIN_RENDERED_WIDTH / 2),
            "shapes": shapes,
            "variants": {"MA+EH": path_data(moroccan)},
            "lines": {"MA-EH": line_data(boundary)},
        }
        text = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
        self.stdout.write(
            f"{len(shapes)} shapes, {sum('marker' in s for s in shapes.values())} "
            f"markers, {WIDTH}x{height}, {len(text.encode()) // 1024} KB"
        )
        if not dry_run:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Written to {output}")
