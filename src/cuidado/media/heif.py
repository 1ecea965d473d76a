"""HEIF/AVIF item metadata: find the Exif and XMP items through iinf + iloc, and the primary image size through ipma -> ispe."""

from __future__ import annotations

import struct

from .exif import parse_exif
from .isobmff import iter_boxes, read_container
from .model import MediaError, MediaMeta
from .stream import Stream
from .xmp import MAX_XMP, parse_xmp

MAX_EXIF_ITEM = 1024 * 1024
MAX_EXTENTS = 16  # per item; metadata items have one
_U16 = struct.Struct(">H")
_U32 = struct.Struct(">L")


def read_heif_meta(s: Stream, body: int, end: int | None, meta: MediaMeta) -> None:
    buf = read_container(s, body, end, b"meta")
    primary = None
    infos: dict[int, tuple[bytes, bytes]] = {}
    locations: dict[int, tuple[int, list[tuple[int, int]]]] = {}
    props: list[tuple[bytes, int, int]] = []
    assoc: dict[int, list[int]] = {}
    idat = None
    for kind, b, e in iter_boxes(buf, 4, len(buf)):  # meta is a full box: skip version+flags
        if kind == b"pitm" and e - b >= 6:
            primary = _U16.unpack_from(buf, b + 4)[0] if buf[b] == 0 else _U32.unpack_from(buf, b + 4)[0]
        elif kind == b"iinf" and e - b >= 8:
            infos = _item_infos(buf, b, e)
        elif kind == b"iloc" and e - b >= 8:
            locations = _item_locations(buf, b, e)
        elif kind == b"iprp":
            for kind2, b2, e2 in iter_boxes(buf, b, e):
                if kind2 == b"ipco":
                    props = list(iter_boxes(buf, b2, e2))
                elif kind2 == b"ipma" and e2 - b2 >= 8:
                    assoc = _associations(buf, b2, e2)
        elif kind == b"idat":
            idat = (b, e)
    for index in assoc.get(primary, ()) if primary is not None else ():
        if 1 <= index <= len(props) and props[index - 1][0] == b"ispe":
            pb, pe = props[index - 1][1:]
            if pe - pb >= 12:
                meta.offer_size(*struct.unpack_from(">LL", buf, pb + 4))
            break
    exif_ids = [i for i, (kind, _) in infos.items() if kind == b"Exif"]
    xmp_ids = [i for i, (kind, ctype) in infos.items() if kind == b"mime" and ctype == b"application/rdf+xml"]
    if exif_ids and exif_ids[0] in locations:
        data = _item_data(s, buf, idat, locations[exif_ids[0]], MAX_EXIF_ITEM)
        tiff = _exif_payload(data)
        if tiff:
            try:
                parse_exif(tiff, meta)
            except MediaError as err:
                meta.warnings.append(str(err))
    if xmp_ids and xmp_ids[0] in locations:
        data = _item_data(s, buf, idat, locations[xmp_ids[0]], MAX_XMP)
        if data:
            parse_xmp(data, meta)


def _item_infos(buf: bytes, b: int, e: int) -> dict[int, tuple[bytes, bytes]]:
    """{item id: (item type, content type)} from iinf."""
    start = b + 6 if buf[b] == 0 else b + 8
    infos: dict = {}
    for kind, ib, ie in iter_boxes(buf, start, e):
        if kind != b"infe" or ie - ib < 8:
            continue
        version = buf[ib]
        if version >= 2:
            if version == 2:
                item_id, p = _U16.unpack_from(buf, ib + 4)[0], ib + 6
            else:
                item_id, p = _U32.unpack_from(buf, ib + 4)[0], ib + 8
            p += 2  # protection index
            item_type = buf[p : p + 4]
            p += 4
        else:
            item_id, p, item_type = _U16.unpack_from(buf, ib + 4)[0], ib + 8, b"mime"
        name_end = buf.find(b"\x00", p, ie)
        content_type = b""
        if item_type == b"mime" and name_end >= 0:
            ctype_end = buf.find(b"\x00", name_end + 1, ie)
            content_type = buf[name_end + 1 : ctype_end if ctype_end >= 0 else ie]
        infos.setdefault(item_id, (item_type, content_type))
    return infos


