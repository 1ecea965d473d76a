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
from functools import lru_cache
from importlib import resources

from cuidado.inferences.linkage import linkage_inferences
from cuidado.inferences.places import infer_places, located_points
from cuidado.remediation.progress import text_start
from cuidado.remediation.score import INFERENCE_WEIGHTS, finding_weight, setting_weight
from cuidado.remediation.texts import TEXT_KEYS, text
from cuidado.store import Store

UPLOADS = "uploads"  # the web app's copies of what was added there (cuidado.web.jobs.UPLOADS)

MAX_ITEM_ACTIONS = 60
_LOCATION_ONLY = {"location.geotag", "location.media_gps", "audience.public", "audience.wide"}


@lru_cache(maxsize=1)
def platform_steps() -> dict:
    return json.loads(resources.files("cuidado.remediation").joinpath("data/steps.json").read_text("utf-8"))


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
    actions, excluded = [], frozenset()
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
        actions.append(_action("remove_items", inference["kind"], evidence, records, lang, current - after, after,
                               inference=inference))
        current = after
    # 2. Items that still reveal something on their own, most harmful first (an A-number in a private
    #    message weighs like a conclusion: score.HARM_WEIGHTS), and each platform's settings among
    #    them by what they stop (score.setting_weight), so "make your account private" is not last.
    remaining = sorted(((sum(w for _, w in fs), item) for item, fs in items.items()
                        if item not in excluded and item in records), reverse=True)
    later = []
    for weight, item in remaining[:MAX_ITEM_ACTIONS]:
        kinds = {kind for kind, _ in items[item]}
        kind = "edit_item" if kinds <= _LOCATION_ONLY and any(k.startswith("location.") for k in kinds) else "remove_items"
        reason = max(items[item], key=lambda kw: (kw[1], kw[0]))[0]  # what makes the item weigh most
        later.append(_action(kind, reason, [item], records, lang, weight, 0.0))
        excluded = excluded | {item}
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
        "lang": lang, "score_before": round(base, 1),
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
        steps = [s[lang] for s in platform_steps().get(platform, {}).get("settings", [])]
        if steps:
            actions.append({"id": _action_id("setting", platform), "kind": "setting", "platform": platform,
                            "title": text("settings_title", lang, platform=_platform_name(platform)),
                            "reduces": setting_weight(open_items.get(platform, 0)), "score_after": None,
                            "removes_inferences": [], "deletion": False, "items": [], "steps": steps})
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
    warning = {"title": text("warning_title", lang), "text": text("warning_text", lang).split("\n"),
               "untouched_exports": untouched, "uploaded_copies": copies}
    if copies:
        warning["text"].append(text("uploaded_copies", lang, count=len(copies)))
    return warning


def _item_findings(store: Store) -> dict[str, list[tuple[str, float]]]:
    """item id -> [(kind, weight)] for findings that belong to one item (not conclusions)."""
    items: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for kind, subtype, severity, confidence, item in store.item_findings():
        items[item].append((kind, finding_weight(kind, severity, confidence, subtype)))
    return items


def _evidence(finding: dict) -> list[str]:
    return json.loads(finding["extra"] or "{}").get("evidence", [])


def _action(kind: str, reason: str, item_ids: list[str], records: dict, lang: str, reduces: float,
            score_after: float, inference: dict | None = None) -> dict:
    platforms = sorted({records[i]["platform"] for i in item_ids})
    platform = platforms[0] if len(platforms) == 1 else "multiple"
    key = inference["item"] if inference else ",".join(sorted(item_ids))
    steps = []
    for p in platforms:
        kinds_here = sorted({records[i]["kind"] for i in item_ids if records[i]["platform"] == p})
        for item_kind in kinds_here:
            step = (text("profile_step", lang, platform=_platform_name(p)) if item_kind == "profile_field"
                    else _step(p, item_kind, kind, lang))
            if step and step not in steps:
                steps.append(step)
    if inference:
        title = text(f"title_{reason}", lang, count=len(item_ids), place=(inference or {}).get("place") or "")
    else:
        title = _item_title(kind, records[item_ids[0]]["kind"], reason, lang)
    return {
        "id": _action_id(kind, key), "kind": kind, "platform": platform, "title": title,
        "reduces": reduces, "score_after": score_after,
        "removes_inferences": [inference["kind"]] if inference else [], "deletion": kind == "remove_items",
        "items": [_item_entry(records[i], lang) for i in sorted(item_ids, key=lambda i: records[i]["time"] or "")],
        "steps": steps,
    }


def _item_entry(record: dict, lang: str) -> dict:
    start = text_start(record["text"])
    date = (record["time"] or "")[:10]
    if record["kind"] == "profile_field":
        field = json.loads(record["extra"] or "{}").get("field", "")
        return {"item": record["id"], "platform": record["platform"], "kind": record["kind"], "time": record["time"],
                "text_start": start, "permalink": record["permalink"], "source": record["source"],
                "where": text("profile_where", lang, platform=_platform_name(record["platform"]),
                              field=field.replace("_", " "))}
    data = platform_steps().get(record["platform"], {})
    where = (data.get("by_kind", {}).get(record["kind"], {}).get("where") or data.get("where", {})).get(lang, "")
    label = start or record["source"].rsplit("/", 1)[-1]
    return {"item": record["id"], "platform": record["platform"], "kind": record["kind"], "time": record["time"],
            "text_start": start, "permalink": record["permalink"], "source": record["source"],
            "where": where.format(date=date or "?", text=label, thread=_thread_name(record))}


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
    return f"{_platform_name(platform)}: {step.get(lang) or step['en']}"


def _item_title(action_kind: str, item_kind: str, reason: str, lang: str) -> str:
    from cuidado.locales import gettext
    from cuidado.findings.labels import kind_label

    what = kind_label(reason, gettext(lang))
    if action_kind == "edit_item":
        return text("title_edit", lang, reason=what)
    key = f"title_remove_{item_kind}"
    return text(key if key in TEXT_KEYS else "title_remove", lang, reason=what)


def _action_id(kind: str, key: str) -> str:
    return hashlib.blake2b(f"{kind}\x1f{key}".encode(), digest_size=5).hexdigest()


def _done_ids(store: Store) -> list[str]:
    return [action.action for action in store.actions_done()]


def _platform_name(platform: str) -> str:
    return {"x": "X", "tiktok": "TikTok", "youtube": "YouTube", "whatsapp": "WhatsApp",
            "files": "Photos"}.get(platform, platform.capitalize())
