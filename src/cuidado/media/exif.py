"""EXIF: the TIFF-structured block inside JPEG APP1, PNG eXIf, WebP EXIF and HEIF Exif items.

Only the IFDs and tags that say something about a person are decoded: IFD0 (camera,
software, author), the Exif IFD (capture time, serial numbers, owner), the GPS IFD and
IFD1 (is there a thumbnail?). Everything works on one bytes buffer with explicit offsets;
counts are capped and each IFD is visited once, so a hostile block cannot loop or balloon.

Written for mypyc, which compiles this module at install (setup.py): integers are assembled from
bytes indexing (bounds-checked like any Python indexing, so a short block raises, never reads past
its end), tag filters are integer comparisons, locals are typed. That is what brings a photo's
read within 3x of merely reading its header bytes (BENCHMARKS.md); run as plain Python it is
slower than struct-based code would be.
"""

from __future__ import annotations

from typing import Final

from mypy_extensions import i64  # a plain int when not compiled; a C int64 under mypyc

from .model import MediaError, MediaMeta, iso_datetime

MAX_ENTRIES: Final = 1000  # real IFDs hold well under 200 tags

# IFD0 (and IFD0-like TIFF files)
_MAKE: Final = 0x010F
_MODEL: Final = 0x0110
_SOFTWARE: Final = 0x0131
_ARTIST: Final = 0x013B
_COPYRIGHT: Final = 0x8298
_WIDTH: Final = 0x0100
_HEIGHT: Final = 0x0101
_EXIF_IFD: Final = 0x8769
_GPS_IFD: Final = 0x8825
_XP_AUTHOR: Final = 0x9C9D
_CAMERA_SERIAL: Final = 0xC62F

# Exif IFD
_DATE_ORIGINAL: Final = 0x9003
_DATE_DIGITIZED: Final = 0x9004
_OFFSET_ORIGINAL: Final = 0x9011
_OFFSET_DIGITIZED: Final = 0x9012
_PIXEL_X: Final = 0xA002
_PIXEL_Y: Final = 0xA003
_IMAGE_UNIQUE_ID: Final = 0xA420
_BODY_SERIAL: Final = 0xA431
_LENS_SERIAL: Final = 0xA435
_ACR_SERIAL: Final = 0xFDE9  # written by Adobe Camera Raw
_CAMERA_OWNER: Final = 0xA430
_ACR_OWNER: Final = 0xFDE8  # written by Adobe Camera Raw

_THUMB_LENGTH: Final = 0x0202
_STRIP_OFFSETS: Final = 0x0111

# Which IFD is being read (selects the wanted tags)
_K_IFD0: Final = 0
_K_EXIF: Final = 1
_K_GPS: Final = 2
_K_IFD1: Final = 3


def _wanted(kind: i64, tag: i64) -> bool:
    """Is `tag` one this kind of IFD is read for? (Final constants: mypyc compiles them in.)"""
    if kind == _K_IFD0:
        return (
            tag == _MAKE
            or tag == _MODEL
            or tag == _SOFTWARE
            or tag == _ARTIST
            or tag == _COPYRIGHT
            or tag == _WIDTH
            or tag == _HEIGHT
            or tag == _EXIF_IFD
            or tag == _GPS_IFD
            or tag == _XP_AUTHOR
            or tag == _CAMERA_SERIAL
        )
    if kind == _K_EXIF:
        return (
            tag == _DATE_ORIGINAL
            or tag == _DATE_DIGITIZED
            or tag == _OFFSET_ORIGINAL
            or tag == _OFFSET_DIGITIZED
            or tag == _PIXEL_X
            or tag == _PIXEL_Y
            or tag == _IMAGE_UNIQUE_ID
            or tag == _BODY_SERIAL
            or tag == _LENS_SERIAL
            or tag == _ACR_SERIAL
            or tag == _CAMERA_OWNER
            or tag == _ACR_OWNER
        )
    if kind == _K_GPS:
        # GPSLatitudeRef .. GPSAltitude
        return 1 <= tag <= 6
    return tag == _THUMB_LENGTH or tag == _STRIP_OFFSETS


