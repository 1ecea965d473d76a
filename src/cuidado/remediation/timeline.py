"""`cuidado timeline`: the dated places, addresses, trips, employers and identity details the exports
show, so what a client states on forms can be checked against their own posts (accuracy, not concealment)."""

from __future__ import annotations

import csv
import io
import json

from cuidado.detectors.coordinates import is_venue_id
from cuidado.findings.render import display_value
from cuidado.inferences.localtime import DEVICE, LocalTime, local_time
from cuidado.locales import N_, gettext
from cuidado.store import Store

# finding kind (or kind:subtype) -> category shown to the lawyer (translated where shown)
CATEGORIES = {
    "location.address": N_("address"),
    "location.geotag": N_("place"),
    "location.media_gps": N_("place"),
    "location.place": N_("place"),
    "inference.travel": N_("trip"),
    "inference.home": N_("home (inferred)"),
    "inference.work": N_("work (inferred)"),
    "identity.government_id": N_("identity document"),
    "identity.document_photo": N_("identity document"),
    "identity.phone": N_("phone"),
    "identity.email": N_("email"),
    "identity.profile:workplace": N_("employer"),
    "identity.profile:school": N_("school"),
    "identity.profile:current_city": N_("residence"),
    "identity.profile:hometown": N_("origin"),
    "identity.profile:places_lived": N_("residence"),
    "identity.profile:birthday": N_("birth date"),
    "identity.profile:name": N_("name"),
    "identity.profile:relationship": N_("relationship"),
}
COLUMNS = ("date", "time", "zone", "category", "value", "place", "platform", "source", "item", "excerpt")
# The CSV's header row, per column (its English keys stay the JSON's).
HEADERS = (
    N_("date"),
    N_("time"),
    N_("time zone"),
    N_("category"),
    N_("value"),
    N_("place"),
    N_("platform"),
    N_("file"),
    N_("item"),
    N_("excerpt"),
)
_LOCAL_DATES = N_("local dates")  # a trip's days, in the time where it was
_DEVICE_CLOCK = N_("phone's local time")


def build_timeline(store: Store, lang: str = "en") -> list[dict]:
    """Dated entries in local time where the data gives the zone (labelled), with places named."""
    _ = gettext(lang)
    chosen = []
    for row in store.dated_findings():
        kind, subtype = row[0], row[1]
        category = CATEGORIES.get(f"{kind}:{subtype}") or CATEGORIES.get(kind)
        if category is not None and not is_venue_id(row[3]):
            chosen.append((category, row))
    names = _place_names([(r[10], r[11]) for _, r in chosen])
    entries = []
    for (category, row), named in zip(chosen, names):
        kind, subtype, time, value, place, platform, source, item, excerpt, extra, lat, lon, record_extra = row
        if kind.startswith("inference."):  # conclusions store data: said here in the reader's words
            value = display_value(kind, subtype, value, place, json.loads(extra or "{}"), lang) or value
        when = local_time(time, record_extra, lat, lon)
        date, clock, zone = _when(when, lang)
        if kind == "inference.travel":
            date, clock, zone = json.loads(extra or "{}").get("dates", "")[:10], "", _(_LOCAL_DATES)
        place = "" if is_venue_id(place) else (place or "")
        if named and named != place:
            place = f"{place} ({named})" if place else named
        entries.append(
            {
                "date": date,
                "time": clock,
                "zone": zone,
                "category": _(category),
                "value": value,
                "place": place,
                "platform": platform,
                "source": source,
                "item": item,
                "excerpt": excerpt or "",
            }
        )
    entries.sort(key=lambda e: (e["date"] or "9999", e["time"], e["category"]))
    return _dedupe(entries)


def _when(when: LocalTime | None, lang: str) -> tuple[str, str, str]:
    if when is None:
        return "", "", ""
    zone = when.zone
    if when.source == DEVICE:
        zone = gettext(lang)(_DEVICE_CLOCK) + (f" ({when.zone})" if when.zone else "")
    return when.when.strftime("%Y-%m-%d"), when.when.strftime("%H:%M"), zone


def _place_names(coords: list[tuple[float | None, float | None]]) -> list[str]:
    """The nearest town of each position (offline gazetteer), '' where there is none."""
    located = [
        (i, (lat, lon))
        for i, (lat, lon) in enumerate(coords)
        if lat is not None and lon is not None and not (abs(lat) < 1e-9 and abs(lon) < 1e-9)
    ]
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
    writer.writerow(COLUMNS if lang == "en" else [gettext(lang)(h) for h in HEADERS])
    for entry in entries:
        writer.writerow([_cell(entry.get(column, "")) for column in COLUMNS])
    return buffer.getvalue()


def _cell(value):
    # Cells starting with = + - @ would run as formulas in a spreadsheet: exports are untrusted.
    if isinstance(value, str) and value[:1] and value[0] in "=+-@":
        return "'" + value
    return value