def _uint(buf: bytes, p: int, n: int, e: int) -> int:
    if p + n > e:
        raise MediaError("iloc box is cut short")
    return int.from_bytes(buf[p : p + n], "big") if n else 0


def _item_locations(buf: bytes, b: int, e: int) -> dict[int, tuple[int, list[tuple[int, int]]]]:
    """{item id: (construction method, [(offset, length), ...])} from iloc."""
    version = buf[b]
    if version > 2:
        raise MediaError(f"unsupported iloc version {version}")
    offset_size, length_size = buf[b + 4] >> 4, buf[b + 4] & 15
    base_size, index_size = buf[b + 5] >> 4, (buf[b + 5] & 15) if version else 0
    if not {offset_size, length_size, base_size, index_size} <= {0, 4, 8}:
        raise MediaError("iloc uses field sizes other than 0, 4 or 8")
    id_size = 4 if version == 2 else 2
    count = _uint(buf, b + 6, id_size, e)
    p = b + 6 + id_size
    locations: dict = {}
    stride = index_size + offset_size + length_size
    for _ in range(count):
        if p >= e:
            break
        item_id = _uint(buf, p, id_size, e)
        p += id_size
        method = 0
        if version:
            method = _uint(buf, p, 2, e) & 15
            p += 2
        p += 2  # data reference index
        base = _uint(buf, p, base_size, e)
        p += base_size
        n = _uint(buf, p, 2, e)
        p += 2
        extents = []
        for i in range(min(n, MAX_EXTENTS)):
            q = p + i * stride + index_size
            extents.append((base + _uint(buf, q, offset_size, e), _uint(buf, q + offset_size, length_size, e)))
        p += n * stride
        locations.setdefault(item_id, (method, extents))
    return locations


def _associations(buf: bytes, b: int, e: int) -> dict[int, list[int]]:
    """{item id: [property index (1-based)]} from ipma."""
    version, wide = buf[b], buf[b + 3] & 1
    count = _U32.unpack_from(buf, b + 4)[0]
    p = b + 8
    id_size = 2 if version < 1 else 4
    out: dict = {}
    for _ in range(count):
        if p + id_size + 1 > e:
            break
        item_id = int.from_bytes(buf[p : p + id_size], "big")
        n = buf[p + id_size]
        p += id_size + 1
        if wide:
            raw = struct.unpack_from(f">{n}H", buf, p) if p + 2 * n <= e else ()
            indices = [r & 0x7FFF for r in raw]
            p += 2 * n
        else:
            indices = [r & 0x7F for r in buf[p : min(p + n, e)]]
            p += n
        out.setdefault(item_id, indices)
    return out


def _item_data(s: Stream, buf: bytes, idat, location, cap: int) -> bytes:
    method, extents = location
    parts = []
    left = cap
    for offset, length in extents:
        length = min(length or cap, left)  # 0 means "to the end"
        if method == 0:
            part = s.get(offset, length)
        elif method == 1 and idat:
            start = idat[0] + offset
            stop = min(start + length, idat[1])
            # Compiled (mypyc), a bytes slice whose start passes its stop raises SystemError
            # where Python gives b"": an offset past the idat box reads nothing, as in Python.
            part = buf[start:stop] if start <= stop else b""
        else:
            break  # method 2 (data in another item) never holds Exif in practice
        parts.append(part)
        left -= len(part)
        if left <= 0 or not part:
            break
    return b"".join(parts)


def _exif_payload(data: bytes) -> bytes | None:
    """An Exif item is a 4-byte offset to the TIFF header, then (usually 'Exif\\0\\0' and) the header."""
    if len(data) < 12:
        return None
    skip = _U32.unpack_from(data, 0)[0]
    if skip < len(data) - 8 and data[4 + skip : 6 + skip] in (b"II", b"MM"):
        return data[4 + skip :]
    at = data.find(b"Exif\x00\x00", 0, 64)
    return data[at + 6 :] if at >= 0 else None
