"""Every media format cuidado knows, in one table: how to recognise it, read it, clean it.

Each format declares its name (what `MediaMeta.format` says), its file extensions and MIME types,
a cheap sniff of the file's first `HEAD_SIZE` bytes, its metadata reader, and how a clean copy is
made (None: cuidado reads it but cannot clean it). media/metadata.py reads through this table and
scrub/ cleans through it, so the two can never disagree about what a file is. Sniffing tries the
formats in table order; the first that accepts the head wins.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .exif import parse_exif
from .isobmff import brand_format, read_isobmff
from .isobmff_clean import clean_movie
from .jpeg import clean_jpeg_upright, read_jpeg
from .model import MediaMeta
from .png import clean_png, read_png
from .stream import Stream
from .webp import clean_webp, read_webp

HEAD_SIZE = 32  # what every sniff looks at
MAX_TIFF_HEAD = 1024 * 1024  # a TIFF/raw file's IFDs normally sit in its first megabyte
_QUICKTIME_FIRST_BOXES = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")

Reader = Callable[[Stream, MediaMeta, bool], None]  # (stream, meta to fill, deep)


@dataclass(frozen=True, slots=True)
class Cleaner:
    """How a clean copy is made. Exactly one way: in memory, streamed, or by ExifTool."""

    in_memory: Callable[[bytes], bytes] | None = None  # lossless: JPEG, PNG, WebP (bytes in, bytes out)
    streamed: Callable[[Path, Path], None] | None = None  # lossless: movies, rebuilt box by box
    # Neither: ExifTool removes the tags, then scrub/ zeroes the dates the container still carries.
    exiftool: bool = False

    @property
    def method(self) -> str:
        """What the person is told: "lossless" (our cleaner) or "exiftool"."""
        return "exiftool" if self.exiftool else "lossless"


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    mimetypes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    read: Reader | None  # None: recognised, but nothing to read beyond the format itself
    clean: Cleaner | None = None


# ---- small readers and sniffs -------------------------------------------------------------------


def _read_jpeg(s: Stream, meta: MediaMeta, deep: bool) -> None:
    read_jpeg(s, meta)


def _read_png(s: Stream, meta: MediaMeta, deep: bool) -> None:
    read_png(s, meta, deep=deep)


def _read_webp(s: Stream, meta: MediaMeta, deep: bool) -> None:
    read_webp(s, meta)


def _read_isobmff(s: Stream, meta: MediaMeta, deep: bool) -> None:
    read_isobmff(s, meta)


def _read_tiff(s: Stream, meta: MediaMeta, deep: bool) -> None:
    parse_exif(s.get(0, MAX_TIFF_HEAD), meta, tiff_file=True)


def _read_gif_size(s: Stream, meta: MediaMeta, deep: bool) -> None:
    head = s.get(6, 4)
    if len(head) == 4:
        meta.offer_size(*struct.unpack("<HH", head))


def _read_bmp_size(s: Stream, meta: MediaMeta, deep: bool) -> None:
    head = s.get(18, 8)
    if len(head) == 8:
        width, height = struct.unpack("<ll", head)
        meta.offer_size(width, abs(height))


def _bmff(name: str) -> Callable[[bytes], bool]:
    """An ISO base media file (ftyp, or an old QuickTime's first box) whose brand says `name`."""

    def sniff(head: bytes) -> bool:
        return (head[4:8] == b"ftyp" or head[4:8] in _QUICKTIME_FIRST_BOXES) and brand_format(head) == name

    return sniff


def _bmp(head: bytes) -> bool:
    return head.startswith(b"BM") and len(head) >= 26 and head[6:10] == b"\x00\x00\x00\x00"


_LOSSLESS_MOVIE = Cleaner(streamed=clean_movie)
_BY_EXIFTOOL = Cleaner(exiftool=True)

FORMATS: tuple[Format, ...] = (
    Format(
        "jpeg",
        (".jpg", ".jpeg"),
        ("image/jpeg",),
        lambda h: h.startswith(b"\xff\xd8\xff"),
        _read_jpeg,
        Cleaner(in_memory=clean_jpeg_upright),
    ),
    Format(
        "png",
        (".png",),
        ("image/png",),
        lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
        _read_png,
        Cleaner(in_memory=clean_png),
    ),
    Format(
        "webp",
        (".webp",),
        ("image/webp",),
        lambda h: h.startswith(b"RIFF") and h[8:12] == b"WEBP",
        _read_webp,
        Cleaner(in_memory=clean_webp),
    ),
    Format("heic", (".heic", ".heif"), ("image/heic", "image/heif"), _bmff("heic"), _read_isobmff, _BY_EXIFTOOL),
    Format("avif", (".avif",), ("image/avif",), _bmff("avif"), _read_isobmff, _BY_EXIFTOOL),
    Format("mp4", (".mp4", ".m4v"), ("video/mp4",), _bmff("mp4"), _read_isobmff, _LOSSLESS_MOVIE),
    Format("mov", (".mov",), ("video/quicktime",), _bmff("mov"), _read_isobmff, _LOSSLESS_MOVIE),
    Format("3gp", (".3gp", ".3g2"), ("video/3gpp", "video/3gpp2"), _bmff("3gp"), _read_isobmff, _LOSSLESS_MOVIE),
    Format("cr3", (".cr3",), ("image/x-canon-cr3",), _bmff("cr3"), _read_isobmff, _LOSSLESS_MOVIE),
    Format(
        "tiff",
        (".tif", ".tiff", ".dng"),
        ("image/tiff", "image/x-adobe-dng"),
        lambda h: h.startswith((b"II*\x00", b"MM\x00*", b"IIRO", b"IIU\x00")),
        _read_tiff,
    ),
    Format("gif", (".gif",), ("image/gif",), lambda h: h.startswith((b"GIF87a", b"GIF89a")), _read_gif_size),
    Format("avi", (".avi",), ("video/x-msvideo",), lambda h: h.startswith(b"RIFF") and h[8:12] == b"AVI ", None),
    Format(
        "matroska",
        (".mkv", ".webm"),
        ("video/x-matroska", "video/webm"),
        lambda h: h.startswith(b"\x1a\x45\xdf\xa3"),
        None,
    ),
    Format("bmp", (".bmp",), ("image/bmp",), _bmp, _read_bmp_size),
)


def sniff(head: bytes) -> Format | None:
    """The format of a file from its first bytes, or None when cuidado does not know it."""
    for fmt in FORMATS:  # a plain loop: this runs once per file, and JPEG, the commonest, is first
        if fmt.sniff(head):
            return fmt
    return None


def by_name(name: str) -> Format:
    return next(fmt for fmt in FORMATS if fmt.name == name)
