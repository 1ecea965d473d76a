"""Read what a photo or video's own metadata reveals: place, time, device, owner.

Pure Python and header-only: the format is told by its magic bytes (formats.py, the table scrub/
uses too), then its reader asks the stream for just the ranges it needs (`stream.Stream`).
Broken files raise `MediaError`, or, when something was already found, return it with `warnings`.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from os import PathLike
from typing import BinaryIO

from . import formats
from .model import MediaError, MediaMeta
from .stream import Stream

__all__ = ["MediaError", "MediaMeta", "read_metadata", "read_metadata_path", "sniff_format"]

FIRST_READ = 16 * 1024  # holds the metadata of most photos; more is read only when needed
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)

# What a malformed file can make struct, slicing or a decoder raise: all reported as MediaError.
_MALFORMED = (
    struct.error,
    IndexError,
    KeyError,
    ValueError,
    OverflowError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
    RecursionError,
    # Compiled with mypyc (setup.py), a bytes slice whose start passes its stop raises this where
    # Python gives b"" (mypy 2.4). The slices we know of are guarded; this catches any other.
    SystemError,
)


def sniff_format(head: bytes) -> str | None:
    """Format name from the first bytes of a file, or None when we do not know it."""
    fmt = formats.sniff(head)
    return fmt.name if fmt else None


def read_metadata(fp: BinaryIO, name: str = "", *, deep: bool = False) -> MediaMeta:
    """Metadata of the media file `fp` (positioned at its start; may be a zip member).

    `deep` lets PNG reading continue past the image data for trailing metadata chunks.
    """
    return _read_stream(Stream(fp), name, deep)


def read_metadata_path(path: str | PathLike, *, deep: bool = False) -> MediaMeta:
    # Most files we meet have their metadata in the first read, so one os.read, then parse
    # from memory; a file object is made only if the reader asks for more (Stream's `rest`).
    # A regular file only reads short at its end, so a short read is the whole file.
    fd = os.open(path, _OPEN_FLAGS)
    try:
        head = os.read(fd, FIRST_READ)
        rest = None if len(head) < FIRST_READ else (lambda: open(fd, "rb", buffering=0, closefd=False))
        return _read_stream(Stream(None, head, rest), str(path), deep)
    finally:
        os.close(fd)


def _read_stream(s: Stream, name: str, deep: bool) -> MediaMeta:
    head = s.get(0, formats.HEAD_SIZE)
    if not head:
        raise MediaError(_named(name, "file is empty"))
    fmt = formats.sniff(head)
    if fmt is None:
        raise MediaError(_named(name, "not a recognised image or video format"))
    meta = MediaMeta(format=fmt.name)
    try:
        if fmt.read is not None:
            fmt.read(s, meta, deep)
    except MediaError as err:
        if not meta.has_findings():
            raise MediaError(_named(name, str(err))) from None
        meta.warnings.append(str(err))
    except _MALFORMED as err:
        if not meta.has_findings():
            raise MediaError(_named(name, f"malformed {fmt.name} file ({type(err).__name__}: {err})")) from None
        meta.warnings.append(f"malformed {fmt.name} file ({type(err).__name__})")
    return meta


def _named(name: str, message: str) -> str:
    return f"{name}: {message}" if name else message
