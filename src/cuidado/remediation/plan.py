"""`cuidado plan`: cleanup actions ranked by how much each one reduces what an analyst could learn.

Conclusions first: removing the handful of items that give away the home beats deleting fifty
low-severity posts, so actions that break an inference are scored by re-running the inference
without their items. Item actions follow, by the weight of what each item reveals; then settings.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources

from cuidado.inferences.linkage import linkage_inferences
from cuidado.inferences.places import infer_places, located_points
from cuidado.remediation.score import INFERENCE_WEIGHTS, finding_weight
from cuidado.remediation.texts import text
from cuidado.sources import label_first_path
from cuidado.store import Store

UPLOADS = "uploads"  # the web app's copies of what was added there (cuidado.web.jobs.UPLOADS)

MAX_ITEM_ACTIONS = 60
_PLACE_KINDS = ("inference.home", "inference.work", "inference.routine", "inference.travel")
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
    records = _records(store, {i for i in items} | {e for inf in inferences for e in _evidence(inf)})
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
    # 2. Items that still reveal something on their own, heaviest first.
    remaining = sorted(((sum(w for _, w in fs), item) for item, fs in items.items()
                        if item not in excluded and item in records), reverse=True)
    for weight, item in remaining[:MAX_ITEM_ACTIONS]:
        kinds = {kind for kind, _ in items[item]}
        kind = "edit_item" if kinds <= _LOCATION_ONLY and any(k.startswith("location.") for k in kinds) else "remove_items"
        current -= weight
        actions.append(_action(kind, sorted(kinds)[0], [item], records, lang, weight, max(current, 0.0)))
        excluded = excluded | {item}
    # 3. Settings for every platform in the workspace: they stop new exposure.
    platforms = [p for (p,) in store.conn.execute("SELECT DISTINCT platform FROM records ORDER BY platform")]
    for platform in platforms:
        steps = [s[lang] for s in platform_steps().get(platform, {}).get("settings", [])]
        if steps:
            actions.append({"id": _action_id("setting", platform), "kind": "setting", "platform": platform,
                            "title": text("settings_title", lang, platform=_platform_name(platform)),
                            "reduces": 0.0, "score_after": None, "removes_inferences": [], "deletion": False,
                            "items": [], "steps": steps})
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
    }


def _warning(store: Store, lang: str) -> dict:
    """Keep the untouched exports. Files added in the web app are copies inside the workspace, which
    `cuidado purge` deletes: they are named apart, so the person keeps the downloads themselves."""
    uploads = (store.directory / UPLOADS).resolve()
    untouched, copies = [], []
    for (label,) in store.conn.execute("SELECT input FROM inputs ORDER BY input"):
        first = label_first_path(label)
        if first.is_absolute() and first.is_relative_to(uploads):
            copies.append(first.name)
        else:
            untouched.append(label)
    warning = {"title": text("warning_title", lang), "text": text("warning_text", lang).split("\n"),
               "untouched_exports": untouched, "uploaded_copies": copies}
    if copies:
        warning["text"].append(text("uploaded_copies", lang, count=len(copies)))
    return warning


def _item_findings(store: Store) -> dict[str, list[tuple[str, float]]]:
    """item id -> [(kind, weight)] for findings that belong to one item (not conclusions)."""
    items: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for kind, severity, confidence, item in store.conn.execute(
            "SELECT kind, severity, confidence, item FROM findings WHERE item NOT LIKE 'inference:%'"):
        items[item].append((kind, finding_weight(kind, severity, confidence)))
    return items


def _evidence(finding: dict) -> list[str]:
    return json.loads(finding["extra"] or "{}").get("evidence", [])


def _records(store: Store, ids: set[str]) -> dict[str, dict]:
    found = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start:start + 500]
        for row in store.records(f"id IN ({', '.join('?' * len(chunk))})", tuple(chunk)):
            found[row["id"]] = dict(row)
    return found


def _action(kind: str, reason: str, item_ids: list[str], records: dict, lang: str, reduces: float,
            score_after: float, inference: dict | None = None) -> dict:
    platforms = sorted({records[i]["platform"] for i in item_ids})
    platform = platforms[0] if len(platforms) == 1 else "multiple"
    key = inference["item"] if inference else ",".join(sorted(item_ids))
    steps = []
    for p in platforms:
        kinds_here = {records[i]["kind"] for i in item_ids if records[i]["platform"] == p}
        if "profile_field" in kinds_here:
            steps.append(text("profile_step", lang, platform=_platform_name(p)))
        if kinds_here - {"profile_field"}:
            data = platform_steps().get(p, {})
            step = data.get("remove_location" if kind == "edit_item" else "delete", {}).get(lang)
            if step:
                steps.append((f"{_platform_name(p)}: " if len(platforms) > 1 else "") + step)
    title_key = f"title_{reason}" if inference else ("title_edit" if kind == "edit_item" else "title_remove")
    place = (inference or {}).get("place") or ""
    return {
        "id": _action_id(kind, key), "kind": kind, "platform": platform,
        "title": text(title_key, lang, count=len(item_ids), place=place, reason=reason),
        "reduces": reduces, "score_after": score_after,
        "removes_inferences": [inference["kind"]] if inference else [], "deletion": kind == "remove_items",
        "items": [_item_entry(records[i], lang) for i in sorted(item_ids, key=lambda i: records[i]["time"] or "")],
        "steps": steps,
    }


def _item_entry(record: dict, lang: str) -> dict:
    start = " ".join((record["text"] or "").split())[:60]
    date = (record["time"] or "")[:10]
    if record["kind"] == "profile_field":
        field = json.loads(record["extra"] or "{}").get("field", "")
        return {"item": record["id"], "platform": record["platform"], "kind": record["kind"], "time": record["time"],
                "text_start": start, "permalink": record["permalink"], "source": record["source"],
                "where": text("profile_where", lang, platform=_platform_name(record["platform"]),
                              field=field.replace("_", " "))}
    where = platform_steps().get(record["platform"], {}).get("where", {}).get(lang, "")
    label = start or record["source"].rsplit("/", 1)[-1]
    return {"item": record["id"], "platform": record["platform"], "kind": record["kind"], "time": record["time"],
            "text_start": start, "permalink": record["permalink"], "source": record["source"],
            "where": where.format(date=date or "?", text=label, thread=record["thread"] or "")}


def _action_id(kind: str, key: str) -> str:
    return hashlib.blake2b(f"{kind}\x1f{key}".encode(), digest_size=5).hexdigest()


def _done_ids(store: Store) -> list[str]:
    return [a for (a,) in store.conn.execute("SELECT action FROM actions_done")]


def _platform_name(platform: str) -> str:
    return {"x": "X", "tiktok": "TikTok", "youtube": "YouTube", "whatsapp": "WhatsApp",
            "files": "Photos"}.get(platform, platform.capitalize())