def _u16(t: bytes, p: i64, big: bool) -> i64:
    a = i64(t[p])
    b = i64(t[p + 1])
    if big:
        return (a << 8) | b
    return a | (b << 8)


def _u32(t: bytes, p: i64, big: bool) -> i64:
    a = i64(t[p])
    b = i64(t[p + 1])
    c = i64(t[p + 2])
    d = i64(t[p + 3])
    if big:
        return (a << 24) | (b << 16) | (c << 8) | d
    return a | (b << 8) | (c << 16) | (d << 24)


def _s32(t: bytes, p: i64, big: bool) -> i64:
    v = _u32(t, p, big)
    return v - 0x100000000 if v >= 0x80000000 else v


class _Ifd:
    """One IFD's wanted values ({tag: value}) and the offset of the next IFD."""

    __slots__ = ("values", "next_off")

    def __init__(self, values: dict[int, object], next_off: int) -> None:
        self.values = values
        self.next_off = next_off


def parse_exif(t: bytes, meta: MediaMeta, *, tiff_file: bool = False) -> None:
    """Decode the TIFF block `t` (starting at its 'II'/'MM' header) into `meta`."""
    if len(t) < 8:
        raise MediaError("EXIF block is shorter than a TIFF header")
    b0 = t[0]
    b1 = t[1]
    if b0 == 0x49 and b1 == 0x49:  # II
        big = False
    elif b0 == 0x4D and b1 == 0x4D:  # MM
        big = True
    else:
        raise MediaError("EXIF block has no TIFF byte-order mark")
    magic = _u16(t, 2, big)
    if magic != 42 and magic != 0x4F52 and magic != 0x5352 and magic != 0x55:  # TIFF, ORF, RW2
        raise MediaError("EXIF block has a bad TIFF magic number")
    seen: set[int] = set()
    ifd0 = _read_ifd(t, _u32(t, 4, big), _K_IFD0, big, seen, meta)
    if ifd0 is None:
        return
    values0 = ifd0.values
    _take_ifd0(values0, meta, tiff_file)
    pointer = values0.get(_EXIF_IFD)
    if type(pointer) is int:
        exif = _read_ifd(t, pointer, _K_EXIF, big, seen, meta)
        if exif is not None and exif.values:
            _take_exif_ifd(exif.values, meta)
    pointer = values0.get(_GPS_IFD)
    if type(pointer) is int:
        gps = _read_ifd(t, pointer, _K_GPS, big, seen, meta)
        if gps is not None and gps.values:
            _take_gps(gps.values, meta)
    ifd1_off = ifd0.next_off
    if ifd1_off:
        ifd1 = _read_ifd(t, ifd1_off, _K_IFD1, big, seen, meta)
        if ifd1 is not None and ifd1.values:
            v1 = ifd1.values
            if v1.get(_THUMB_LENGTH) or _STRIP_OFFSETS in v1:
                meta.has_thumbnail = True


def _is_space(c: i64) -> bool:
    """What bytes.strip() removes: ASCII whitespace."""
    return c == 0x20 or 0x09 <= c <= 0x0D


def _text(t: bytes, a: i64, n: i64) -> str:
    """t[a:a+n] up to its first NUL, stripped, decoded: raw.partition(b"\\0")[0].strip().decode(),
    with one slice instead of three (the caller has checked a + n <= len(t))."""
    e = a
    stop = a + n
    while e < stop and t[e] != 0:
        e += 1
    while a < e and _is_space(t[a]):
        a += 1
    while e > a and _is_space(t[e - 1]):
        e -= 1
    raw = t[a:e]
    try:
        return raw.decode()
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _r32(t: bytes, p: i64, signed: bool, big: bool) -> int:
    return _s32(t, p, big) if signed else _u32(t, p, big)


