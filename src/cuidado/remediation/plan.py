"""`cuidado plan`: cleanup actions ranked by how much each one reduces what an analyst could learn.

Removing the handful of items that give away the home beats deleting fifty low-severity posts, so
actions that break an inference are scored by re-running the inference without their items. Items
are weighed by the harm of what they reveal (an A-number sent in a private message weighs like a
conclusion), settings by the items they would stop showing to everyone; then all are ranked in one
order. Each item's directions fit where it is: a message is not deleted like a post.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict

from cuidado.findings.labels import kind_label
from cuidado.inferences.linkage import linkage_inferences
from cuidado.inferences.places import infer_places, located_points
from cuidado.locales import gettext
from cuidado.remediation.progress import text_start
from cuidado.remediation.score import INFERENCE_WEIGHTS, finding_weight, setting_weight, tracking_weight
from cuidado.remediation.steps import STEPS
from cuidado.remediation.texts import TEXT_KEYS, text
from cuidado.store import Store

UPLOADS = "uploads"  # the web app's copies of what was added there (cuidado.web.jobs.UPLOADS)

MAX_ITEM_ACTIONS = 60
MAX_TRACKED_LISTED = 200  # items listed under one tracking action (a platform may list hundreds of interests)
_LOCATION_ONLY = {"location.geotag", "location.media_gps", "audience.public", "audience.wide"}
# What the platform tracked is undone in its settings, not by deleting items: one action per platform
# and kind, with that platform's steps (steps.py: "interests", "off_platform").
TRACKED = {"interest": ("tracking.interest", "interests"), "off_platform": ("tracking.off_platform", "off_platform")}


def platform_steps() -> dict:
    """Each platform's steps, as marked English (steps.py); translate with gettext where shown."""
    return STEPS


class _Scorer:
    """The exposure score with some items removed; the located points and links are read once."""

    def __init__(self, store: Store, items: dict):
        self.items = items
        self.points = located_points(store)
        self.links = linkage_inferences(store)

    def __call__(self, excluded: frozenset) -> float:
        total = sum(w for item, fs in self.items.items() if item not in excluded for _, w in fs)
        places = infer_places([p for p in self.points if p.item not in excluded])
        # A link survives while any of its evidence survives.
        links = [f for f in self.links if set(f.extra.get("evidence", [])) - excluded]
        for finding in places + links:
            total += finding_weight(finding.kind, finding.severity, finding.confidence)
        return total


def build_plan(store: Store, lang: str = "en") -> dict:
    items = _item_findings(store)
    inferences = [dict(row) for row in store.findings(kinds=tuple(INFERENCE_WEIGHTS))]
    records = store.records({i for i in items} | {e for inf in inferences for e in _evidence(inf)})
    score = _Scorer(store, items)
    base = score(frozenset())
    actions: list[dict] = []
    excluded: frozenset[str] = frozenset()
    # 1. Break conclusions, the one that lowers the score most first (greedy), each scored by
    #    re-running the inferences without its items.
    candidates = list(inferences)
    current = base
    while candidates:
        best = None
        for inference in candidates:
            evidence = [e for e in _evidence(inference) if e in records and e not in excluded]
            if not evidence:
                continue
            after = score(excluded | set(evidence))
            if after < current and (best is None or after < best[0]):
                best = (after, inference, evidence)
        if best is None:
            break
        after, inference, evidence = best
        candidates.remove(inference)
        excluded = excluded | set(evidence)
        actions.append(
            _action(
                "remove_items", inference["kind"], evidence, records, lang, current - after, after, inference=inference
            )
        )
        current = after
    # 2. Items that still reveal something on their own, most harmful first (an A-number in a private
    #    message weighs like a conclusion: score.HARM_WEIGHTS), and each platform's settings among
    #    them by what they stop (score.setting_weight), so "make your account private" is not last.
    tracked = _tracked_items(items, records, excluded)
    excluded = excluded | {i for ids in tracked.values() for i in ids}
    remaining = sorted(
        ((sum(w for _, w in fs), item) for item, fs in items.items() if item not in excluded and item in records),
        reverse=True,
    )
    later = []
    for weight, item in remaining[:MAX_ITEM_ACTIONS]:
        kinds = {kind for kind, _ in items[item]}
        kind = (
            "edit_item" if kinds <= _LOCATION_ONLY and any(k.startswith("location.") for k in kinds) else "remove_items"
        )
        reason = max(items[item], key=lambda kw: (kw[1], kw[0]))[0]  # what makes the item weigh most
        later.append(_action(kind, reason, [item], records, lang, weight, 0.0))
        excluded = excluded | {item}
    later += [
        _tracking_action(platform, record_kind, ids, items, records, lang)
        for (platform, record_kind), ids in sorted(tracked.items())
    ]
    later += _setting_actions(store, lang)
    # One order for all: what lowers the score most comes first (stable: ties keep their order).
    actions = sorted(actions + later, key=lambda a: -a["reduces"])
    current = base
    for action in actions:
        if action["kind"] != "setting":
            current -= action["reduces"]
            action["score_after"] = max(current, 0.0)
    done = set(_done_ids(store))
    for rank, action in enumerate(actions, 1):
        action["rank"], action["done"] = rank, action["id"] in done
        action["reduces"] = round(action["reduces"], 1)
        if action["score_after"] is not None:
            action["score_after"] = round(action["score_after"], 1)
    return {
        "lang": lang,
        "score_before": round(base, 1),
        "score_after_all": round(score(excluded), 1),
        "warning": _warning(store, lang),
        "actions": actions,
        # Items that still reveal something but have no action of their own (past MAX_ITEM_ACTIONS).
        "not_listed": max(0, len(remaining) - MAX_ITEM_ACTIONS),
    }


