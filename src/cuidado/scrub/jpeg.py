"""Lossless JPEG cleaning: keep the segments that decode the picture, drop the ones that describe it."""

from __future__ import annotations

import struct

# APP0 (JFIF), APP2 with an ICC profile and APP14 (Adobe colour transform) change how pixels
# look; everything else (EXIF, XMP, IPTC, maker notes, comments, thumbnails) is metadata.
_KEEP_APP = {0xE0: (b"JFIF\x00",), 0xE2: (b"ICC_PROFILE\x00",), 0xEE: (b"Adobe",)}
_ORIENTATION_TAG = 0x0112


def clean_jpeg(data: bytes, *, orientation: int | None = None) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG file")
    out = [b"\xff\xd8"]
    if isinstance(orientation, int) and 2 <= orientation <= 8:  # EXIF knows 1-8; anything else is junk
        out.append(_orientation_app1(orientation))  # keep the picture upright, nothing else
    pos = 2
    while pos + 1 < len(data):  # a marker is two bytes
        if data[pos] != 0xFF:
            raise ValueError(f"broken JPEG structure at byte {pos}")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is compressed image data, copied as is
            out.append(data[pos:])
            return b"".join(out)
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if pos + 4 > len(data):
            raise ValueError("truncated JPEG")
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        segment = data[pos:pos + 2 + length]
        if len(segment) < 2 + length:
            raise ValueError("truncated JPEG segment")
        if _keep(marker, segment[4:]):
            out.append(segment)
        pos += 2 + length
    raise ValueError("JPEG without image data")


def _keep(marker: int, payload: bytes) -> bool:
    if 0xE0 <= marker <= 0xEF:
        return any(payload.startswith(sig) for sig in _KEEP_APP.get(marker, ()))
    return marker != 0xFE  # COM: comments are metadata


def _orientation_app1(orientation: int) -> bytes:
    # A minimal EXIF block: one IFD with one entry, Orientation.
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIHH", _ORIENTATION_TAG, 3, 1, orientation, 0) + struct.pack(">I", 0)
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def jpeg_orientation(data: bytes) -> int | None:
    """The EXIF orientation of a JPEG, read with Pillow (already a dependency)."""
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.getexif().get(_ORIENTATION_TAG)
    except Exception:  # an unreadable EXIF block simply means no orientation to keep
        return None
