"""The map, drawn on the server as SVG data: an offline basemap, points grouped into clusters.

No tiles and no map library: country and state outlines ship in report/data/ (SOURCES.md).
The projection is equirectangular around the view's centre, with longitudes shrunk by
cos(latitude) so a neighbourhood is not stretched sideways. Everything here is numbers;
the template writes the SVG and escapes every label.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

WIDTH, HEIGHT = 960, 540
DATA = Path(__file__).parent / "data"
LAYERS = ("world", "us-states", "mx-states")
METERS_PER_DEGREE = 111_320.0
CELL_PX = 30  # points closer than this on screen are drawn as one cluster
CLOSEUP_KM = 30  # the close-up map shows everything this near the busiest place
OVERVIEW_MIN_DEGREES = 7.0  # the overview shows at least a region this tall, so borders give context


@cache
def basemap() -> list[tuple[str, str, tuple[float, float, float, float], list[list[list[float]]]]]:
    """(layer, name, (lon_min, lat_min, lon_max, lat_max), rings) for every shape shipped."""
    shapes = []
    for layer in LAYERS:
        data = json.loads((DATA / f"{layer}.geojson").read_text(encoding="utf-8"))
        for feature in data["features"]:
            rings = [ring for polygon in feature["geometry"]["coordinates"] for ring in polygon]
            lons = [p[0] for ring in rings for p in ring]
            lats = [p[1] for ring in rings for p in ring]
            shapes.append((layer, feature["properties"]["name"], (min(lons), min(lats), max(lons), max(lats)), rings))
    return shapes


class View:
    """A rectangle of the Earth fitted to the map's pixels."""

    def __init__(self, lat_min: float, lat_max: float, lon_min: float, lon_max: float, min_span: float = 0.01):
        self.clat = max(-80.0, min(80.0, (lat_min + lat_max) / 2))
        self.clon = (lon_min + lon_max) / 2
        self.k = math.cos(math.radians(self.clat))
        span_x = max((lon_max - lon_min) * self.k * 1.3, min_span)  # 15% margin on each side
        span_y = max((lat_max - lat_min) * 1.3, min_span)
        if span_x / span_y > WIDTH / HEIGHT:
            span_y = span_x * HEIGHT / WIDTH
        else:
            span_x = span_y * WIDTH / HEIGHT
        span_x = min(span_x, 360 * self.k)
        self.scale = WIDTH / span_x  # pixels per degree of latitude
        half_lat, half_lon = HEIGHT / 2 / self.scale, WIDTH / 2 / (self.scale * self.k)
        self.bounds = (self.clon - half_lon, self.clat - half_lat, self.clon + half_lon, self.clat + half_lat)
        self.span = 2 * half_lat

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return (WIDTH / 2 + (lon - self.clon) * self.k * self.scale, HEIGHT / 2 - (lat - self.clat) * self.scale)

    def meters_to_px(self, meters: float) -> float:
        return meters / METERS_PER_DEGREE * self.scale

    def sees(self, box: tuple[float, float, float, float]) -> bool:
        lon_min, lat_min, lon_max, lat_max = self.bounds
        return not (box[2] < lon_min or box[0] > lon_max or box[3] < lat_min or box[1] > lat_max)


def build_maps(points: list[dict], places: list[dict]) -> list[dict]:
    """An overview wide enough to show the region (country and state borders), then a close-up
    of the busiest area, where the dots separate and home and work stand out.

    points: {"lat", "lon", "item", "finding", "severity", "place"}; places: {"kind", "lat", "lon", "radius_m", "label"}.
    """
    located = [p for p in points if _valid(p)]
    rings = [p for p in places if _valid(p)]
    if not located and not rings:
        return []
    overview = _view_of(located + rings, min_span=OVERVIEW_MIN_DEGREES)
    maps = [render_view(overview, located, rings, "overview")]
    busy = _busiest(located) or located
    anchor = busy[0] if busy else rings[0]
    near = [p for p in rings if _km(p, anchor) <= CLOSEUP_KM]
    closeup = _view_of(busy + near)
    if closeup.span < overview.span / 4:
        maps.append(render_view(closeup, busy, near, "closeup"))
    return maps


def render_view(view: View, points: list[dict], places: list[dict], name: str) -> dict:
    return {
        "name": name,
        "width": WIDTH,
        "height": HEIGHT,
        "shapes": _shapes(view),
        "clusters": _clusters(view, points),
        "places": [_place(view, p) for p in _merge_labels(view, places)],
        "scale": _scale_bar(view),
        "count": len(points),
    }


def _valid(p: dict) -> bool:
    lat, lon = p.get("lat"), p.get("lon")
    return (
        isinstance(lat, (int, float))
        and isinstance(lon, (int, float))
        and -90 <= lat <= 90
        and -180 <= lon <= 180
        and not (lat == 0 and lon == 0)
    )


