"""MP4/MOV movie metadata: mvhd creation time, track size, udta atoms, keys/ilst items.

Phones write the same facts in several places (Apple: `keys` + `ilst`; Android: `udta`
©xyz and `com.android.*` keys; cameras: `udta` ©mak/©mod), so candidates are collected
under a source-qualified name first and resolved once, in a fixed order of preference.
"""

from __future__ import annotations

import re
import struct
from typing import Final

from mypy_extensions import i64  # a plain int when not compiled; a C int64 under mypyc

from .exif import _is_space
from .isobmff import _be32, iter_boxes, iter_stream_boxes, read_container
from .model import MediaError, MediaMeta, iso_datetime
from .stream import Stream
from .xmp import parse_xmp

_SECONDS_1904_TO_1970 = 2082844800
_TWO_DIGITS: Final = tuple(f"{n:02d}" for n in range(60))  # "00" .. "59"
_U32 = struct.Struct(">L")

# (latitude, longitude, altitude or None), in degrees and metres.
Position = tuple[float, float, float | None]

_UDTA_TEXT = {
    b"\xa9mak": "udta.make",
    b"\xa9mod": "udta.model",
    b"\xa9swr": "udta.software",
    b"\xa9day": "udta.date",
    b"\xa9ART": "owner.Artist",
    b"\xa9aut": "owner.Author",
    b"\xa9cpy": "owner.Copyright",
    b"\xa9xyz": "udta.xyz",
}
_ITEM_KEYS = {
    b"com.apple.quicktime.location.ISO6709": "keys.xyz",
    b"com.apple.quicktime.make": "keys.make",
    b"com.apple.quicktime.model": "keys.model",
    b"com.apple.quicktime.software": "keys.software",
    b"com.apple.quicktime.creationdate": "keys.date",
    b"com.apple.quicktime.author": "owner.Author",
    b"com.apple.quicktime.artist": "owner.Artist",
    b"com.apple.quicktime.copyright": "owner.Copyright",
    b"com.apple.quicktime.content.identifier": "serial.ContentIdentifier",
    b"com.android.manufacturer": "android.make",
    b"com.android.model": "android.model",
    b"com.android.version": "android.version",
    b"\xa9xyz": "ilst.xyz",
    b"\xa9ART": "owner.Artist",
    b"\xa9too": "ilst.software",
}
_PREFERENCE = {
    "make": ("keys.make", "udta.make", "android.make", "udta.pentax"),
    "model": ("keys.model", "udta.model", "android.model"),
    "software": ("keys.software", "udta.software", "android.version", "ilst.software"),
    "taken": ("keys.date", "udta.date", "mvhd.date"),
}


def read_moov(s: Stream, body: int, end: int | None, meta: MediaMeta) -> None:
    found: dict = {}
    for kind, b, e in iter_stream_boxes(s, body, end, meta):
        try:
            if kind == b"mvhd":
                _movie_header(s.get(b, 16), found)
            elif kind == b"trak" and "size" not in found:
                for kind2, b2, _ in iter_stream_boxes(s, b, e, meta):
                    if kind2 == b"tkhd":
                        _track_header(s.get(b2, 96), found)
                        break
            elif kind == b"udta":
                buf = read_container(s, b, e, kind)
                _user_data(buf, found)
            elif kind == b"meta":
                buf = read_container(s, b, e, kind)
                _item_meta(buf, 0, len(buf), found)
        except MediaError as err:
            meta.warnings.append(str(err))
    _apply(found, meta)


def _movie_header(data: bytes, found: dict) -> None:
    if len(data) < 8:
        return
    seconds = struct.unpack_from(">Q", data, 4)[0] if data[0] == 1 and len(data) >= 12 else _U32.unpack_from(data, 4)[0]
    # 0 means unknown; anything before 1970 is an encoder's placeholder, not a capture time.
    if seconds > _SECONDS_1904_TO_1970 and seconds < _SECONDS_1904_TO_1970 + 8000 * 365 * 86400:
        found.setdefault("mvhd.date", _utc_text(seconds - _SECONDS_1904_TO_1970))


