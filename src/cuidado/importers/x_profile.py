"""The X archive's small files: account identifiers, profile, likes, graph, searches, logins.

A mixin for XImporter (which supplies `platform`, `username`, `account_id`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from cuidado.importers._text import clean
from cuidado.importers.reading import ExportReader, json_dict, json_list
from cuidado.importers.x_archive import iso_time, unwrap, ytd_items
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Record

# account.js key -> normalised profile field
_ACCOUNT_FIELDS = (
    ("email", "email"),
    ("phoneNumber", "phone"),
    ("username", "username"),
    ("accountDisplayName", "full_name"),
    ("accountId", "account_id"),
    ("createdAt", "account_created"),
)
# file stem -> (wrapper key, connection kind)
_GRAPH = {
    "follower": ("follower", "follower"),
    "following": ("following", "following"),
    "block": ("blocking", "blocked"),
    "mute": ("muting", "muted"),
}


class XProfileReaders:
    platform: ClassVar[str]
    username: str | None
    account_id: str | None

    def _field(self, member: Member, field: str, value, key: str, time=None, **extra) -> Record | None:
        text = clean(value)
        if text is None:
            return None
        return Record(
            platform=self.platform,
            kind=Kind.PROFILE_FIELD,
            source=member.path,
            native_id=key,
            time=time,
            by_self=True,
            author=self.username,
            text=text,
            extra={"field": field, **{k: v for k, v in extra.items() if v is not None}},
        )

    def read_account(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(ytd_items(reader, member)):
            account = unwrap(item, "account") or {}
            for key, field in _ACCOUNT_FIELDS:
                record = self._field(member, field, account.get(key), f"{index}:{key}")
                if record:
                    yield record

    def read_phone(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(ytd_items(reader, member)):
            device = unwrap(item, "device") or {}
            record = self._field(member, "phone", device.get("phoneNumber"), f"{index}:phoneNumber")
            if record:
                yield record

    def read_profile(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(ytd_items(reader, member)):
            profile = unwrap(item, "profile") or {}
            description = json_dict(profile.get("description"))
            for key, field in (("bio", "bio"), ("website", "website"), ("location", "location")):
                record = self._field(member, field, description.get(key), f"{index}:{key}")
                if record:
                    yield record

    def read_ageinfo(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(ytd_items(reader, member)):
            meta = unwrap(item, "ageMeta") or {}
            info = json_dict(meta.get("ageInfo")) or meta
            record = self._field(member, "birthday", info.get("birthDate"), f"{index}:birthDate")
            if record:
                yield record
            ages = info.get("age")
            if isinstance(ages, list) and ages:
                record = self._field(member, "age", ", ".join(str(a) for a in ages), f"{index}:age")
                if record:
                    yield record

    def read_changes(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        """email-address-change / screen-name-change: each change is one profile field with its time."""
        email = "email" in member.name.lower()
        field, wrapper, inner = (
            ("email", "emailAddressChange", "emailChange")
            if email
            else ("username", "screenNameChange", "screenNameChange")
        )
        for index, item in enumerate(ytd_items(reader, member)):
            change = unwrap(item, wrapper) or {}
            detail = json_dict(change.get(inner)) or change
            when = iso_time(detail.get("changedAt"))
            record = self._field(
                member,
                field,
                detail.get("changedTo"),
                f"{index}:{detail.get('changedAt')}",
                time=when,
                changed_from=clean(detail.get("changedFrom")),
            )
            if record:
                yield record

    def read_likes(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(ytd_items(reader, member)):
            like = unwrap(item, "like")
            if not like:
                continue
            tweet_id = clean(like.get("tweetId"))
            yield Record(
                platform=self.platform,
                kind=Kind.LIKE,
                source=member.path,
                native_id=tweet_id or str(index),
                time=iso_time(like.get("likedAt")),
                by_self=True,
                author=self.username,
                text=clean(like.get("fullText")),
                permalink=clean(like.get("expandedUrl")),
                extra={"tweet_id": tweet_id} if tweet_id else {},
            )

    def read_connections(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        stem = member.name.lower().split(".", 1)[0].split("-part", 1)[0]
        wrapper, connection = _GRAPH.get(stem, (stem, stem))
        for index, item in enumerate(ytd_items(reader, member)):
            other = unwrap(item, wrapper)
            if not other:
                continue
            account = clean(other.get("accountId"))
            yield Record(
                platform=self.platform,
                kind=Kind.CONNECTION,
                source=member.path,
                native_id=account or str(index),
                by_self=True,
                author=account,
                text=account,
                permalink=clean(other.get("userLink")),
                extra={"connection": connection},
            )

    def read_searches(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        for index, item in enumerate(ytd_items(reader, member)):
            search = unwrap(item, "savedSearch")
            query = clean((search or {}).get("query"))
            if query is None:
                continue
            yield Record(
                platform=self.platform,
                kind=Kind.SEARCH,
                source=member.path,
                native_id=clean(search.get("savedSearchId")) or str(index),
                by_self=True,
                author=self.username,
                text=query,
                extra={"saved_search": True},
            )

    def read_logins(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        creation = "creation" in member.name.lower()
        for index, item in enumerate(ytd_items(reader, member)):
            entry = unwrap(item, "accountCreationIp" if creation else "ipAudit")
            if not entry:
                continue
            ip = clean(entry.get("userCreationIp") if creation else entry.get("loginIp"))
            created = entry.get("createdAt")
            yield Record(
                platform=self.platform,
                kind=Kind.LOGIN,
                source=member.path,
                native_id=f"{index}:{created}",
                time=iso_time(created),
                by_self=True,
                author=self.username,
                text=ip,
                extra={"ip": ip, "event": "account_creation" if creation else "login"},
            )

    def read_personalization(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        """What X inferred: places from the last 60 days (location), gender and age (profile fields)."""
        for index, item in enumerate(ytd_items(reader, member)):
            data = unwrap(item, "p13nData") or {}
            for spot, name in enumerate(json_list(data.get("locationHistory"))):
                place = clean(name if isinstance(name, str) else json_dict(name).get("name"))
                if place:
                    yield Record(
                        platform=self.platform,
                        kind=Kind.LOCATION,
                        source=member.path,
                        native_id=f"{index}:location:{spot}",
                        by_self=True,
                        text=place,
                        place=place,
                        extra={"inferred": True},
                    )
            gender = json_dict(json_dict(data.get("demographics")).get("genderInfo")).get("gender")
            record = self._field(member, "gender", gender, f"{index}:gender", inferred=True)
            if record:
                yield record
            age = json_dict(data.get("inferredAgeInfo"))
            record = self._field(member, "birthday", age.get("birthDate"), f"{index}:inferredBirthDate", inferred=True)
            if record:
                yield record
