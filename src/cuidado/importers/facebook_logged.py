"""What Facebook logged about the person rather than what they posted: location history,
primary location, saved places, searches, and logins / sessions / devices."""

from __future__ import annotations

from collections.abc import Iterator

from cuidado.importers._text import clean, clean_all
from cuidado.importers.base import ImportProblem
from cuidado.importers.meta_common import (
    as_list,
    attachment_data,
    coordinate,
    flat_labels,
    items,
    load_fixed,
    place_info,
)
from cuidado.importers.reading import ExportReader, json_dict
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Platform, Record, from_epoch

PLATFORM = Platform.FACEBOOK

SECURITY = (
    r"(^|/)security_and_login_information/(account_activity|logins_and_logouts|ip_address_activity"
    r"|where_you're_logged_in|active_sessions|authorized_logins|recognized_devices|mobile_devices)\.json$"
)
_TIME_KEYS = (
    "timestamp",
    "created_timestamp",
    "creation_timestamp",
    "updated_timestamp",
    "update_time",
    "created_time",
)
_IP_KEYS = ("ip_address", "ip", "ip_address_v2", "ip_adress")
_DEVICE_KEYS = ("device", "user_agent", "device_name", "type", "os", "app")
# Other keys of login rows worth keeping: places, cookies and advertising/device identifiers.
_LOGIN_EXTRA = (
    "action",
    "city",
    "region",
    "country",
    "location",
    "site_name",
    "site",
    "app",
    "session_type",
    "datr_cookie",
    "cookie",
    "user_agent",
    "os",
    "advertiser_id",
    "udid",
    "device_locale",
    "carrier",
)


def _first_time(entry: dict):
    for key in _TIME_KEYS:
        if from_epoch(entry.get(key)):
            return entry[key]
    return None


def read_location_history(reader: ExportReader, member: Member) -> Iterator[Record]:
    """{name, coordinate, creation_timestamp} rows, or post-like rows with a place attachment."""
    for index, entry in enumerate(items(reader, member, ("location_history_v2", "location_history"))):
        if not isinstance(entry, dict):
            continue
        coord = json_dict(entry.get("coordinate"))
        lat, lon = coordinate(coord.get("latitude"), coord.get("longitude"))
        name = clean(entry.get("name"))
        for data in attachment_data(entry):
            if lat is None and "place" in data:
                p_name, lat, lon, _ = place_info(data["place"])
                name = name or p_name
        stamp = _first_time(entry)
        yield Record(
            platform=PLATFORM,
            kind=Kind.LOCATION,
            source=member.path,
            native_id=f"{index}:{stamp}",
            time=from_epoch(stamp),
            by_self=True,
            place=name,
            lat=lat,
            lon=lon,
            extra={"location_type": "location_history"},
        )


def read_primary_location(reader: ExportReader, member: Member) -> Iterator[Record]:
    """Where Facebook believes the person lives: one record per city/region pair, zip codes in extra."""
    data = load_fixed(reader, member)
    inner = next((v for v in data.values() if isinstance(v, dict)), data) if isinstance(data, dict) else None
    if not isinstance(inner, dict):
        raise ImportProblem(reasons.NOT_PRIMARY_LOCATION)
    kind = "primary_public_location" if "public" in member.name.lower() else "primary_location"
    zips = clean_all(as_list(inner.get("zipcode")))
    pairs = [pair for pair in as_list(inner.get("city_region_pairs")) if isinstance(pair, dict)] or [inner]
    places = [", ".join(clean_all(p.get(k) for k in ("city", "region", "country"))) for p in pairs]
    if not any(places) and zips:
        places = [""]  # only a zip code is known
    for index, place in enumerate(places):
        if place or zips:
            yield Record(
                platform=PLATFORM,
                kind=Kind.LOCATION,
                source=member.path,
                native_id=f"{index}:{place}",
                by_self=True,
                place=place or None,
                text=" ".join(zips) or None,
                extra={"location_type": kind, **({"zipcode": zips} if zips else {})},
            )


def read_places(reader: ExportReader, member: Member) -> Iterator[Record]:
    """Places the person created or saved: {name, address, url, creation_timestamp, coordinate?}."""
    for index, entry in enumerate(items(reader, member, ("your_places_v2", "your_places"))):
        if not isinstance(entry, dict):
            continue
        name, lat, lon, extra = place_info(entry)
        stamp = _first_time(entry)
        yield Record(
            platform=PLATFORM,
            kind=Kind.LOCATION,
            source=member.path,
            native_id=f"{index}:{stamp}",
            time=from_epoch(stamp),
            by_self=True,
            place=name,
            text=clean(entry.get("address")),
            lat=lat,
            lon=lon,
            extra={"location_type": "your_place", **extra},
        )


def read_searches(reader: ExportReader, member: Member) -> Iterator[Record]:
    """searches_v2: the query is in data[*].text or attachments[*].data[*].text, quoted."""
    for index, entry in enumerate(items(reader, member, ("searches_v2", "searches"))):
        if not isinstance(entry, dict):
            continue
        texts = [
            d.get("text")
            for d in as_list(entry.get("data")) + list(attachment_data(entry))
            if isinstance(d, dict) and clean(d.get("text"))
        ]
        query = clean(str(texts[0]).strip().strip('"')) if texts else None
        stamp = entry.get("timestamp")
        yield Record(
            platform=PLATFORM,
            kind=Kind.SEARCH,
            source=member.path,
            native_id=f"{index}:{stamp}",
            time=from_epoch(stamp),
            by_self=True,
            text=query,
            extra={"title": clean(entry.get("title"))} if clean(entry.get("title")) else {},
        )


def read_logins(reader: ExportReader, member: Member) -> Iterator[Record]:
    """Logins, sessions and devices: every row becomes a login record with ip/device in extra."""
    source_file = member.name.rsplit(".", 1)[0]
    for index, entry in enumerate(items(reader, member)):
        if not isinstance(entry, dict):
            continue
        entry = flat_labels(entry)
        row = {**entry, **entry["session"]} if isinstance(entry.get("session"), dict) else entry
        ip = next((clean(row[k]) for k in _IP_KEYS if isinstance(row.get(k), str) and clean(row[k])), None)
        device = next((clean(row[k]) for k in _DEVICE_KEYS if isinstance(row.get(k), str) and clean(row[k])), None)
        extra = {"file": source_file, **({"ip": ip} if ip else {}), **({"device": device} if device else {})}
        extra.update(
            {k: row[k] for k in _LOGIN_EXTRA if k not in extra and isinstance(row.get(k), (str, int)) and clean(row[k])}
        )
        stamp = _first_time(row)
        yield Record(
            platform=PLATFORM,
            kind=Kind.LOGIN,
            source=member.path,
            native_id=f"{index}:{stamp}",
            time=from_epoch(stamp),
            by_self=True,
            text=clean(row.get("action")) or clean(row.get("name")),
            place=", ".join(clean_all(row.get(k) for k in ("city", "region", "country"))) or clean(row.get("location")),
            extra=extra,
        )
