"""Findings read straight from an item's structured fields: coordinates and places the platform
attached, profile fields, media metadata, device identifiers, audience. (Text is scanned in text.py.)"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from cuidado.findings.excerpt import excerpt
from cuidado.models import Finding, Kind, Record

# Profile fields that are identity facts an analyst reads directly, and the subtype they get.
PROFILE_FIELDS = {
    "full_name": "name",
    "name": "name",
    "birthday": "birthday",
    "gender": "gender",
    "current_city": "current_city",
    "hometown": "hometown",
    "workplace": "workplace",
    "work": "workplace",
    "school": "school",
    "education": "school",
    "relationship": "relationship",
    "family": "family",
    "places_lived": "places_lived",
    "location": "current_city",
    "username": "username",
    "website": "website",
    "bio": "bio",
}
CONTACT_FIELDS = {"email": "identity.email", "phone": "identity.phone"}
# Identifiers of a phone or browser an export lists (TikTok's Status, Meta's logins), by subtype.
# Advertising ids (IDFA, GAID) follow the person across apps; device ids tie sessions to one phone.
DEVICE_IDS = {
    "IDFA": "advertising_id",
    "GAID": "advertising_id",
    "advertiser_id": "advertising_id",
    "Android ID": "device_id",
    "IDFV": "device_id",
    "DID": "device_id",
    "Web ID": "device_id",
    "udid": "device_id",
}


def structured_findings(record: Record, make) -> Iterator[Finding]:
    """`make(kind, value, confidence, **fields)` builds a Finding for this record."""
    yield from _location(record, make)
    if record.kind == Kind.PROFILE_FIELD:
        yield from _profile(record, make)
    yield from _devices(record, make)
    yield from _tracking(record, make)
    yield from _pixels(record, make)
    if (
        record.audience == "public"
        and record.by_self is not False
        and record.kind in (Kind.POST, Kind.COMMENT, Kind.MEDIA)
    ):
        yield make("audience.public", "public", 0.95, excerpt=excerpt(record.text, 0, 0))


def _location(record: Record, make) -> Iterator[Finding]:
    from_media = record.extra.get("location_source") in ("exif", "media_file")
    if record.lat is not None and record.lon is not None:
        if abs(record.lat) < 1e-9 and abs(record.lon) < 1e-9:
            return  # (0, 0) means "unset" in every format
        kind = "location.media_gps" if from_media else "location.geotag"
        yield make(
            kind,
            f"{record.lat:.6f},{record.lon:.6f}",
            0.98,
            lat=record.lat,
            lon=record.lon,
            place=record.place,
            excerpt=excerpt(record.text, 0, 0),
        )
    elif record.place:
        yield make("location.geotag", record.place, 0.9, place=record.place, excerpt=excerpt(record.text, 0, 0))


def _profile(record: Record, make) -> Iterator[Finding]:
    field = str(record.extra.get("field", "")).lower()
    value = (record.text or "").strip()
    if not value:
        return
    if field in CONTACT_FIELDS:
        return  # the text scanner finds and normalises these (phone to E.164, email lower-cased)
    if field in ("address", "saved_address", "home_address"):
        yield make("location.address", value, 0.95, excerpt=excerpt(value, 0, len(value)))
        return
    subtype = PROFILE_FIELDS.get(field)
    if subtype:
        yield make("identity.profile", value, 0.95, subtype=subtype, excerpt=excerpt(value, 0, len(value)))


def _devices(record: Record, make) -> Iterator[Finding]:
    meta = record.extra.get("meta") or {}
    for name, serial in (meta.get("serials") or {}).items():
        yield make("identity.device", str(serial), 0.95, subtype="serial", extra={"field": name})
    for name, owner in (meta.get("owner") or {}).items():
        yield make("identity.device", str(owner), 0.9, subtype="owner", extra={"field": name})
    device_id = record.extra.get("device_id")
    if device_id:
        yield make("identity.device", str(device_id), 0.9, subtype="device_id")
    listed = dict(record.extra.get("device_ids") or {})
    listed.update({k: record.extra[k] for k in ("advertiser_id", "udid") if record.extra.get(k)})
    for name, value in listed.items():
        if name in DEVICE_IDS and str(value).strip():
            yield make("identity.device", str(value).strip(), 0.9, subtype=DEVICE_IDS[name], extra={"field": name})
    ip = valid_ip(record.extra.get("upload_ip") or record.extra.get("ip"))
    if ip:
        yield make("identity.ip", ip, 0.8, subtype="ip")


def valid_ip(value) -> str | None:
    """The address in its standard form, or None for anything that is not one ("860.44.116.876",
    a placeholder, a device id): only a real address places anyone."""
    text = str(value or "").strip().strip("[]")
    if not text:  # most items carry none: no exception raised and caught for each
        return None
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _tracking(record: Record, make) -> Iterator[Finding]:
    """What the platform learned from elsewhere: an interest it assigned the person, or an app or
    business that reported their activity. (Sensitive words in the name are found by the text scan.)"""
    name = (record.text or "").strip()
    if not name:
        return
    if record.kind == Kind.INTEREST:
        yield make(
            "tracking.interest",
            name,
            0.95,
            subtype=record.extra.get("interest_source"),
            excerpt=excerpt(name, 0, len(name)),
        )
    elif record.kind == Kind.OFF_PLATFORM:
        yield make(
            "tracking.off_platform",
            name,
            0.95,
            excerpt=excerpt(name, 0, len(name)),
            extra={k: record.extra[k] for k in ("events", "event_types", "first_event") if k in record.extra},
        )


def _pixels(record: Record, make) -> Iterator[Finding]:
    image = record.extra.get("image") or {}
    document = image.get("document")
    if document:
        mrz = image.get("mrz") or {}
        confidence = 0.97 if mrz.get("all_valid") else min(0.95, 0.6 + 0.1 * len(document.get("evidence", [])))
        yield make(
            "identity.document_photo",
            document["type"],
            confidence,
            subtype=document["type"],
            excerpt=" ".join((document.get("redacted") or "").split())[:240] or None,
            extra={"evidence": document.get("evidence", []), "mrz_valid": mrz.get("all_valid")},
        )
    faces = image.get("faces") or []
    if faces:
        # One face is often the person; every further face is someone else exposed by the post.
        yield make(
            "identity.face",
            str(len(faces)),
            0.8 if len(faces) > 1 else 0.6,  # said at display time
            subtype="group" if len(faces) > 1 else "single",
            extra={"boxes": faces},
        )