def _setting_actions(store: Store, lang: str) -> list[dict]:
    """Every platform's account settings, weighed by the items they would stop showing to everyone."""
    open_items = store.items_per_platform(("audience.public", "audience.wide"))
    actions = []
    for platform in store.platforms():
        steps = [gettext(lang)(s) for s in platform_steps().get(platform, {}).get("settings", [])]
        if steps:
            actions.append(
                {
                    "id": _action_id("setting", platform),
                    "kind": "setting",
                    "platform": platform,
                    "title": text("settings_title", lang, platform=_platform_name(platform, lang)),
                    "reduces": setting_weight(open_items.get(platform, 0)),
                    "score_after": None,
                    "removes_inferences": [],
                    "deletion": False,
                    "items": [],
                    "steps": steps,
                }
            )
    return actions


def _warning(store: Store, lang: str) -> dict:
    """Keep the untouched exports. Files added in the web app are copies inside the workspace, which
    `cuidado purge` deletes: they are named apart, so the person keeps the downloads themselves."""
    uploads = (store.directory / UPLOADS).resolve()
    untouched, copies = [], []
    for given in store.inputs():
        first = given.paths[0] if given.paths else None
        if first is not None and first.is_absolute() and first.is_relative_to(uploads):
            copies.append(first.name)
        else:
            untouched.append(given.label)
    lines = text("warning_text", lang).split("\n")
    if copies:
        lines.append(text("uploaded_copies", lang, count=len(copies)))
    return {
        "title": text("warning_title", lang),
        "text": lines,
        "untouched_exports": untouched,
        "uploaded_copies": copies,
    }


def _tracked_items(items: dict, records: dict, excluded: frozenset) -> dict[tuple[str, str], list[str]]:
    """(platform, record kind) -> the interests or off-platform records still to undo."""
    tracked: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in items:
        record = records.get(item)
        if record is not None and item not in excluded and record["kind"] in TRACKED:
            tracked[(record["platform"], record["kind"])].append(item)
    return tracked


def _tracking_action(platform: str, record_kind: str, ids: list[str], items: dict, records: dict, lang: str) -> dict:
    """Remove the ad interests / clear the off-platform activity: the platform's own settings, not
    deleting items; weighed like a setting (what the platform and its advertisers hold about you)."""
    finding_kind, steps_key = TRACKED[record_kind]
    name = _platform_name(platform, lang)
    step = platform_steps().get(platform, {}).get(steps_key)
    steps = [f"{name}: {gettext(lang)(step)}"] if step else []
    if not steps:  # a platform without its own steps: the finding's own advice says what to look for
        from cuidado.detectors.explain import explain

        steps = [f"{name}: {explain(finding_kind, None, lang)[1]}"]
    weight = tracking_weight(sum(w for item in ids for _, w in items[item]))
    listed = sorted(ids, key=lambda i: records[i]["time"] or "")[:MAX_TRACKED_LISTED]
    return {
        "id": _action_id("tracking", f"{platform}:{record_kind}"),
        "kind": "tracking",
        "platform": platform,
        "title": text(f"title_{finding_kind}", lang, count=len(ids), platform=name),
        "reduces": weight,
        "score_after": 0.0,
        "removes_inferences": [],
        "deletion": False,
        "items": [_item_entry(records[i], lang) for i in listed],
        "steps": steps,
    }


def _item_findings(store: Store) -> dict[str, list[tuple[str, float]]]:
    """item id -> [(kind, weight)] for findings that belong to one item (not conclusions)."""
    items: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for kind, subtype, severity, confidence, item in store.item_findings():
        items[item].append((kind, finding_weight(kind, severity, confidence, subtype)))
    return items


