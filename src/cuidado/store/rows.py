"""How Records and Findings become rows: text SQLite can store, times as ISO 8601 UTC."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from cuidado.models import Finding, Record

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def storable(value: Any) -> Any:
    """Text SQLite can store: JSON's lone "\\ud800" escapes become U+FFFD instead of an error."""
    if isinstance(value, str) and not value.isascii():
        return _SURROGATE.sub("\ufffd", value)
    return value


def record_row(r: Record, input_label: str) -> tuple:
    return _storable_row(_raw_record_row(r, input_label))


def _storable_row(row: tuple) -> tuple:
    # Called for every item of a scan: the check is inlined (a call per field cost ~10% of phase 1).
    return tuple([v if not isinstance(v, str) or v.isascii() else _SURROGATE.sub("\ufffd", v) for v in row])


def _raw_record_row(r: Record, input_label: str) -> tuple:
    return (
        r.id,
        r.platform,
        str(r.kind),
        r.source,
        input_label,
        r.native_id,
        iso(r.time),
        None if r.by_self is None else int(r.by_self),
        r.author,
        r.text,
        r.audience,
        r.place,
        r.lat,
        r.lon,
        json.dumps([{"path": m.path, "size": m.size} for m in r.media]) if r.media else None,
        r.thread,
        json.dumps(list(r.participants), ensure_ascii=False) if r.participants else None,
        r.permalink,
        json.dumps(r.extra, ensure_ascii=False, default=str) if r.extra else None,
    )


def finding_row(f: Finding) -> tuple:
    return _storable_row(_raw_finding_row(f))


def _raw_finding_row(f: Finding) -> tuple:
    return (
        f.id,
        f.kind,
        f.subtype,
        f.severity,
        round(float(f.confidence), 3),
        f.platform,
        f.source,
        f.item,
        iso(f.time),
        f.value,
        f.lat,
        f.lon,
        f.place,
        f.excerpt,
        json.dumps(list(f.terms), ensure_ascii=False) if f.terms else None,
        json.dumps(f.extra, ensure_ascii=False, default=str) if f.extra else None,
    )


def iso(value: datetime | None) -> str | None:
    """ISO 8601 UTC; times no real item can have (year 1, 9999…) are stored as unknown."""
    if value is None:
        return None
    try:
        value = value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    if not 1900 <= value.year <= 2100:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def now() -> str:
    stamp = iso(datetime.now(UTC))
    assert stamp is not None  # the present is a time iso() keeps
    return stamp
