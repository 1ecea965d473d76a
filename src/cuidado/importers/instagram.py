"""Instagram data download (JSON): posts, stories, reels, archived and profile photos with the
EXIF Meta keeps (GPS, device id, software), comments, likes, DMs, personal information,
followers/following, searches and logins.

Layouts: 2023+ `your_instagram_activity/(content|media)/posts_1.json`, 2021–22
`content/posts_1.json`, and the pre-2021 `media.json`. Instagram has no per-post audience:
the account's "Private Account" setting decides it for every post (followers vs public).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from cuidado.importers import instagram_account as account
from cuidado.importers import known as known_files
from cuidado.importers import meta_ads
from cuidado.importers._text import clean
from cuidado.importers.base import Importer, ImportProblem
from cuidado.importers.meta_common import as_list, exif_info, items, load_fixed, media_ref, media_refs, thread_records
from cuidado.importers.reading import ExportReader
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Platform, Record, from_epoch, utc

PLATFORM = Platform.INSTAGRAM
THREADS = r"(^|/)messages/(inbox|message_requests)/[^/]+/message_\d+\.json$"
_CONTENT = r"(^|/)(content|media)/"
# content file -> what its items are; every one holds Media objects, bare or as {media: [...]}.
_CONTENT_TYPES = {
    "posts": "post",
    "archived_posts": "archived_post",
    "stories": "story",
    "reels": "reel",
    "igtv_videos": "igtv",
    "profile_photos": "profile_photo",
    "recently_deleted_content": "recently_deleted",
    "other_content": "other_content",
}
# A story or post entry with none of these holds nothing to read (an empty object).
_ENTRY_KEYS = ("media", "uri", "creation_timestamp", "title", "media_metadata", "taken_at")
_LEGACY_TYPES = {"photos": "photo", "videos": "video", "stories": "story", "profile": "profile_photo"}
_STRONG = re.compile(
    r"(^|/)(your_instagram_activity/|followers_and_following/|login_and_(account|profile)_creation/"
    r"|(personal_information/(personal_information/)?|account_information/)personal_information\.json"
    r"|information_about_you/|ads_information/(ads_and_topics|instagram_ads_and_businesses)/"
    r"|apps_and_websites_off_of_instagram/"
    r"|(content|media)/posts_\d+\.json|recent_searches/)"
)


class InstagramImporter(Importer):
    platform = PLATFORM
    known = known_files.INSTAGRAM

    read_personal_information = staticmethod(account.read_personal_information)
    read_based_in = staticmethod(account.read_based_in)
    read_connections = staticmethod(account.read_connections)
    read_searches = staticmethod(account.read_searches)
    read_logins = staticmethod(account.read_logins)
    read_likes = staticmethod(account.read_likes)

    def read_interests(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        return meta_ads.read_interests(self.platform, reader, member)

    def read_off_platform(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        return meta_ads.read_off_platform(self.platform, reader, member)

    def sniff(self, paths: list[str]) -> int:
        if any("your_instagram_activity/" in path for path in paths):
            return 95
        strong = {m.group(2).split("/")[0] for path in paths if (m := _STRONG.search(path))}
        if strong:
            return 90 if len(strong) >= 2 else 75
        names = {path.rsplit("/", 1)[-1] for path in paths}
        if {"media.json", "profile.json"} <= names and names & {"connections.json", "comments.json", "likes.json"}:
            return 80  # the pre-2021 layout
        if any(re.search(THREADS, path) for path in paths):
            return 30  # DMs only: Messenger threads look the same
        return 0

    def begin(self, reader: ExportReader) -> None:
        """Who the person is (for their own DMs) and whether the account is private (for audience)."""
        owner: dict = {"name": None, "username": None, "private": None, "names": set(), "audience": None}
        for member in reader.find(account.PERSONAL):
            try:
                owner = account.owner_from(load_fixed(reader, member))
            except Exception:  # reported when the member itself is read
                continue
            # No per-post audience exists: a private account's posts reach followers, others everyone.
            owner["audience"] = "followers" if owner["private"] else "public"
            break
        reader.owner = owner

    def read_content(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        stem = re.sub(r"_\d+$", "", member.name.lower().rsplit(".", 1)[0])
        content_type = _CONTENT_TYPES.get(stem, stem)
        for index, item in enumerate(items(reader, member, single_key="media")):
            # A story whose photo was not included still has its time, caption and GPS: read it.
            if isinstance(item, dict) and any(key in item for key in _ENTRY_KEYS):
                yield post_record(reader, member, item, index, content_type)

    def read_legacy_media(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        """Pre-2021 media.json: {photos|videos|stories|profile: [{caption, taken_at, path, location}]}."""
        data = load_fixed(reader, member)
        if not isinstance(data, dict):
            raise ImportProblem(reasons.NO_MEDIA_LISTS)
        for key, content_type in _LEGACY_TYPES.items():
            for index, entry in enumerate(as_list(data.get(key))):
                if not isinstance(entry, dict):
                    continue
                ref = media_ref(reader, entry.get("path"))
                yield Record(
                    platform=PLATFORM,
                    kind=Kind.POST,
                    source=member.path,
                    native_id=f"{key}:{index}:{entry.get('taken_at')}",
                    time=_iso_time(entry.get("taken_at")),
                    by_self=True,
                    author=_author(reader),
                    text=clean(entry.get("caption")),
                    audience="public" if content_type == "profile_photo" else reader.owner.get("audience"),
                    place=clean(entry.get("location")) if isinstance(entry.get("location"), str) else None,
                    media=(ref,) if ref else (),
                    extra={"content_type": content_type},
                )

    def read_comments(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(items(reader, member, ("comments_media_comments", "comments_reels_comments"))):
            smd = item.get("string_map_data") if isinstance(item, dict) else None
            if not isinstance(smd, dict):
                continue
            stamp = account.smd_value(smd, "time", "hora").get("timestamp") or item.get("timestamp")
            owner = clean(account.smd_value(smd, "media owner", "propietario del contenido").get("value"))
            yield Record(
                platform=PLATFORM,
                kind=Kind.COMMENT,
                source=member.path,
                native_id=f"{index}:{stamp}",
                time=from_epoch(stamp),
                by_self=True,
                author=_author(reader),
                text=clean(account.smd_value(smd, "comment", "comentario").get("value")),
                media=media_refs(reader, item.get("media_list_data")),
                extra={"media_owner": owner} if owner else {},
            )

    def read_thread(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        yield from thread_records(PLATFORM, reader, member)

    # Which member each method reads: the first pattern (on the lower-cased path) that matches wins.
    handlers = (
        (
            _CONTENT + r"(posts_\d+|archived_posts|stories|reels|igtv_videos|profile_photos"
            r"|recently_deleted_content|other_content)\.json$",
            read_content,
        ),
        (r"(^|/)media\.json$", read_legacy_media),
        (r"(^|/)comments/(post_comments(_\d+)?|reels_comments)\.json$", read_comments),
        (r"(^|/)likes/(liked_posts|liked_comments)\.json$", read_likes),
        (account.PERSONAL, read_personal_information),
        (account.BASED_IN, read_based_in),
        (account.CONNECTIONS, read_connections),
        (THREADS, read_thread),
        (r"(^|/)recent_searches/[^/]+\.json$", read_searches),
        (r"(^|/)login_and_(account|profile)_creation/(login|logout)_activity\.json$", read_logins),
        (meta_ads.INTERESTS, read_interests),
        (meta_ads.OFF_PLATFORM, read_off_platform),
    )


def post_record(reader: ExportReader, member: Member, item: dict, index: int, content_type: str) -> Record:
    """A post ({media: [Media], title, creation_timestamp}) or one bare Media (stories, profile photos)."""
    media = [m for m in as_list(item.get("media")) if isinstance(m, dict)] if "media" in item else [item]
    stamp = item.get("creation_timestamp") or next(
        (m.get("creation_timestamp") for m in media if from_epoch(m.get("creation_timestamp"))), None
    )
    text = clean(item.get("title")) or next((clean(m.get("title")) for m in media if clean(m.get("title"))), None)
    lat, lon, extra = exif_info(media)
    extra["content_type"] = content_type
    source_app = next(
        (m["cross_post_source"].get("source_app") for m in media if isinstance(m.get("cross_post_source"), dict)), None
    )
    if clean(source_app):
        extra["cross_post_source"] = clean(source_app)
    return Record(
        platform=PLATFORM,
        kind=Kind.POST,
        source=member.path,
        native_id=f"{index}:{stamp}",
        time=from_epoch(stamp),
        by_self=True,
        author=_author(reader),
        text=text,
        audience="public" if content_type == "profile_photo" else reader.owner.get("audience"),
        lat=lat,
        lon=lon,
        media=media_refs(reader, media),
        extra=extra,
    )


def _author(reader: ExportReader) -> str | None:
    return reader.owner.get("username") or reader.owner.get("name")


def _iso_time(value) -> datetime | None:
    try:
        return utc(datetime.fromisoformat(str(value).strip()))
    except (TypeError, ValueError, OverflowError):
        return None
