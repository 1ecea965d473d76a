"""`cuidado timeline`: the dated places, addresses, trips, employers and identity details the exports
show, so what a client states on forms can be checked against their own posts (accuracy, not concealment)."""

from __future__ import annotations

import csv
import io
import json

from cuidado.detectors.coordinates import is_venue_id
from cuidado.inferences.localtime import DEVICE, LocalTime, local_time
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
COLUMNS = ("date", "time", "zone", "category", "value", "place", "platform", "source", "item", "excerpt")
HEADERS_ES = ("fecha", "hora", "zona horaria", "categoría", "valor", "lugar", "plataforma", "archivo", "elemento",
              "extracto")
_LOCAL_DATES = {"en": "local dates", "es": "fechas locales"}  # a trip's days, in the time where it was
_DEVICE_CLOCK = {"en": "phone's local time", "es": "hora local del teléfono"}


def build_timeline(store: Store, lang: str = "en") -> list[dict]:
    """Dated entries in local time where the data gives the zone (labelled), with places named."""
    chosen = []
    for row in store.dated_findings():
        kind, subtype = row[0], row[1]
        category = CATEGORIES.get(f"{kind}:{subtype}") or CATEGORIES.get(kind)
        if category is not None and not is_venue_id(row[3]):
            chosen.append((category, row))
    names = _place_names([(r[10], r[11]) for _, r in chosen])
    entries = []
    for (category, row), named in zip(chosen, names):
        kind, _, time, value, place, platform, source, item, excerpt, extra, lat, lon, record_extra = row
        when = local_time(time, record_extra, lat, lon)
        date, clock, zone = _when(when, lang)
        if kind == "inference.travel":
            date, clock, zone = json.loads(extra or "{}").get("dates", "")[:10], "", _LOCAL_DATES.get(lang, _LOCAL_DATES["en"])
        place = "" if is_venue_id(place) else (place or "")
        if named and named != place:
            place = f"{place} ({named})" if place else named
        entries.append({"date": date, "time": clock, "zone": zone,
                        "category": CATEGORIES_ES.get(category, category) if lang == "es" else category,
                        "value": value, "place": place, "platform": platform, "source": source,
                        "item": item, "excerpt": excerpt or ""})
    entries.sort(key=lambda e: (e["date"] or "9999", e["time"], e["category"]))
    return _dedupe(entries)


def _when(when: LocalTime | None, lang: str) -> tuple[str, str, str]:
    if when is None:
        return "", "", ""
    zone = when.zone
    if when.source == DEVICE:
        zone = _DEVICE_CLOCK.get(lang, _DEVICE_CLOCK["en"]) + (f" ({when.zone})" if when.zone else "")
    return when.when.strftime("%Y-%m-%d"), when.when.strftime("%H:%M"), zone


def _place_names(coords: list[tuple[float | None, float | None]]) -> list[str]:
    """The nearest town of each position (offline gazetteer), '' where there is none."""
    located = [(i, (lat, lon)) for i, (lat, lon) in enumerate(coords) if lat is not None and lon is not None
               and not (abs(lat) < 1e-9 and abs(lon) < 1e-9)]
    names = [""] * len(coords)
    if not located:
        return names
    try:
        from cuidado.inferences.gazetteer import gazetteer

        found = gazetteer().nearest([c for _, c in located])
    except ImportError:  # the places extra is not installed: coordinates only
        return names
    for (i, _), place in zip(located, found):
        names[i] = ", ".join(p for p in (place["name"], place["admin1"], place["cc"]) if p)
    return names


def _dedupe(entries: list[dict]) -> list[dict]:
    seen, unique = set(), []
    for entry in entries:
        key = (entry["date"], entry["category"], entry["value"], entry["platform"])
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique


def to_csv(entries: list[dict], lang: str = "en") -> str:
    """CSV a spreadsheet opens right: a UTF-8 byte-order mark (Excel otherwise garbles accents),
    headers in the chosen language, empty cells empty."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(HEADERS_ES if lang == "es" else COLUMNS)
    for entry in entries:
        writer.writerow([_cell(entry.get(column, "")) for column in COLUMNS])
    return buffer.getvalue()


def _cell(value):
    # Cells starting with = + - @ would run as formulas in a spreadsheet: exports are untrusted.
    if isinstance(value, str) and value[:1] and value[0] in "=+-@":
        return "'" + value
    return value
