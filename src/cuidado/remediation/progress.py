"""Progress on the plan: actions marked done, a newer export replacing an older one, and checking
on a re-scan which marked actions were really done (their items are gone from the new export)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from cuidado.store import Store

# An item is recognised in a newer export by the start of its text: as many characters as the
# plan keeps (plan.py shows them; mark_done stores them; _still_there compares them).
TEXT_START_CHARS = 60


def text_start(text: str | None) -> str:
    """The start of an item's text, spaces folded, as the plan shows it and a re-scan matches it."""
    return " ".join((text or "").split())[:TEXT_START_CHARS]


def mark_done(store: Store, action_ids: list[str], plan: dict) -> list[str]:
    """Record actions as done, with what they covered. Unknown ids raise ValueError naming them."""
    by_id = {a["id"]: a for a in plan["actions"]}
    unknown = [a for a in action_ids if a not in by_id]
    if unknown:
        raise ValueError(f"no such action in the plan: {', '.join(unknown)}")
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for action_id in action_ids:
        covered = [{"platform": i["platform"], "kind": i["kind"], "time": i["time"], "text": i["text_start"],
                    "source": i["source"]} for i in by_id[action_id]["items"]]
        store.conn.execute("INSERT OR REPLACE INTO actions_done VALUES (?, ?, ?, NULL)",
                           (action_id, now, json.dumps(covered, ensure_ascii=False)))
    return action_ids


def supersede_older_inputs(store: Store, input_label: str, platform: str, export_key: str | None) -> list[str]:
    """A newer export of the same account replaces the older one in the workspace (never on disk):
    the older one's records and findings go, so what remains is what is visible now."""
    if not export_key:
        return []
    older = [i for (i,) in store.conn.execute(
        "SELECT input FROM inputs WHERE platform = ? AND export_key = ? AND input != ? AND superseded_by IS NULL",
        (platform, export_key, input_label))]
    for label in older:
        store.conn.execute("BEGIN")
        try:
            store.conn.execute("DELETE FROM findings WHERE item IN (SELECT id FROM records WHERE input = ?)", (label,))
            store.conn.execute("DELETE FROM records WHERE input = ?", (label,))
            store.conn.execute("DELETE FROM members_done WHERE input = ?", (label,))
            store.conn.execute("UPDATE inputs SET superseded_by = ? WHERE input = ?", (input_label, label))
            store.conn.execute("COMMIT")
        except BaseException:
            store.conn.execute("ROLLBACK")
            raise
    return older


def verify_done(store: Store) -> dict[str, str]:
    """For every marked action: 'done' if none of its items is still in the workspace, else 'still_there'."""
    result = {}
    for action, items in store.conn.execute("SELECT action, items FROM actions_done").fetchall():
        present = any(_still_there(store, item) for item in json.loads(items))
        status = "still_there" if present else "done"
        store.conn.execute("UPDATE actions_done SET verified = ? WHERE action = ?", (status, action))
        result[action] = status
    return result


def _still_there(store: Store, item: dict) -> bool:
    # Matched by content, not id: a new export may number its files and items differently.
    rows = store.conn.execute(
        "SELECT text, source FROM records WHERE platform = ? AND kind = ? AND coalesce(time, '') = coalesce(?, '')",
        (item["platform"], item["kind"], item["time"])).fetchall()
    wanted = item["text"] or ""
    for text, source in rows:
        if wanted:
            if text_start(text) == wanted:
                return True
        elif source.rsplit("/", 1)[-1] == item["source"].rsplit("/", 1)[-1]:
            return True
    return False
