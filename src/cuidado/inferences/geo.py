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
    """DBSCAN with haversine distance; -1 marks points that belong to no cluster."""
    if not coords:
        return []
    import numpy as np
    from sklearn.cluster import DBSCAN

    radians = np.radians(np.array(coords, dtype=float))
    model = DBSCAN(eps=eps_m / EARTH_RADIUS_M, min_samples=min_samples, metric="haversine",
                   algorithm="ball_tree")
    return [int(label) for label in model.fit_predict(radians)]


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
