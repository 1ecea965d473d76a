"""X/Twitter "Your archive": tweets, DMs, the social graph, logins and the account's identifiers.

Layout: `Your archive.html` plus `data/<name>.js` files (see x_archive for their syntax).
Who the owner is (account id, @username) comes from `data/account.js` or `data/manifest.js`
and is read first, so DMs know which side is the person's and tweets get permalinks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from cuidado.importers import known as known_files
from cuidado.importers.base import Importer
from cuidado.importers.reading import ExportReader, json_dict, json_list
from cuidado.importers.x_archive import as_float, iso_time, tweet_time, unwrap, ytd_items, ytd_value
from cuidado.importers.x_profile import XProfileReaders
from cuidado.inputs.sources import Member
from cuidado.models import Kind, MediaRef, Platform, Record

_DATA = r"(?:^|/)data/"
_PART = r"(?:-part\d+)?\.js$"
_TAG = re.compile(r"<[^>]+>")


class XImporter(XProfileReaders, Importer):
    platform = Platform.X
    known = known_files.X

    def __init__(self) -> None:
        super().__init__()
        self.account_id: str | None = None
        self.username: str | None = None
        self._protected: list[tuple] = []  # (time, is_protected), sorted

    # ---- recognising and setting up -------------------------------------------------

    def sniff(self, paths: list[str]) -> int:
        data = [p for p in paths if re.search(_DATA + r"[a-z0-9_-]+\.js$", p)]
        if not data:
            return 0
        names = {p.rsplit("/", 1)[-1] for p in data}
        if any(p.endswith("your archive.html") for p in paths) or "manifest.js" in names:
            return 95
        if names & {"account.js", "tweets.js", "tweet.js", "tweets-part1.js", "direct-messages.js"}:
            return 85
        if names & {"follower.js", "following.js", "like.js", "saved-search.js", "ip-audit.js", "profile.js"}:
            return 70
        return 0

    def begin(self, reader: ExportReader) -> None:
        """Learn the owner's id and @username, and when the account was protected."""
        for pattern, read in (
            (_DATA + r"manifest\.js$", self._owner_from_manifest),
            (_DATA + r"account\.js$", self._owner_from_account),
            (_DATA + r"protected-history" + _PART, self._protection_from),
        ):
            for member in reader.find(pattern):
                try:
                    read(reader, member)
                except Exception:  # the member's own handler reports the problem
                    pass
        reader.owner.update({k: v for k, v in (("account_id", self.account_id), ("username", self.username)) if v})

    def _owner_from_manifest(self, reader, member) -> None:
        value = ytd_value(reader, member)
        info = value.get("userInfo") if isinstance(value, dict) else None
        if isinstance(info, dict):
            self.account_id = self.account_id or _s(info.get("accountId"))
            self.username = self.username or _s(info.get("userName"))

    def _owner_from_account(self, reader, member) -> None:
        for item in ytd_items(reader, member):
            account = unwrap(item, "account") or {}
            self.account_id = _s(account.get("accountId")) or self.account_id
            self.username = _s(account.get("username")) or self.username

    def _protection_from(self, reader, member) -> None:
        # Shape not documented publicly: look for a time and a protect/unprotect word.
        for item in ytd_items(reader, member):
            entry = unwrap(item, "protectedHistory") or {}
            when = next((iso_time(v) for v in entry.values() if iso_time(v)), None)
            words = " ".join(str(v).lower() for v in entry.values() if isinstance(v, (str, bool)))
            if "unprotect" in words or "false" in words:
                self._protected.append((when, False))
            elif "protect" in words or "true" in words:
                self._protected.append((when, True))
        self._protected.sort(key=lambda pair: (pair[0] is not None, pair[0] or 0))

    def audience_at(self, when) -> str:
        if not self._protected:
            return "public"
        protected = not self._protected[0][1]  # before the first change it was the opposite
        for at, state in self._protected:
            if when is not None and at is not None and at > when:
                break
            protected = state
        return "followers" if protected else "public"

    def read_checked_only(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        """Files used only by begin(): parse them so damage is still reported."""
        ytd_value(reader, member)
        yield from ()

    # ---- tweets ---------------------------------------------------------------------

    def read_tweets(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for item in ytd_items(reader, member):
            tweet = unwrap(item, "tweet")
            if tweet:
                yield self._tweet(reader, member, tweet)

    def read_deleted_tweets(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for record in self.read_tweets(reader, member):
            record.extra["deleted"] = True
            yield record

    def _tweet(self, reader: ExportReader, member: Member, tweet: dict) -> Record:
        tweet_id = _s(tweet.get("id_str")) or _s(tweet.get("id"))
        when = tweet_time(tweet.get("created_at"))
        lat = lon = None
        coords = json_dict(tweet.get("coordinates")).get("coordinates")
        if isinstance(coords, list) and len(coords) >= 2:  # GeoJSON order: [lon, lat]
            lon, lat = as_float(coords[0]), as_float(coords[1])
        geo = json_dict(tweet.get("geo")).get("coordinates")
        if (lat is None or lon is None) and isinstance(geo, list) and len(geo) >= 2:  # [lat, lon]
            lat, lon = as_float(geo[0]), as_float(geo[1])
        place = json_dict(tweet.get("place"))
        text = html.unescape(str(tweet.get("full_text") or tweet.get("text") or ""))
        entities = json_dict(tweet.get("entities"))
        mentions = [m.get("screen_name") for m in json_list(entities.get("user_mentions")) if isinstance(m, dict)]
        extra = {
            k: v
            for k, v in {
                "lang": tweet.get("lang"),
                "client": _TAG.sub("", str(tweet.get("source") or "")) or None,
                "in_reply_to": tweet.get("in_reply_to_screen_name"),
                "retweet": text.startswith("RT @") or None,
                "possibly_sensitive": tweet.get("possibly_sensitive") or None,
                "mentions": mentions or None,
                "urls": [u.get("expanded_url") for u in json_list(entities.get("urls")) if isinstance(u, dict)] or None,
                "country": place.get("country"),
            }.items()
            if v
        }
        return Record(
            platform=self.platform,
            kind=Kind.POST,
            source=member.path,
            native_id=tweet_id,
            time=when,
            by_self=True,
            author=self.username,
            text=text or None,
            audience=self.audience_at(when),
            place=_s(place.get("full_name")),
            lat=lat if lon is not None else None,
            lon=lon if lat is not None else None,
            media=self._tweet_media(reader, tweet_id, tweet),
            permalink=self._permalink(tweet_id),
            extra=extra,
        )

    def _tweet_media(self, reader: ExportReader, tweet_id: str | None, tweet: dict) -> tuple[MediaRef, ...]:
        items = json_dict(tweet.get("extended_entities") or tweet.get("entities")).get("media")
        refs: dict[str, MediaRef] = {}
        for media in items if isinstance(items, list) else []:
            if not isinstance(media, dict):
                continue
            urls = [media.get("media_url_https"), media.get("media_url")]
            variants = json_dict(media.get("video_info")).get("variants")
            urls += [v.get("url") for v in json_list(variants) if isinstance(v, dict)]
            found = None
            for url in urls:
                if not isinstance(url, str) or not tweet_id:
                    continue
                name = url.split("?", 1)[0].rsplit("/", 1)[-1]
                for folder in ("tweets_media", "tweet_media", "deleted_tweets_media", "community_tweet_media"):
                    found = reader.lookup(f"data/{folder}/{tweet_id}-{name}")
                    if found:
                        break
                if found:
                    break
            if found:
                refs[found.path] = MediaRef(found.path, found.size)
                continue
            url = media.get("media_url_https") or media.get("media_url")
            if isinstance(url, str):
                refs.setdefault(url, MediaRef(url))  # not in the archive: keep the URL
        return tuple(refs.values())

    def _permalink(self, tweet_id: str | None) -> str | None:
        if not tweet_id:
            return None
        return f"https://x.com/{self.username or 'i'}/status/{tweet_id}"

    def read_note_tweets(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        """Long posts: the full text of tweets whose tweets.js text is cut short."""
        for item in ytd_items(reader, member):
            note = unwrap(item, "noteTweet")
            if not note:
                continue
            core = json_dict(note.get("core"))
            when = iso_time(note.get("createdAt"))
            note_id = _s(note.get("noteTweetId"))
            yield Record(
                platform=self.platform,
                kind=Kind.POST,
                source=member.path,
                native_id=note_id,
                time=when,
                by_self=True,
                author=self.username,
                text=_s(core.get("text")),
                audience=self.audience_at(when),
                extra={"note_tweet": True},
            )

    # ---- direct messages ------------------------------------------------------------

    def read_messages(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        group = "group" in member.name.lower()
        for item in ytd_items(reader, member):
            conversation = unwrap(item, "dmConversation")
            if not conversation:
                continue
            thread = _s(conversation.get("conversationId"))
            events = [e for e in json_list(conversation.get("messages")) if isinstance(e, dict)]
            people = set(thread.split("-")) if thread and not group and "-" in thread else set()
            for event in events:
                for value in event.values():
                    if isinstance(value, dict):
                        ids = [value.get(k) for k in ("senderId", "recipientId", "initiatingUserId")]
                        ids += json_list(value.get("userIds") or value.get("participantsSnapshot"))
                        people.update(person for person in map(_s, ids) if person is not None)
            participants = tuple(sorted(people))
            for event in events:
                message = event.get("messageCreate")
                if isinstance(message, dict):
                    yield self._message(reader, member, thread, participants, message, group)

    def _message(self, reader, member, thread, participants, message: dict, group: bool) -> Record:
        sender = _s(message.get("senderId"))
        by_self = None if not self.account_id or not sender else sender == self.account_id
        message_id = _s(message.get("id"))
        media = []
        folder = "direct_messages_group_media" if group else "direct_messages_media"
        for url in json_list(message.get("mediaUrls")):
            if isinstance(url, str) and message_id:
                found = reader.lookup(f"data/{folder}/{message_id}-{url.split('?', 1)[0].rsplit('/', 1)[-1]}")
                media.append(MediaRef(found.path, found.size) if found else MediaRef(url))
        urls = [u.get("expanded") for u in json_list(message.get("urls")) if isinstance(u, dict) and u.get("expanded")]
        return Record(
            platform=self.platform,
            kind=Kind.MESSAGE,
            source=member.path,
            native_id=message_id,
            time=iso_time(message.get("createdAt")),
            by_self=by_self,
            author=self.username if by_self and self.username else sender,
            text=html.unescape(str(message.get("text") or "")) or None,
            media=tuple(media),
            thread=thread,
            participants=participants,
            extra={k: v for k, v in (("recipient", _s(message.get("recipientId"))), ("urls", urls)) if v},
        )

    # Which member each method reads: the first pattern (on the lower-cased path) that matches wins.
    handlers = (
        (_DATA + r"(?:tweets?|community-tweet)" + _PART, read_tweets),
        (_DATA + r"deleted-tweets?" + _PART, read_deleted_tweets),
        (_DATA + r"note-tweet" + _PART, read_note_tweets),
        (_DATA + r"direct-messages(?:-group)?" + _PART, read_messages),
        (_DATA + r"like" + _PART, XProfileReaders.read_likes),
        (_DATA + r"(?:follower|following|block|mute)" + _PART, XProfileReaders.read_connections),
        (_DATA + r"saved-search" + _PART, XProfileReaders.read_searches),
        (_DATA + r"(?:ip-audit|account-creation-ip)" + _PART, XProfileReaders.read_logins),
        (_DATA + r"personalization" + _PART, XProfileReaders.read_personalization),
        (_DATA + r"account" + _PART, XProfileReaders.read_account),
        (_DATA + r"phone-number" + _PART, XProfileReaders.read_phone),
        (_DATA + r"profile" + _PART, XProfileReaders.read_profile),
        (_DATA + r"ageinfo" + _PART, XProfileReaders.read_ageinfo),
        (_DATA + r"(?:email-address-change|screen-name-change)" + _PART, XProfileReaders.read_changes),
        (_DATA + r"(?:manifest|protected-history)" + _PART, read_checked_only),
    )


def _s(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
