"""The CSV files of a YouTube Takeout: comments, live chats, subscriptions, uploads, channel, playlists.

Which file is which is decided by its header row (file names are localised, headers less so),
and columns are always read by name because Google reorders them (comments.csv did in 2024).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime

from cuidado.importers._text import clean
from cuidado.importers.base import ImportProblem
from cuidado.importers.reading import ExportReader
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Record, utc

_CHANNEL_FIELDS = {
    "channel id": "account_id",
    "channel title (original)": "full_name",
    "channel title": "full_name",
    "channel visibility": "visibility",
    "channel country": "country",
    "country": "country",
    "contact email": "email",
    "channel contact email": "email",
    "channel phone number": "phone",
}


def rows_of_kind(reader: ExportReader, member: Member, kinds: tuple[str, ...]) -> tuple[str | None, list[dict]]:
    """Which Takeout CSV a member is, and its rows when it is one of `kinds` (read from the header first)."""
    with reader.open(member) as raw:
        header, rows = _parse(raw)
        kind = kind_of(header, member.name)
        return kind, (list(rows) if kind in kinds else [])


def _parse(raw) -> tuple[list[str], Iterator[dict]]:
    """The lower-cased header and the rows (dicts keyed by lower-cased header) of an open CSV."""
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
    table = csv.reader(text)
    try:
        header = [h.strip().lower() for h in next(table, [])]
    except csv.Error as exc:
        raise ImportProblem(f"damaged CSV ({exc})") from None

    def rows() -> Iterator[dict]:
        try:
            for row in table:
                if any(cell.strip() for cell in row):  # Takeout leaves blank lines at the end
                    yield dict(zip(header, row))
        except csv.Error as exc:
            raise ImportProblem(f"damaged CSV ({exc})") from None

    return header, rows()


def kind_of(header: list[str], name: str) -> str | None:
    """Which Takeout CSV this is, from its columns."""
    cols = set(header)
    has_lat = any("latitude" in c for c in cols) and any("longitude" in c for c in cols)
    if "comment id" in cols or "comment text" in cols:
        return "comments"
    if "live chat id" in cols or "live chat text" in cols:
        return "live_chats"
    if {"channel id", "channel url", "channel title"} <= cols:
        return "subscriptions"
    if "video id" in cols and has_lat:
        return "recordings"
    if "video id" in cols and cols & {"video title (original)", "privacy", "video create timestamp"}:
        return "videos"
    if "playlist id" in cols and any(c.startswith("playlist title") for c in cols):
        return "playlists"
    if "video id" in cols and "playlist video creation timestamp" in cols:
        return "liked" if name.lower().startswith("liked") else "playlist_items"
    if "channel id" in cols and any(c.startswith("channel title") for c in cols):
        return "channel"
    if has_lat:
        return "locations"
    return None


def iso(value) -> datetime | None:
    text = clean(value)
    if not text:
        return None
    try:
        return utc(datetime.fromisoformat(text.replace("Z", "+00:00").replace(" UTC", "+00:00")))
    except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 shifted out of range by its offset
        return None


def comment_text(raw) -> str | None:
    """`Comment Text`: old `{"takeoutSegments":[…]}`, new `{"text":…},{"text":…}` (not one JSON value)."""
    text = clean(raw)
    if not text or text[0] not in "{[":
        return text
    segments = None
    for candidate in (text, f"[{text}]"):
        try:
            segments = json.loads(candidate)
            break
        except (json.JSONDecodeError, RecursionError):
            continue
    if isinstance(segments, dict):
        segments = segments.get("takeoutSegments", [segments])
    if not isinstance(segments, list):
        return text
    parts = []
    for segment in segments:
        if not isinstance(segment, dict):
            continue
        if isinstance(segment.get("text"), str):
            parts.append(segment["text"])
        elif isinstance(segment.get("link"), dict):
            parts.append(str(segment["link"].get("linkUrl") or segment["link"].get("linkText") or ""))
        elif isinstance(segment.get("mention"), dict):
            parts.append(str(segment["mention"].get("text") or ""))
    return "".join(parts).strip() or None


def watch_url(video_id: str | None, comment_id: str | None = None) -> str | None:
    if not video_id:
        return None
    return f"https://www.youtube.com/watch?v={video_id}" + (f"&lc={comment_id}" if comment_id else "")


def coordinates(row: dict) -> tuple[float | None, float | None, float | None]:
    """Latitude, longitude, altitude from whatever the columns are called; zeros mean none."""

    def pick(word):
        for key, value in row.items():
            if word in key:
                try:
                    return float(str(value).strip())
                except ValueError:
                    return None
        return None

    lat, lon, alt = pick("latitude"), pick("longitude"), pick("altitude")
    if lat is None or lon is None or (lat == 0 and lon == 0) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None, None
    return lat, lon, alt


class CsvRecords:
    """Builds Records for one CSV member; `platform` and `recordings` come from the importer."""

    def __init__(self, platform: str, member: Member, recordings: dict, videos: set):
        self.platform, self.member = platform, member
        self.recordings, self.videos = recordings, videos

    def rec(self, kind, native_id, **fields) -> Record:
        return Record(platform=self.platform, kind=kind, source=self.member.path, native_id=native_id, **fields)

    def comments(self, rows, live=False) -> Iterator[Record]:
        id_col, time_col, text_col = (
            ("live chat id", "live chat create timestamp", "live chat text")
            if live
            else ("comment id", "comment create timestamp", "comment text")
        )
        for index, row in enumerate(rows):
            cid, video = clean(row.get(id_col)), clean(row.get("video id"))
            extra = {
                k: v
                for k, v in (
                    ("video_id", video),
                    ("channel_id", clean(row.get("channel id"))),
                    ("parent_comment_id", clean(row.get("parent comment id"))),
                    ("post_id", clean(row.get("post id"))),
                    ("price", clean(row.get("price"))),
                    ("live_chat", live or None),
                )
                if v
            }
            yield self.rec(
                Kind.COMMENT,
                cid or f"{index}:{row.get(time_col)}",
                time=iso(row.get(time_col)),
                by_self=True,
                text=comment_text(row.get(text_col)),
                permalink=watch_url(video, None if live else cid),
                extra=extra,
            )

    def subscriptions(self, rows) -> Iterator[Record]:
        for index, row in enumerate(rows):
            name = clean(row.get("channel title"))
            yield self.rec(
                Kind.CONNECTION,
                clean(row.get("channel id")) or str(index),
                by_self=True,
                author=name,
                text=name,
                permalink=clean(row.get("channel url")),
                extra={"connection": "following", "subscription": True},
            )

    def videos_rows(self, rows) -> Iterator[Record]:
        for index, row in enumerate(rows):
            vid = clean(row.get("video id"))
            title = clean(row.get("video title (original)") or row.get("video title"))
            description = clean(row.get("video description (original)") or row.get("video description"))
            lat, lon, alt, place = self.recordings.get(vid, (None, None, None, None))
            privacy = clean(row.get("privacy"))
            extra = {
                k: v
                for k, v in (
                    ("video_id", vid),
                    ("title", title),
                    ("altitude", alt),
                    ("state", clean(row.get("video state"))),
                    ("language", clean(row.get("video audio language"))),
                )
                if v is not None
            }
            yield self.rec(
                Kind.POST,
                vid or str(index),
                time=iso(row.get("video publish timestamp")) or iso(row.get("video create timestamp")),
                by_self=True,
                text="\n\n".join(t for t in (title, description) if t) or None,
                audience=privacy.lower() if privacy else None,
                place=place,
                lat=lat,
                lon=lon,
                permalink=watch_url(vid),
                extra=extra,
            )

    def recordings_rows(self, rows) -> Iterator[Record]:
        """Recording places of uploads not in videos.csv (the others sit on their post)."""
        for index, row in enumerate(rows):
            vid = clean(row.get("video id"))
            lat, lon, alt = coordinates(row)
            if lat is None or vid in self.videos:
                continue
            yield self.rec(
                Kind.LOCATION,
                vid or str(index),
                by_self=True,
                lat=lat,
                lon=lon,
                place=clean(row.get("address") or row.get("video recording address")),
                permalink=watch_url(vid),
                extra={k: v for k, v in (("video_id", vid), ("altitude", alt), ("recording", True)) if v is not None},
            )

    def locations(self, rows) -> Iterator[Record]:
        for index, row in enumerate(rows):
            lat, lon, _ = coordinates(row)
            if lat is not None:
                yield self.rec(
                    Kind.LOCATION,
                    str(index),
                    by_self=True,
                    lat=lat,
                    lon=lon,
                    extra={"columns": ",".join(k for k in row if "itude" in k)},
                )

    def playlists(self, rows) -> Iterator[Record]:
        for index, row in enumerate(rows):
            title = next(
                (
                    clean(v)
                    for k, v in row.items()
                    if k.startswith("playlist title") and clean(v) and "language" not in k
                ),
                None,
            )
            visibility = clean(row.get("playlist visibility"))
            yield self.rec(
                Kind.POST,
                clean(row.get("playlist id")) or str(index),
                time=iso(row.get("playlist create timestamp")),
                by_self=True,
                text=title,
                audience=visibility.lower() if visibility else None,
                extra={"playlist": True},
            )

    def liked(self, rows) -> Iterator[Record]:
        for index, row in enumerate(rows):
            vid = clean(row.get("video id"))
            yield self.rec(
                Kind.LIKE,
                vid or str(index),
                time=iso(row.get("playlist video creation timestamp")),
                by_self=True,
                permalink=watch_url(vid),
                extra={"video_id": vid} if vid else {},
            )

    def channel(self, rows) -> Iterator[Record]:
        for index, row in enumerate(rows):
            for column, value in row.items():
                field = _CHANNEL_FIELDS.get(column) or (
                    "email" if "email" in column else "phone" if "phone" in column else None
                )
                text = clean(value)
                if field and text:
                    yield self.rec(
                        Kind.PROFILE_FIELD,
                        f"{index}:{column}",
                        by_self=True,
                        text=text,
                        extra={"field": field, "column": column},
                    )


def read_csv(reader: ExportReader, member: Member, platform: str, recordings: dict, videos: set) -> Iterator[Record]:
    with reader.open(member) as raw:
        header, rows = _parse(raw)
        kind = kind_of(header, member.name)
        if kind is None:
            raise ImportProblem(reasons.YOUTUBE_COLUMNS.format(columns=", ".join(header[:6])[:120]))
        out = CsvRecords(platform, member, recordings, videos)
        readers = {
            "comments": out.comments,
            "live_chats": lambda r: out.comments(r, live=True),
            "subscriptions": out.subscriptions,
            "videos": out.videos_rows,
            "recordings": out.recordings_rows,
            "locations": out.locations,
            "playlists": out.playlists,
            "liked": out.liked,
            "channel": out.channel,
            "playlist_items": lambda r: iter(()),
        }
        yield from readers[kind](rows)
