"""Home, work, routine and travel, from every located item, as an analyst would infer them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from cuidado.detectors.severity import severity
from cuidado.inferences.geo import (
    centroid,
    cluster_points,
    describe_place,
    haversine_m,
    place_names,
    radius_m,
    utc_offset_hours,
)
from cuidado.inferences.localtime import UTC, local_time
from cuidado.models import Finding
from cuidado.store import Store

LOCATED_KINDS = ("location.media_gps", "location.geotag")
MIN_EVIDENCE = 3  # fewer located items than this at a place is not a pattern
PLACE_RADIUS_M = 200.0  # items this close to each other are at one place (a home, an office, a gym)
HOME_AREA_M = 5_000  # the home's country is the one most items within this distance of home are in
TRAVEL_KM = 100  # farther than this from home is a trip
TRIP_GAP_DAYS = 4  # items away from home at most this many days apart belong to the same trip…
TRIP_HOP_KM = 1_000  # …unless the second is this far from the first: then it starts another trip


@dataclass
class Point:
    item: str
    platform: str
    lat: float
    lon: float
    local: datetime | None  # local wall-clock time of the item, if known

    @property
    def home_weight(self) -> float:
        """Nights say "home" strongly; weekend days only weakly (that is when people go out)."""
        if self.local is None:
            return 0.0
        if self.local.hour >= 20 or self.local.hour < 7:
            return 1.0
        return 0.3 if self.local.weekday() >= 5 else 0.0

    @property
    def is_home_time(self) -> bool:
        return self.home_weight > 0

    @property
    def is_work_time(self) -> bool:
        if self.local is None:
            return False
        return self.local.weekday() < 5 and 9 <= self.local.hour < 17


def located_points(store: Store, exclude: frozenset[str] = frozenset()) -> list[Point]:
    """One point per located item; the same photo seen twice (same place, same minute) counts once."""
    points, seen = [], set()
    for item, platform, lat, lon, time, extra in store.located_evidence(LOCATED_KINDS):
        if item in exclude:
            continue
        local = _local_time(time, extra, lat, lon)
        key = (round(lat, 4), round(lon, 4), local.strftime("%Y%m%d%H%M") if local else item)
        if key in seen:
            continue
        seen.add(key)
        points.append(Point(item, platform, lat, lon, local))
    return points


def _local_time(time: str | None, extra: str | None, lat: float, lon: float) -> datetime | None:
    """The item's wall-clock time (the same one the timeline shows); solar time where no zone is known."""
    when = local_time(time, extra, lat, lon)
    if when is None:
        return None
    if when.source != UTC:
        return when.when
    return when.when + timedelta(hours=utc_offset_hours(lon))


@dataclass
class Cluster:
    points: list[Point]
    center: tuple[float, float]
    radius: float

    @property
    def items(self) -> list[str]:
        return sorted({p.item for p in self.points})


def clusters(points: list[Point]) -> list[Cluster]:
    labels = cluster_points([(p.lat, p.lon) for p in points], eps_m=PLACE_RADIUS_M, min_samples=2)
    groups: dict[int, list[Point]] = defaultdict(list)
    for point, label in zip(points, labels):
        if label >= 0:
            groups[label].append(point)
    result = []
    for members in groups.values():
        coords = [(p.lat, p.lon) for p in members]
        center = centroid(coords)
        result.append(Cluster(members, center, radius_m(coords, center)))
    return sorted(result, key=lambda c: -len(c.points))


def place_inferences(store: Store, exclude: frozenset[str] = frozenset()) -> list[Finding]:
    """Home, work, routines and trips; `exclude` simulates the person deleting those items."""
    return infer_places(located_points(store, exclude))


def infer_places(points: list[Point]) -> list[Finding]:
    if not points:
        return []
    found_clusters = clusters(points)
    names = place_names([c.center for c in found_clusters] + [(p.lat, p.lon) for p in points])
    cluster_names = names[: len(found_clusters)]
    point_names = names[len(found_clusters) :]
    findings: list[Finding] = []
    home = _best(found_clusters, lambda p: p.home_weight)
    work = _best([c for c in found_clusters if c is not home], lambda p: float(p.is_work_time))
    for kind, cluster, test in (
        ("inference.home", home, lambda p: p.is_home_time),
        ("inference.work", work, lambda p: p.is_work_time),
    ):
        if cluster is None:
            continue
        info = cluster_names[found_clusters.index(cluster)]
        supporting = [p for p in cluster.points if test(p)]
        confidence = min(0.95, 0.4 + 0.1 * len(supporting))
        findings.append(
            _inference(
                kind,
                cluster,
                supporting,
                describe_place(info),
                confidence,
                {"radius_m": round(cluster.radius), "matching_times": len(supporting)},
            )
        )
    findings += _routines(found_clusters, cluster_names)
    findings += _travel(points, point_names, home)
    return findings


