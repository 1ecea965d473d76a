"""EXIF: the TIFF-structured block inside JPEG APP1, PNG eXIf, WebP EXIF and HEIF Exif items.

Only the IFDs and tags that say something about a person are decoded: IFD0 (camera,
software, author), the Exif IFD (capture time, serial numbers, owner), the GPS IFD and
IFD1 (is there a thumbnail?). Everything works on one bytes buffer with struct offsets;
counts are capped and each IFD is visited once, so a hostile block cannot loop or balloon.

This runs once per photo in an export of thousands, so values are decoded in the same
pass that scans an IFD's entries, and only for the tags asked for.
"""

from __future__ import annotations

import struct

from .model import MediaError, MediaMeta, iso_datetime

MAX_ENTRIES = 1000  # real IFDs hold well under 200 tags

# Entry = tag, type, count, value-or-offset. The last field is read as an integer: it is an
# offset whenever the value is longer than 4 bytes, and inline values are rebuilt from it.
_ENTRY = {"<": struct.Struct("<HHLL"), ">": struct.Struct(">HHLL")}
_U16 = {"<": struct.Struct("<H"), ">": struct.Struct(">H")}
_U32 = {"<": struct.Struct("<L"), ">": struct.Struct(">L")}
_RATIONALS = {
    (e, n, signed): struct.Struct(f"{e}{2 * n}{'l' if signed else 'L'}")
    for e in "<>"
    for n in (1, 2, 3)
    for signed in (False, True)
}
_TAGS_CACHED = 64  # IFDs up to this many entries keep their compiled tag reader (real ones: 5-60)
_TAG_READERS: dict[tuple[str, int], struct.Struct] = {}


def _tag_reader(e: str, count: int) -> struct.Struct:
    """A struct that reads only the tag of each of `count` entries: a camera's IFDs hold dozens
    of entries and we want a few, so only those are unpacked whole (~10% off parse_exif on
    the camera samples; the same on the benchmark's small IFDs)."""
    reader = _TAG_READERS.get((e, count))
    if reader is None:
        reader = struct.Struct(e + "H10x" * count)
        if count <= _TAGS_CACHED:
            _TAG_READERS[e, count] = reader
    return reader


_BYTE_ORDER = {"<": "little", ">": "big"}
# IFD0 (and IFD0-like TIFF files)
_MAKE, _MODEL, _SOFTWARE, _ARTIST, _COPYRIGHT = 0x010F, 0x0110, 0x0131, 0x013B, 0x8298
_WIDTH, _HEIGHT = 0x0100, 0x0101
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_XP_AUTHOR, _CAMERA_SERIAL = 0x9C9D, 0xC62F
_IFD0_TAGS = frozenset(
    {_MAKE, _MODEL, _SOFTWARE, _ARTIST, _COPYRIGHT, _WIDTH, _HEIGHT, _EXIF_IFD, _GPS_IFD, _XP_AUTHOR, _CAMERA_SERIAL}
)
_IFD0_TEXT = {  # tag -> (bucket, key)
    _ARTIST: ("owner", "Artist"),
    _COPYRIGHT: ("owner", "Copyright"),
    _CAMERA_SERIAL: ("serials", "CameraSerialNumber"),
}
_IFD0_PERSONAL = frozenset({*_IFD0_TEXT, _XP_AUTHOR})  # rare in photos: looked for only when present

# Exif IFD
_DATE_ORIGINAL, _DATE_DIGITIZED = 0x9003, 0x9004
_OFFSET_ORIGINAL, _OFFSET_DIGITIZED = 0x9011, 0x9012
_PIXEL_X, _PIXEL_Y = 0xA002, 0xA003
_EXIF_TEXT = {
    0xA420: ("serials", "ImageUniqueID"),
    0xA431: ("serials", "BodySerialNumber"),
    0xA435: ("serials", "LensSerialNumber"),
    0xFDE9: ("serials", "SerialNumber"),  # written by Adobe Camera Raw
    0xA430: ("owner", "CameraOwnerName"),
    0xFDE8: ("owner", "OwnerName"),  # written by Adobe Camera Raw
}
_EXIF_TAGS = frozenset(
    {_DATE_ORIGINAL, _DATE_DIGITIZED, _OFFSET_ORIGINAL, _OFFSET_DIGITIZED, _PIXEL_X, _PIXEL_Y, *_EXIF_TEXT}
)
_EXIF_TEXT_TAGS = frozenset(_EXIF_TEXT)

