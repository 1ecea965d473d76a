"""WebP: RIFF chunks. EXIF and XMP usually follow the image data, so we skip over it.
Clean: drop the EXIF and XMP chunks and their flags; image data untouched (lossless)."""

from __future__ import annotations

import struct

from .exif import parse_exif
from .model import MediaError, MediaMeta
from .stream import Stream
from .xmp import parse_xmp

MAX_CHUNKS = 10000
MAX_META = 4 * 1024 * 1024
_HEAD = struct.Struct("<4sL")
_FLAG_XMP, _FLAG_EXIF = 0x04, 0x08


def read_webp(s: Stream, meta: MediaMeta) -> None:
    riff = s.get(0, 12)
    riff_end = 8 + struct.unpack_from("<L", riff, 4)[0]
    exif = xmp = None
    wants = _FLAG_EXIF | _FLAG_XMP  # until VP8X says which are present
    off = 12
    for _ in range(MAX_CHUNKS):
        if off + 8 > riff_end:
            break
        head = s.get(off, 8)
        if len(head) < 8:
            meta.warnings.append("WebP ends before its RIFF size")
            break
        kind, length = _HEAD.unpack(head)
        body = off + 8
        if kind == b"VP8X":
            data = s.get(body, 10)
            if len(data) == 10:
                wants = data[0] & (_FLAG_EXIF | _FLAG_XMP)
                meta.offer_size(1 + int.from_bytes(data[4:7], "little"), 1 + int.from_bytes(data[7:10], "little"))
        elif kind == b"VP8 ":
            data = s.get(body, 10)
            if len(data) == 10 and data[3:6] == b"\x9d\x01\x2a":
                w, h = struct.unpack_from("<HH", data, 6)
                meta.offer_size(w & 0x3FFF, h & 0x3FFF)
        elif kind == b"VP8L":
            data = s.get(body, 5)
            if len(data) == 5 and data[0] == 0x2F:
                bits = int.from_bytes(data[1:5], "little")
                meta.offer_size((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        elif kind == b"EXIF" and exif is None and length <= MAX_META:
            data = s.get(body, length)
            exif = data[6:] if data.startswith(b"Exif\x00\x00") else data
            wants &= ~_FLAG_EXIF
        elif kind == b"XMP " and xmp is None and length <= MAX_META:
            xmp = s.get(body, length)
            wants &= ~_FLAG_XMP
        if kind in (b"VP8 ", b"VP8L") and off == 12:
            break  # simple format: a lone image chunk, no room for metadata
        if not wants:
            break
        off = body + length + (length & 1)  # chunks are padded to even sizes
    else:
        meta.warnings.append("WebP has too many chunks")
    if exif:
        try:
            parse_exif(exif, meta)
        except MediaError as err:
            meta.warnings.append(str(err))
    if xmp:
        parse_xmp(xmp, meta)


# ---- cleaning ------------------------------------------------------------------------------------

_DROP_CHUNKS = {b"EXIF", b"XMP "}


def clean_webp(data: bytes) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        kind, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        end = pos + 8 + size + (size & 1)
        if end > len(data) + 1:
            raise ValueError("truncated WebP chunk")
        chunk = data[pos:end]
        if kind == b"VP8X" and len(chunk) > 8:  # a VP8X too short to hold its flags is kept as it is
            flags = chunk[8] & ~0x0C  # clear the EXIF (0x08) and XMP (0x04) flags
            chunk = chunk[:8] + bytes([flags]) + chunk[9:]
        if kind not in _DROP_CHUNKS:
            chunks.append(chunk)
        pos = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
