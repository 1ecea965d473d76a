"""ISO base media files (MP4, MOV, 3GP, HEIC, AVIF): box walking and the top-level pass.

Top-level boxes are walked on the stream, skipping `mdat` with a forward seek, so a movie
whose `moov` comes last costs a skip, not a read. Small containers are then read whole
and walked in memory. Every box size is checked against its parent before use.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from .model import MediaError, MediaMeta
from .stream import Stream
from .xmp import MAX_XMP, parse_xmp

MAX_TOP_BOXES = 4096
MAX_CONTAINER = 16 * 1024 * 1024  # largest box we agree to hold in memory
_U64 = struct.Struct(">Q")
XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")

_IMAGE_BRANDS = {
    b"heic": "heic",
    b"heix": "heic",
    b"heim": "heic",
    b"heis": "heic",
    b"hevc": "heic",
    b"hevx": "heic",
    b"mif1": "heic",
    b"msf1": "heic",
    b"avif": "avif",
    b"avis": "avif",
}
_MOVIE_BRANDS = {b"qt  ": "mov", b"3gp4": "3gp", b"3gp5": "3gp", b"3gp6": "3gp", b"3g2a": "3gp", b"crx ": "cr3"}


def brand_format(head: bytes) -> str:
    """Format from the ftyp box at the start of `head`: major brand first, then compatibles."""
    if head[4:8] != b"ftyp":
        return "mov"  # old QuickTime files start straight with moov/mdat/wide
    size = _be32(head, 0)
    major = head[8:12]
    if major in _MOVIE_BRANDS:
        return _MOVIE_BRANDS[major]
    if major in _IMAGE_BRANDS:
        return _IMAGE_BRANDS[major]
    # The compatible brands, in order; sniffing asks this of every movie up to three times.
    for i in range(16, min(size, len(head)) - 3, 4):
        image = _IMAGE_BRANDS.get(head[i : i + 4])
        if image is not None:
            return image
    return "mp4"


def _be32(buf: bytes, p: int) -> int:
    return (buf[p] << 24) | (buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3]


def _be64(buf: bytes, p: int) -> int:
    return (_be32(buf, p) << 32) | _be32(buf, p + 4)


def iter_boxes(buf: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each box in buf[start:end]."""
    end = min(end, len(buf))
    off = start
    while off + 8 <= end:
        size = _be32(buf, off)
        kind = buf[off + 4 : off + 8]
        head = 8
        if size == 1:
            if off + 16 > end:
                raise MediaError(f"box {kind!r} is cut short")
            size = _be64(buf, off + 8)
            head = 16
        elif size == 0:
            size = end - off
        if size < head or size > end - off:
            raise MediaError(f"box {kind!r} at {off} declares {size} bytes")
        yield kind, off + head, off + size
        off += size


def iter_stream_boxes(
    s: Stream, start: int, end: int | None, meta: MediaMeta, *, to_file_end: bool = False
) -> Iterator[tuple[bytes, int, int | None]]:
    """Like iter_boxes, on the stream; `end` None means 'to end of file'.

    `to_file_end`: `end` is the file's size (pass None), asked of the stream only when a box
    reaches past the bytes it holds: learning the size opens a file object, and a movie whose
    moov sits in the first read needs none.
    """
    off = start
    size_unasked = to_file_end
    for _ in range(MAX_TOP_BOXES):
        if size_unasked and not s.surely_holds(off + 8):
            end = s.size
            size_unasked = False
        if end is not None and off + 8 > end:
            return
        head = s.get(off, 16)
        if len(head) < 8:
            return
        size: int | None = _be32(head, 0)
        kind = head[4:8]
        hlen = 8
        if size == 1:
            if len(head) < 16:
                return
            size = _be64(head, 8)
            hlen = 16
        elif size == 0:  # runs to the end of the parent
            if size_unasked:
                end = s.size
                size_unasked = False
            limit = end if end is not None else s.size
            size = limit - off if limit is not None else None
        if size is not None and size < hlen:
            raise MediaError(f"box {kind!r} at {off} declares {size} bytes")
        box_end = off + size if size is not None else None
        if size_unasked and (box_end is None or not s.surely_holds(box_end)):
            end = s.size
            size_unasked = False
        if end is not None and (box_end is None or box_end > end):
            meta.warnings.append(f"box {kind!r} runs past the end of its parent (or of the file)")
            box_end = end
        yield kind, off + hlen, box_end
        if box_end is None:
            return
        off = box_end
    meta.warnings.append("too many boxes")


def read_container(s: Stream, body: int, end: int | None, kind: bytes) -> bytes:
    """The whole body of a box we want to walk in memory, refusing absurd sizes."""
    length = (end - body) if end is not None else MAX_CONTAINER
    if length > MAX_CONTAINER:
        raise MediaError(f"box {kind!r} is too large to read ({length} bytes)")
    return s.get(body, length)


def read_isobmff(s: Stream, meta: MediaMeta) -> None:
    from .heif import read_heif_meta
    from .quicktime import read_moov

    image = meta.format in ("heic", "avif")
    xmp = None
    for kind, body, end in iter_stream_boxes(s, 0, None, meta, to_file_end=True):
        if kind == b"moov":
            read_moov(s, body, end, meta)
            break  # what follows a movie header is media data
        if kind == b"meta":
            read_heif_meta(s, body, end, meta)
            if image:
                break
        elif kind == b"uuid" and xmp is None and end is not None and end - body <= MAX_XMP + 16:
            data = s.get(body, end - body)
            if data[:16] == XMP_UUID:
                xmp = data[16:]
    if xmp:  # last, so it only fills what the native metadata left empty
        parse_xmp(xmp, meta)