def _utc_text(seconds: i64) -> str:
    """'%Y-%m-%dT%H:%M:%S+00:00' of a time `seconds` (>= 0) after 1970-01-01 UTC: what datetime
    would print, by integer arithmetic at a tenth of its cost (days to date: H. Hinnant's
    civil_from_days, in 400-year eras counted from 0000-03-01)."""
    days = seconds // 86400
    left = seconds - days * 86400
    z = days + 719468  # days since 0000-03-01
    era = z // 146097
    day_of_era = z - era * 146097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)  # from March 1st
    month_from_march = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_from_march + 2) // 5 + 1
    month = month_from_march + 3 if month_from_march < 10 else month_from_march - 9
    year = year_of_era + era * 400 + (1 if month <= 2 else 0)
    hour = left // 3600
    minute = left // 60 % 60
    second = left % 60
    # Years 1970-9999 need no padding; format specs cost mypyc more than all the arithmetic.
    two = _TWO_DIGITS
    return f"{year}-{two[month]}-{two[day]}T{two[hour]}:{two[minute]}:{two[second]}+00:00"


def _track_header(data: bytes, found: dict) -> None:
    at = 88 if data[:1] == b"\x01" else 76
    if len(data) >= at + 8:
        width, height = struct.unpack_from(">LL", data, at)
        if width >> 16 and height >> 16:
            found["size"] = (width >> 16, height >> 16)


def _user_data(buf: bytes, found: dict) -> None:
    for kind, b, e in iter_boxes(buf, 0, len(buf)):
        if kind in _UDTA_TEXT:
            _keep(found, _UDTA_TEXT[kind], _qt_text(buf, b, e))
        elif kind == b"loci":
            found.setdefault("udta.loci", _loci(buf, b, e))
        elif kind == b"XMP_":
            found.setdefault("xmp", buf[b:e])
        elif kind == b"TAGS" and buf.startswith(b"PENTAX", b):  # Pentax cameras' own block
            _keep(found, "udta.pentax", _decode(buf[b : min(b + 24, e)]))
        elif kind == b"meta":
            _item_meta(buf, b, e, found)


def _item_meta(buf: bytes, b: int, e: int, found: dict) -> None:
    """A meta box holding keys + ilst (QuickTime 'mdta') or a bare ilst (iTunes 'mdir')."""
    start = b + 4 if buf[b : b + 4] == b"\x00\x00\x00\x00" else b  # ISO meta is a full box
    keys: list[bytes] = []
    items = None
    for kind, cb, ce in iter_boxes(buf, start, e):
        if kind == b"keys":
            keys = _keys(buf, cb, ce)
        elif kind == b"ilst":
            items = (cb, ce)
    if items is None:
        return
    for kind, ib, ie in iter_boxes(buf, *items):
        if keys:
            index = _be32(kind, 0)  # kind is 4 bytes
            name = keys[index - 1] if 1 <= index <= len(keys) else None
        else:
            name = kind
        target = _ITEM_KEYS.get(name) if name is not None else None
        if target:
            _keep(found, target, _data_value(buf, ib, ie))


def _keys(buf: bytes, b: int, e: int) -> list[bytes]:
    count = _be32(buf, b + 4) if e - b >= 8 else 0
    keys, p = [], b + 8
    for _ in range(count):
        if p + 8 > e:
            break
        size = _be32(buf, p)
        if size < 8 or p + size > e:
            break
        keys.append(buf[p + 8 : p + size])
        p += size
    return keys


def _data_value(buf: bytes, b: int, e: int) -> str | None:
    for kind, db, de in iter_boxes(buf, b, e):
        if kind == b"data" and de - db >= 8:
            kind_code = _be32(buf, db) & 0xFFFFFF
            raw = buf[db + 8 : de]
            if kind_code == 2:
                return raw.decode("utf-16-be", "replace").strip("\x00 ")
            return _decode(raw) if kind_code in (0, 1) else None
    return None


