"""`cuidado timeline`: the dated places, addresses, trips, employers and identity details the exports
show, so what a client states on forms can be checked against their own posts (accuracy, not concealment)."""

from __future__ import annotations

import csv
import io
import json

from cuidado.store import Store

# finding kind (or kind:subtype) -> category shown to the lawyer
CATEGORIES = {
    "location.address": "address", "location.geotag": "place", "location.media_gps": "place",
    "location.place": "place", "inference.travel": "trip", "inference.home": "home (inferred)",
    "inference.work": "work (inferred)", "identity.government_id": "identity document",
    "identity.document_photo": "identity document", "identity.phone": "phone", "identity.email": "email",
    "identity.profile:workplace": "employer", "identity.profile:school": "school",
    "identity.profile:current_city": "residence", "identity.profile:hometown": "origin",
    "identity.profile:places_lived": "residence", "identity.profile:birthday": "birth date",
    "identity.profile:name": "name", "identity.profile:relationship": "relationship",
}
CATEGORIES_ES = {
    "address": "dirección", "place": "lugar", "trip": "viaje", "home (inferred)": "domicilio (inferido)",
    "work (inferred)": "trabajo (inferido)", "identity document": "documento de identidad", "phone": "teléfono",
    "email": "correo", "employer": "empleador", "school": "escuela", "residence": "residencia",
    "origin": "origen", "birth date": "fecha de nacimiento", "name": "nombre", "relationship": "relación",
}
COLUMNS = ("date", "category", "value", "place", "platform", "source", "item", "excerpt")


def build_timeline(store: Store, lang: str = "en") -> list[dict]:
    entries = []
    for row in store.conn.execute(
            "SELECT kind, subtype, time, value, place, platform, source, item, excerpt, extra FROM findings "
            "ORDER BY coalesce(time, '9999'), kind"):
        kind, subtype, time, value, place, platform, source, item, excerpt, extra = row
        category = CATEGORIES.get(f"{kind}:{subtype}") or CATEGORIES.get(kind)
        if category is None:
            continue
        date = (time or "")[:10]
        if kind == "inference.travel":
            date = json.loads(extra or "{}").get("dates", "")[:10]
        entries.append({"date": date, "category": CATEGORIES_ES.get(category, category) if lang == "es" else category,
                        "value": value, "place": place or "", "platform": platform, "source": source,
                        "item": item, "excerpt": excerpt or ""})
    entries.sort(key=lambda e: (e["date"] or "9999", e["category"]))
    return _dedupe(entries)


def _dedupe(entries: list[dict]) -> list[dict]:
    seen, unique = set(), []
    for entry in entries:
        key = (entry["date"], entry["category"], entry["value"], entry["platform"])
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def to_csv(entries: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for entry in entries:
        # Cells starting with = + - @ would run as formulas in a spreadsheet: exports are untrusted.
        writer.writerow({k: ("'" + v if isinstance(v, str) and v[:1] in "=+-@" else v) for k, v in entry.items()})
    return buffer.getvalue()
