"""Small thumbnails of the photos behind findings, made in memory from the export itself.

Nothing is written to disk: the export is reopened read-only, the picture decoded safely
(cuidado.media.images refuses decompression bombs), shrunk to 160 px and re-encoded as a
JPEG without any metadata. Pictures of identity documents are pixelated and blurred so the
report never shows a readable ID.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageFilter

from cuidado.inputs.sources import Source, SourceError, open_source
from cuidado.models import is_media_path
from cuidado.store import Store

SIZE = 160
MAX_BYTES = 64 * 1024 * 1024  # larger members are not photos worth a thumbnail
VIDEO = (".mp4", ".mov", ".m4v", ".3gp", ".avi", ".mkv", ".webm")
REDACT_KINDS = ("identity.document_photo", "identity.government_id")


def media_path(record) -> str | None:
    """The first picture a record points at (its own file for a media record)."""
    raw = record["media"]
    if not raw:
        return None
    try:
        refs = json.loads(raw)
    except ValueError:
        return None
    for ref in refs:
        path = ref.get("path") if isinstance(ref, dict) else None
        if path and is_media_path(path) and not path.lower().endswith(VIDEO) and "://" not in path:
            return path
    return None


def redacted_items(store: Store, items: list[str]) -> set[str]:
    """Items whose picture shows an identity document (or an ID number read from the picture)."""
    return store.items_with_findings(items, REDACT_KINDS)


class Thumbnailer:
    """Opens each export once and keeps it open while thumbnails are made; close() when done.
    An export is named by its files (the store's input_paths()): one, or a split export's parts."""

    def __init__(self, limit: int = 400):
        self.limit, self.made = limit, 0
        self._sources: dict[tuple[Path, ...], tuple[Source, dict] | None] = {}

    def jpeg(self, paths: Sequence[Path], member_path: str, redact: bool) -> bytes | None:
        if self.made >= self.limit or not paths:
            return None
        found = self._open(tuple(paths))
        if not found:
            return None
        source, members = found
        member = members.get(member_path)
        if member is None or member.size > MAX_BYTES:
            return None
        try:
            with source.open(member) as fh:
                data = fh.read(MAX_BYTES)
            picture = _decode(data)
        except Exception:  # any file that cannot be decoded just has no thumbnail
            return None
        if redact:
            picture = _redact(picture)
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=70, optimize=True)  # no exif= argument: no metadata kept
        self.made += 1
        return out.getvalue()

    def data_uri(self, paths: Sequence[Path], member_path: str, redact: bool) -> str | None:
        data = self.jpeg(paths, member_path, redact)
        return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii") if data else None

    def close(self) -> None:
        for found in self._sources.values():
            if found:
                found[0].close()
        self._sources.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _open(self, paths: tuple[Path, ...]) -> tuple[Source, dict] | None:
        if paths not in self._sources:
            try:
                source = open_source(list(paths))
                self._sources[paths] = (source, {m.path: m for m in source.members})
            except (SourceError, OSError, IndexError):
                self._sources[paths] = None  # the export was moved or deleted: no thumbnails
        return self._sources[paths]


def _decode(data: bytes) -> Image.Image:
    try:
        from cuidado.media.images import load_image
    except ImportError:  # the media extra (numpy) is missing: plain Pillow, bomb limit still on
        with Image.open(io.BytesIO(data)) as im:
            im.draft("RGB", (SIZE * 2, SIZE * 2))
            picture = im.convert("RGB")
        picture.thumbnail((SIZE, SIZE))
        return picture
    return load_image(io.BytesIO(data), long_side=SIZE)


def _redact(picture: Image.Image) -> Image.Image:
    """Pixelate to 8 blocks across, then blur: shape and colour stay, no text survives."""
    width, height = picture.size
    small = picture.resize((8, max(1, round(8 * height / max(width, 1)))), Image.Resampling.BILINEAR)
    return small.resize((width, height), Image.Resampling.NEAREST).filter(ImageFilter.GaussianBlur(4))
