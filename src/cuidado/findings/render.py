"""Findings as the documented JSON objects, with why/advice in the reader's language.

Findings store data, not sentences (a routine's weekday and hour, a group's size, how many faces):
`value` stays that data (the documented JSON), and `shown` says it in the reader's language, made
at display time by `display_value`. Workspaces scanned before stored English sentences in `value`;
store migration 0007 turns them into the same data, and `display_value` reads only `extra` and
`place` where it can, so either way they display the same.
"""

from __future__ import annotations

import json
import re
import sqlite3

from cuidado.detectors.explain import explain
from cuidado.findings.labels import audience_label, document_labels, weekday_plurals
from cuidado.locales import gettext, ngettext_in

CONTRACT_FIELDS = (
    "id",
    "kind",
    "subtype",
    "severity",
    "confidence",
    "platform",
    "source",
    "item",
    "time",
    "value",
    "lat",
    "lon",
    "place",
    "excerpt",
)
INFERENCE_SOURCE = "(inference)"  # stored as the source of conclusions drawn from several items
_OLD_GROUP_VALUE = re.compile(r": \d+ members saw \d+ sensitive item\(s\)$")


def finding_dict(row: sqlite3.Row, lang: str = "en") -> dict:
    data = {name: row[name] for name in CONTRACT_FIELDS}
    data["terms"] = json.loads(row["terms"]) if row["terms"] else []
    extra = json.loads(row["extra"]) if row["extra"] else {}
    if extra:
        data["extra"] = extra
    data["shown"] = display_value(row["kind"], row["subtype"], row["value"], row["place"], extra, lang)
    data["source_shown"] = display_source(row["source"], lang)
    data["why"], data["advice"] = explain(row["kind"], row["subtype"], lang)
    return data


def explain_finding(finding, lang: str = "en") -> dict:
    """A Finding not (yet) stored, as the same contract dict (used by `cuidado check`)."""
    data = {
        "id": finding.id,
        "kind": finding.kind,
        "subtype": finding.subtype,
        "severity": finding.severity,
        "confidence": finding.confidence,
        "platform": finding.platform,
        "source": finding.source,
        "item": finding.item,
        "time": finding.time.isoformat() if finding.time else None,
        "value": finding.value,
        "lat": finding.lat,
        "lon": finding.lon,
        "place": finding.place,
        "excerpt": finding.excerpt,
        "terms": list(finding.terms),
        "shown": display_value(finding.kind, finding.subtype, finding.value, finding.place, finding.extra, lang),
        "source_shown": display_source(finding.source, lang),
    }
    data["why"], data["advice"] = explain(finding.kind, finding.subtype, lang)
    return data


def display_source(source: str | None, lang: str = "en") -> str | None:
    if source == INFERENCE_SOURCE:
        _ = gettext(lang)
        return _("(concluded from several items)")
    return source


def display_value(
    kind: str, subtype: str | None, value: str | None, place: str | None, extra: dict | None, lang: str = "en"
) -> str | None:
    """What a finding found, said in `lang`: sentences are made here from the stored data."""
    extra = extra or {}
    _, ngettext = gettext(lang), ngettext_in(lang)
    if kind == "inference.routine" and "weekday" in extra and "hour" in extra:
        return _("{day} around {hour}:00 near {place}").format(
            day=weekday_plurals(_)[int(extra["weekday"]) % 7],
            hour=f"{int(extra['hour']):02d}",
            place=place or value or "",
        )
    if kind == "inference.travel" and place:
        return "{} ({})".format(place, extra.get("dates") or _("unknown dates"))
    if kind == "inference.others_exposed" and "phones" in extra:
        count = len(extra["phones"])
        return ngettext(
            "{thread}: {count} other person's phone number", "{thread}: {count} other people's phone numbers", count
        ).format(thread=extra.get("thread", ""), count=count)
    if kind == "audience.group" and "members" in extra:
        count = int(extra.get("evidence_count") or len(extra.get("evidence", [])))
        thread = extra.get("thread") or _OLD_GROUP_VALUE.sub("", value or "")
        return ngettext(
            "{thread}: {members} members saw {count} sensitive item",
            "{thread}: {members} members saw {count} sensitive items",
            count,
        ).format(thread=thread, members=extra["members"], count=count)
    if kind == "audience.wide" and "audience_size" in extra:
        size = int(extra["audience_size"])
        return ngettext("{audience}: {count} person can see it", "{audience}: {count} people can see it", size).format(
            audience=audience_label(subtype, _), count=size
        )
    if kind == "audience.public":
        return audience_label("public", _)
    if kind == "identity.face" and "boxes" in extra:
        count = len(extra["boxes"])
        return ngettext("{count} face", "{count} faces", count).format(count=count)
    if kind == "identity.document_photo" and value:
        return document_labels(_).get(value, value.replace("_", " "))
    return value