def _rationals(t: bytes, v: i64, k: i64, signed: bool, big: bool) -> tuple[int, ...]:
    """The flat (num, den, ...) tuple of k (1-3) rationals at v (checked: v + 8k <= len)."""
    if k == 1:
        return (_r32(t, v, signed, big), _r32(t, v + 4, signed, big))
    if k == 2:
        return (
            _r32(t, v, signed, big),
            _r32(t, v + 4, signed, big),
            _r32(t, v + 8, signed, big),
            _r32(t, v + 12, signed, big),
        )
    return (
        _r32(t, v, signed, big),
        _r32(t, v + 4, signed, big),
        _r32(t, v + 8, signed, big),
        _r32(t, v + 12, signed, big),
        _r32(t, v + 16, signed, big),
        _r32(t, v + 20, signed, big),
    )


def _read_ifd(t: bytes, off: i64, kind: i64, big: bool, seen: set[int], meta: MediaMeta) -> _Ifd | None:
    """The wanted tags' values and the next IFD offset, or None for a bad IFD.

    Values come out as: text (str) for ASCII/UNDEFINED, bytes for BYTE, int for the first
    SHORT/LONG, a flat tuple (num, den, ...) of up to three rationals. Values pointing
    outside the block are dropped.
    """
    size: i64 = len(t)
    if off < 8 or off + 2 > size:
        if off:
            meta.warnings.append(f"EXIF IFD offset {off} lies outside the block")
        return None
    if off in seen:
        meta.warnings.append("EXIF IFDs form a loop")
        return None
    seen.add(off)
    count = _u16(t, off, big)
    if count > MAX_ENTRIES:
        meta.warnings.append(f"EXIF IFD claims {count} entries")
        return None
    start = off + 2
    end = start + 12 * count
    if end > size:
        meta.warnings.append("EXIF IFD is truncated")
        end = start + 12 * ((size - start) // 12)
    values: dict[int, object] = {}
    p = start
    while p < end:
        tag = _u16(t, p, big)
        if not _wanted(kind, tag):
            p += 12
            continue
        typ = _u16(t, p + 2, big)
        n = _u32(t, p + 4, big)
        q = p + 8  # the value field: the value itself when it fits in 4 bytes, else its offset
        p += 12
        if typ == 2 or typ == 7:  # ASCII, UNDEFINED: text, up to the first NUL
            if n <= 4:
                values[tag] = _text(t, q, n)
            else:
                v = _u32(t, q, big)
                if v + n <= size:
                    values[tag] = _text(t, v, n)
        elif typ == 5 or typ == 10:  # (S)RATIONAL: always stored at an offset
            k = n if n < 3 else 3
            v = _u32(t, q, big)
            if k and v + 8 * k <= size:
                values[tag] = _rationals(t, v, k, typ == 10, big)
        elif typ == 3 or typ == 8:  # a SHORT sits in the first two bytes of the field
            values[tag] = _u16(t, q, big)
        elif typ == 4 or typ == 9 or typ == 13:
            values[tag] = _u32(t, q, big)
        elif typ == 1:  # BYTE
            if n <= 4:
                values[tag] = t[q : q + n]
            else:
                v = _u32(t, q, big)
                if v + n <= size:
                    values[tag] = t[v : v + n]
    next_off = _u32(t, end, big) if end + 4 <= size else 0
    return _Ifd(values, next_off)


def _take_ifd0(ifd: dict[int, object], meta: MediaMeta, tiff_file: bool) -> None:
    if meta.make is None:
        value = ifd.get(_MAKE)
        if isinstance(value, str) and value:
            meta.make = value
    if meta.model is None:
        value = ifd.get(_MODEL)
        if isinstance(value, str) and value:
            meta.model = value
    if meta.software is None:
        value = ifd.get(_SOFTWARE)
        if isinstance(value, str) and value:
            meta.software = value
    if _ARTIST in ifd or _COPYRIGHT in ifd or _CAMERA_SERIAL in ifd or _XP_AUTHOR in ifd:
        for tag, value in ifd.items():  # in the file's order, as the owner/serial dicts keep it
            if isinstance(value, str) and value:
                if tag == _ARTIST:
                    meta.owner.setdefault("Artist", value)
                elif tag == _COPYRIGHT:
                    meta.owner.setdefault("Copyright", value)
                elif tag == _CAMERA_SERIAL:
                    meta.serials.setdefault("CameraSerialNumber", value)
        author_raw = ifd.get(_XP_AUTHOR)
        if isinstance(author_raw, bytes):  # Windows Explorer's "Authors": UTF-16LE in BYTEs
            author = author_raw.decode("utf-16-le", "replace").split("\0", 1)[0].strip()
            if author:
                meta.owner.setdefault("XPAuthor", author)
    if tiff_file:
        width = ifd.get(_WIDTH)
        height = ifd.get(_HEIGHT)
        if isinstance(width, int) and isinstance(height, int):
            meta.offer_size(width, height)


def _take_exif_ifd(ifd: dict[int, object], meta: MediaMeta) -> None:
    if meta.taken is None:  # the original time, else when it was digitized
        date = ifd.get(_DATE_ORIGINAL)
        if isinstance(date, str):
            offset = ifd.get(_OFFSET_ORIGINAL)
            meta.taken = iso_datetime(date, offset if isinstance(offset, str) else None)
        if not meta.taken:
            date = ifd.get(_DATE_DIGITIZED)
            if isinstance(date, str):
                offset = ifd.get(_OFFSET_DIGITIZED)
                meta.taken = iso_datetime(date, offset if isinstance(offset, str) else None)
    for tag, value in ifd.items():  # in the file's order, as the owner/serial dicts keep it
        if tag >= 0xA420 and isinstance(value, str) and value:
            if tag == _IMAGE_UNIQUE_ID:
                meta.serials.setdefault("ImageUniqueID", value)
            elif tag == _BODY_SERIAL:
                meta.serials.setdefault("BodySerialNumber", value)
            elif tag == _LENS_SERIAL:
                meta.serials.setdefault("LensSerialNumber", value)
            elif tag == _ACR_SERIAL:
                meta.serials.setdefault("SerialNumber", value)
            elif tag == _CAMERA_OWNER:
                meta.owner.setdefault("CameraOwnerName", value)
            elif tag == _ACR_OWNER:
                meta.owner.setdefault("OwnerName", value)
    width = ifd.get(_PIXEL_X)
    height = ifd.get(_PIXEL_Y)
    if isinstance(width, int) and isinstance(height, int):
        meta.offer_size(width, height)


def _degrees(rationals: object, ref: object, negative: str) -> float | None:
    if not isinstance(rationals, tuple):
        return None
    r: tuple[int, ...] = rationals
    n = len(r)
    i = 1
    while i < n:
        if r[i] == 0:
            return None
        i += 2
    value: float = r[0] / r[1]
    if n > 2:
        value += r[2] / r[3] / 60
    if n > 4:
        value += r[4] / r[5] / 3600
    if isinstance(ref, str) and ref[:1].upper() == negative:
        return -abs(value)
    return value


def _take_gps(ifd: dict[int, object], meta: MediaMeta) -> None:
    lat = _degrees(ifd.get(2), ifd.get(1), "S")
    lon = _degrees(ifd.get(4), ifd.get(3), "W")
    if lat is None or lon is None:
        return
    altitude: float | None = None
    alt = ifd.get(6)
    if isinstance(alt, tuple):
        a: tuple[int, ...] = alt
        if a[1]:
            altitude = a[0] / a[1]
            if ifd.get(5) == b"\x01":  # below sea level
                altitude = -altitude
    meta.offer_position(lat, lon, altitude, "exif")
