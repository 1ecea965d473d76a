"""Audience and other people: fake-looking new connections, big groups that saw sensitive items,
and other people's phone numbers the person's own exports expose."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime, timedelta

from cuidado.detectors.severity import severity
from cuidado.models import Finding
from cuidado.store import Store

RECENT_DAYS = 365
BIG_GROUP = 8
# WhatsApp shows people who are not in the phone's contacts as "+52 55 1234 5678"; numeric
# account ids (X DMs) have no "+", so they are not taken for phone numbers.
_PHONE_AUTHOR = re.compile(r"^\+[\d\s().\-\u2011]{7,}$")
# ...and writes them into its own notices: "+7 999 999-99-99 joined using this group's invite link".
_PHONE_IN_NOTICE = re.compile(r"(?<![\w+])\+\d[\d\s().\-\u2011]{6,}\d")


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def stranger_connections(store: Store) -> list[Finding]:
    """Connections accepted in the last year before the export with no interaction before or after."""
    last = _parse(store.records_span()[2])
    if last is None:
        return []
    since = (last - timedelta(days=RECENT_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ")
    talked = {name.casefold() for name in store.message_authors()}
    for participants in store.participant_lists():
        talked.update(p.casefold() for p in participants)
    findings = []
    for item, platform, source, time, name in store.connections_since(since):
        if not name or name.casefold() in talked:
            continue
        findings.append(
            Finding(
                kind="audience.stranger",
                severity=severity("audience.stranger", None, 0.5),
                confidence=0.5,
                platform=platform,
                source=source,
                item=item,
                value=name,
                time=_parse(time),
                extra={"evidence": [item], "evidence_count": 1, "reason": "recent connection, never interacted"},
            )
        )
    return findings


def group_exposure(store: Store) -> list[Finding]:
    """Group chats with many members in which the person shared sensitive items, and the other
    people's phone numbers each chat export carries."""
    threads: dict[tuple[str, str], dict] = defaultdict(
        lambda: {"members": set(), "sensitive": [], "phones": set(), "source": None, "items": []}
    )
    for platform, kind, thread, participants, author, by_self, source, item, text in store.thread_items():
        entry = threads[(platform, thread)]
        entry["source"] = entry["source"] or source
        if kind == "other":  # a chat's own notice: numbers of people added, removed, joining
            numbers = _PHONE_IN_NOTICE.findall(text or "")
            entry["phones"].update(n.strip() for n in numbers)
            if numbers:
                entry["items"].append(item)
            continue
        if participants:
            entry["members"].update(json.loads(participants))
        if author:
            entry["members"].add(author)
            # Not the person's own (they show their name): when the export cannot say whose a
            # message is, a number is still someone not in their contacts.
            if by_self != 1 and _PHONE_AUTHOR.match(author):
                entry["phones"].add(author)
                entry["items"].append(item)
    sensitive: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for message_platform, message_thread, message in store.own_revealing_messages():
        sensitive[(message_platform, message_thread)].append(message)
    findings = []
    for (platform, thread), entry in threads.items():
        size = len(entry["members"])
        shared = sorted(set(sensitive.get((platform, thread), [])))
        if size >= BIG_GROUP and shared:
            findings.append(
                Finding(
                    kind="audience.group",
                    severity=severity("audience.group", None, 0.8),
                    confidence=0.8,
                    platform=platform,
                    source=entry["source"],
                    item=f"inference:group:{platform}:{thread}",
                    value=thread,  # the sentence is made at display time (findings/render.py)
                    extra={"thread": thread, "members": size, "evidence": shared, "evidence_count": len(shared)},
                )
            )
        if entry["phones"]:
            phones = sorted(entry["phones"])
            findings.append(
                Finding(
                    kind="inference.others_exposed",
                    severity=severity("inference.others_exposed", None, 0.9),
                    confidence=0.9,
                    platform=platform,
                    source=entry["source"],
                    item=f"inference:others:{platform}:{thread}",
                    value=thread,
                    extra={
                        "thread": thread,
                        "phones": phones,
                        "evidence": sorted(set(entry["items"]))[:200],
                        "evidence_count": len(set(entry["items"])),
                    },
                )
            )
    return findings
