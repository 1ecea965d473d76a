"""When an item happened on the clock of where it happened, and which clock that is.

Items are stored in UTC. A lawyer comparing a photo with what a client remembers needs the local
time instead, said with its zone: a photo taken at 16:05 at UTC−08:00 was taken that afternoon,
not the next day. In order of trust:

1. the offset the camera recorded with the time (EXIF OffsetTime, an ISO time with its offset);
2. the time zone of the place the item is (its coordinates, looked up offline in the boundaries
   `timezonefinder` ships; no network);
3. a phone's or camera's own clock with no zone (WhatsApp chats, cameras without an offset): kept as
   the wall-clock time it is, labelled "local";
4. otherwise UTC, labelled UTC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

CAMERA, PLACE, DEVICE, UTC = "camera", "place", "device", "utc"


@dataclass(frozen=True)
class LocalTime:
    when: datetime  # the wall-clock time (naive)
    zone: str  # "UTC-08:00", "America/Los_Angeles UTC-07:00", "America/Tijuana" (device clock), "" or "UTC"
    source: str  # CAMERA, PLACE, DEVICE or UTC: where the zone comes from


def local_time(
    time: str | None, extra: dict | str | None = None, lat: float | None = None, lon: float | None = None
) -> LocalTime | None:
    """The local time of an item stored at `time` (ISO UTC), from its record's `extra` and position."""
    if not time:
        return None
    try:
        stored = datetime.fromisoformat(time.replace("Z", "+00:00"))
    except ValueError:
        return None
    if stored.tzinfo is None:
        stored = stored.replace(tzinfo=timezone.utc)  # noqa: UP017 (UTC here names a zone source)
    if isinstance(extra, str):
        try:
            extra = json.loads(extra)
        except ValueError:
            extra = {}
    extra = extra if isinstance(extra, dict) else {}
    taken = (extra.get("meta") or {}).get("taken") if isinstance(extra.get("meta"), dict) else None
    recorded = _with_offset(taken)
    if recorded is not None:
        return LocalTime(recorded.replace(tzinfo=None), offset_label(recorded.utcoffset()), CAMERA)
    zone = zone_at(lat, lon) if lat is not None and lon is not None else None
    if extra.get("local_time"):  # the device's wall clock, already local
        return LocalTime(stored.replace(tzinfo=None), zone or "", DEVICE)
    if zone:
        here = stored.astimezone(_zoneinfo(zone))
        return LocalTime(here.replace(tzinfo=None), f"{zone} {offset_label(here.utcoffset())}", PLACE)
    return LocalTime(stored.astimezone(timezone.utc).replace(tzinfo=None), "UTC", UTC)  # noqa: UP017


def _with_offset(taken) -> datetime | None:
    if not isinstance(taken, str):
        return None
    try:
        value = datetime.fromisoformat(taken)
    except ValueError:
        return None
    return value if value.tzinfo is not None and 1990 <= value.year <= 2100 else None


def offset_label(offset: timedelta | None) -> str:
    if offset is None:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@lru_cache(maxsize=4096)
def _zone_cached(lat: float, lon: float) -> str | None:
    finder = _finder()
    if finder is None:
        return None
    try:
        return finder.timezone_at(lng=lon, lat=lat)
    except ValueError:  # outside the valid range
        return None


def zone_at(lat: float, lon: float) -> str | None:
    """The IANA time zone at a position (to ~100 m, which is all a zone needs), or None."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    zone = _zone_cached(round(lat, 3), round(lon, 3))
    return zone if zone and _zoneinfo(zone) is not None else None


@lru_cache(maxsize=1)
def _finder():
    try:
        from timezonefinder import TimezoneFinder
    except ImportError:  # the places extra is not installed: times stay in UTC, labelled so
        return None
    return TimezoneFinder()


@lru_cache(maxsize=512)
def _zoneinfo(name: str):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
