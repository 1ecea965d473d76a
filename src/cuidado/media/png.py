"""PNG: chunks up to the image data; EXIF from eXIf or an ImageMagick 'Raw profile' text, XMP from iTXt.
Clean: keep the chunks that draw the picture, drop text, EXIF, time and unknowns (lossless)."""

from __future__ import annotations

import struct
import zlib

from .exif import parse_exif
from .model import MediaError, MediaMeta
from .stream import Stream
from .xmp import MAX_XMP, parse_xmp

MAX_CHUNKS = 10000
MAX_TEXT = 4 * 1024 * 1024  # a metadata chunk larger than this is skipped, not read
_HEAD = struct.Struct(">L4s")
_XMP_KEYWORD = b"XML:com.adobe.xmp"
_RAW_PROFILES = (b"Raw profile type exif", b"Raw profile type APP1")


def read_png(s: Stream, meta: MediaMeta, *, deep: bool = False) -> None:
    """`deep`: keep going past IDAT (some writers put metadata at the end; costs a skip over the pixels)."""
    exif = xmp = None
    off = 8
    for _ in range(MAX_CHUNKS):
        head = s.get(off, 8)
        if len(head) < 8:
            meta.warnings.append("PNG ends without IEND")
            break
        length, kind = _HEAD.unpack(head)
        if length > 0x7FFFFFFF:
            raise MediaError(f"PNG chunk {kind!r} declares {length} bytes")
        body = off + 8
        if kind == b"IHDR":
            data = s.get(body, 8)
            if len(data) == 8:
                meta.offer_size(*struct.unpack(">LL", data))
        elif kind == b"IEND" or (kind == b"IDAT" and not deep):
            break
        elif length <= MAX_TEXT and kind in (b"eXIf", b"iTXt", b"tEXt", b"zTXt"):
            data = s.get(body, length)
            if kind == b"eXIf" and exif is None:
                exif = data[6:] if data.startswith(b"Exif\x00\x00") else data
            elif kind == b"iTXt" and xmp is None and data.startswith(_XMP_KEYWORD + b"\x00"):
                xmp = _itxt_text(data)
            elif kind != b"iTXt" and exif is None and data.startswith(_RAW_PROFILES):
                exif = _raw_profile(data, compressed=kind == b"zTXt")
        off = body + length + 4  # + CRC
    else:
        meta.warnings.append("PNG has too many chunks")
    if exif:
        try:
            parse_exif(exif, meta)
        except MediaError as err:
            meta.warnings.append(str(err))
    if xmp:
        parse_xmp(xmp, meta)


def _inflate(data: bytes, limit: int) -> bytes:
    """zlib with an output cap, so a small bomb cannot expand into memory."""
    try:
        return zlib.decompressobj().decompress(data, limit)
    except zlib.error as err:
        raise MediaError(f"PNG text chunk does not decompress: {err}") from None


def _itxt_text(data: bytes) -> bytes | None:
    # keyword \0 compressed-flag method language \0 translated-keyword \0 text
    rest = data[len(_XMP_KEYWORD) + 1 :]
    if len(rest) < 2:
        return None
    compressed = rest[0] == 1
    parts = rest[2:].split(b"\x00", 2)
    if len(parts) < 3:
        return None
    text = parts[2]
    return _inflate(text, MAX_XMP) if compressed else text


def _raw_profile(data: bytes, *, compressed: bool) -> bytes | None:
    """ImageMagick's 'Raw profile type exif': '\\nexif\\n   <length>\\n<hex lines>'."""
    text = data.split(b"\x00", 1)[1] if b"\x00" in data else b""
    if compressed:
        text = _inflate(text[1:], MAX_TEXT * 2)  # after the compression-method byte
    lines = text.split(b"\n", 3)
    if len(lines) < 4:
        return None
    try:
        length = int(lines[2])
        blob = bytes.fromhex(lines[3].decode("ascii", "replace").replace("\n", "").replace(" ", ""))
    except ValueError:
        return None
    blob = blob[:length] if length >= 0 else blob
    return blob[6:] if blob.startswith(b"Exif\x00\x00") else blob


# ---- cleaning ------------------------------------------------------------------------------------

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Critical chunks plus the ancillary ones that change how pixels look.
_KEEP_CHUNKS = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"iCCP",
    b"sBIT",
    b"acTL",
    b"fcTL",
    b"fdAT",
}


def clean_png(data: bytes) -> bytes:
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG file")
    out, pos = [_SIGNATURE], len(_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("truncated PNG chunk")
        if kind in _KEEP_CHUNKS:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return b"".join(out)
    raise ValueError("PNG without an end chunk")
