"""What Facebook and Instagram exports share: Meta's JSON wrappers and mojibake, media with
`exif_data`, check-in places, and Messenger-style message threads."""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator

from cuidado.importers._text import clean, fix_all
from cuidado.importers.base import ImportProblem
from cuidado.importers.reading import LOAD_WHOLE_LIMIT, ExportReader, json_dict, unwrap_list
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, MediaRef, Record, from_epoch

# EXIF keys Meta copies into its JSON that identify a device, a network or a moment.
EXIF_EXTRA_KEYS = (
    "upload_ip",
    "device_id",
    "software",
    "camera_make",
    "camera_model",
    "lens_make",
    "lens_model",
    "date_time_original",
    "date_time_digitized",
    "taken_timestamp",
    "source_type",
    "camera_position",
)
# Attachments a Messenger message can carry, each a list of {uri, ...}.
MESSAGE_MEDIA_KEYS = ("photos", "videos", "gifs", "audio_files", "files")
_ROOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # reader -> folder the export's uris sit under


def load_fixed(reader: ExportReader, member: Member):
    """A whole JSON member with Meta's mojibake repaired in every string."""
    return fix_all(reader.load_json(member))


def items(reader: ExportReader, member: Member, keys: tuple[str, ...] = (), single_key: str | None = None) -> Iterator:
    """The list a Meta file holds (bare, or wrapped as {"x_v2": [...]}), repaired item by item.

    `single_key`: a root object holding this key is itself the only item (Instagram writes
    posts_1.json as one object when there is one post).
    """
    if member.size > LOAD_WHOLE_LIMIT:  # streamed: the wrapper key must be known up front
        for item in reader.json_records(member, keys or _first_key(reader, member)):
            yield fix_all(item)
        return
    data = load_fixed(reader, member)
    if not isinstance(data, (list, dict)):
        raise ImportProblem(reasons.NO_LIST)
    if single_key and isinstance(data, dict) and single_key in data:
        yield data
        return
    yield from unwrap_list(data, keys)


def _first_key(reader: ExportReader, member: Member) -> tuple[str, ...]:
    """The wrapper key of a {"x_v2": [...]} file, read from its first bytes."""
    with reader.open(member) as fh:
        head = fh.read(4096).decode("utf-8-sig", errors="replace")
    match = re.match(r'\s*\{\s*"([^"]+)"\s*:\s*\[', head)
    return (match.group(1),) if match else ()


def as_list(value) -> list:
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def coordinate(lat, lon) -> tuple[float | None, float | None]:
    """Valid (lat, lon) floats, or (None, None) for absent, junk or 0,0."""
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer beyond any float
        return None, None
    if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180) or (lat_f == 0 and lon_f == 0):
        return None, None
    return lat_f, lon_f


def media_ref(reader: ExportReader, uri) -> MediaRef | None:
    """A media `uri` as the export names it, resolved to the member that holds it when present."""
    uri = clean(uri)
    if not uri:
        return None
    if uri.startswith(("http://", "https://")):
        return MediaRef(uri)
    # uris are relative to the archive root at export time; once one resolves under a folder,
    # try that folder first so lookups stay exact matches instead of scans.
    root = _ROOTS.get(reader, "")
    member = (root and reader.lookup(root + uri)) or reader.lookup(uri)
    if member is None:
        return MediaRef(uri)
    if member.lower.endswith("/" + uri.lower()):
        _ROOTS[reader] = member.path[: len(member.path) - len(uri)]
    return MediaRef(member.path, member.size)


def media_refs(reader: ExportReader, media_list) -> tuple[MediaRef, ...]:
    refs = []
    for media in as_list(media_list):
        ref = media_ref(reader, media.get("uri")) if isinstance(media, dict) else None
        if ref is not None and ref not in refs:
            refs.append(ref)
    return tuple(refs)


_FLAT_EXIF = frozenset(("latitude", "longitude", *EXIF_EXTRA_KEYS))


def exif_items(media: dict) -> Iterator[dict]:
    """Every element of every `exif_data` list under a Media's `media_metadata`, and the
    `photo_metadata` / `video_metadata` object itself when it holds the keys flat (Facebook
    2018–2019 albums: `{"photo_metadata": {"latitude": …, "upload_ip": …, "camera_make": …}}`)."""
    metadata = media.get("media_metadata") if isinstance(media, dict) else None
    if not isinstance(metadata, dict):
        return
    for section in metadata.values():
        if isinstance(section, dict):
            if not _FLAT_EXIF.isdisjoint(section):
                yield section
            for item in as_list(section.get("exif_data")):
                if isinstance(item, dict):
                    yield item


def exif_info(media_list) -> tuple[float | None, float | None, dict]:
    """GPS and identifying fields from the media's exif_data (any element, never just [0])."""
    lat = lon = None
    extra: dict = {}
    for media in as_list(media_list):
        for item in exif_items(media):
            if lat is None:
                lat, lon = coordinate(item.get("latitude"), item.get("longitude"))
            for key in EXIF_EXTRA_KEYS:
                value = item.get(key)
                if key not in extra and value not in (None, "", 0):
                    extra[key] = value
    if lat is not None:
        extra["location_source"] = "exif"  # the photo's own GPS, copied by Meta: location.media_gps
    return lat, lon, extra


