"""An item "in context": the item itself, what was found in it, and the messages or posts
around it, so a person can recognise it and a lawyer can see what it meant at the time."""

from __future__ import annotations

from cuidado.findings.render import finding_dict
from cuidado.locales import gettext
from cuidado.findings.labels import kind_label
from cuidado.report.model import record_view
from cuidado.report.thumbs import media_path
from cuidado.store import Store

AROUND = 5
FULL_TEXT = 20_000


def item_context(store: Store, record_id: str, lang: str) -> dict | None:
    rows = [dict(r) for r in store.records("id = ?", (record_id,))]
    if not rows:
        return None
    record = rows[0]
    view = record_view(record)
    view["text"] = (record.get("text") or "")[:FULL_TEXT]
    view["participants"] = record.get("participants")
    cursor = store.conn.cursor()
    cursor.row_factory = store.row_type
    _ = gettext(lang)
    found = []
    for row in cursor.execute("SELECT * FROM findings WHERE item = ? ORDER BY CASE severity WHEN 'high' THEN 0 "
                              "WHEN 'medium' THEN 1 ELSE 2 END, confidence DESC", (record_id,)):
        entry = finding_dict(row, lang)
        entry["label"] = kind_label(row["kind"], _)
        found.append(entry)
    before, after = _neighbours(store, record)
    return {"record": view, "findings": found, "before": before, "after": after,
            "has_thumb": media_path(record) is not None}


def _neighbours(store: Store, record: dict) -> tuple[list[dict], list[dict]]:
    """The items just before and after: in the same conversation, else in the same file."""
    if record.get("thread"):
        where, params = "platform = ? AND thread = ?", (record["platform"], record["thread"])
    else:
        where, params = "platform = ? AND source = ?", (record["platform"], record["source"])
    time = record.get("time") or ""
    before = list(store.records(f"{where} AND (time < ? OR (time = ? AND id < ?)) "
                                f"AND id IN (SELECT id FROM records WHERE {where} AND time <= ? "
                                f"ORDER BY time DESC, id DESC LIMIT {AROUND + 1})",
                                (*params, time, time, record["id"], *params, time)))
    after = list(store.records(f"{where} AND (time > ? OR (time = ? AND id > ?)) "
                               f"AND id IN (SELECT id FROM records WHERE {where} AND time >= ? "
                               f"ORDER BY time, id LIMIT {AROUND + 1})",
                               (*params, time, time, record["id"], *params, time)))
    return [record_view(dict(r)) for r in before][-AROUND:], [record_view(dict(r)) for r in after][:AROUND]
