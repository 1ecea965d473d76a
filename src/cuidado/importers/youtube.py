"""YouTube from Google Takeout: watch and search history, comments, uploads and where they were filmed.

Takeout puts YouTube under `Takeout/YouTube and YouTube Music/` (localised: "YouTube y YouTube
Music", "YouTube und YouTube Music"; "YouTube/" before 2017; also `My Activity/YouTube/`), so
any folder whose name contains "youtube" is ours. History is JSON or HTML (youtube_html);
comments, subscriptions, uploads and the channel are CSV (youtube_csv). A Takeout split over
several zips arrives here already merged by ZipSource.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from cuidado.importers import known as known_files
from cuidado.importers.base import Importer, ImportProblem
from cuidado.importers.reading import ExportReader, json_list
from cuidado.importers.youtube_csv import coordinates, iso, read_csv, rows_of_kind, watch_url
from cuidado.importers.youtube_html import activity_entries, center, comment_items
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Platform, Record

_YT = r"(?:^|/)[^/]*youtube[^/]*/(?:.*/)?"
# Title prefixes of activity entries, English first; German puts the verb last.
_PREFIXES = (
    ("Watched ", Kind.WATCH),
    ("Viewed ", Kind.WATCH),
    ("Searched for ", Kind.SEARCH),
    ("Liked ", Kind.LIKE),
    ("Has visto ", Kind.WATCH),
    ("Viste ", Kind.WATCH),
    ("Has buscado ", Kind.SEARCH),
    ("Buscaste ", Kind.SEARCH),
    ("Vous avez regardé ", Kind.WATCH),
    ("Vous avez recherché ", Kind.SEARCH),
    ("Assistiu a ", Kind.WATCH),
    ("Assistiu ", Kind.WATCH),
    ("Pesquisou ", Kind.SEARCH),
)
_SUFFIXES = ((" angesehen", Kind.WATCH), (" gesucht", Kind.SEARCH))


class YouTubeImporter(Importer):
    platform = Platform.YOUTUBE
    known = known_files.YOUTUBE

    def __init__(self) -> None:
        super().__init__()
        self.recordings: dict[str, tuple] = {}  # video id -> (lat, lon, alt, place)
        self.videos: set[str] = set()  # ids in videos.csv: their recording place goes on the post

    def sniff(self, paths: list[str]) -> int:
        youtube = [p for p in paths if re.search(_YT, p)]
        if not youtube:
            return 0
        if any(p.startswith("takeout/") or "/takeout/" in p for p in youtube):
            return 90
        known = re.compile(r"(watch|search)-history\.(json|html)$|comments\.csv$|subscriptions\.csv$")
        if any(known.search(p) for p in youtube):
            return 80
        return 40

    def begin(self, reader: ExportReader) -> None:
        """Read upload metadata first so each upload's recording place lands on its post."""
        for member in reader.find(_YT + r"[^/]*\.csv$"):
            try:
                kind, rows = rows_of_kind(reader, member, ("videos", "recordings"))
            except Exception:  # the member's own handler reports the problem
                continue
            if kind == "videos":
                self.videos.update(r.get("video id", "").strip() for r in rows if r.get("video id", "").strip())
            elif kind == "recordings":
                for row in rows:
                    lat, lon, alt = coordinates(row)
                    vid = (row.get("video id") or "").strip()
                    if lat is not None and vid:
                        place = (row.get("address") or row.get("video recording address") or "").strip() or None
                        self.recordings[vid] = (lat, lon, alt, place)

    # ---- JSON -------------------------------------------------------------------------

    def read_json(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        items = reader.json_records(member)
        first = next(items, None)
        if first is None:
            return
        if not isinstance(first, dict):
            raise ImportProblem(reasons.NOT_ACTIVITY_LIST)
        if "snippet" in first:  # pre-2017 history and playlists/likes.json: YouTube API objects
            yield from self._api_items(member, itertools.chain([first], items))
            return
        if not ("title" in first or "time" in first or "header" in first):
            raise ImportProblem(reasons.YOUTUBE_NO_ACTIVITY)
        fallback = _fallback_kind(member)
        for index, item in enumerate(itertools.chain([first], items)):
            if isinstance(item, dict):
                yield self._activity(member, index, item, fallback)

    def _activity(self, member: Member, index: int, item: dict, fallback: str) -> Record:
        kind, text = _classify(str(item.get("title") or ""), fallback)
        subtitles = json_list(item.get("subtitles"))
        channel = next((s.get("name") for s in subtitles if isinstance(s, dict) and s.get("name")), None)
        lat = lon = place = source = None
        for info in json_list(item.get("locationInfos")):
            if isinstance(info, dict):
                lat, lon = center(info.get("url"))
                if lat is not None:
                    place, source = info.get("name"), info.get("source")
                    break
        details = " ".join(str(d.get("name")) for d in json_list(item.get("details")) if isinstance(d, dict))
        extra = {
            k: v
            for k, v in (
                ("channel", channel),
                ("product", item.get("header")),
                ("ad", "Google Ads" in details or None),
                ("location_source", source),
            )
            if v
        }
        when = iso(item.get("time"))
        return Record(
            platform=self.platform,
            kind=kind,
            source=member.path,
            native_id=f"{index}:{item.get('time')}",
            time=when,
            by_self=True,
            text=text or None,
            place=place,
            lat=lat,
            lon=lon,
            permalink=item.get("titleUrl") if isinstance(item.get("titleUrl"), str) else None,
            extra=extra,
        )

    def _api_items(self, member: Member, items) -> Iterator[Record]:
        """YouTube Data API objects (Takeout before 2021): `youtube#subscription` in
        subscriptions.json are channels the person follows (connections, not watch history);
        `youtube#playlistItem` in playlists/*.json are uploads, likes, or videos saved to a list."""
        kind = _api_kind(member)
        for index, item in enumerate(items):
            snippet = item.get("snippet") if isinstance(item, dict) and isinstance(item.get("snippet"), dict) else None
            if snippet is None:
                continue
            details = item.get("contentDetails") if isinstance(item.get("contentDetails"), dict) else {}
            resource = snippet.get("resourceId") if isinstance(snippet.get("resourceId"), dict) else {}
            when = iso(snippet.get("publishedAt"))
            if str(item.get("kind", "")).endswith("#subscription") or resource.get("kind") == "youtube#channel":
                channel, name = resource.get("channelId"), snippet.get("title") or None
                yield Record(
                    platform=self.platform,
                    kind=Kind.CONNECTION,
                    source=member.path,
                    native_id=channel or f"{index}:{snippet.get('publishedAt')}",
                    time=when,
                    by_self=True,
                    author=name,
                    text=name,
                    permalink=f"https://www.youtube.com/channel/{channel}" if channel else None,
                    extra={
                        "connection": "following",
                        "subscription": True,
                        **({"channel_id": channel} if channel else {}),
                    },
                )
                continue
            video = details.get("videoId") or resource.get("videoId")
            status = item.get("status") if isinstance(item.get("status"), dict) else {}
            privacy = status.get("privacyStatus") if kind == Kind.POST else None
            extra = {k: v for k, v in (("channel", snippet.get("channelTitle")), ("video_id", video)) if v}
            if kind == Kind.OTHER:
                extra["playlist"] = member.name.rsplit(".", 1)[0]
            yield Record(
                platform=self.platform,
                kind=kind,
                source=member.path,
                native_id=f"{index}:{snippet.get('publishedAt')}",
                time=when,
                by_self=True,
                text=snippet.get("title") or None,
                permalink=watch_url(video),
                audience=str(privacy).lower() if privacy else None,
                extra=extra,
            )

    # ---- HTML -------------------------------------------------------------------------

    def read_html(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        name = member.name.lower()
        if "comment" in name or "live-chat" in name or "chat-messages" in name:
            for index, item in enumerate(comment_items(reader, member)):
                yield Record(
                    platform=self.platform,
                    kind=Kind.COMMENT,
                    source=member.path,
                    native_id=f"{index}:{item['time'].isoformat() if item['time'] else ''}",
                    time=item["time"],
                    by_self=True,
                    text=item["text"],
                    permalink=item["url"],
                    extra={"live_chat": True} if "chat" in name else {},
                )
            return
        fallback = _fallback_kind(member)
        for index, entry in enumerate(activity_entries(reader, member)):
            line = entry["line"]
            kind, text = _classify(line, fallback)
            if entry["title"] and text.endswith(entry["title"]):
                text = entry["title"]
            extra = {
                k: v
                for k, v in (
                    ("channel", entry["channel"]),
                    ("product", entry["header"]),
                    ("ad", entry["ad"] or None),
                    ("time_zone_unknown", entry["zone"]),
                )
                if v
            }
            yield Record(
                platform=self.platform,
                kind=kind,
                source=member.path,
                native_id=f"{index}:{entry['time'].isoformat() if entry['time'] else line}",
                time=entry["time"],
                by_self=True,
                text=text or None,
                place=entry["place"],
                lat=entry["lat"],
                lon=entry["lon"],
                permalink=entry["url"],
                extra=extra,
            )

    # ---- CSV --------------------------------------------------------------------------

    def read_csv(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        return read_csv(reader, member, self.platform, self.recordings, self.videos)

    # Which member each method reads: the first pattern (on the lower-cased path) that matches wins.
    handlers = (
        (_YT + r"[^/]*\.json$", read_json),
        (_YT + r"[^/]*\.html?$", read_html),
        (_YT + r"[^/]*\.csv$", read_csv),
    )


def _api_kind(member: Member) -> str:
    """What the playlistItems of an old Takeout JSON file are, from its name and folder."""
    name, path = member.name.lower(), member.lower
    if "like" in name or "favorite" in name or "favourite" in name:
        return Kind.LIKE
    if "upload" in name:
        return Kind.POST
    if "/playlists/" in "/" + path:
        return Kind.OTHER  # a video saved to a list (watch later, a playlist of the person's)
    return _fallback_kind(member)


def _fallback_kind(member: Member) -> str:
    name = member.name.lower()
    if "search" in name or "such" in name or "búsqueda" in name or "busca" in name:
        return Kind.SEARCH
    if "like" in name:
        return Kind.LIKE
    return Kind.WATCH


def _classify(title: str, fallback: str) -> tuple[str, str]:
    """(kind, text without the verb) from an activity title such as "Watched <video>"."""
    title = title.replace("\u00a0", " ").strip()
    for prefix, kind in _PREFIXES:
        if title.startswith(prefix):
            return kind, title[len(prefix) :].strip()
    for suffix, kind in _SUFFIXES:
        if title.endswith(suffix):
            return kind, title[: -len(suffix)].strip()
    return fallback, title
