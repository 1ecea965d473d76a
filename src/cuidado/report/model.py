"""Everything the report and the web app show, as plain data built from the workspace.

No HTML here: the templates render this, escaping every string (exports hold other people's
words, and anyone can write `<script>` in a message).
"""

from __future__ import annotations

import json
from collections import Counter, OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urlsplit

from cuidado.findings.labels import audience_label, item_kind_label, kind_label, severity_labels, skip_labels
from cuidado.findings.render import finding_dict
from cuidado.importers.known import about_text
from cuidado.inputs.reasons import reason_text
from cuidado.locales import direction, gettext, normalise
from cuidado.report.charts import timeline_chart
from cuidado.report.dossier import build_dossier
from cuidado.report.front import front_page, person_name
from cuidado.report.mapsvg import build_maps
from cuidado.report.photo_checks import not_checked_text
from cuidado.report.plan import load_plan
from cuidado.report.summary import build_summary, moved_inputs
from cuidado.report.thumbs import redacted_items
from cuidado.store import Store

PER_GROUP = 50  # findings shown per (severity, kind); the rest are counted (cuidado findings lists all)
TEXT_LIMIT = 600
SEVERITIES = ("high", "medium", "low")
PLACE_KINDS = ("inference.home", "inference.work", "inference.routine", "inference.travel")
MAP_PLACES = 30  # conclusions drawn on the map, the surest first
# Permalinks become links only to the platforms themselves: an export cannot plant another link.
LINK_HOSTS = (
    "facebook.com",
    "instagram.com",
    "x.com",
    "twitter.com",
    "tiktok.com",
    "youtube.com",
    "youtu.be",
    "whatsapp.com",
    "wa.me",
    "fb.com",
    "threads.net",
)

Thumb = Callable[[dict, bool], "str | None"]  # (record, redact) -> image src


def build_report(
    store: Store,
    lang: str = "en",
    *,
    plan: dict | None = None,
    filters: dict | None = None,
    per_group: int = PER_GROUP,
    thumb: Thumb | None = None,
) -> dict:
    lang = normalise(lang)
    _ = gettext(lang)
    filters = filters or {}
    summary = build_summary(store)
    dossier = build_dossier(store, lang)
    rows = store.findings(
        kinds=tuple(filters.get("kinds", ())),
        platforms=tuple(filters.get("platforms", ())),
        severities=tuple(filters.get("severities", ())),
    )
    groups = group_findings(store, rows, lang, per_group, thumb)
    if plan is None:
        plan, plan_error = load_plan(store, lang)
    else:
        plan_error = None
    skipped = skipped_view(summary["skipped"], lang, _)
    return {
        "lang": lang,
        "dir": direction(lang),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "totals": totals(store, summary),
        "dossier": dossier,
        "conclusions": first_screen(dossier["lines"]),
        "platforms": {k: v for k, v in summary["platforms"].items() if k != "files" and _used(v)},
        "files_media": summary["platforms"]["files"]["media"],
        "maps": build_maps(map_points(store), map_places(store, _)),
        "timeline": timeline_chart(dossier["timeline"]),
        "dated": _dated(store, lang),
        "groups": groups,
        "severity_labels": severity_labels(_),
        "plan": plan,
        "plan_error": plan_error,
        "skipped": skipped,
        "person": person_name(store),
        "front": front_page(store, dossier, plan, skipped, _),
        "files": summary["files"],
        "moved": moved_inputs(store),
        "photos_not_checked": summary["photos_not_checked"],
        "photos_not_checked_text": not_checked_text(summary["photos_not_checked"], lang),
        "filters": filters,
    }


DATED_LIMIT = 2000  # rows of the dated list in the report (cuidado timeline --csv gives them all)


def _dated(store: Store, lang: str) -> dict:
    """The lawyer's dated list: places, addresses, trips, employers and IDs, in local time."""
    from cuidado.remediation.timeline import build_timeline

    entries = build_timeline(store, lang)
    return {"entries": entries[:DATED_LIMIT], "more": max(0, len(entries) - DATED_LIMIT)}


def skipped_view(skipped: list[dict], lang: str, _) -> list[dict]:
    """Each file not read with why, in the reader's words: what a known file holds, or the
    reason it could not be read; the ones that lost content first, known files last."""
    labels = skip_labels(_)
    order = {"unreadable": 0, "input_not_read": 1, "refused": 2, "unknown": 3, "not_analysed": 4}
    view = []
    for entry in skipped:
        status = entry.get("status") or "unreadable"
        why = about_text(entry.get("about"), lang) if status == "not_analysed" else None
        if status == "unknown":
            why = _("Open it yourself to see what it holds.")
        view.append(
            {**entry, "status_label": labels.get(status, status), "why": why or reason_text(entry["reason"], lang)}
        )
    return sorted(view, key=lambda e: (order.get(e["status"], 9), e["input"], e["member"] or ""))


def first_screen(lines: list[dict], limit: int = 10, per_kind: int = 2) -> dict:
    """The most telling conclusions, at most two of a kind, so one kind cannot fill the screen."""
    shown: list[dict] = []
    seen: dict[str, int] = {}
    for line in lines:
        if seen.get(line["kind"], 0) < per_kind and len(shown) < limit:
            shown.append(line)
            seen[line["kind"]] = seen.get(line["kind"], 0) + 1
    return {"lines": shown, "more": len(lines) - len(shown)}