def _best(candidates: list[Cluster], weight) -> Cluster | None:
    scored = [(sum(weight(p) for p in c.points), c) for c in candidates]
    scored = [(score, c) for score, c in scored if score >= MIN_EVIDENCE]
    if not scored:
        return None
    return max(scored, key=lambda sc: (sc[0], len(sc[1].points)))[1]


def _routines(found: list[Cluster], names: list[dict]) -> list[Finding]:
    """A place visited on the same weekday at about the same hour in at least three different weeks."""
    result = []
    for cluster, info in zip(found, names):
        slots: dict[tuple[int, int], list[Point]] = defaultdict(list)
        for point in cluster.points:
            if point.local is not None:
                slots[(point.local.weekday(), point.local.hour)].append(point)
        for (weekday, hour), members in slots.items():
            weeks = {p.local.isocalendar()[:2] for p in members if p.local is not None}  # all are dated
            if len(weeks) < 3:
                continue
            # Data, not a sentence: findings/render.py says "Sundays around 10:00 near …" in a language.
            result.append(
                _inference(
                    "inference.routine",
                    cluster,
                    members,
                    describe_place(info),
                    min(0.9, 0.4 + 0.1 * len(weeks)),
                    {"weekday": weekday, "hour": hour, "weeks": len(weeks), "radius_m": round(cluster.radius)},
                )
            )
    return result


def _travel(points: list[Point], names: list[dict], home: Cluster | None) -> list[Finding]:
    """Trips: located items far from home, grouped by country and by runs of nearby dates."""
    if home is None:
        return []
    home_country = Counter(
        names[i].get("cc") for i, p in enumerate(points) if haversine_m(p.lat, p.lon, *home.center) < HOME_AREA_M
    ).most_common(1)
    home_cc = home_country[0][0] if home_country else None
    away = [(p, names[i]) for i, p in enumerate(points) if haversine_m(p.lat, p.lon, *home.center) > TRAVEL_KM * 1000]
    trips: list[list[tuple[Point, dict]]] = []
    for point, info in sorted(away, key=lambda pi: pi[0].local or datetime.min):
        last = trips[-1][-1][0] if trips else None
        if (
            last
            and point.local
            and last.local
            and (point.local - last.local).days <= TRIP_GAP_DAYS
            and haversine_m(point.lat, point.lon, last.lat, last.lon) < TRIP_HOP_KM * 1000
        ):
            trips[-1].append((point, info))
        else:
            trips.append([(point, info)])
    result = []
    for trip in trips:
        countries = sorted({cc for _, info in trip if (cc := info.get("cc"))})
        places = Counter(describe_place(info) for _, info in trip).most_common(1)[0][0]
        coords = [(p.lat, p.lon) for p, _ in trip]
        center = centroid(coords)
        cluster = Cluster([p for p, _ in trip], center, radius_m(coords, center))
        abroad = bool(home_cc and any(cc != home_cc for cc in countries))
        dates = sorted(p.local.date().isoformat() for p, _ in trip if p.local)
        when = f"{dates[0]}..{dates[-1]}" if dates else ""  # none known: said at display time
        result.append(
            _inference(
                "inference.travel",
                cluster,
                cluster.points,
                places,
                0.8 if abroad else 0.7,
                {"countries": countries, "abroad": abroad, "dates": when, "radius_m": round(cluster.radius)},
                value=places,
            )
        )
    return result


def _inference(
    kind: str,
    cluster: Cluster,
    supporting: list[Point],
    place: str,
    confidence: float,
    extra: dict,
    value: str | None = None,
) -> Finding:
    evidence = sorted({p.item for p in supporting} or set(cluster.items))
    platforms = {p.platform for p in cluster.points}
    lat, lon = cluster.center
    return Finding(
        kind=kind,
        subtype=None,
        severity=severity(kind, None, confidence),
        confidence=round(confidence, 2),
        platform=platforms.pop() if len(platforms) == 1 else "multiple",
        source="(inference)",
        item=f"inference:{kind}:{lat:.4f},{lon:.4f}",
        value=value or f"{lat:.5f},{lon:.5f}",
        lat=round(lat, 6),
        lon=round(lon, 6),
        place=place,
        extra={**extra, "evidence": evidence, "evidence_count": len(evidence)},
    )
