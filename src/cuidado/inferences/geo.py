"""Distances, clustering and offline place names."""

from __future__ import annotations

import math

EARTH_RADIUS_M = 6_371_000.0


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def cluster_points(coords: list[tuple[float, float]], *, eps_m: float = 150.0, min_samples: int = 2) -> list[int]:
    """DBSCAN with great-circle distance; -1 marks points that belong to no cluster.

    The same clusters, numbered the same way, as scikit-learn's DBSCAN (haversine, ball tree)
    gives, without importing scikit-learn: that import alone was 0.6-1.5 s of a metadata-only
    scan of 1,500 photos (benchmarks/bench_metadata_scan.py). Points go on the unit sphere, where
    a straight-line (chord) distance stands for the great-circle one, into cubic cells so small
    that any two points of a cell are within `eps_m` of each other: a crowded cell's points are
    all core points, and a cluster grows cell by cell, each step one KD-tree query in C.
    (With `min_samples` > 2, a border point near two clusters may join the other one.)
    """
    if not coords:
        return []
    import numpy as np
    from scipy.spatial import cKDTree

    xyz = _unit_vectors(coords)
    chord = 2 * math.sin(eps_m / EARTH_RADIUS_M / 2)
    keys = np.floor(xyz / (chord / math.sqrt(3))).astype(np.int64)
    cells, cell_of, sizes = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    cell_of = cell_of.reshape(-1)
    members = np.split(np.argsort(cell_of, kind="stable"), np.cumsum(sizes)[:-1])
    core = sizes[cell_of] >= min_samples
    lonely = np.flatnonzero(~core)
    if lonely.size:
        core[lonely] = cKDTree(xyz).query_ball_point(xyz[lonely], chord, return_length=True) >= min_samples
    cell_core = [m[core[m]] for m in members]
    where = {tuple(key): i for i, key in enumerate(cells.tolist())}
    labels = np.full(len(xyz), -1, dtype=np.int64)
    grown = np.zeros(len(cells), dtype=bool)
    cluster = 0
    for start in np.flatnonzero(core):  # numbered by their first core point, as scikit-learn does
        if labels[start] != -1:
            continue
        stack = [cell_of[start]]
        labels[cell_core[stack[0]]], grown[stack[0]] = cluster, True
        while stack:
            cell = stack.pop()
            tree = cKDTree(xyz[cell_core[cell]])
            for key in (cells[cell] + _NEIGHBOUR_CELLS).tolist():
                other = where.get(tuple(key))
                if other is None:
                    continue
                todo = members[other][labels[members[other]] == -1]
                if not todo.size:
                    continue
                distance, _ = tree.query(xyz[todo], k=1, distance_upper_bound=chord * (1 + 1e-9))
                reached = todo[distance <= chord]
                labels[reached] = cluster
                if core[reached].any() and not grown[other]:
                    labels[cell_core[other]], grown[other] = cluster, True
                    stack.append(other)
        cluster += 1
    return labels.tolist()


def _unit_vectors(coords: list[tuple[float, float]]):
    import numpy as np

    lat, lon = np.radians(np.asarray(coords, dtype=float).reshape(-1, 2)).T
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


# Cells are eps/sqrt(3) wide, so points within eps of each other are at most two cells apart.
_NEIGHBOUR_CELLS = [(x, y, z) for x in range(-2, 3) for y in range(-2, 3) for z in range(-2, 3)]


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    # Clusters are a few hundred metres wide: a plain mean is exact enough there.
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def radius_m(points: list[tuple[float, float]], center: tuple[float, float], share: float = 0.8) -> float:
    """The radius holding `share` of the points: how tightly an analyst could narrow the place."""
    distances = sorted(haversine_m(center[0], center[1], lat, lon) for lat, lon in points)
    index = max(0, math.ceil(share * len(distances)) - 1)
    return max(25.0, distances[index])


def place_names(coords: list[tuple[float, float]]) -> list[dict]:
    """Nearest populated place for each point, offline (GeoNames cities ≥ 1000 people, bundled)."""
    if not coords:
        return []
    from cuidado.inferences.gazetteer import gazetteer

    return gazetteer().nearest(coords)


def describe_place(info: dict) -> str:
    parts = [info.get("name"), info.get("admin1"), info.get("cc")]
    return ", ".join(p for p in parts if p)


def utc_offset_hours(lon: float) -> int:
    """Approximate local time offset from longitude (solar time): enough to tell night from day."""
    return int(round(lon / 15.0))
