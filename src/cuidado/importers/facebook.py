"""Facebook "Download your information" (JSON): posts, photos, videos, stories, comments,
reactions, Messenger, profile, connections, places, searches and logins.

Three layouts exist (≤2021 flat folders, 2022–23 `your_activity_across_facebook/`, 2024+
`your_facebook_activity/`); files are matched by their tail path so all three read the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cuidado.importers import facebook_logged, facebook_profile, meta_ads
from cuidado.importers import known as known_files
from cuidado.importers._text import clean
from cuidado.importers.base import Importer, ImportProblem
from cuidado.importers.meta_common import (
    as_list,
    attachment_data,
    exif_info,
    guess_owner,
    items,
    load_fixed,
    media_refs,
    place_info,
    thread_records,
)
from cuidado.importers.reading import ExportReader
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Platform, Record, from_epoch

PLATFORM = Platform.FACEBOOK
THREADS = (
    r"(^|/)messages/(inbox|archived_threads|e2ee_cutover|filtered_threads|message_requests)/"
    r"[^/]+/message_\d+\.json$"
)
PROFILE = r"(^|/)profile_information/profile_information\.json$"
HTML_PROBLEM = reasons.HTML_EXPORT

# Folders only a Facebook export has (any era), and file tails typical of the old flat layout.
_STRONG = (
    "your_facebook_activity/",
    "your_activity_across_facebook/",
    "apps_and_websites_off_of_facebook/",
    "facebook_marketplace/",
    "facebook_gaming/",
    "facebook_payments/",
)
_TYPICAL = re.compile(
    r"(^|/)(posts/your_posts(__check_ins__photos_and_videos)?(_\d+)?\.(json|html?)|posts/album/\d+\.json"
    r"|photos_and_videos/(album/\d+|your_videos)\.json"
    r"|ads_information/(advertisers_using_your_activity_or_information|advertisers_you've_interacted_with"
    r"|other_categories_used_to_reach_you|ad_preferences)\.json"
    r"|(ads|ads_and_businesses|other_logged_information)/(ads_interests|advertisers_who_uploaded_a_contact_list"
    r"_with_your_information|your_off-facebook_activity)\.json"
    r"|friends_and_followers/|profile_information/profile_information\.(json|html?)"
    r"|comments_and_reactions/|likes_and_reactions/"
    r"|security_and_login_information/(account_activity|logins_and_logouts|where_you're_logged_in)\.json"
    r"|your_places/|search_history/your_search_history\.json|connections/friends/"
    r"|logged_information/(search|location)/|location/(primary(_public)?_location|location_history|timezone)\.json)"
)


class FacebookImporter(Importer):
    platform = PLATFORM
    known = known_files.FACEBOOK

    read_profile = staticmethod(facebook_profile.read_profile)
    read_connections = staticmethod(facebook_profile.read_connections)
    read_location_history = staticmethod(facebook_logged.read_location_history)
    read_primary_location = staticmethod(facebook_logged.read_primary_location)
    read_places = staticmethod(facebook_logged.read_places)
    read_searches = staticmethod(facebook_logged.read_searches)
    read_logins = staticmethod(facebook_logged.read_logins)

    def read_interests(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        return meta_ads.read_interests(self.platform, reader, member)

    def read_off_platform(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        return meta_ads.read_off_platform(self.platform, reader, member)

    def sniff(self, paths: list[str]) -> int:
        if any(marker in path for path in paths for marker in _STRONG):
            return 95
        typical = {m.group(2).split("/")[0] for path in paths if (m := _TYPICAL.search(path))}
        if typical:
            return 90 if len(typical) >= 2 else 75
        if any(re.search(THREADS, path) for path in paths):
            return 40  # a Messenger-only download; Instagram DMs look alike
        return 0

    def begin(self, reader: ExportReader) -> None:
        """Who the person is, so their own Messenger messages can be told from others'."""
        name = None
        for member in reader.find(PROFILE):
            try:
                name = facebook_profile.owner_name(load_fixed(reader, member))
            except Exception:  # reported when the member itself is read
                continue
            if name:
                break
        name = name or guess_owner(reader, THREADS)
        reader.owner = {"name": name, "names": {name} if name else set()}

    def read_html_export(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        raise ImportProblem(HTML_PROBLEM)
        yield  # pragma: no cover - makes this a generator like every handler

    def read_posts(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(items(reader, member)):
            if isinstance(item, dict):
                yield post_record(reader, member, item, index)

    def read_stories(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(items(reader, member, ("archived_stories_v2",))):
            if isinstance(item, dict):
                yield post_record(reader, member, item, index, content_type="story")

    def read_album(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        album = load_fixed(reader, member)
        if not isinstance(album, dict) or not isinstance(album.get("photos"), list):
            raise ImportProblem(reasons.NOT_AN_ALBUM)
        name = clean(album.get("name"))
        uris = set()
        for index, photo in enumerate(album["photos"]):
            if isinstance(photo, dict):
                uris.add(clean(photo.get("uri")))
                yield media_post(reader, member, photo, index, "album_photo", album=name)
                # 2018–2020 albums keep the comments on each photo (other people's, often).
                yield from comment_records(reader, member, photo.get("comments"), f"photo{index}", album=name)
        yield from comment_records(reader, member, album.get("comments"), "album", album=name)
        cover = album.get("cover_photo")
        # The cover is usually one of the album's photos; when it is not, it is one more upload
        # (with its own camera, time and IP), so it is read too.
        if isinstance(cover, dict) and clean(cover.get("uri")) not in uris:
            yield media_post(reader, member, cover, len(album["photos"]), "album_cover", album=name)

    def read_timeline_posts(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        """Posts other people wrote on the person's timeline (2018–2021: wall_posts_sent_to_you)."""
        for index, item in enumerate(items(reader, member, ("wall_posts_sent_to_you", "wall_posts_sent_to_you_v2"))):
            if isinstance(item, dict):
                record = post_record(reader, member, item, index, content_type="timeline_post_by_others")
                record.by_self, record.author = False, None
                yield record

    def read_videos(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, video in enumerate(items(reader, member, ("videos_v2", "videos"))):
            if isinstance(video, dict):
                yield media_post(reader, member, video, index, "video")

    def read_photos(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, photo in enumerate(items(reader, member, ("other_photos_v2",))):
            if isinstance(photo, dict):
                yield media_post(reader, member, photo, index, "photo")

    def read_comments(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        owner = reader.owner.get("name")
        for index, item in enumerate(items(reader, member, ("comments_v2", "group_comments_v2", "comments"))):
            if not isinstance(item, dict):
                continue
            comment: dict = next(
                (
                    d["comment"]
                    for d in as_list(item.get("data"))
                    if isinstance(d, dict) and isinstance(d.get("comment"), dict)
                ),
                {},
            )
            stamp = item.get("timestamp") or comment.get("timestamp")
            extra = {
                k: v for k, v in (("title", clean(item.get("title"))), ("group", clean(comment.get("group")))) if v
            }
            media = [d["media"] for d in attachment_data(item) if isinstance(d.get("media"), dict)]
            yield Record(
                platform=PLATFORM,
                kind=Kind.COMMENT,
                source=member.path,
                native_id=f"{index}:{stamp}",
                time=from_epoch(stamp),
                by_self=True,
                author=clean(comment.get("author")) or owner,
                text=clean(comment.get("comment")),
                media=media_refs(reader, media),
                extra=extra,
            )

    def read_likes(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(items(reader, member, ("reactions_v2", "reactions"))):
            if not isinstance(item, dict):
                continue
            reaction: dict = next(
                (
                    d["reaction"]
                    for d in as_list(item.get("data"))
                    if isinstance(d, dict) and isinstance(d.get("reaction"), dict)
                ),
                {},
            )
            stamp = item.get("timestamp")
            yield Record(
                platform=PLATFORM,
                kind=Kind.LIKE,
                source=member.path,
                native_id=f"{index}:{stamp}",
                time=from_epoch(stamp),
                by_self=True,
                author=clean(reaction.get("actor")) or reader.owner.get("name"),
                text=clean(item.get("title")),
                extra={"reaction": clean(reaction.get("reaction"))} if clean(reaction.get("reaction")) else {},
            )

    def read_thread(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        yield from thread_records(PLATFORM, reader, member)

    # Which member each method reads: the first pattern (on the lower-cased path) that matches wins.
    handlers = (
        (r"(^|/)posts/your_posts[^/]*\.html?$", read_html_export),
        (r"(^|/)profile_information/profile_information\.html?$", read_html_export),
        (r"(^|/)posts/(your_posts(__check_ins__photos_and_videos)?(_\d+)?|archive)\.json$", read_posts),
        (r"(^|/)groups/your_posts_in_groups\.json$", read_posts),
        (r"(^|/)posts/other_people's_posts[^/]*\.json$", read_timeline_posts),
        (r"(^|/)(posts|photos_and_videos)/album/[^/]+\.json$", read_album),
        (r"(^|/)(posts|photos_and_videos)/your_videos(_\d+)?\.json$", read_videos),
        (r"(^|/)posts/your_uncategori[sz]ed_photos(_\d+)?\.json$", read_photos),
        (r"(^|/)stories/archived_stories\.json$", read_stories),
        (r"(^|/)(comments|comments_and_reactions)/comments(_\d+)?\.json$", read_comments),
        (r"(^|/)groups/your_comments_in_groups\.json$", read_comments),
        (
            r"(^|/)(likes_and_reactions|comments_and_reactions)/(likes_and_reactions(_\d+)?|posts_and_comments)\.json$",
            read_likes,
        ),
        (PROFILE, read_profile),
        (facebook_profile.CONNECTIONS, read_connections),
        (THREADS, read_thread),
        (r"(^|/)location(_history)?/[^/]*location_history[^/]*\.json$", read_location_history),
        (r"(^|/)location/primary(_public)?_location\.json$", read_primary_location),
        (r"(^|/)your_places/[^/]+\.json$", read_places),
        (r"(^|/)your_search_history\.json$", read_searches),
        (facebook_logged.SECURITY, read_logins),
        (meta_ads.INTERESTS, read_interests),
        (meta_ads.OFF_PLATFORM, read_off_platform),
    )


def post_record(
    reader: ExportReader, member: Member, item: dict, index: int, content_type: str | None = None
) -> Record:
    """A post, check-in or story: text in data[*].post, media and place in attachments[*].data[*]."""
    stamp = item.get("timestamp")
    texts = [clean(d.get("post")) for d in as_list(item.get("data")) if isinstance(d, dict)]
    media, place, lat, lon, extra = [], None, None, None, {}
    for data in attachment_data(item):
        if isinstance(data.get("media"), dict):
            media.append(data["media"])
        if isinstance(data.get("note"), dict):
            media.extend(m for m in as_list(data["note"].get("media")) if isinstance(m, dict))
            texts.append(clean(data["note"].get("text")))
        if "place" in data:
            name, p_lat, p_lon, p_extra = place_info(data["place"])
            if place is None or (lat is None and p_lat is not None):
                place, lat, lon = name, p_lat, p_lon
                extra.update({f"place_{k}": v for k, v in p_extra.items()})
        context = data.get("external_context")
        if isinstance(context, dict) and clean(context.get("url")):
            extra.setdefault("link", clean(context["url"]))
        if isinstance(data.get("event"), dict) and clean(data["event"].get("name")):
            extra.setdefault("event", clean(data["event"]["name"]))
    exif_lat, exif_lon, exif_extra = exif_info(media)
    if lat is None and exif_lat is not None:
        lat, lon = exif_lat, exif_lon
    elif lat is not None:
        exif_extra.pop("location_source", None)  # the check-in's coordinates win: a geotag
    extra.update(exif_extra)
    if clean(item.get("title")):
        extra["title"] = clean(item["title"])
    tagged = [t.get("name") if isinstance(t, dict) else t for t in as_list(item.get("tags"))]
    if any(clean(t) for t in tagged if isinstance(t, str)):
        extra["tagged"] = [clean(t) for t in tagged if isinstance(t, str) and clean(t)]
    if content_type:
        extra["content_type"] = content_type
    text = "\n".join(t for t in texts if t) or next(
        (clean(m.get("description")) for m in media if clean(m.get("description"))), None
    )
    return Record(
        platform=PLATFORM,
        kind=Kind.POST,
        source=member.path,
        native_id=f"{index}:{stamp}",
        time=from_epoch(stamp),
        by_self=True,
        author=reader.owner.get("name"),
        text=text,
        place=place,
        lat=lat,
        lon=lon,
        media=media_refs(reader, media),
        extra=extra,
    )


def media_post(
    reader: ExportReader, member: Member, media: dict, index: int, content_type: str, album: str | None = None
) -> Record:
    """A photo or video listed on its own (albums, your_videos, uncategorized photos)."""
    stamp = media.get("creation_timestamp")
    lat, lon, extra = exif_info([media])
    place, p_lat, p_lon, p_extra = place_info(media.get("place"))
    if p_lat is not None:
        lat, lon = p_lat, p_lon
    extra.update({f"place_{k}": v for k, v in p_extra.items()})
    extra["content_type"] = content_type
    if album:
        extra["album"] = album
    if clean(media.get("title")):
        extra["title"] = clean(media["title"])
    return Record(
        platform=PLATFORM,
        kind=Kind.POST,
        source=member.path,
        native_id=f"{index}:{stamp}",
        time=from_epoch(stamp),
        by_self=True,
        author=reader.owner.get("name"),
        text=clean(media.get("description")),
        place=place,
        lat=lat,
        lon=lon,
        media=media_refs(reader, [media]),
        extra=extra,
    )


def comment_records(reader: ExportReader, member: Member, comments, key: str, **extra) -> Iterator[Record]:
    """Comments kept inside an album or on one of its photos: [{timestamp, comment, author}]."""
    owner = reader.owner.get("name")
    for index, comment in enumerate(as_list(comments)):
        if not isinstance(comment, dict):
            continue
        author, stamp = clean(comment.get("author")), comment.get("timestamp")
        yield Record(
            platform=PLATFORM,
            kind=Kind.COMMENT,
            source=member.path,
            native_id=f"{key}:{index}:{stamp}",
            time=from_epoch(stamp),
            by_self=(author == owner) if owner and author else None,
            author=author,
            text=clean(comment.get("comment")),
            extra={k: v for k, v in extra.items() if v},
        )
