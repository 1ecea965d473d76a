"""Facebook profile information (one record per field) and connections (friends, followers,
requests), for every export layout."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cuidado.importers._text import clean
from cuidado.importers.base import ImportProblem
from cuidado.importers.meta_common import as_list, load_fixed, person_name
from cuidado.importers.reading import ExportReader, json_dict, unwrap_list
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Platform, Record, from_epoch

PLATFORM = Platform.FACEBOOK

CONNECTIONS = (
    r"(^|/)(friends_and_followers|friends|followers|following_and_followers|connections/friends|connections/followers)/"
    r"(your_friends|friends|friend_requests_received|received_friend_requests|friend_requests_sent|sent_friend_requests"
    r"|rejected_friend_requests|removed_friends|deleted_friends|who_you_follow|who_you've_followed|following"
    r"|followers|people_who_followed_you|your_followers)(_\d+)?\.json$"
)
# The wrapper key says what kind of connection a list holds; the file name is the fallback.
_CONNECTION_KEYS = {
    "friends_v2": "friend",
    "friends": "friend",
    "received_requests_v2": "friend_request_received",
    "received_requests": "friend_request_received",
    "sent_requests_v2": "friend_request_sent",
    "sent_requests": "friend_request_sent",
    "rejected_requests_v2": "friend_request_rejected",
    "rejected_requests": "friend_request_rejected",
    "deleted_friends_v2": "removed_friend",
    "deleted_friends": "removed_friend",
    "following_v3": "following",
    "following_v2": "following",
    "following": "following",
    "followers_v3": "follower",
    "followers_v2": "follower",
    "followers": "follower",
}
_CONNECTION_FILES = (
    ("received", "friend_request_received"),
    ("requests_received", "friend_request_received"),
    ("sent", "friend_request_sent"),
    ("rejected", "friend_request_rejected"),
    ("removed", "removed_friend"),
    ("deleted", "removed_friend"),
    ("follow", "following"),
    ("friends", "friend"),
)
_FOLLOWER_FILE = re.compile(r"(followers|followed_you)(_\d+)?\.json$")


# List-valued profile keys: (key, normalised field, key of the entry's main text).
_LISTED_FIELDS = (
    ("family_members", "family", "name"),
    ("education_experiences", "school", "name"),
    ("work_experiences", "workplace", "employer"),
    ("places_lived", "places_lived", "place"),
    ("previous_names", "previous_name", "name"),
    ("other_names", "other_name", "name"),
)


def profile_of(data) -> dict:
    """The inner profile object: {"profile_v2": {...}} in newer exports, {"profile": {...}} before."""
    if isinstance(data, dict):
        for key in ("profile_v2", "profile"):
            if isinstance(data.get(key), dict):
                return data[key]
        if "name" in data:
            return data
    return {}


def owner_name(data) -> str | None:
    name = profile_of(data).get("name")
    if isinstance(name, dict):
        return (
            clean(name.get("full_name"))
            or clean(" ".join(n for n in (clean(name.get("first_name")), clean(name.get("last_name"))) if n))
            or None
        )
    return clean(name) if isinstance(name, str) else None


def profile_fields(profile: dict) -> Iterator[tuple[str, str | None, object, dict]]:
    """(field, text, timestamp, extra) for every filled profile field."""
    if owner_name({"profile": profile}):
        yield "full_name", owner_name({"profile": profile}), None, {}
    emails = json_dict(profile.get("emails"))
    for key, status in (
        ("emails", "current"),
        ("previous_emails", "previous"),
        ("pending_emails", "pending"),
        ("ad_account_emails", "ad_account"),
    ):
        for email in as_list(emails.get(key)):
            if clean(email):
                yield "email", clean(email), None, {"status": status}
    for phone in as_list(profile.get("phone_numbers")):
        number = clean(phone.get("phone_number")) if isinstance(phone, dict) else clean(phone)
        if number:
            details = {k: phone[k] for k in ("phone_type", "verified") if k in phone} if isinstance(phone, dict) else {}
            yield "phone", number, None, details
    birthday = json_dict(profile.get("birthday"))
    year, month, day = (
        birthday.get(k) if isinstance(birthday.get(k), int) and birthday[k] > 0 else None
        for k in ("year", "month", "day")
    )
    if month and day:
        yield "birthday", (f"{year:04d}" if year else "-") + f"-{month:02d}-{day:02d}", None, {}
    elif year:
        yield "birthday", f"{year:04d}", None, {}
    gender = json_dict(profile.get("gender"))
    if clean(gender.get("gender_option")):
        pronoun = clean(gender.get("pronoun"))
        yield "gender", clean(gender["gender_option"]), None, {"pronoun": pronoun} if pronoun else {}
    for key, field in (
        ("current_city", "current_city"),
        ("hometown", "hometown"),
        ("religious_view", "religion"),
        ("political_view", "politics"),
    ):
        value = profile.get(key)
        if isinstance(value, dict) and clean(value.get("name")):
            yield field, clean(value["name"]), value.get("timestamp"), {}
    relationship = json_dict(profile.get("relationship"))
    if clean(relationship.get("status")):
        partner = clean(relationship.get("partner"))
        text = (clean(relationship["status"]) or "") + (f" ({partner})" if partner else "")
        yield "relationship", text, relationship.get("timestamp"), {"partner": partner} if partner else {}
    for key, field, name_key in _LISTED_FIELDS:
        for entry in as_list(profile.get(key)):
            if isinstance(entry, dict) and clean(entry.get(name_key)):
                detail = {
                    k: entry[k] for k in ("relation", "title", "location", "school_type", "type") if clean(entry.get(k))
                }
                text = (clean(entry[name_key]) or "") + (f" ({detail['relation']})" if "relation" in detail else "")
                yield field, text, entry.get("timestamp") or entry.get("start_timestamp"), detail
    for site in as_list(profile.get("websites")):
        address = clean(site.get("address")) if isinstance(site, dict) else clean(site)
        if address:
            yield "website", address, None, {}
    for key, field in (("username", "username"), ("about_me", "bio"), ("profile_uri", "profile_url")):
        if isinstance(profile.get(key), str) and clean(profile[key]):
            yield field, clean(profile[key]), None, {}
    registered = from_epoch(profile.get("registration_timestamp"))
    if registered:
        yield "registration", registered.date().isoformat(), profile["registration_timestamp"], {}


def read_profile(reader: ExportReader, member: Member) -> Iterator[Record]:
    profile = profile_of(load_fixed(reader, member))
    if not profile:
        raise ImportProblem(reasons.NOT_A_PROFILE)
    counters: dict[str, int] = {}
    for field, text, stamp, extra in profile_fields(profile):
        number = counters[field] = counters.get(field, -1) + 1
        yield Record(
            platform=PLATFORM,
            kind=Kind.PROFILE_FIELD,
            source=member.path,
            native_id=f"{field}:{number}",
            time=from_epoch(stamp),
            by_self=True,
            author=reader.owner.get("name"),
            text=text,
            extra={"field": field, **extra},
        )


def read_connections(reader: ExportReader, member: Member) -> Iterator[Record]:
    data = load_fixed(reader, member)
    connection, people = _connection_list(member, data)
    for index, person in enumerate(people):
        name = person_name(person)
        if not name:
            continue
        stamp = person.get("timestamp") if isinstance(person, dict) else None
        yield Record(
            platform=PLATFORM,
            kind=Kind.CONNECTION,
            source=member.path,
            native_id=f"{index}:{name}",
            time=from_epoch(stamp),
            by_self=False,
            author=name,
            text=name,
            extra={"connection": connection},
        )


def _connection_list(member: Member, data) -> tuple[str, list]:
    if isinstance(data, dict):
        for key, connection in _CONNECTION_KEYS.items():
            if isinstance(data.get(key), list):
                return connection, data[key]
    if not isinstance(data, (list, dict)):
        raise ImportProblem(reasons.NOT_CONNECTIONS)
    name = member.name.lower()
    if _FOLLOWER_FILE.search(name):
        return "follower", unwrap_list(data)
    connection = next((c for word, c in _CONNECTION_FILES if word in name), "friend")
    return connection, unwrap_list(data)
