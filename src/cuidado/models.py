"""The vocabulary every stage shares: records read from exports, and what went wrong reading them.

Importers produce `Record`s; the store keeps them; detectors read them. Nothing here does I/O.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


class Platform(StrEnum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    X = "x"
    TIKTOK = "tiktok"
    YOUTUBE = "youtube"
    WHATSAPP = "whatsapp"
    FILES = "files"  # a plain folder of photos and videos


class Kind(StrEnum):
    POST = "post"
    COMMENT = "comment"
    MESSAGE = "message"
    MEDIA = "media"
    PROFILE_FIELD = "profile_field"
    CONNECTION = "connection"
    SEARCH = "search"
    WATCH = "watch"
    LIKE = "like"
    LOGIN = "login"  # a login / session / device record (IPs, devices)
    LOCATION = "location"  # a platform's own location history entry
    INTEREST = "interest"  # an interest the platform assigned the person (ad interests, "your topics")
    OFF_PLATFORM = "off_platform"  # an app or business that reported the person's activity elsewhere
    OTHER = "other"


# The kinds `cuidado summary` counts per platform, in its JSON contract.
SUMMARY_KINDS = (Kind.POST, Kind.COMMENT, Kind.MESSAGE, Kind.MEDIA, Kind.PROFILE_FIELD, Kind.CONNECTION)

MEDIA_EXTENSIONS = frozenset(
    ".jpg .jpeg .png .webp .heic .heif .gif .tif .tiff .bmp .dng .mp4 .mov .m4v .3gp .avi .mkv .webm".split()
)


def is_media_path(path: str) -> bool:
    dot = path.rfind(".")
    return dot >= 0 and path[dot:].lower() in MEDIA_EXTENSIONS


# Keys of Record.extra that the photo pixel checks write (importers/media_record.py): results of
# looking at an item, not part of what the item is.
PIXEL_CHECK_FIELDS = frozenset({"image", "image_problem", "unchecked", "text_source"})


@dataclass(frozen=True, slots=True)
class MediaRef:
    """A photo or video an item points at: its member path inside the export (or a URL)."""

    path: str
    size: int | None = None


@dataclass(slots=True)
class Record:
    """One item of a person's history, whatever the platform.

    `native_id` is the platform's own id where it has one; otherwise the importer passes
    a key that is stable for this item inside its file (e.g. position + timestamp). The
    record id is derived from platform, kind, source and that key, so a re-scan of the
    same export yields the same ids.
    """

    platform: str
    kind: str
    source: str  # member path inside the export
    native_id: str | None = None
    time: datetime | None = None  # always UTC-aware
    by_self: bool | None = None  # True: the person wrote it; False: someone else; None: unknown
    author: str | None = None
    text: str | None = None
    audience: str | None = None  # as the export says: "public", "friends", "private", ...
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    media: tuple[MediaRef, ...] = ()
    thread: str | None = None
    participants: tuple[str, ...] = ()
    permalink: str | None = None
    extra: dict = field(default_factory=dict)  # platform-specific fields kept for detectors

    @property
    def id(self) -> str:
        # The content is part of the id, not only the platform's key: many exports only give a
        # position in a file, which shifts when the person deletes something. Same id, same item.
        # What the pixel checks add (faces, a document and its text) is not: a photo keeps its id
        # before and after its pixels are checked (the scan's second phase, --no-faces), so links
        # to it and its picture stay valid while the checks run.
        ocr_text = self.extra.get("text_source") == "ocr"
        content = json.dumps(
            [
                self.time.isoformat() if self.time else None,
                self.author,
                None if ocr_text else self.text,
                self.place,
                self.lat,
                self.lon,
                [m.path for m in self.media],
                {k: v for k, v in self.extra.items() if k not in PIXEL_CHECK_FIELDS},
            ],
            sort_keys=True,
            default=str,
            ensure_ascii=False,
        )
        digest = hashlib.blake2b(
            "\x1f".join((self.platform, self.kind, self.source, self.native_id or "", content)).encode(
                "utf-8", "surrogatepass"
            ),
            digest_size=12,
        )
        return digest.hexdigest()


# Why something was not read (`cuidado summary --json`, skipped[].status):
NOT_ANALYSED = "not_analysed"  # a file cuidado knows (what it holds is said) but does not analyse
UNKNOWN = "unknown"  # not a file cuidado reads yet
UNREADABLE = "unreadable"  # a file cuidado reads, but this one could not be read (damaged, wrong shape)
REFUSED = "refused"  # an archive entry refused for safety (leaves the export, a link, a zip bomb)
INPUT_NOT_READ = "input_not_read"  # the whole input (archive, folder, file) was not read
SKIP_STATUSES = (NOT_ANALYSED, UNKNOWN, UNREADABLE, REFUSED, INPUT_NOT_READ)


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something that was not read, and why, in words a person understands."""

    file: str  # the input the user gave (archive or folder)
    member: str | None  # the member inside it, if the problem is one member
    reason: str
    status: str = ""  # one of SKIP_STATUSES; "" means: a member that failed, or the whole input
    about: str | None = None  # for NOT_ANALYSED: what the file holds (a key of importers.known.ABOUT_TEXT)

    @property
    def kind(self) -> str:
        return self.status or (UNREADABLE if self.member else INPUT_NOT_READ)


def utc(dt: datetime) -> datetime:
    """Make a datetime UTC-aware; naive values are taken as UTC."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    try:
        return dt.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999 with an offset: keep the wall clock
        return dt.replace(tzinfo=UTC)


def from_epoch(value, *, millis: bool = False) -> datetime | None:
    """Unix seconds (or ms) to UTC; 0, None, junk and absurd values mean "unknown"."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if millis:
        number /= 1000.0
    # Exports use 0 for "unknown"; reject times before 1995 or after 2100 as junk.
    if not 788918400 <= number <= 4102444800:
        return None
    return datetime.fromtimestamp(number, tz=UTC)


@dataclass(slots=True)
class Finding:
    """Something an analyst could learn from one item. Explanations are added at display time,
    in the reader's language, from `kind` and `subtype` (see detectors/explain.py)."""

    kind: str  # "location.media_gps", "identity.phone", "sensitive.immigration", ...
    severity: str  # high / medium / low
    confidence: float  # 0..1
    platform: str
    source: str  # member path in the export
    item: str  # record id
    value: str  # normalised: E.164 phone, lower-cased email, the ID, "lat,lon", matched terms
    time: datetime | None = None
    subtype: str | None = None
    lat: float | None = None
    lon: float | None = None
    place: str | None = None
    excerpt: str | None = None
    terms: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        raw = "\x1f".join((self.item, self.kind, self.subtype or "", self.value))
        return hashlib.blake2b(raw.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
