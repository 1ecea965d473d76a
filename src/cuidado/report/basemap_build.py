"""Build the offline basemap shipped in report/data/ (a developer tool; never run by cuidado itself).

    pip download --no-deps -d build/wheels "geopandas==0.14.4" "libpysal==4.14.1"
    python -m cuidado.report.basemap_build build/wheels

Sources (data/SOURCES.md has the licences): Natural Earth 1:110m countries as bundled in
geopandas 0.14 (`naturalearth_lowres`, public domain), the lower 48 US states and the 32
Mexican states as bundled in libpysal (`us_income/us48`, `mexico/mexicojoin`, BSD-3). Read
straight from the wheels, simplified (Douglas-Peucker) and rounded, written as GeoJSON.
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).parent / "data"

LAYERS = {
    # layer: (wheel prefix, shapefile stem inside the wheel, name field, code field, tolerance in degrees)
    "world": ("geopandas-", "geopandas/datasets/naturalearth_lowres/naturalearth_lowres", "name", "iso_a3", 0.08),
    "us-states": ("libpysal-", "libpysal/examples/us_income/us48", "STATE_NAME", "STATE_ABBR", 0.03),
    "mx-states": ("libpysal-", "libpysal/examples/mexico/mexicojoin", "NAME", "CODE", 0.03),
}


def read_shapes(shp: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygon shapefile (type 5) -> per shape, its rings of (lon, lat)."""
    shapes: list = []
    pos = 100
    while pos < len(shp):
        _, length = struct.unpack(">ii", shp[pos : pos + 8])
        body = shp[pos + 8 : pos + 8 + 2 * length]
        pos += 8 + 2 * length
        if struct.unpack("<i", body[:4])[0] != 5:
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{nparts}i", body[44 : 44 + 4 * nparts])) + [npoints]
        start = 44 + 4 * nparts
        points = [struct.unpack("<2d", body[start + 16 * i : start + 16 * i + 16]) for i in range(npoints)]
        shapes.append([points[parts[i] : parts[i + 1]] for i in range(nparts)])
    return shapes


def read_dbf(dbf: bytes) -> list[dict[str, str]]:
    count, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields, pos = [], 32
    while dbf[pos] != 0x0D:
        name = dbf[pos : pos + 11].split(b"\0")[0].decode("latin-1")
        fields.append((name, dbf[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        raw = dbf[header_len + i * record_len + 1 : header_len + (i + 1) * record_len]
        row, offset = {}, 0
        for name, size in fields:
            row[name] = raw[offset : offset + size].decode("utf-8", "replace").strip()
            offset += size
        rows.append(row)
    return rows


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings can be long)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            dist = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if dist > best:
                best, index = dist, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def build_layer(wheel: zipfile.ZipFile, stem: str, name_field: str, code_field: str, tolerance: float) -> dict:
    shapes = read_shapes(wheel.read(stem + ".shp"))
    rows = read_dbf(wheel.read(stem + ".dbf"))
    features = []
    for rings, row in zip(shapes, rows):
        kept = []
        for ring in rings:
            small = [(round(x, 2), round(y, 2)) for x, y in simplify(ring, tolerance)]
            if len(small) >= 4:
                kept.append(small)
        polygons = group_rings(kept)
        if polygons:
            coordinates = [[[list(p) for p in ring] for ring in polygon] for polygon in polygons]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": row[name_field], "code": row[code_field]},
                    "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _area(ring: list[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


def group_rings(rings: list[list[tuple[float, float]]]) -> list[list[list[tuple[float, float]]]]:
    """Shapefile outer rings run clockwise, holes counter-clockwise: GeoJSON wants each hole
    with the outer ring that contains it (and outer rings counter-clockwise, RFC 7946)."""
    outers = [[ring[::-1]] for ring in rings if _area(ring) < 0]
    for hole in (ring for ring in rings if _area(ring) >= 0):
        home = next((polygon for polygon in outers if _inside(hole[0], polygon[0])), None)
        if home is not None:
            home.append(hole[::-1])
        else:  # a ring wound the wrong way with no outer around it: it is an outer ring
            outers.append([hole])
    return outers


def main(wheel_dir: str) -> None:
    wheels = list(Path(wheel_dir).glob("*.whl"))
    for layer, (prefix, stem, name_field, code_field, tolerance) in LAYERS.items():
        path = next(w for w in wheels if w.name.startswith(prefix))
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as wheel:
            collection = build_layer(wheel, stem, name_field, code_field, tolerance)
        out = DATA / f"{layer}.geojson"
        out.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
        print(f"{out}: {len(collection['features'])} features, {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