_GPS_TAGS = frozenset({1, 2, 3, 4, 5, 6})
_THUMB_LENGTH, _STRIP_OFFSETS = 0x0202, 0x0111
_IFD1_TAGS = frozenset({_THUMB_LENGTH, _STRIP_OFFSETS})


def parse_exif(t: bytes, meta: MediaMeta, *, tiff_file: bool = False) -> None:
    """Decode the TIFF block `t` (starting at its 'II'/'MM' header) into `meta`."""
    if len(t) < 8:
        raise MediaError("EXIF block is shorter than a TIFF header")
    order = t[:2]
    if order == b"II":
        e = "<"
    elif order == b"MM":
        e = ">"
    else:
        raise MediaError("EXIF block has no TIFF byte-order mark")
    if _U16[e].unpack_from(t, 2)[0] not in (42, 0x4F52, 0x5352, 0x55):  # TIFF, ORF, RW2
        raise MediaError("EXIF block has a bad TIFF magic number")
    seen: set[int] = set()
    ifd0, ifd1_off = _read_ifd(t, _U32[e].unpack_from(t, 4)[0], _IFD0_TAGS, e, seen, meta)
    if ifd0 is None:
        return
    _take_ifd0(ifd0, meta, tiff_file)
    if type(pointer := ifd0.get(_EXIF_IFD)) is int:
        exif, _ = _read_ifd(t, pointer, _EXIF_TAGS, e, seen, meta)
        if exif:
            _take_exif_ifd(exif, meta)
    if type(pointer := ifd0.get(_GPS_IFD)) is int:
        gps, _ = _read_ifd(t, pointer, _GPS_TAGS, e, seen, meta)
        if gps:
            _take_gps(gps, meta)
    if ifd1_off:
        ifd1, _ = _read_ifd(t, ifd1_off, _IFD1_TAGS, e, seen, meta)
        if ifd1 and (ifd1.get(_THUMB_LENGTH) or _STRIP_OFFSETS in ifd1):
            meta.has_thumbnail = True


