"""Read what a photo or video's own metadata reveals: place, time, device, owner.

Pure Python and header-only: the format is told by its magic bytes, then a per-format
reader asks the stream for just the ranges it needs (see `stream.Stream`). Broken files
raise `MediaError`, or, when something was already found, return it with `warnings`.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from os import PathLike
from typing import BinaryIO

from .exif import parse_exif
from .isobmff import brand_format, read_isobmff
from .jpeg import read_jpeg
from .model import MediaError, MediaMeta
from .png import read_png
from .stream import Stream
from .webp import read_webp

__all__ = ["MediaError", "MediaMeta", "read_metadata", "read_metadata_path", "sniff_format"]

FIRST_READ = 16 * 1024  # holds the metadata of most photos; more is read only when needed
MAX_TIFF_HEAD = 1024 * 1024  # a TIFF/raw file's IFDs normally sit in its first megabyte
_QUICKTIME_FIRST_BOXES = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")

# What a malformed file can make struct, slicing or a decoder raise: all reported as MediaError.
_MALFORMED = (struct.error, IndexError, KeyError, ValueError, OverflowError, EOFError,
              zlib.error, zipfile.BadZipFile, RecursionError)


def sniff_format(head: bytes) -> str | None:
    """Format name from the first bytes of a file, or None when we do not know it."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" or head[4:8] in _QUICKTIME_FIRST_BOXES:
        return brand_format(head)
    if head.startswith((b"II*\x00", b"MM\x00*", b"IIRO", b"IIU\x00")):
        return "tiff"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "avi"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "matroska"
    if head.startswith(b"BM") and len(head) >= 26 and head[6:10] == b"\x00\x00\x00\x00":
        return "bmp"
    return None


def read_metadata(fp: BinaryIO, name: str = "", *, deep: bool = False) -> MediaMeta:
    """Metadata of the media file `fp` (positioned at its start; may be a zip member).

    `deep` lets PNG reading continue past the image data for trailing metadata chunks.
    """
    return _read_stream(Stream(fp), name, deep)


def read_metadata_path(path: str | PathLike, *, deep: bool = False) -> MediaMeta:
    # Most files we meet fit in the first read, so skip the file object (and its buffer)
    # altogether: one os.read, then parse from memory. A regular file only reads short
    # at its end, so a short read is the whole file.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        head = os.read(fd, FIRST_READ)
        if len(head) < FIRST_READ:
            return _read_stream(Stream(None, head), str(path), deep)
        with open(fd, "rb", buffering=0, closefd=False) as fp:
            return _read_stream(Stream(fp, head), str(path), deep)
    finally:
        os.close(fd)


def _read_stream(s: Stream, name: str, deep: bool) -> MediaMeta:
    head = s.get(0, 32)
    if not head:
        raise MediaError(_named(name, "file is empty"))
    fmt = sniff_format(head)
    if fmt is None:
        raise MediaError(_named(name, "not a recognised image or video format"))
    meta = MediaMeta(format=fmt)
    try:
        _read_format(s, fmt, meta, deep)
    except MediaError as err:
        if not meta.has_findings():
            raise MediaError(_named(name, str(err))) from None
        meta.warnings.append(str(err))
    except _MALFORMED as err:
        if not meta.has_findings():
            raise MediaError(_named(name, f"malformed {fmt} file ({type(err).__name__}: {err})")) from None
        meta.warnings.append(f"malformed {fmt} file ({type(err).__name__})")
    return meta


def _read_format(s: Stream, fmt: str, meta: MediaMeta, deep: bool) -> None:
    if fmt == "jpeg":
        read_jpeg(s, meta)
    elif fmt == "png":
        read_png(s, meta, deep=deep)
    elif fmt == "webp":
        read_webp(s, meta)
    elif fmt in ("heic", "avif", "mp4", "mov", "3gp", "cr3"):
        read_isobmff(s, meta)
    elif fmt == "tiff":
        parse_exif(s.get(0, MAX_TIFF_HEAD), meta, tiff_file=True)
    elif fmt == "gif":
        head = s.get(6, 4)
        if len(head) == 4:
            meta.offer_size(*struct.unpack("<HH", head))
    elif fmt == "bmp":
        head = s.get(18, 8)
        if len(head) == 8:
            width, height = struct.unpack("<ll", head)
            meta.offer_size(width, abs(height))


def _named(name: str, message: str) -> str:
    return f"{name}: {message}" if name else message

