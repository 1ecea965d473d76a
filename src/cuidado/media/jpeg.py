"""JPEG: walk the marker segments up to the start of scan; read APP1 (EXIF, XMP) and SOF.
Clean: keep the segments that decode the picture, drop the ones that describe it (lossless)."""

from __future__ import annotations

import struct
from typing import Final

from mypy_extensions import i64  # a plain int when not compiled; a C int64 under mypyc

from .exif import parse_exif
from .model import MediaError, MediaMeta
from .stream import Stream
from .xmp import parse_xmp

XMP_SIGNATURE: Final = b"http://ns.adobe.com/xap/1.0/\x00"
MAX_SEGMENTS: Final = 4096
WINDOW: Final = 16 * 1024  # bytes looked at per step; metadata segments are read whole regardless
_APP1: Final = 0xE1
_SOS: Final = 0xDA
_EOI: Final = 0xD9


def _is_sof(marker: i64) -> bool:
    """Start-of-frame markers carry the image size; C4 (DHT), C8 (JPG) and CC (DAC) do not."""
    return 0xC0 <= marker <= 0xCF and marker != 0xC4 and marker != 0xC8 and marker != 0xCC


def _is_standalone(marker: i64) -> bool:
    return marker == 0x01 or marker == 0xD8 or 0xD0 <= marker <= 0xD7


def _starts_with(buf: bytes, at: i64, stop: i64, prefix: bytes) -> bool:
    """buf[at:stop].startswith(prefix) without the slice (`stop` <= len(buf)); compiled, this
    beats bytes.startswith with bounds, which mypyc calls as a Python method."""
    n: i64 = len(prefix)
    if stop - at < n:
        return False
    for i in range(n):
        if buf[at + i] != prefix[i]:
            return False
    return True


def read_jpeg(s: Stream, meta: MediaMeta) -> None:
    xmp: bytes | None = None
    have_exif = False
    # Walk a local window of the file: one stream call per window, not per segment.
    window = s.get(0, WINDOW)
    base: i64 = 0
    size: i64 = len(window)
    rel: i64 = 2
    for _ in range(MAX_SEGMENTS):
        if rel + 4 > size:
            base = base + rel
            window = s.get(base, WINDOW)
            rel = 0
            size = len(window)
            if size < 2:
                meta.warnings.append("JPEG ends before the image data")
                break
        if window[rel] != 0xFF:
            raise MediaError(f"JPEG marker expected at offset {base + rel}")
        marker = i64(window[rel + 1])
        # Markers that need more than "skip the segment"; all others take the fast path.
        special = (
            marker == _APP1
            or marker == _SOS
            or marker == _EOI
            or marker == 0xFF
            or _is_sof(marker)
            or _is_standalone(marker)
        )
        if not special:  # tables, comments, other APPn: skip
            length: i64 = (i64(window[rel + 2]) << 8) | i64(window[rel + 3]) if rel + 4 <= size else 0
            if length < 2:
                raise MediaError(f"JPEG segment {marker:#x} at {base + rel} is cut short or malformed")
            rel += 2 + length
            continue
        if marker == 0xFF:  # fill byte before a marker
            rel += 1
            continue
        if _is_standalone(marker):
            rel += 2
            continue
        if marker == _SOS or marker == _EOI:
            break
        if rel + 4 > size:
            meta.warnings.append("JPEG ends inside a segment header")
            break
        length = (i64(window[rel + 2]) << 8) | i64(window[rel + 3])
        if length < 2:
            raise MediaError(f"JPEG segment {marker:#x} has length {length}")
        start = rel + 4
        end = rel + 2 + length
        if marker == _APP1:
            # The segment stays in `data` (from `at` to `stop`) and only its payload is copied:
            # one copy of the EXIF block, not the segment's and then the TIFF block's.
            if end <= size:
                data = window
                at = start
                stop = end
            else:
                data = s.get(base + start, length - 2)
                at = 0
                stop = len(data)
            if _starts_with(data, at, stop, b"Exif\x00") and not have_exif:
                have_exif = True
                try:
                    # (guarded: mypyc's slice fails on start > stop where Python's gives b"")
                    parse_exif(data[at + 6 : stop] if at + 6 <= stop else b"", meta)
                except MediaError as err:
                    meta.warnings.append(str(err))
            elif _starts_with(data, at, stop, XMP_SIGNATURE) and xmp is None:
                xmp = data[at + len(XMP_SIGNATURE) : stop]
        else:  # start of frame: read in place when the window holds it
            if start + 5 <= size:
                data = window
                at = start
            else:
                data = s.get(base + start, 5)
                at = 0
            if len(data) >= at + 5:
                width = (i64(data[at + 3]) << 8) | i64(data[at + 4])
                height = (i64(data[at + 1]) << 8) | i64(data[at + 2])
                if width and height:  # the frame's own size beats EXIF's claim
                    meta.width = width
                    meta.height = height
        rel = end
    else:
        meta.warnings.append("JPEG has too many segments")
    # EXIF outranks XMP wherever they disagree, whatever their order in the file.
    if xmp:
        parse_xmp(xmp, meta)


# ---- cleaning ------------------------------------------------------------------------------------

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
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos : pos + 2 + length]
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


def clean_jpeg_upright(data: bytes) -> bytes:
    """The clean copy, keeping only the orientation that makes the picture stand upright."""
    return clean_jpeg(data, orientation=jpeg_orientation(data))