def totals(store: Store, summary: dict) -> dict:
    by_severity = store.severity_counts()
    located = store.located_item_count()
    records, first, last = store.records_span()
    return {
        "records": records,
        "first": (first or "")[:10],
        "last": (last or "")[:10],
        "located": located,
        "high": by_severity.get("high", 0),
        "medium": by_severity.get("medium", 0),
        "low": by_severity.get("low", 0),
        "findings": sum(by_severity.values()),
        "skipped": len(summary["skipped"]),
    }


def group_findings(store: Store, rows: list, lang: str, per_group: int, thumb: Thumb | None) -> list[dict]:
    """Findings by severity, then kind (biggest groups first), each with its item's context."""
    _ = gettext(lang)
    buckets: dict[tuple[str, str], list] = OrderedDict()
    for row in rows:
        buckets.setdefault((row["severity"], row["kind"]), []).append(row)
    shown = [row for group in buckets.values() for row in group[:per_group]]
    records = store.records(row["item"] for row in shown)
    redact = redacted_items(store, list(records))
    groups = []
    for severity in SEVERITIES:
        keys = sorted((k for k in buckets if k[0] == severity), key=lambda k: (-len(buckets[k]), k[1]))
        for key in keys:
            items = []
            for row in buckets[key][:per_group]:
                entry = finding_dict(row, lang)
                # The report shows what was found in the reader's words ("3 caras", "los domingos…").
                entry["value"], entry["source"] = entry["shown"], entry["source_shown"]
                record = records.get(row["item"])
                entry["record"] = record_view(record, _) if record else None
                entry["thumb"] = (
                    thumb(record, row["item"] in redact) if (thumb and record and record["media"]) else None
                )
                entry["redacted"] = row["item"] in redact
                items.append(entry)
            platforms = Counter(row["platform"] for row in buckets[key]).most_common()
            groups.append(
                {
                    "severity": severity,
                    "kind": key[1],
                    "label": kind_label(key[1], _),
                    "count": len(buckets[key]),
                    "findings": items,
                    "more": len(buckets[key]) - len(items),
                    "platforms": platforms,
                    "why": _shared(items, "why"),
                    "advice": _shared(items, "advice"),
                }
            )
    return groups


def _shared(items: list[dict], key: str) -> str | None:
    """The explanation every finding of a group shares, said once for the group (None when they differ)."""
    values = {item[key] for item in items}
    return values.pop() if len(values) == 1 else None


def record_view(record: dict, _=None) -> dict:
    """What a person needs to recognise an item: when, where, who, the start of the text. With `_`
    (the reader's gettext), its kind and audience are said in their language ("public" -> "público")."""
    text = record.get("text") or ""
    audience = record.get("audience")
    return {
        "id": record["id"],
        "platform": record["platform"],
        "kind": record["kind"],
        "kind_label": item_kind_label(record["kind"], _) if _ else record["kind"],
        "audience_value": audience,
        "time": (record.get("time") or "").replace("T", " ").replace("Z", ""),
        "author": record.get("author"),
        "by_self": record.get("by_self"),
        "text": text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…",
        "audience": audience_label(audience, _) if _ and audience else audience,
        "place": record.get("place"),
        "thread": record.get("thread"),
        "source": record.get("source"),
        "permalink": safe_link(record.get("permalink")),
        "input": (record.get("input") or "").rsplit("/", 1)[-1],
    }


def safe_link(url: str | None) -> str | None:
    """An https link to the platform itself, or None (javascript:, data:, other sites are dropped)."""
    if not url or not isinstance(url, str) or any(ch in url for ch in "\"'<> \t\r\n\\"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or parts.username or parts.password or parts.port not in (None, 443, 80):
        return None
    if not any(host == h or host.endswith("." + h) for h in LINK_HOSTS):
        return None
    return url


def map_points(store: Store) -> list[dict]:
    """One point per located item and place (the worst severity wins)."""
    points: dict[tuple, dict] = {}
    for row in store.findings(kinds=("location",), located=True, order="severity_id"):
        key = (row["item"], round(row["lat"], 5), round(row["lon"], 5))
        if key not in points:
            points[key] = {
                "finding": row["id"],
                "item": row["item"],
                "severity": row["severity"],
                "lat": row["lat"],
                "lon": row["lon"],
                "place": row["place"],
            }
    return list(points.values())


def map_places(store: Store, _) -> list[dict]:
    """Home, work, routines and trips an analyst would mark, with their radius."""
    labels = {
        "inference.home": _("Home?"),
        "inference.work": _("Work?"),
        "inference.routine": _("Routine"),
        "inference.travel": _("Trip"),
    }
    places = []
    for row in store.findings(kinds=PLACE_KINDS, located=True, order="confidence", limit=MAP_PLACES):
        data = json.loads(row["extra"] or "{}")
        places.append(
            {
                "kind": row["kind"],
                "lat": row["lat"],
                "lon": row["lon"],
                "radius_m": data.get("radius_m") or 0,
                "label": labels[row["kind"]],
                "place": row["place"],
            }
        )
    return places


def _used(entry: dict) -> bool:
    return any(
        entry.get(k) for k in ("posts", "comments", "messages", "media", "profile_fields", "connections")
    ) or bool(entry.get("other"))
