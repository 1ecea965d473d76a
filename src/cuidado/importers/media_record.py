"""Fill a media file's record from the file itself: metadata (GPS, time, device), and what the
pixels show (faces, a document, its text), read once per photo."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from cuidado.importers.reading import ExportReader
from cuidado.inputs.sources import Member
from cuidado.media.metadata import MediaError, read_metadata
from cuidado.models import Record, utc


@dataclass(frozen=True)
class PhotoChecks:
    """What a scan looks for in a photo's pixels. `cuidado scan --no-faces/--no-ocr` turn checks off
    for speed; the choice is passed down explicitly, to worker processes too."""

    faces: bool = True
    ocr: bool = True

    @property
    def names(self) -> frozenset[str]:
        """The checks that are on, by name (a subset of PHOTO_CHECKS)."""
        return frozenset(name for name in PHOTO_CHECKS if getattr(self, name))


ALL_CHECKS = PhotoChecks()


def describe_media(record: Record, member: Member, reader: ExportReader, checks: PhotoChecks = ALL_CHECKS) -> None:
    """Put on the record what the media member's metadata reveals, and for a photo what its pixels show."""
    pixels = member.size <= PHOTO_IN_MEMORY and bool(checks.names)
    try:
        with reader.open(member) as fh:
            # A photo whose pixels are checked too is read from the export once, into memory.
            photo = io.BytesIO(fh.read(PHOTO_IN_MEMORY + 1)) if pixels and is_photo_path(member.path) else None
            meta = read_metadata(photo or fh, member.name)
    except MediaError as exc:
        record.extra["media_problem"] = str(exc)[:200]
        return
    except (OSError, EOFError, ValueError) as exc:
        record.extra["media_problem"] = f"could not be read ({type(exc).__name__})"
        return
    missing = sorted(set(PHOTO_CHECKS) - checks.names)
    if missing and meta.format in IMAGE_FORMATS and member.size <= PHOTO_IN_MEMORY:
        # Said, never implied: a photo whose pixels were not (all) checked is counted as such
        # (store.photos_not_checked) until a scan with the checks reads it again.
        record.extra["unchecked"] = missing
    if pixels and meta.format in IMAGE_FORMATS:
        if photo is None:  # a photo without a photo's name (rare): read it a second time
            try:
                with reader.open(member) as fh:
                    photo = io.BytesIO(fh.read(PHOTO_IN_MEMORY + 1))
            except (OSError, EOFError, ValueError) as exc:
                record.extra["image_problem"] = f"could not be read ({type(exc).__name__})"
        if photo is not None:
            photo.seek(0)
            _describe_pixels(record, photo, checks)
    data = meta.to_dict()
    record.extra["meta"] = {k: v for k, v in data.items() if v not in (None, [], {}, False)}
    if meta.lat is not None and meta.lon is not None:
        record.lat, record.lon = meta.lat, meta.lon
        record.extra["location_source"] = "media_file"
        if meta.xmp_location:
            record.place = meta.xmp_location
    if meta.taken:
        taken = _parse_taken(meta.taken)
        if taken is not None:
            record.time = taken[0]
            if taken[1]:
                record.extra["local_time"] = True


def _parse_taken(text: str) -> tuple[datetime, bool] | None:
    """ISO capture time -> (UTC datetime, True when it was camera local time with no zone)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if not 1990 <= value.year <= 2100:
        return None
    return utc(value), value.tzinfo is None


IMAGE_FORMATS = {"jpeg", "png", "webp", "heic", "heif", "avif"}
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif")
PHOTO_CHECKS = ("faces", "ocr")  # the pixel checks a scan can leave out (--no-faces, --no-ocr)
# Bump when what the pixel checks give changes (decoding, hash, pre-filter), so that photos, and
# only photos, are read again. 2: one DCT-scaled decode for every check, YuNet faces. 3: YuNet at
# 592 px, score >= 0.4.
# (Not the detector's name: finding it would load it, even for a scan without faces.)
PIXEL_CHECKS_VERSION = "3"
PHOTO_IN_MEMORY = 64 * 1024 * 1024  # larger "photos" are not decoded (images.MAX_PIXELS refuses them anyway)


def ocr_missed(record: Record) -> bool:
    """The photo looked like it shows text (a document?) but no OCR engine was there to read it."""
    return (record.extra.get("image") or {}).get("ocr") == "unavailable"


def is_photo_path(path: str) -> bool:
    return path.lower().endswith(PHOTO_SUFFIXES)


# Set when a scan met a photo worth reading but Tesseract is missing: the CLI says so once.
NOTICES: set[str] = set()


def checks_label(checks: set[str] | frozenset[str]) -> str:
    """How a photo was read, for its member key: its pixel checks and their version."""
    return "+".join(sorted(checks)) + "@" + PIXEL_CHECKS_VERSION if checks else ""


def _describe_pixels(record: Record, photo: io.BytesIO, checks: PhotoChecks) -> None:
    from cuidado.media.analyze import analyze_image
    from cuidado.media.images import ImageError

    try:
        analysis = analyze_image(photo, ocr=checks.ocr, faces=checks.faces)
    except (ImageError, OSError, EOFError, ValueError) as exc:
        record.extra["image_problem"] = str(exc)[:200]
        return
    image = {
        "phash": analysis.phash,
        "detail": round(analysis.detail, 2),
        "size": [analysis.width, analysis.height],
        "text_score": round(analysis.text_score, 3),
        "sent_to_ocr": analysis.sent_to_ocr,
    }
    if analysis.faces:
        image["faces"] = [[b.x, b.y, b.w, b.h, b.score] for b in analysis.faces]
    if analysis.ocr_error == "unavailable":
        # The photo may show a document but could not be read: not recorded as checked, so a scan
        # once Tesseract is installed reads it again (scan.pipeline.member_keys).
        NOTICES.add("ocr_unavailable")
        image["ocr"] = "unavailable"
    if analysis.document is not None:
        image["document"] = {
            "type": analysis.document.doc_type,
            "score": round(analysis.document.score, 2),
            "evidence": analysis.document.evidence[:5],
            "has_address": analysis.document.has_address,
            "redacted": analysis.document.redacted[:300],
        }
    if analysis.mrz is not None:
        image["mrz"] = {
            "kind": analysis.mrz.kind,
            "document_number": analysis.mrz.document_number,
            "all_valid": analysis.mrz.all_valid,
        }
    if analysis.ocr_text:
        # The text in the picture goes through the same detectors as a post's text.
        record.text = analysis.ocr_text[:20000]
        record.extra["text_source"] = "ocr"
    record.extra["image"] = image
