"""`cuidado check`: before posting, what this photo or text would reveal, and how it connects to what
your exports already give away (e.g. "taken 120 m from where your other photos place your home")."""

from __future__ import annotations

from pathlib import Path

from cuidado.findings.analyzer import Analyzer
from cuidado.findings.render import explain_finding
from cuidado.inferences.geo import haversine_m
from cuidado.media.metadata import MediaError, read_metadata_path
from cuidado.models import Kind, Record
from cuidado.store import Store

NEAR_M = 1_000
_TEXT = {
    "en": "taken {distance} m from where your other items place your {what}",
    "es": "tomada a {distance} m de donde sus otras publicaciones sitúan su {what}",
}
_WHAT = {"en": {"inference.home": "home", "inference.work": "work", "inference.routine": "routine"},
         "es": {"inference.home": "casa", "inference.work": "trabajo", "inference.routine": "rutina"}}


def check_text(text: str, lang: str = "en", analyzer: Analyzer | None = None) -> dict:
    record = Record(platform="check", kind=Kind.POST, source="(text)", native_id="text", text=text, by_self=True)
    findings = (analyzer or Analyzer()).findings(record)
    return {"findings": [explain_finding(f, lang) for f in findings], "near": []}


def check_file(path: Path, store: Store | None, lang: str = "en", analyzer: Analyzer | None = None) -> dict:
    record = Record(platform="check", kind=Kind.MEDIA, source=path.name, native_id=str(path), by_self=True)
    try:
        meta = read_metadata_path(path)
    except MediaError as exc:
        meta = None
        record.extra["media_problem"] = str(exc)
    if meta is not None:
        record.extra["meta"] = {k: v for k, v in meta.to_dict().items() if v not in (None, [], {}, False)}
        if meta.lat is not None and meta.lon is not None:
            record.lat, record.lon = meta.lat, meta.lon
            record.extra["location_source"] = "media_file"
    findings = (analyzer or Analyzer()).findings(record)
    near = dossier_matches(store, record.lat, record.lon, lang) if store is not None else []
    return {"findings": [explain_finding(f, lang) for f in findings], "near": near}


def dossier_matches(store: Store, lat: float | None, lon: float | None, lang: str) -> list[dict]:
    if lat is None or lon is None:
        return []
    matches = []
    for kind, place, plat, plon in store.conn.execute(
            "SELECT kind, place, lat, lon FROM findings WHERE kind IN ('inference.home', 'inference.work', "
            "'inference.routine') AND lat IS NOT NULL"):
        distance = haversine_m(lat, lon, plat, plon)
        if distance <= NEAR_M:
            what = _WHAT.get(lang, _WHAT["en"])[kind]
            matches.append({"kind": kind, "place": place, "distance_m": round(distance),
                            "text": _TEXT.get(lang, _TEXT["en"]).format(distance=round(distance), what=what)})
    return sorted(matches, key=lambda m: m["distance_m"])
