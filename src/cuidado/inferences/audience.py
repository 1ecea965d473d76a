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
    found = []
    for platform, size in store.audience_sizes().items():
        if size < WIDE_AUDIENCE:
            continue
        for item, source, time, audience, by_self, text in store.narrow_audience_items(platform, NARROW_AUDIENCES):
            confidence = min(0.95, 0.5 + size / 1000)
            found.append(
                Finding(
                    kind="audience.wide",
                    subtype=audience,
                    severity=severity(
                        "audience.wide",
                        audience,
                        confidence,
                        audience=audience,
                        by_self=None if by_self is None else bool(by_self),
                    ),
                    confidence=confidence,
                    platform=platform,
                    source=source,
                    item=item,
                    value=audience,
                    time=_parse(time),  # with its size in extra: said at display time
                    excerpt=(text or "")[:120] or None,
                    extra={"audience_size": size},
                )
            )
    return found


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


__all__ = ["WIDE_AUDIENCE", "wide_audience_findings"]
