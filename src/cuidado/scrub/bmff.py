"""Zero the creation and modification times that MP4/MOV/HEIC headers carry (mvhd, tkhd, mdhd).

ExifTool removes metadata tags but leaves these structural dates; they still say when a video
was shot. They are fixed-size fields, so zeroing them in place changes nothing else.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

_CONTAINERS = {b"moov", b"trak", b"mdia", b"edts", b"minf", b"stbl"}
_TIMED = {b"mvhd", b"tkhd", b"mdhd"}
MAX_MOOV = 256 * 1024 * 1024


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
            patched += _patch(box, header, size)
            fh.seek(pos)
            fh.write(box)
        pos += size
    return patched


def _patch(buf: bytearray, start: int, end: int) -> int:
    patched, pos = 0, start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", buf, pos)
        header = 8
        if size == 1 and pos + 16 <= end:
            size = struct.unpack_from(">Q", buf, pos + 8)[0]
            header = 16
        if size < header or pos + size > end:
            return patched
        if kind in _CONTAINERS:
            patched += _patch(buf, pos + header, pos + size)
        elif kind in _TIMED and size >= header + 4 + 8:
            body = pos + header
            width = 8 if buf[body] == 1 else 4
            buf[body + 4:body + 4 + 2 * width] = bytes(2 * width)
            patched += 1
        pos += size
    return patched