def _evidence(finding: dict) -> list[str]:
    return json.loads(finding["extra"] or "{}").get("evidence", [])


def _action(
    kind: str,
    reason: str,
    item_ids: list[str],
    records: dict,
    lang: str,
    reduces: float,
    score_after: float,
    inference: dict | None = None,
) -> dict:
    platforms = sorted({records[i]["platform"] for i in item_ids})
    platform = platforms[0] if len(platforms) == 1 else "multiple"
    key = inference["item"] if inference else ",".join(sorted(item_ids))
    steps = []
    for p in platforms:
        kinds_here = sorted({records[i]["kind"] for i in item_ids if records[i]["platform"] == p})
        for item_kind in kinds_here:
            step = (
                text("profile_step", lang, platform=_platform_name(p, lang))
                if item_kind == "profile_field"
                else _step(p, item_kind, kind, lang)
            )
            if step and step not in steps:
                steps.append(step)
    if inference:
        title = text(f"title_{reason}", lang, count=len(item_ids), place=(inference or {}).get("place") or "")
    else:
        title = _item_title(kind, records[item_ids[0]]["kind"], reason, lang)
    return {
        "id": _action_id(kind, key),
        "kind": kind,
        "platform": platform,
        "title": title,
        "reduces": reduces,
        "score_after": score_after,
        "removes_inferences": [inference["kind"]] if inference else [],
        "deletion": kind == "remove_items",
        "items": [_item_entry(records[i], lang) for i in sorted(item_ids, key=lambda i: records[i]["time"] or "")],
        "steps": steps,
    }


def _item_entry(record: dict, lang: str) -> dict:
    start = text_start(record["text"])
    date = (record["time"] or "")[:10]
    if record["kind"] == "profile_field":
        field = json.loads(record["extra"] or "{}").get("field", "")
        return {
            "item": record["id"],
            "platform": record["platform"],
            "kind": record["kind"],
            "time": record["time"],
            "text_start": start,
            "permalink": record["permalink"],
            "source": record["source"],
            "where": text(
                "profile_where", lang, platform=_platform_name(record["platform"], lang), field=field.replace("_", " ")
            ),
        }
    data = platform_steps().get(record["platform"], {})
    where = data.get("by_kind", {}).get(record["kind"], {}).get("where") or data.get("where")
    where = gettext(lang)(where) if where else ""
    label = start or record["source"].rsplit("/", 1)[-1]
    return {
        "item": record["id"],
        "platform": record["platform"],
        "kind": record["kind"],
        "time": record["time"],
        "text_start": start,
        "permalink": record["permalink"],
        "source": record["source"],
        "where": where.format(date=date or "?", text=label, thread=_thread_name(record)),
    }


def _thread_name(record: dict) -> str:
    """The chat as the person sees it: its name, or who is in it when the export names it by an id
    ("inbox/luciacruz_512a2b880b", "1820902977-9008752864")."""
    thread = record["thread"] or ""
    try:
        people = [p for p in json.loads(record["participants"] or "[]") if isinstance(p, str) and p]
    except ValueError:
        people = []
    if people and (not thread or re.search(r"/|_[0-9a-f]{6,}|\d{6,}", thread)):
        return ", ".join(people[:4]) + (" …" if len(people) > 4 else "")
    return thread


def _step(platform: str, item_kind: str, action_kind: str, lang: str) -> str | None:
    """How to delete (or edit) this kind of item on this platform: a message is not deleted like a post."""
    data = platform_steps().get(platform, {})
    own = data.get("by_kind", {}).get(item_kind, {})
    if action_kind == "edit_item" and item_kind in ("post", "media") and data.get("remove_location"):
        step = data["remove_location"]
    else:
        step = own.get("delete") or data.get("delete")
    if not step:
        return None
    return f"{_platform_name(platform, lang)}: {gettext(lang)(step)}"


def _item_title(action_kind: str, item_kind: str, reason: str, lang: str) -> str:
    what = kind_label(reason, gettext(lang))
    if action_kind == "edit_item":
        return text("title_edit", lang, reason=what)
    key = f"title_remove_{item_kind}"
    return text(key if key in TEXT_KEYS else "title_remove", lang, reason=what)


def _action_id(kind: str, key: str) -> str:
    return hashlib.blake2b(f"{kind}\x1f{key}".encode(), digest_size=5).hexdigest()


def _done_ids(store: Store) -> list[str]:
    return [action.action for action in store.actions_done()]


def _platform_name(platform: str, lang: str = "en") -> str:
    if platform == "files":  # the person's own photos, not a platform's brand
        _ = gettext(lang)
        return _("Photos")
    return {"x": "X", "tiktok": "TikTok", "youtube": "YouTube", "whatsapp": "WhatsApp"}.get(
        platform, platform.capitalize()
    )
