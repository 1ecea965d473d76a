"""An item "in context": the item itself, what was found in it, and the messages or posts
around it, so a person can recognise it and a lawyer can see what it meant at the time."""

from __future__ import annotations

from cuidado.findings.labels import kind_label
from cuidado.findings.render import finding_dict
from cuidado.locales import gettext
from cuidado.report.model import record_view
from cuidado.report.thumbs import media_path
from cuidado.store import Store

AROUND = 5
FULL_TEXT = 20_000


def item_context(store: Store, record_id: str, lang: str) -> dict | None:
    record = store.record(record_id)
    if record is None:
        return None
    _ = gettext(lang)
    view = record_view(record, _)
    view["text"] = (record.get("text") or "")[:FULL_TEXT]
    view["participants"] = record.get("participants")
    found = []
    for row in store.findings(items=(record_id,), order="found"):
        entry = finding_dict(row, lang)
        entry["label"] = kind_label(row["kind"], _)
        # The stored value is data (a weekday and hour, a count): say it as the report does.
        entry["value"], entry["source"] = entry["shown"], entry["source_shown"]
        found.append(entry)
    before, after = store.neighbours(record, AROUND)
    before, after = [record_view(r, _) for r in before], [record_view(r, _) for r in after]
    return {
        "record": view,
        "findings": found,
        "before": before,
        "after": after,
        "has_thumb": media_path(record) is not None,
    }
