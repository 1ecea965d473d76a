"""Fill a media file's record from the file itself: metadata (GPS, time, device), never the pixels' owner."""

from __future__ import annotations

from datetime import datetime

from cuidado.importers.reading import ExportReader
from cuidado.media.metadata import MediaError, read_metadata
from cuidado.models import Record, utc
from cuidado.sources import Member


def describe_media(record: Record, member: Member, reader: ExportReader) -> None:
    """Read the header bytes of the media member and put what they reveal on the record."""
    try:
        with reader.open(member) as fh:
            meta = read_metadata(fh, member.name)
    except MediaError as exc:
        record.extra["media_problem"] = str(exc)[:200]
        return
    except (OSError, EOFError, ValueError) as exc:
        record.extra["media_problem"] = f"could not be read ({type(exc).__name__})"
        return
    data = meta.to_dict()
    record.extra["meta"] = {k: v for k, v in data.items() if v not in (None, [], {}, False)}
    if meta.lat is not None and meta.lon is not None:
        record.lat, record.lon = meta.lat, meta.lon
        record.extra["location_source"] = "media_file"
        if meta.xmp_location:
            record.place = meta.xmp_location
    if meta.taken:
        taken = _parse_taken(meta.taken)
        if taken is not None:
            record.time = taken[0]
            if taken[1]:
                record.extra["local_time"] = True


def _parse_taken(text: str) -> tuple[datetime, bool] | None:
    """ISO capture time -> (UTC datetime, True when it was camera local time with no zone)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if not 1990 <= value.year <= 2100:
        return None
    return utc(value), value.tzinfo is None
