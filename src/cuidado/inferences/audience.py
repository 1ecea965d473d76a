"""`audience.wide`: "friends only" is not private when hundreds of people are friends.

Runs after import, across items: it needs the person's friend/follower count per platform.
Only items that reveal something (they carry another finding) are flagged, because those are
the ones a friend could screenshot or a fake account could collect.
"""

from __future__ import annotations

from datetime import datetime

from cuidado.detectors.severity import severity
from cuidado.models import Finding
from cuidado.store import Store

# Past this many friends/followers, a "friends" audience is effectively public: monitoring
# firms run fake accounts, and any one of that many people can pass a post on.
WIDE_AUDIENCE = 150
NARROW_AUDIENCES = ("friends", "followers", "friends_of_friends", "close_friends")


def wide_audience_findings(store: Store) -> list[Finding]:
    audience_sizes = dict(store.conn.execute(
        "SELECT platform, count(*) FROM records WHERE kind = 'connection' "
        "AND coalesce(json_extract(extra, '$.connection'), 'friend') IN ('friend', 'follower') "
        "GROUP BY platform").fetchall())
    found = []
    for platform, size in audience_sizes.items():
        if size < WIDE_AUDIENCE:
            continue
        rows = store.conn.execute(
            f"SELECT r.id, r.source, r.time, r.audience, r.by_self, r.text FROM records r "
            f"WHERE r.platform = ? AND r.audience IN ({', '.join('?' * len(NARROW_AUDIENCES))}) "
            "AND EXISTS (SELECT 1 FROM findings f WHERE f.item = r.id AND f.kind NOT LIKE 'audience.%')",
            (platform, *NARROW_AUDIENCES)).fetchall()
        for item, source, time, audience, by_self, text in rows:
            confidence = min(0.95, 0.5 + size / 1000)
            found.append(Finding(
                kind="audience.wide", subtype=audience,
                severity=severity("audience.wide", audience, confidence, audience=audience,
                                  by_self=None if by_self is None else bool(by_self)),
                confidence=confidence, platform=platform, source=source, item=item,
                value=f"{audience}: {size} people", time=_parse(time),
                excerpt=(text or "")[:120] or None, extra={"audience_size": size},
            ))
    return found


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


__all__ = ["WIDE_AUDIENCE", "wide_audience_findings"]
