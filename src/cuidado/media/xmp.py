"""XMP packets: the RDF/XML blob beside EXIF (JPEG APP1, PNG iTXt, WebP, HEIF, MP4 uuid).

A regex tokenizer rather than an XML parser: packets are often not well-formed, entity
expansion is never needed, and a single linear pass over the tags is enough to collect
the few properties we care about, whether written as attributes or as elements.
"""

from __future__ import annotations

import html
import re

from .model import MediaMeta, iso_datetime

MAX_XMP = 4 * 1024 * 1024

# `[^<>]*` stops at the next tag, so every tag is scanned once: no quadratic backtracking.
_TAG = re.compile(r"<(/?)([A-Za-z_][\w.\-]*):([A-Za-z_][\w.\-]*)([^<>]*)>")
_ATTR = re.compile(r"([A-Za-z_][\w.\-]*):([A-Za-z_][\w.\-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_LI = re.compile(r"<rdf:li\b[^<>]*>([^<]*)</rdf:li>")
_ANY_TAG = re.compile(r"<[^<>]*>")

# (prefix, name) -> what it fills
_WANTED = {
    ("exif", "GPSLatitude"): "lat",
    ("exif", "GPSLongitude"): "lon",
    ("exif", "GPSAltitude"): "alt",
    ("exif", "GPSAltitudeRef"): "alt_ref",
    ("exif", "DateTimeOriginal"): "date",
    ("xmp", "CreateDate"): "date2",
    ("photoshop", "DateCreated"): "date3",
    ("tiff", "Make"): "make",
    ("tiff", "Model"): "model",
    ("xmp", "CreatorTool"): "software",
    ("aux", "SerialNumber"): "serial:SerialNumber",
    ("exifEX", "BodySerialNumber"): "serial:BodySerialNumber",
    ("aux", "LensSerialNumber"): "serial:LensSerialNumber",
    ("exifEX", "LensSerialNumber"): "serial:LensSerialNumber",
    ("exif", "ImageUniqueID"): "serial:ImageUniqueID",
    ("exifEX", "ImageUniqueID"): "serial:ImageUniqueID",
    ("aux", "OwnerName"): "owner:OwnerName",
    ("exifEX", "CameraOwnerName"): "owner:CameraOwnerName",
    ("dc", "creator"): "owner:Creator",
    ("dc", "rights"): "owner:Rights",
    ("tiff", "Artist"): "owner:Artist",
    ("Iptc4xmpCore", "CiEmailWork"): "owner:Email",
    ("Iptc4xmpCore", "CiTelWork"): "owner:Phone",
    ("Iptc4xmpCore", "Location"): "place:0",
    ("photoshop", "City"): "place:1",
    ("photoshop", "State"): "place:2",
    ("photoshop", "Country"): "place:3",
}
_WANTED_NAMES = frozenset(name for _, name in _WANTED)


def decode_packet(data: bytes) -> str:
    """XMP may be UTF-8 or UTF-16/32; the first bytes tell which."""
    head = data[:4]
    if head.startswith((b"\xfe\xff", b"\x00<")) and not head.startswith(b"\x00\x00"):
        return data.decode("utf-16-be", "replace")
    if head.startswith((b"\xff\xfe", b"<\x00")) and not head.startswith(b"\xff\xfe\x00\x00"):
        return data.decode("utf-16-le", "replace")
    if head.startswith((b"\x00\x00\xfe\xff", b"\x00\x00\x00<")):
        return data.decode("utf-32-be", "replace")
    if head.startswith((b"\xff\xfe\x00\x00", b"<\x00\x00\x00")):
        return data.decode("utf-32-le", "replace")
    return data.decode("utf-8", "replace")


def collect(text: str) -> dict[str, str]:
    """{field: raw value} for the properties in _WANTED; the first occurrence wins."""
    found: dict[str, str] = {}
    open_at: dict[tuple[str, str], int] = {}
    for m in _TAG.finditer(text):
        closing, prefix, name, attrs = m.groups()
        if closing:
            key = (prefix, name)
            start = open_at.pop(key, None)
            if start is not None and key in _WANTED:
                _keep(found, _WANTED[key], _element_text(text[start : m.start()]))
            continue
        if attrs and "=" in attrs:
            for am in _ATTR.finditer(attrs):
                key = (am.group(1), am.group(2))
                if key in _WANTED:
                    _keep(found, _WANTED[key], am.group(3) if am.group(3) is not None else am.group(4))
        if name in _WANTED_NAMES and not attrs.rstrip().endswith("/"):
            open_at[(prefix, name)] = m.end()
    return found


def _keep(found: dict[str, str], field: str, value: str | None) -> None:
    if value is None or field in found:
        return
    value = html.unescape(value).strip()
    if value:
        found[field] = value


def _element_text(inner: str) -> str:
    """Text of an element; for rdf:Seq/Bag/Alt lists, the first item."""
    if "<" not in inner:
        return inner
    li = _LI.search(inner)
    if li:
        return li.group(1)
    return _ANY_TAG.sub("", inner)


def parse_xmp(data: bytes, meta: MediaMeta) -> None:
    found = collect(decode_packet(data[:MAX_XMP]))
    if not found:
        return
    lat = gps_coordinate(found.get("lat"))
    lon = gps_coordinate(found.get("lon"))
    altitude = _number(found.get("alt"))
    if altitude is not None and found.get("alt_ref", "").strip() == "1":
        altitude = -altitude
    meta.offer_position(lat, lon, altitude, "xmp")
    for key in ("date", "date2", "date3"):
        taken = iso_datetime(found.get(key))
        if taken:
            meta.offer("taken", taken)
            break
    for key in ("make", "model", "software"):
        meta.offer(key, found.get(key))
    place = []
    for key, value in sorted(found.items()):
        if key.startswith("serial:"):
            meta.serials.setdefault(key[7:], value)
        elif key.startswith("owner:"):
            meta.owner.setdefault(key[6:], value)
        elif key.startswith("place:"):
            place.append(value)
    if place and meta.xmp_location is None:
        meta.xmp_location = ", ".join(place)


_COORD = re.compile(r"\s*([+-]?\d+(?:\.\d+)?)(?:,(\d+(?:\.\d+)?))?(?:,(\d+(?:\.\d+)?))?\s*([NSEWnsew])?\s*$")


def gps_coordinate(text: str | None) -> float | None:
    """XMP GPS text: '51,30.12N', '51,30,7.2N', or plain decimal degrees ('-0.1275')."""
    if not text:
        return None
    m = _COORD.match(text)
    if not m:
        return None
    deg, minutes, seconds, ref = m.groups()
    value = abs(float(deg)) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    negative = deg.startswith("-") or (ref is not None and ref.upper() in "SW")
    return -value if negative else value


def _number(text: str | None) -> float | None:
    """'634/1' or '12.5' -> float."""
    if not text:
        return None
    num, _, den = text.partition("/")
    try:
        value = float(num) / float(den) if den else float(num)
    except (ValueError, ZeroDivisionError):
        return None
    return value if value == value and abs(value) != float("inf") else None