def place_info(place) -> tuple[str | None, float | None, float | None, dict]:
    """(name, lat, lon, extra) of a Meta place: {name, coordinate: {latitude, longitude}, address, url}."""
    if not isinstance(place, dict):
        return clean(place) if isinstance(place, str) else None, None, None, {}
    coord = json_dict(place.get("coordinate"))
    lat, lon = coordinate(coord.get("latitude"), coord.get("longitude"))
    extra = {k: place[k] for k in ("address", "url") if clean(place.get(k))}
    return clean(place.get("name")) or clean(place.get("address")), lat, lon, extra


def attachment_data(item: dict) -> Iterator[dict]:
    """The one-key dicts inside attachments[*].data[*] of a post, story or comment."""
    for attachment in as_list(item.get("attachments")):
        if isinstance(attachment, dict):
            for data in as_list(attachment.get("data")):
                if isinstance(data, dict):
                    yield data


def flat_labels(entry: dict) -> dict:
    """A 2025+ Meta record (`{"timestamp", "label_values": [{"label": "IP address", "value": …}]}`)
    as the older flat shape (`{"timestamp", "ip_address": …}`), so one reader reads both."""
    values = entry.get("label_values")
    if not isinstance(values, list):
        return entry
    flat = {k: v for k, v in entry.items() if k != "label_values"}
    for item in values:
        if isinstance(item, dict) and isinstance(item.get("label"), str):
            key = "_".join(item["label"].strip().lower().split())
            value = item.get("value", item.get("timestamp_value"))
            if key and value not in (None, "") and key not in flat:
                flat[key] = value
    return flat


def person_name(item) -> str | None:
    """Who a connection entry names: {name} / {title} / string_list_data[0].value / a bare string."""
    if isinstance(item, str):
        return clean(item)
    if not isinstance(item, dict):
        return None
    for entry in as_list(item.get("string_list_data")):
        if isinstance(entry, dict) and clean(entry.get("value")):
            return clean(entry.get("value"))
    return clean(item.get("name")) or clean(item.get("title"))


def thread_records(platform: str, reader: ExportReader, member: Member) -> Iterator[Record]:
    """One message record per message of a Messenger / Instagram DM thread file."""
    data = load_fixed(reader, member)
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise ImportProblem(reasons.NOT_A_THREAD)
    participants = tuple(p for p in (person_name(x) for x in as_list(data.get("participants"))) if p)
    folder = member.path.rsplit("/", 2)
    thread = clean(data.get("thread_path")) or (folder[-2] if len(folder) > 1 else member.path)
    owner_names = reader.owner.get("names") or set()
    for index, message in enumerate(data["messages"]):
        if not isinstance(message, dict):
            continue
        sender = clean(message.get("sender_name"))
        stamp = message.get("timestamp_ms")
        text = clean(message.get("content"))
        extra = {"thread_title": clean(data.get("title"))} if clean(data.get("title")) else {}
        share = json_dict(message.get("share"))
        if clean(share.get("link")):
            extra["link"] = clean(share.get("link"))
        if text is None:
            text = clean(share.get("share_text")) or extra.get("link")
        for key in ("type", "is_unsent", "call_duration"):
            if message.get(key) not in (None, "", False):
                extra[key] = message[key]
        ip = next((clean(message[k]) for k in ("ip", "ip_address") if isinstance(message.get(k), str)), None)
        if ip:
            extra["ip"] = ip  # the sender's IP, in some Messenger exports: identity.ip
        media: list = []
        for key in MESSAGE_MEDIA_KEYS:
            media.extend(media_refs(reader, message.get(key)))
        if isinstance(message.get("sticker"), dict):
            media.extend(media_refs(reader, [message["sticker"]]))
        yield Record(
            platform=platform,
            kind=Kind.MESSAGE,
            source=member.path,
            native_id=f"{index}:{stamp}",
            time=from_epoch(stamp, millis=True),
            by_self=(sender in owner_names) if owner_names and sender else None,
            author=sender,
            text=text,
            media=tuple(media),
            thread=thread,
            participants=participants,
            extra=extra,
        )


def guess_owner(reader: ExportReader, pattern: str, limit: int = 25) -> str | None:
    """The one name present in every thread's participants (when no profile file says who)."""
    common: set[str] | None = None
    threads = [m for m in reader.find(pattern) if m.name.lower() == "message_1.json"][:limit]
    if len(threads) < 2:
        return None
    for member in threads:
        try:
            data = load_fixed(reader, member)
        except Exception:  # a bad thread is reported when it is read; here it just doesn't vote
            continue
        people = as_list(data.get("participants")) if isinstance(data, dict) else []
        names = {name for p in people if (name := person_name(p))}
        common = names if common is None else common & names
    return next(iter(common)) if common is not None and len(common) == 1 else None
