"""Lossless WebP cleaning: drop the EXIF and XMP chunks and their flags; image data untouched."""

from __future__ import annotations

import struct

_DROP = {b"EXIF", b"XMP "}


def clean_webp(data: bytes) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    chunks, pos = [], 12
    while pos + 8 <= len(data):
        kind, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        end = pos + 8 + size + (size & 1)
        if end > len(data) + 1:
            raise ValueError("truncated WebP chunk")
        chunk = data[pos:end]
        if kind == b"VP8X" and len(chunk) > 8:  # a VP8X too short to hold its flags is kept as it is
            flags = chunk[8] & ~0x0C  # clear the EXIF (0x08) and XMP (0x04) flags
            chunk = chunk[:8] + bytes([flags]) + chunk[9:]
        if kind not in _DROP:
            chunks.append(chunk)
        pos = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