def _qt_text(buf: bytes, b: int, e: int) -> str | None:
    """QuickTime user-data text: 16-bit length, 16-bit language, then the text."""
    if buf[b + 4 : b + 8] == b"data":  # iTunes-style atom inside udta
        return _data_value(buf, b, e)
    if e - b >= 4:
        n = (buf[b] << 8) | buf[b + 1]
        if 0 < n <= e - b - 4:
            return _decode(buf[b + 4 : b + 4 + n])
    return _decode(buf[b:e])


def _decode(raw: bytes) -> str | None:
    # raw.split(b"\0", 1)[0].strip() by index: compiled, the loops cost less than the method calls
    end: i64 = 0
    n: i64 = len(raw)
    while end < n and raw[end] != 0:
        end += 1
    start: i64 = 0
    while start < end and _is_space(raw[start]):
        start += 1
    while end > start and _is_space(raw[end - 1]):
        end -= 1
    if start == end:
        return None
    raw = raw[start:end]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("mac_roman")  # QuickTime's legacy text encoding


def _keep(found: dict, key: str, value) -> None:
    if value and key not in found:
        found[key] = value


def _loci(buf: bytes, b: int, e: int) -> Position | None:
    """3GPP location: full box, language, name, role, then 16.16 longitude, latitude, altitude."""
    p = b + 6
    if buf[p : p + 2] in (b"\xfe\xff", b"\xff\xfe"):
        end = p
        while end + 1 < e and buf[end : end + 2] != b"\x00\x00":
            end += 2
        p = end + 2
    else:
        end = buf.find(b"\x00", p, e)
        if end < 0:
            return None
        p = end + 1
    p += 1  # role
    if p + 12 > e:
        return None
    lon, lat, alt = (v / 65536 for v in struct.unpack_from(">lll", buf, p))
    return lat, lon, alt


_ISO6709 = re.compile(r"\s*([+-]\d+(?:\.\d*)?)([+-]\d+(?:\.\d*)?)([+-]\d+(?:\.\d*)?)?")


def parse_iso6709(text: str | None) -> Position | None:
    """'+51.5012-000.1275+010.000/' (or ±DDMM.mm / ±DDMMSS.s forms) -> (lat, lon, alt)."""
    if not text:
        return None
    m = _ISO6709.match(text)
    if not m:
        return None
    lat_text, lon_text, alt_text = m.groups()  # one call, not four: each is a Python method call
    lat, lon = _iso_part(lat_text, 2), _iso_part(lon_text, 3)
    if lat is None or lon is None:
        return None
    return lat, lon, float(alt_text) if alt_text else None


def _iso_part(token: str, degree_digits: int) -> float | None:
    digits, _, fraction = token[1:].partition(".")
    fraction = "." + fraction if fraction else ""
    n = len(digits)
    if n <= degree_digits:
        value = float(digits + fraction)
    elif n == degree_digits + 2:
        value = int(digits[:degree_digits]) + float(digits[degree_digits:] + fraction) / 60
    elif n == degree_digits + 4:
        value = (
            int(digits[:degree_digits])
            + int(digits[degree_digits : degree_digits + 2]) / 60
            + float(digits[degree_digits + 2 :] + fraction) / 3600
        )
    else:
        return None
    return -value if token[0] == "-" else value


def _apply(found: dict, meta: MediaMeta) -> None:
    for key in ("keys.xyz", "udta.xyz", "ilst.xyz", "udta.loci"):
        value = found.get(key)
        position: Position | None = value if key == "udta.loci" else parse_iso6709(value)
        if position:
            lat, lon, altitude = position
            meta.offer_position(lat, lon, altitude, "quicktime")
    for field, keys in _PREFERENCE.items():
        for key in keys:
            value = found.get(key)
            if key == "android.version" and value:
                value = f"Android {value}"
            elif field == "taken":
                value = iso_datetime(value)
            if value:
                meta.offer(field, value)
                break
    if "size" in found:
        meta.offer_size(*found["size"])
    for key, value in found.items():
        if key.startswith("owner."):
            meta.owner.setdefault(key[6:], value)
        elif key.startswith("serial."):
            meta.serials.setdefault(key[7:], value)
    if "xmp" in found:
        parse_xmp(found["xmp"], meta)
