"""Instagram account files in the `string_map_data` / `string_list_data` shapes: personal
information, followers and following, searches, login activity and likes.

Labels in `string_map_data` are written in the account's language, so they are matched
case-insensitively against a small table of English and Spanish labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cuidado.importers._text import clean
from cuidado.importers.base import ImportProblem
from cuidado.importers.meta_common import as_list, items, load_fixed, person_name
from cuidado.importers.reading import ExportReader
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Platform, Record, from_epoch

PLATFORM = Platform.INSTAGRAM

# 2023+: personal_information/personal_information/…; 2022: personal_information/…; 2021–22: account_information/….
PERSONAL = r"(^|/)(personal_information/(personal_information/)?|account_information/)personal_information\.json$"
# Where Instagram believes the account is based, and places it inferred the person cares about.
BASED_IN = r"(^|/)(account_based_in|locations_of_interest)\.json$"
# Normalised field name -> labels Instagram uses for it (English, Spanish).
FIELD_LABELS = {
    "full_name": ("name", "nombre"),
    "username": ("username", "nombre de usuario"),
    "email": ("email", "email address", "correo electrónico", "correo"),
    "phone": ("phone number", "phone", "número de teléfono", "teléfono"),
    "phone_confirmed": ("phone confirmed", "teléfono confirmado"),
    "email_confirmed": ("email confirmed", "correo electrónico confirmado"),
    "bio": ("bio", "biography", "biografía", "presentación"),
    "gender": ("gender", "género", "sexo"),
    "birthday": ("date of birth", "fecha de nacimiento"),
    "private_account": ("private account", "cuenta privada"),
    "website": ("website", "sitio web"),
}
_LABEL_FIELD = {label: field for field, labels in FIELD_LABELS.items() for label in labels}
_TRUE = {"true", "yes", "sí", "si", "verdadero", "1"}

CONNECTIONS = (
    r"(^|/)followers_and_following/(followers(_\d+)?|following|close_friends|blocked_(accounts|profiles)"
    r"|pending_follow_requests|recent_follow_requests|follow_requests_you've_received"
    r"|recently_unfollowed_(accounts|profiles)|restricted_(accounts|profiles))\.json$"
)
_CONNECTION_FILES = (
    (re.compile(r"^followers"), "follower"),
    (re.compile(r"^following"), "following"),
    (re.compile(r"^close_friends"), "close_friend"),
    (re.compile(r"^blocked"), "blocked"),
    (re.compile(r"received"), "follow_request_received"),
    (re.compile(r"follow_requests"), "follow_request_sent"),
    (re.compile(r"unfollowed"), "unfollowed"),
    (re.compile(r"^restricted"), "restricted"),
)


def smd_value(smd: dict, *labels: str) -> dict:
    """The {value, href, timestamp} entry of string_map_data under any of the labels (any case)."""
    wanted = {label.lower() for label in labels}
    for key, entry in smd.items():
        if isinstance(key, str) and key.strip().lower() in wanted and isinstance(entry, dict):
            return entry
    return {}


def _smd(item) -> dict:
    smd = item.get("string_map_data") if isinstance(item, dict) else None
    return smd if isinstance(smd, dict) else {}


def personal_entries(data) -> list[dict]:
    """The profile_user items (each with string_map_data) of personal_information.json."""
    if isinstance(data, dict):
        data = data.get("profile_user", [data])
    return [item for item in as_list(data) if isinstance(item, dict)]


def owner_from(data) -> dict:
    """Name, username and the private-account flag from personal information."""
    owner: dict = {"name": None, "username": None, "private": None}
    for item in personal_entries(data):
        smd = _smd(item)
        owner["name"] = owner["name"] or clean(smd_value(smd, *FIELD_LABELS["full_name"]).get("value"))
        owner["username"] = owner["username"] or clean(smd_value(smd, *FIELD_LABELS["username"]).get("value"))
        private = clean(smd_value(smd, *FIELD_LABELS["private_account"]).get("value"))
        if private is not None:
            owner["private"] = private.lower() in _TRUE
    owner["names"] = {n for n in (owner["name"], owner["username"]) if n}
    return owner


def read_personal_information(reader: ExportReader, member: Member) -> Iterator[Record]:
    entries = personal_entries(load_fixed(reader, member))
    if not any(_smd(item) for item in entries):
        raise ImportProblem(reasons.NOT_PERSONAL_INFO)
    seen: dict[str, int] = {}
    for item in entries:
        for label, entry in _smd(item).items():
            text = clean(entry.get("value")) if isinstance(entry, dict) else None
            if not text or not isinstance(label, str):
                continue
            field = _LABEL_FIELD.get(label.strip().lower()) or re.sub(r"\W+", "_", label.strip().lower()).strip("_")
            number = seen[field] = seen.get(field, -1) + 1
            yield Record(
                platform=PLATFORM,
                kind=Kind.PROFILE_FIELD,
                source=member.path,
                native_id=f"{field}:{number}",
                time=from_epoch(entry.get("timestamp")),
                by_self=True,
                author=reader.owner.get("username") or reader.owner.get("name"),
                text=text,
                extra={"field": field, "label": label},
            )


_PLACE_LABELS = (
    "city name",
    "city",
    "town",
    "nombre de la ciudad",
    "ciudad",
    "nome da cidade",
    "cidade",
    "ville",
    "name der stadt",
    "location",
    "place",
    "ubicación",
    "localização",
    "lieu",
)


def read_based_in(reader: ExportReader, member: Member) -> Iterator[Record]:
    """account_based_in.json (`inferred_data_primary_location`: string_map_data "City Name") and
    locations_of_interest.json (string_list_data or label_values): one location record per place."""
    kind = "account_based_in" if "based_in" in member.name.lower() else "location_of_interest"
    count = 0
    for index, item in enumerate(items(reader, member)):
        if not isinstance(item, dict):
            continue
        smd = _smd(item)
        places: list[tuple[str, object]] = []
        entry = smd_value(smd, *_PLACE_LABELS)
        if place := clean(entry.get("value")):
            places.append((place, entry.get("timestamp")))
        elif smd:
            places += [
                (place, e.get("timestamp"))
                for e in smd.values()
                if isinstance(e, dict) and (place := clean(e.get("value")))
            ][:1]
        places += [
            (place, e.get("timestamp"))
            for e in as_list(item.get("string_list_data"))
            if isinstance(e, dict) and (place := clean(e.get("value")))
        ]
        for value in as_list(item.get("label_values")):
            if isinstance(value, dict):
                places += [
                    (place, item.get("timestamp"))
                    for v in [value, *as_list(value.get("vec"))]
                    if isinstance(v, dict) and (place := clean(v.get("value")))
                ]
        for number, (place, stamp) in enumerate(places):
            count += 1
            yield Record(
                platform=PLATFORM,
                kind=Kind.LOCATION,
                source=member.path,
                native_id=f"{index}:{number}:{place}",
                time=from_epoch(stamp),
                by_self=None,
                place=place,
                text=place,
                audience="platform",
                extra={"location_type": kind},
            )


def read_connections(reader: ExportReader, member: Member) -> Iterator[Record]:
    name = member.name.lower()
    connection = next((c for pattern, c in _CONNECTION_FILES if pattern.search(name)), "connection")
    for index, item in enumerate(items(reader, member)):
        handle = person_name(item)
        if not handle:
            continue
        listed = item.get("string_list_data") if isinstance(item, dict) else None
        entry = next((e for e in as_list(listed) if isinstance(e, dict)), {})
        yield Record(
            platform=PLATFORM,
            kind=Kind.CONNECTION,
            source=member.path,
            native_id=f"{index}:{handle}",
            time=from_epoch(entry.get("timestamp")),
            by_self=False,
            author=handle,
            text=handle,
            permalink=clean(entry.get("href")),
            extra={"connection": connection},
        )


def read_searches(reader: ExportReader, member: Member) -> Iterator[Record]:
    search_type = member.name.rsplit(".", 1)[0]
    for index, item in enumerate(items(reader, member)):
        if not isinstance(item, dict):
            continue
        smd = _smd(item)
        search = smd_value(smd, "search", "búsqueda")
        query = (
            clean(search.get("value"))
            or clean(item.get("title"))
            or next(
                (clean(e.get("value")) for k, e in smd.items() if isinstance(e, dict) and clean(e.get("value"))), None
            )
        )
        stamp = smd_value(smd, "time", "hora").get("timestamp") or search.get("timestamp") or item.get("timestamp")
        yield Record(
            platform=PLATFORM,
            kind=Kind.SEARCH,
            source=member.path,
            native_id=f"{index}:{stamp}",
            time=from_epoch(stamp),
            by_self=True,
            text=query,
            extra={"search_type": search_type},
        )


def read_logins(reader: ExportReader, member: Member) -> Iterator[Record]:
    action = "logout" if "logout" in member.name.lower() else "login"
    for index, item in enumerate(items(reader, member)):
        smd = _smd(item)
        if not smd:
            continue
        ip = clean(smd_value(smd, "ip address", "dirección ip").get("value"))
        device = clean(smd_value(smd, "user agent", "agente de usuario").get("value"))
        extra = {"action": action, **({"ip": ip} if ip else {}), **({"device": device} if device else {})}
        for label, key in (("cookie name", "cookie"), ("language code", "language")):
            if value := clean(smd_value(smd, label).get("value")):
                extra[key] = value
        stamp = smd_value(smd, "time", "hora").get("timestamp") or item.get("timestamp")
        yield Record(
            platform=PLATFORM,
            kind=Kind.LOGIN,
            source=member.path,
            native_id=f"{index}:{stamp}",
            time=from_epoch(stamp),
            by_self=True,
            text=action,
            extra=extra,
        )


def read_likes(reader: ExportReader, member: Member) -> Iterator[Record]:
    """liked_posts / liked_comments: {title: owner, string_list_data: [{href, value, timestamp}]}."""
    for index, item in enumerate(items(reader, member)):
        if not isinstance(item, dict):
            continue
        entry = next((e for e in as_list(item.get("string_list_data")) if isinstance(e, dict)), {})
        labelled = {
            str(v.get("label", "")).lower(): v for v in as_list(item.get("label_values")) if isinstance(v, dict)
        }
        url = labelled.get("url", {})
        href = clean(entry.get("href")) or clean(url.get("href") or url.get("value"))
        stamp = entry.get("timestamp") or item.get("timestamp")
        owner = clean(item.get("title")) or clean(labelled.get("owner", {}).get("value"))
        yield Record(
            platform=PLATFORM,
            kind=Kind.LIKE,
            source=member.path,
            native_id=f"{index}:{stamp}",
            time=from_epoch(stamp),
            by_self=True,
            text=owner,
            permalink=href,
            extra={"owner": owner} if owner else {},
        )
