"""Turn the sections of a TikTok `user_data(_tiktok).json` into Records, by the lists they hold.

Old and new exports name sections differently ("Activity" vs "Your Activity", "Video" vs
"Post", "Profile Information" vs "Profile Info") but keep the inner keys, so each inner key
(`FansList`, `VideoList`, `ChatHistory`, `ProfileMap`, …) picks the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime

from cuidado.importers._text import clean, clean_all
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Record, from_epoch, utc

_AUDIENCE = {
    "everyone": "public",
    "public": "public",
    "friends": "friends",
    "followers": "followers",
    "only me": "only_me",
    "only_me": "only_me",
    "private": "only_me",
    "myself": "only_me",
}
_PROFILE = {
    "username": "username",
    "emailaddress": "email",
    "telephonenumber": "phone",
    "birthdate": "birthday",
    "biodescription": "bio",
    "displayname": "full_name",
    "inferredgender": "gender",
    "accountregion": "region",
    "instagramlink": "website",
    "youtubelink": "website",
    "lemon8link": "website",
}
_DEVICE_IDS = ("IDFA", "GAID", "Android ID", "IDFV", "Web ID", "UID", "DID")
_FAVORITES = {
    "favoritevideolist": "video",
    "favoritehashtaglist": "hashtag",
    "favoritesoundlist": "sound",
    "favoriteeffectslist": "effect",
    "favoriteeffectlist": "effect",
}


class SectionReader:
    def __init__(self, platform: str, member: Member, username: str | None):
        self.platform, self.member, self.username = platform, member, username

    def read(self, section_name: str, section) -> Iterator[Record]:
        if not isinstance(section, dict):
            return
        for sub_name, sub in section.items():
            if not isinstance(sub, dict):
                continue
            if sub_name.strip().lower() == "autofill":
                yield from self.autofill(sub_name, sub)
                continue
            for key, value in sub.items():
                yield from self.dispatch(sub_name, key.strip().lower(), value)

    def dispatch(self, sub: str, key: str, value) -> Iterator[Record]:
        lists: dict[str, Callable[[dict, int], Record | None]] = {
            "fanslist": lambda i, n: self.connection(i, n, sub, "follower"),
            "following": lambda i, n: self.connection(i, n, sub, "following"),
            "blocklist": lambda i, n: self.connection(i, n, sub, "blocked"),
            "searchlist": lambda i, n: self.simple(i, n, sub, Kind.SEARCH, text=_get(i, "SearchTerm")),
            "itemfavoritelist": lambda i, n: self.simple(i, n, sub, Kind.LIKE, link=_get(i, "VideoLink", "Link")),
            "loginhistorylist": lambda i, n: self.login(i, n, sub),
            "status list": lambda i, n: self.device(i, n, sub),
            "commentslist": lambda i, n: self.comment(i, n, sub),
            "videolist": lambda i, n: self.video(i, n, sub),
            "postlist": lambda i, n: self.video(i, n, sub, deleted=True),
            "reviewslist": lambda i, n: self.review(i, n, sub),
            "locationdata": lambda i, n: self.location(i, n, sub),
        }
        for favourite, what in _FAVORITES.items():
            lists[favourite] = self._favorites(sub, what)
        if key in lists:
            items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    record = lists[key](item, index)
                    if record is not None:
                        yield record
        elif key in ("chathistory", "groupchat"):
            yield from self.chats(sub, value)
        elif key == "profilemap" and isinstance(value, dict):
            yield from self.profile(sub, value)
        elif key == "settingsmap" and isinstance(value, dict):
            record = self.field(f"{sub}:Private Account", "private_account", value.get("Private Account"))
            if record:
                yield record
        elif key == "savedaddress":
            yield from self.addresses(sub, value)
        elif key == "adinterestcategories":
            yield from self.interests(sub, value)
        elif key in ("offtiktokactivitydatalist", "usagedatalist"):
            yield from self.off_platform(sub, value)

    # ---- one item each ----------------------------------------------------------------

    def record(self, kind: str, sub: str, index: int, item: dict, **fields) -> Record:
        date = _get(item, "Date", "date")
        return Record(
            platform=self.platform,
            kind=kind,
            source=self.member.path,
            native_id=f"{sub}:{index}:{date}",
            time=_time(date),
            **fields,
        )

    def _favorites(self, sub: str, what: str) -> Callable[[dict, int], Record]:
        """The reader of one favourites list (its own function, so each keeps its own `what`)."""
        return lambda i, n: self.simple(i, n, sub, Kind.LIKE, link=_get(i, "Link", "VideoLink"), favorite=what)

    def simple(self, item, index, sub, kind, text=None, link=None, favorite=None) -> Record:
        text, link = clean(text), clean(link)
        extra = {"favorite": favorite} if favorite else {}
        if link and not link.startswith("http"):
            extra["link"] = link
        return self.record(
            kind,
            sub,
            index,
            item,
            by_self=True,
            author=self.username,
            text=text,
            permalink=link if link and link.startswith("http") else None,
            extra=extra,
        )

    def connection(self, item, index, sub, connection) -> Record:
        name = clean(_get(item, "UserName", "userName", "username"))
        return self.record(
            Kind.CONNECTION, sub, index, item, by_self=True, author=name, text=name, extra={"connection": connection}
        )

    def login(self, item, index, sub) -> Record:
        ip = clean(_get(item, "IP", "ip"))
        extra = {
            k: v
            for k, v in {
                "ip": ip,
                "device": clean(_get(item, "DeviceModel")),
                "system": clean(_get(item, "DeviceSystem")),
                "network": clean(_get(item, "NetworkType")),
                "carrier": clean(_get(item, "Carrier")),
            }.items()
            if v
        }
        return self.record(Kind.LOGIN, sub, index, item, by_self=True, author=self.username, text=ip, extra=extra)

    def device(self, item, index, sub) -> Record | None:
        ids = {name: clean(item.get(name)) for name in _DEVICE_IDS if clean(item.get(name))}
        if not ids:
            return None
        extra = {
            "event": "device",
            "device_ids": ids,
            "app_version": clean(item.get("App Version")),
            "resolution": clean(item.get("Resolution")),
        }
        return self.record(
            Kind.LOGIN,
            sub,
            index,
            item,
            by_self=True,
            author=self.username,
            extra={k: v for k, v in extra.items() if v},
        )

    def comment(self, item, index, sub) -> Record:
        url = clean(_get(item, "url", "Link"))
        return self.record(
            Kind.COMMENT,
            sub,
            index,
            item,
            by_self=True,
            author=self.username,
            text=clean(_get(item, "Comment", "comment")),
            permalink=url if url and url.startswith("http") else None,
            extra={"photo": clean(item.get("photo"))} if clean(item.get("photo")) else {},
        )

    def video(self, item, index, sub, deleted=False) -> Record:
        name = sub.lower()
        link = clean(_get(item, "Link", "VideoLink", "link"))
        if "history" in name or "watch" in name or "browsing" in name:
            return self.simple(item, index, sub, Kind.WATCH, link=link)
        who = clean(item.get("WhoCanView"))
        extra = {
            k: v
            for k, v in {
                "likes": clean(item.get("Likes")),
                "sound": clean(item.get("Sound")),
                "who_can_view": who,
                "deleted": deleted or None,
                "ai_generated": clean(item.get("AIGeneratedContent")),
            }.items()
            if v
        }
        return self.record(
            Kind.POST,
            sub,
            index,
            item,
            by_self=True,
            author=self.username,
            text=clean(item.get("Title")) or clean(item.get("AlternateText")),
            audience=_AUDIENCE.get(who.lower(), who.lower().replace(" ", "_")) if who else None,
            place=clean(item.get("Location")),
            permalink=link if link and link.startswith("http") else None,
            extra=extra,
        )

    def review(self, item, index, sub) -> Record:
        return self.record(
            Kind.POST,
            sub,
            index,
            item,
            by_self=True,
            author=self.username,
            text=clean(item.get("ReviewText")),
            place=clean(item.get("PlaceName")),
            extra={"review": True, "rating": clean(item.get("Rating"))},
        )

    def location(self, item, index, sub) -> Record | None:
        lat, lon = _gps(item.get("GpsData"))
        region = clean(item.get("LastRegion"))
        if lat is None and region is None:
            return None
        return self.record(
            Kind.LOCATION,
            sub,
            index,
            item,
            by_self=True,
            author=self.username,
            text=region,
            place=region,
            lat=lat,
            lon=lon,
            extra={"gps": clean(item.get("GpsData"))} if lat is not None else {},
        )

    # ---- maps -------------------------------------------------------------------------

    def chats(self, sub: str, value) -> Iterator[Record]:
        if not isinstance(value, dict):
            return
        for title, messages in value.items():
            if not isinstance(messages, list):
                continue
            thread = title.strip().rstrip(":")
            for prefix in ("Chat History with ", "Chat history with "):
                thread = thread.removeprefix(prefix)
            senders = set(clean_all(_get(m, "From") for m in messages if isinstance(m, dict)))
            people = tuple(sorted(senders | {thread} | ({self.username} if self.username else set())))
            for index, message in enumerate(messages):
                if not isinstance(message, dict):
                    continue
                sender = clean(_get(message, "From", "from"))
                by_self = None if not self.username or not sender else sender.lower() == self.username.lower()
                yield self.record(
                    Kind.MESSAGE,
                    f"{sub}:{thread}",
                    index,
                    message,
                    by_self=by_self,
                    author=sender,
                    text=clean(_get(message, "Content", "content")),
                    thread=thread,
                    participants=people,
                )

    def field(self, key: str, field: str, value, **extra) -> Record | None:
        text = clean(value) if isinstance(value, (str, int, float)) else None
        if text is None:
            return None
        return Record(
            platform=self.platform,
            kind=Kind.PROFILE_FIELD,
            source=self.member.path,
            native_id=key,
            by_self=True,
            author=self.username,
            text=text,
            extra={"field": field, **extra},
        )

    def profile(self, sub: str, profile: dict) -> Iterator[Record]:
        for key, value in profile.items():
            field = _PROFILE.get(key.lower())
            if field:
                extra = {"inferred": True} if "inferred" in key.lower() else {}
                record = self.field(f"{sub}:{key}", field, value, **extra)
                if record:
                    yield record

    def autofill(self, sub: str, data: dict) -> Iterator[Record]:
        name = " ".join(v for v in (clean(_get(data, "FirstName")), clean(_get(data, "LastName"))) if v)
        parts = [clean(_get(data, k)) for k in ("Address", "Unit", "City", "State", "ZipCode", "Country")]
        address = ", ".join(p for p in parts if p)
        for key, field, value in (
            ("PhoneNumber", "phone", _get(data, "PhoneNumber")),
            ("Email", "email", _get(data, "Email")),
            ("Name", "full_name", name),
            ("Address", "address", address),
        ):
            record = self.field(f"{sub}:{key}", field, value, autofill=True)
            if record:
                yield record

    def interests(self, sub: str, value) -> Iterator[Record]:
        """ "Ad Interests": one string of categories (or a list); each is an interest TikTok assigned."""
        names = (
            value if isinstance(value, list) else re.split(r"\s*[|,;\n]\s*", value) if isinstance(value, str) else []
        )
        seen: set[str] = set()
        for index, name in enumerate(clean(n) for n in names):
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                yield Record(
                    platform=self.platform,
                    kind=Kind.INTEREST,
                    source=self.member.path,
                    native_id=f"{sub}:{index}:{name}",
                    by_self=None,
                    text=name,
                    audience="platform",
                    extra={"interest_source": "ads"},
                )

    def off_platform(self, sub: str, value) -> Iterator[Record]:
        """Apps and websites that sent TikTok what the person did there: one record per source."""
        sources: dict[str, list] = {}
        for item in value if isinstance(value, list) else []:
            if isinstance(item, dict) and (name := clean(_get(item, "Source", "source"))):
                sources.setdefault(name, []).append(item)
        for index, (name, events) in enumerate(sources.items()):
            times = sorted(t for t in (_time(_get(e, "TimeStamp", "Timestamp", "Date")) for e in events) if t)
            types = sorted(set(clean_all(_get(e, "Event", "event") for e in events)))
            extra = {"events": len(events), **({"event_types": types} if types else {})}
            if times:
                extra["first_event"] = times[0].isoformat()
            yield Record(
                platform=self.platform,
                kind=Kind.OFF_PLATFORM,
                source=self.member.path,
                native_id=f"{sub}:{index}:{name}",
                time=times[-1] if times else None,
                by_self=None,
                text=name,
                audience="platform",
                extra=extra,
            )

    def addresses(self, sub: str, value) -> Iterator[Record]:
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, dict):
                text = _get(item, "adress_info", "address_info", "Address", "address")
                extra = {
                    k: v
                    for k, v in (
                        ("receiver", clean(_get(item, "receiver_name"))),
                        ("phone", clean(_get(item, "masked_phone_number"))),
                    )
                    if v
                }
            else:
                text, extra = item, {}
            record = self.field(f"{sub}:address:{index}", "address", text, **extra)
            if record:
                yield record


def _get(item: dict, *names: str):
    """The first of these keys present (any case), TikTok renames Date/date, Link/link…"""
    for name in names:
        if name in item:
            return item[name]
    lowered = {k.lower(): v for k, v in item.items()} if isinstance(item, dict) else {}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _time(value) -> datetime | None:
    """`YYYY-MM-DD HH:MM:SS` (UTC), ISO 8601 or epoch seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_epoch(value, millis=value > 1e11)
    text = clean(value)
    if text is None:
        return None
    if text.isdigit():
        return from_epoch(int(text), millis=len(text) > 11)
    try:
        return utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 shifted out of range by its offset
        return None


def _gps(value) -> tuple[float | None, float | None]:
    text = clean(value)
    if not text or "," not in text:
        return None, None
    try:
        lat, lon = (float(part.strip()) for part in text.split(",")[:2])
    except ValueError:
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None, None
    return lat, lon
