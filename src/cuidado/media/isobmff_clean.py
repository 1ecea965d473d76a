"""Cleaning ISO base media files, losslessly.

MP4/MOV/3GP (`clean_movie`): the movie header is rebuilt without its metadata boxes. Dropped: `udta` (©xyz location, ©mak/©mod/©swr, author…), `meta` (Apple/Android keys), XMP
`uuid` boxes; the creation/modification times of mvhd/tkhd/mdhd are zeroed. The media data is
copied byte for byte, and chunk offsets (stco/co64) are moved by however much the boxes before
the media data shrank, so the movie plays exactly as before.

HEIC/AVIF: ExifTool removes the tags (their metadata lives in an item table this module does not
rewrite), then `zero_container_times` zeroes the creation and modification times the headers
still carry (mvhd, tkhd, mdhd): they still say when a photo or video was taken. They are
fixed-size fields, so zeroing them in place changes nothing else.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"moof", b"traf"}
_DROP_INSIDE = {b"udta", b"meta", b"uuid", b"\xa9xyz"}
_DROP_TOP = {b"udta", b"meta", b"uuid"}
_TIMED = {b"mvhd", b"tkhd", b"mdhd"}
MAX_MOOV = 256 * 1024 * 1024


def clean_movie(source: Path, target: Path) -> None:
    boxes = _top_level(source)
    if not any(kind == b"moov" for kind, _, _, _ in boxes):
        raise ValueError("a movie without a movie header (moov)")
    kept = [(kind, start, size, header) for kind, start, size, header in boxes if kind not in _DROP_TOP]
    with open(source, "rb") as fh:
        new_moov = None
        for kind, start, size, header in kept:
            if kind == b"moov":
                if size > MAX_MOOV:
                    raise ValueError("movie header too large to clean safely")
                fh.seek(start)
                raw = fh.read(size)
                new_moov = _rebuild(raw[header:], b"moov")
        assert new_moov is not None  # there is a moov (checked above), and it is kept
        # Where each kept top-level box lands in the output.
        moves, position = [], 0
        for kind, start, size, _header in kept:
            length = len(new_moov) if kind == b"moov" else size
            moves.append((start, size, position))
            position += length
        new_moov = _shift_chunk_offsets(bytearray(new_moov), moves)
        with open(target, "wb") as out:
            for kind, start, size, _header in kept:
                if kind == b"moov":
                    out.write(new_moov)
                    continue
                fh.seek(start)
                _copy(fh, out, size)


def _top_level(path: Path) -> list[tuple[bytes, int, int, int]]:
    boxes, pos = [], 0
    total = path.stat().st_size
    with open(path, "rb") as fh:
        while pos + 8 <= total:
            fh.seek(pos)
            size, kind = struct.unpack(">I4s", fh.read(8))
            header = 8
            if size == 1:
                size, header = struct.unpack(">Q", fh.read(8))[0], 16
            elif size == 0:
                size = total - pos
            if size < header or pos + size > total:
                raise ValueError(f"broken box structure at byte {pos}")
            boxes.append((kind, pos, size, header))
            pos += size
    return boxes


def _rebuild(body: bytes, kind: bytes) -> bytes:
    """A container box rebuilt from its children, metadata children left out."""
    children, pos = [], 0
    while pos + 8 <= len(body):
        size, child = struct.unpack_from(">I4s", body, pos)
        header = 8
        if size == 1:
            size, header = struct.unpack_from(">Q", body, pos + 8)[0], 16
        elif size == 0:
            size = len(body) - pos
        if size < header or pos + size > len(body):
            raise ValueError("broken box inside the movie header")
        if child not in _DROP_INSIDE:
            if child in _CONTAINERS:
                children.append(_rebuild(body[pos + header : pos + size], child))
            elif child in _TIMED:
                children.append(_zero_times(body[pos : pos + size], header))
            else:
                children.append(body[pos : pos + size])
        pos += size
    content = b"".join(children)
    return struct.pack(">I4s", len(content) + 8, kind) + content


def _zero_times(box: bytes, header: int) -> bytes:
    data = bytearray(box)
    width = 8 if data[header] == 1 else 4
    data[header + 4 : header + 4 + 2 * width] = bytes(2 * width)
    return bytes(data)


def _shift_chunk_offsets(moov: bytearray, moves: list[tuple[int, int, int]]) -> bytes:
    def moved(offset: int) -> int:
        for start, size, new_start in moves:
            if start <= offset < start + size:
                return offset - start + new_start
        return offset

    for kind, at in _find_tables(moov, 8, len(moov)):
        count = struct.unpack_from(">I", moov, at + 4)[0]
        step, fmt = (4, ">I") if kind == b"stco" else (8, ">Q")
        first = at + 8
        if first + count * step > len(moov):
            raise ValueError("broken chunk offset table")
        for i in range(count):
            place = first + i * step
            struct.pack_into(fmt, moov, place, moved(struct.unpack_from(fmt, moov, place)[0]))
    return bytes(moov)


def _find_tables(buf: bytearray, start: int, end: int):
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", buf, pos)
        if size < 8 or pos + size > end:
            return
        if kind in _CONTAINERS:
            yield from _find_tables(buf, pos + 8, pos + size)
        elif kind in (b"stco", b"co64"):
            yield kind, pos + 8
        pos += size


def _copy(source, target, length: int) -> None:
    remaining = length
    while remaining:
        block = source.read(min(remaining, 1 << 20))
        if not block:
            raise ValueError("file shorter than its boxes say")
        target.write(block)
        remaining -= len(block)


# ---- container dates, after ExifTool ------------------------------------------------------------

_DATED_CONTAINERS = {b"moov", b"trak", b"mdia", b"edts", b"minf", b"stbl"}


def zero_container_times(fh: BinaryIO) -> int:
    """Patch the open (r+b) file in place; returns how many header boxes were zeroed."""
    fh.seek(0, 2)
    file_size = fh.tell()
    pos, patched = 0, 0
    while pos + 8 <= file_size:
        fh.seek(pos)
        size, kind = struct.unpack(">I4s", fh.read(8))
        header = 8
        if size == 1:
            size = struct.unpack(">Q", fh.read(8))[0]
            header = 16
        elif size == 0:
            size = file_size - pos
        if size < header or pos + size > file_size:
            break
        if kind == b"moov":
            if size > MAX_MOOV:
                raise ValueError("movie header too large to clean safely")
            fh.seek(pos)
            box = bytearray(fh.read(size))
            patched += _patch_times(box, header, size)
            fh.seek(pos)
            fh.write(box)
        pos += size
    return patched


def _patch_times(buf: bytearray, start: int, end: int) -> int:
    patched, pos = 0, start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", buf, pos)
        header = 8
        if size == 1 and pos + 16 <= end:
            size = struct.unpack_from(">Q", buf, pos + 8)[0]
            header = 16
        if size < header or pos + size > end:
            return patched
        if kind in _DATED_CONTAINERS:
            patched += _patch_times(buf, pos + header, pos + size)
        elif kind in _TIMED and size >= header + 4 + 8:
            body = pos + header
            width = 8 if buf[body] == 1 else 4
            buf[body + 4 : body + 4 + 2 * width] = bytes(2 * width)
            patched += 1
        pos += size
    return patched
