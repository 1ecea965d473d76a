"""What Meta learned about the person from elsewhere, in Facebook and Instagram exports: the
interests it assigned them (ads interests, "your topics") and the apps and businesses that
reported their activity off Facebook / Instagram ("off-Facebook activity").

Both are exposures on their own: an interest such as "Immigration law" or a visit reported
by an immigration lawyer's website is exactly what an analyst looks for. Shapes seen, all read:

* interests: `{"topics_v2": [str]}` (2019–2023), `{"topics": [str]}` (2018), `{"inferred_topics_v2": …}`,
  Instagram `{"inferred_data_ig_interest" | "topics_your_topics": [{"string_map_data":
  {"Interest" | "Name": {"value"}}}]}`, and 2025+ records `[{"label_values": [{"label", "value"}]}]`;
* off-platform: `{"off_facebook_activity_v2" | "off_facebook_activity": [{"name", "events":
  [{"id", "type", "timestamp"}]}]}` and 2025+ records `[{"title", "label_values": [{"label":
  "Events", "vec": [{"dict": [{"label": "Event", "value"}, {"label": "Received on",
  "timestamp_value"}]}]}]}]`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from cuidado.importers._text import clean
from cuidado.importers.base import ImportProblem
from cuidado.importers.meta_common import as_list, load_fixed
from cuidado.importers.reading import ExportReader
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Kind, Record, from_epoch

INTERESTS = r"(^|/)(ads_interests|your_topics|your_reels_topics)\.json$"
OFF_PLATFORM = r"(^|/)(your_off-facebook_activity|your_activity_off_meta_technologies)\.json$"
# Seen by the platform and the advertisers it works with, not by friends or followers.
AUDIENCE = "platform"
_INTEREST_LABELS = ("interest", "name", "topic", "interés", "nombre", "tema", "interesse", "intérêt")


def read_interests(platform: str, reader: ExportReader, member: Member) -> Iterator[Record]:
    source = "topics" if "topics" in member.name.lower() else "ads"
    seen: set[str] = set()
    for index, (name, stamp) in enumerate(_interest_names(load_fixed(reader, member))):
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        yield Record(
            platform=platform,
            kind=Kind.INTEREST,
            source=member.path,
            native_id=f"{index}:{name}",
            time=from_epoch(stamp),
            by_self=None,
            text=name,
            audience=AUDIENCE,
            extra={"interest_source": source},
        )


def _interest_names(data) -> Iterator[tuple[str, object]]:
    """(name, timestamp or None) of every interest, whatever the shape."""
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if not lists and "label_values" not in data:
            raise ImportProblem("not a list of interests")
        data = [data] if "label_values" in data else [item for value in lists for item in value]
    for item in as_list(data):
        if isinstance(item, str) and (name := clean(item)):
            yield name, None
        elif isinstance(item, dict):
            smd = item.get("string_map_data")
            if isinstance(smd, dict):
                entry = next(
                    (
                        e
                        for label, e in smd.items()
                        if isinstance(e, dict) and str(label).strip().lower() in _INTEREST_LABELS
                    ),
                    None,
                )
                entry = entry or next((e for e in smd.values() if isinstance(e, dict) and clean(e.get("value"))), {})
                if name := clean(entry.get("value")):
                    yield name, entry.get("timestamp")
            elif isinstance(item.get("label_values"), list):
                for value in item["label_values"]:
                    if isinstance(value, dict) and (name := clean(value.get("value"))):
                        yield name, item.get("timestamp")
            elif name := clean(item.get("name")):
                yield name, item.get("timestamp")


def read_off_platform(platform: str, reader: ExportReader, member: Member) -> Iterator[Record]:
    """One record per app or business, dated by its latest event, with how many events it sent."""
    data = load_fixed(reader, member)
    if isinstance(data, dict):
        data = next(
            (v for k, v in data.items() if isinstance(v, list) and "off" in k.lower()),
            next((v for v in data.values() if isinstance(v, list)), None),
        )
    if not isinstance(data, list):
        raise ImportProblem(reasons.NOT_BUSINESSES)
    for index, business in enumerate(data):
        if not isinstance(business, dict):
            continue
        name = clean(business.get("name")) or clean(business.get("title"))
        events = list(_events(business))
        times = sorted(t for _, t in events if t is not None)
        types = sorted({kind for kind, _ in events if kind})
        extra = {"events": len(events), **({"event_types": types} if types else {})}
        if times:
            extra["first_event"] = times[0].isoformat()
        yield Record(
            platform=platform,
            kind=Kind.OFF_PLATFORM,
            source=member.path,
            native_id=f"{index}:{name}",
            time=times[-1] if times else None,
            by_self=None,
            text=name,
            audience=AUDIENCE,
            extra=extra,
        )


def _events(business: dict) -> Iterator[tuple[str | None, datetime | None]]:
    for event in as_list(business.get("events")):
        if isinstance(event, dict):
            yield clean(event.get("type")), from_epoch(event.get("timestamp"))
    for value in as_list(business.get("label_values")):
        if not isinstance(value, dict) or str(value.get("label", "")).lower() != "events":
            continue
        for entry in as_list(value.get("vec")):
            fields = {
                str(f.get("label", "")).lower(): f
                for f in as_list(entry.get("dict") if isinstance(entry, dict) else None)
                if isinstance(f, dict)
            }
            kind = clean(fields.get("event", {}).get("value"))
            received = fields.get("received on", {})
            yield kind, from_epoch(received.get("timestamp_value") or received.get("value"))
