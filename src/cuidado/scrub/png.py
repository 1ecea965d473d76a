"""Lossless PNG cleaning: keep the chunks that draw the picture, drop text, EXIF, time and unknowns."""

from __future__ import annotations

import struct

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Critical chunks plus the ancillary ones that change how pixels look.
_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
         b"acTL", b"fcTL", b"fdAT"}


def clean_png(data: bytes) -> bytes:
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG file")
    out, pos = [_SIGNATURE], len(_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("truncated PNG chunk")
        if kind in _KEEP:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return b"".join(out)
    raise ValueError("PNG without an end chunk")