def _view_of(items: list[dict], min_span: float = 0.01) -> View:
    lats, lons = [p["lat"] for p in items], [p["lon"] for p in items]
    return View(min(lats), max(lats), min(lons), max(lons), min_span)


def _merge_labels(view: View, places: list[dict]) -> list[dict]:
    """Conclusions about the same spot (home and a routine there) share one ring and one label."""
    merged: list[dict] = []
    for place in places:
        x, y = view.project(place["lat"], place["lon"])
        twin = next((m for m in merged if abs(m["_x"] - x) < 20 and abs(m["_y"] - y) < 20), None)
        if twin is None:
            merged.append({**place, "_x": x, "_y": y})
        elif place.get("label") and place["label"] not in twin["label"].split(" · "):
            twin["label"] = f"{twin['label']} · {place['label']}"
    return merged


def _shapes(view: View) -> list[dict]:
    result = []
    for layer, name, box, rings in basemap():
        if not view.sees(box):
            continue
        parts = []
        for ring in rings:
            coords, last = [], None
            for lon, lat in ring:
                x, y = view.project(lat, lon)
                point = f"{x:.1f},{y:.1f}"
                if point != last:
                    coords.append(point)
                    last = point
            if len(coords) >= 3:
                parts.append("M" + "L".join(coords) + "Z")
        if parts:
            result.append({"layer": layer, "name": name, "d": "".join(parts)})
    return result


_RANK = {"high": 0, "medium": 1, "low": 2}


def _clusters(view: View, points: list[dict]) -> list[dict]:
    """Greedy: a point joins the first group whose centre is within CELL_PX on screen."""
    groups: list[dict] = []
    grid: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for point in points:
        x, y = view.project(point["lat"], point["lon"])
        cx, cy = int(x // CELL_PX), int(y // CELL_PX)
        near = [
            g
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for g in grid[(cx + dx, cy + dy)]
            if (g["x"] - x) ** 2 + (g["y"] - y) ** 2 <= CELL_PX**2
        ]
        if near:
            group = near[0]
            group["members"].append(point)
            n = len(group["members"])
            group["x"] += (x - group["x"]) / n
            group["y"] += (y - group["y"]) / n
        else:
            group = {"x": x, "y": y, "members": [point]}
            groups.append(group)
            grid[(cx, cy)].append(group)
    return sorted((_cluster(g) for g in groups), key=lambda c: -c["count"])


def _cluster(group: dict) -> dict:
    members = group["members"]
    count = len(members)
    places = Counter(m.get("place") for m in members if m.get("place"))
    worst = min((m.get("severity") or "low" for m in members), key=lambda s: _RANK.get(s, 3))
    return {
        "x": round(group["x"], 1),
        "y": round(group["y"], 1),
        "count": count,
        "severity": worst,
        "r": 6 if count == 1 else round(min(30.0, 9 + 4 * math.log2(count)), 1),
        "item": members[0].get("item"),
        "finding": members[0].get("finding"),
        "label": places.most_common(1)[0][0] if places else "",
        "lat": round(sum(m["lat"] for m in members) / count, 4),
        "lon": round(sum(m["lon"] for m in members) / count, 4),
    }


def _place(view: View, place: dict) -> dict:
    x, y = view.project(place["lat"], place["lon"])
    radius = view.meters_to_px(float(place.get("radius_m") or 0))
    r = max(24.0, min(radius, 400.0))  # never hidden under a cluster dot
    # The label sits above the ring, clear of the biggest cluster dot that may sit on top of it.
    return {
        "x": round(x, 1),
        "y": round(y, 1),
        "r": round(r, 1),
        "label_y": round(y - max(r, 30.0) - 8, 1),
        "kind": place.get("kind", ""),
        "label": place.get("label", ""),
    }


def _scale_bar(view: View) -> dict:
    meters_per_px = METERS_PER_DEGREE / view.scale
    target = meters_per_px * 150
    exponent = 10 ** math.floor(math.log10(target))
    nice = max((f * exponent for f in (1, 2, 5) if f * exponent <= target), default=exponent)
    label = f"{nice / 1000:g} km" if nice >= 1000 else f"{nice:g} m"
    return {"px": round(nice / meters_per_px, 1), "label": label}


def _km(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _busiest(points: list[dict]) -> list[dict]:
    """The points near the one with the most neighbours (on a 0.1-degree grid, to stay fast)."""
    if len(points) < 3:
        return []
    grid = Counter((round(p["lat"], 1), round(p["lon"], 1)) for p in points)
    (lat, lon), _ = grid.most_common(1)[0]
    center = {"lat": lat, "lon": lon}
    near = [p for p in points if _km(p, center) <= CLOSEUP_KM]
    return near if len(near) >= 3 else []