def _read_ifd(t, off, wanted, e, seen, meta):
    """({tag: value} for the wanted tags, next IFD offset), or (None, 0) for a bad IFD.

    Values come out as: text (str) for ASCII/UNDEFINED, bytes for BYTE, int for the first
    SHORT/LONG, a flat tuple (num, den, ...) of up to three rationals. Values pointing
    outside the block are dropped.
    """
    size = len(t)
    if off < 8 or off + 2 > size:
        if off:
            meta.warnings.append(f"EXIF IFD offset {off} lies outside the block")
        return None, 0
    if off in seen:
        meta.warnings.append("EXIF IFDs form a loop")
        return None, 0
    seen.add(off)
    count = _U16[e].unpack_from(t, off)[0]
    if count > MAX_ENTRIES:
        meta.warnings.append(f"EXIF IFD claims {count} entries")
        return None, 0
    start = off + 2
    end = start + 12 * count
    if end > size:
        meta.warnings.append("EXIF IFD is truncated")
        end = start + 12 * ((size - start) // 12)
    count = (end - start) // 12
    entry = _ENTRY[e]
    big = e == ">"
    values = {}
    tags = (_TAG_READERS.get((e, count)) or _tag_reader(e, count)).unpack_from(t, start)
    for i, tag in enumerate(tags):
        if tag not in wanted:
            continue
        _, typ, n, v = entry.unpack_from(t, start + 12 * i)
        if typ == 2 or typ == 7:  # ASCII, UNDEFINED: text, up to the first NUL
            if n <= 4:
                raw = v.to_bytes(4, _BYTE_ORDER[e])[:n]
            elif v + n <= size:
                raw = t[v : v + n]
            else:
                continue
            raw = raw.partition(b"\0")[0].strip()
            try:
                values[tag] = raw.decode()
            except UnicodeDecodeError:
                values[tag] = raw.decode("latin-1")
        elif typ == 5 or typ == 10:  # (S)RATIONAL: always stored at an offset
            k = n if n < 3 else 3
            if k and v + 8 * k <= size:
                values[tag] = _RATIONALS[e, k, typ == 10].unpack_from(t, v)
        elif typ == 3 or typ == 8:  # a SHORT sits in the first two bytes of the field
            values[tag] = v >> 16 if big else v & 0xFFFF
        elif typ == 4 or typ == 9 or typ == 13:
            values[tag] = v
        elif typ == 1:  # BYTE
            if n <= 4:
                values[tag] = v.to_bytes(4, _BYTE_ORDER[e])[:n]
            elif v + n <= size:
                values[tag] = t[v : v + n]
    next_off = _U32[e].unpack_from(t, end)[0] if end + 4 <= size else 0
    return values, next_off


def _take_ifd0(ifd, meta, tiff_file) -> None:
    get = ifd.get
    if meta.make is None and type(value := get(_MAKE)) is str and value:
        meta.make = value
    if meta.model is None and type(value := get(_MODEL)) is str and value:
        meta.model = value
    if meta.software is None and type(value := get(_SOFTWARE)) is str and value:
        meta.software = value
    if not _IFD0_PERSONAL.isdisjoint(ifd):
        for tag, value in ifd.items():  # in the file's order, as the owner/serial dicts keep it
            where = _IFD0_TEXT.get(tag)
            if where and value and type(value) is str:
                getattr(meta, where[0]).setdefault(where[1], value)
        author = get(_XP_AUTHOR)
        if type(author) is bytes:  # Windows Explorer's "Authors": UTF-16LE in BYTEs
            author = author.decode("utf-16-le", "replace").split("\0", 1)[0].strip()
            if author:
                meta.owner.setdefault("XPAuthor", author)
    if tiff_file and type(get(_WIDTH)) is int and type(get(_HEIGHT)) is int:
        meta.offer_size(ifd[_WIDTH], ifd[_HEIGHT])


def _take_exif_ifd(ifd, meta) -> None:
    get = ifd.get
    if meta.taken is None:  # the original time, else when it was digitized
        if type(date := get(_DATE_ORIGINAL)) is str:
            offset = get(_OFFSET_ORIGINAL)
            meta.taken = iso_datetime(date, offset if type(offset) is str else None)
        if not meta.taken and type(date := get(_DATE_DIGITIZED)) is str:
            offset = get(_OFFSET_DIGITIZED)
            meta.taken = iso_datetime(date, offset if type(offset) is str else None)
    if not _EXIF_TEXT_TAGS.isdisjoint(ifd):
        for tag, value in ifd.items():  # in the file's order, as the owner/serial dicts keep it
            where = _EXIF_TEXT.get(tag)
            if where and value and type(value) is str:
                getattr(meta, where[0]).setdefault(where[1], value)
    if type(get(_PIXEL_X)) is int and type(get(_PIXEL_Y)) is int:
        meta.offer_size(ifd[_PIXEL_X], ifd[_PIXEL_Y])


def _degrees(rationals, ref, negative: str) -> float | None:
    if type(rationals) is not tuple or 0 in rationals[1::2]:
        return None
    value = rationals[0] / rationals[1]
    if len(rationals) > 2:
        value += rationals[2] / rationals[3] / 60
    if len(rationals) > 4:
        value += rationals[4] / rationals[5] / 3600
    return -abs(value) if type(ref) is str and ref[:1].upper() == negative else value


def _take_gps(ifd, meta) -> None:
    get = ifd.get
    lat = _degrees(get(2), get(1), "S")
    lon = _degrees(get(4), get(3), "W")
    if lat is None or lon is None:
        return
    altitude = None
    alt = get(6)
    if type(alt) is tuple and alt[1]:
        altitude = alt[0] / alt[1]
        if get(5) == b"\x01":  # below sea level
            altitude = -altitude
    meta.offer_position(lat, lon, altitude, "exif")
