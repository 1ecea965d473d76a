"""What was read, per platform: the data behind `cuidado summary` (table and JSON)."""

from __future__ import annotations

from cuidado.models import SKIP_STATUSES, SUMMARY_KINDS, Platform
from cuidado.store import Store

# The six platforms always appear in the JSON, with zeros, so scripts can rely on the keys.
EXPORT_PLATFORMS = [p.value for p in Platform if p is not Platform.FILES]
_KIND_KEYS = {
    "post": "posts",
    "comment": "comments",
    "message": "messages",
    "media": "media",
    "profile_field": "profile_fields",
    "connection": "connections",
}


def build_summary(store: Store) -> dict:
    """The documented shape (README, "cuidado summary --json")."""
    platforms: dict[str, dict] = {p: _empty() for p in EXPORT_PLATFORMS}
    files_media = 0
    for platform, kind, count, first, last in store.counts():
        if platform == Platform.FILES:
            if kind == "media":
                files_media += count
            continue
        entry = platforms.setdefault(platform, _empty())
        key = _KIND_KEYS.get(kind)
        if key:
            entry[key] += count
        else:
            entry["other"][kind] = entry["other"].get(kind, 0) + count
        if first and (entry["first"] is None or first < entry["first"]):
            entry["first"] = first
        if last and (entry["last"] is None or last > entry["last"]):
            entry["last"] = last
    platforms["files"] = {"media": files_media}
    entries = store.skipped()
    skipped = [
        {
            "file": _describe(s.file, s.member),
            "input": s.file,
            "member": s.member,
            "reason": s.reason,
            "status": s.kind,
            "about": s.about,
        }
        for s in entries
    ]
    inputs = _inputs(store, entries)
    files = {key: sum(i[key] for i in inputs) for key in ("read", *SKIP_STATUSES)}
    # Photos whose faces/documents were not looked for yet (a scan stopped in its second phase,
    # or --no-faces/--no-ocr): said, so their absence from the findings is not read as "nothing".
    return {
        "platforms": platforms,
        "skipped": skipped,
        "files": files,
        "inputs": inputs,
        "photos_not_checked": store.photos_not_checked().get("photos", 0),
    }


def _inputs(store: Store, skipped) -> list[dict]:
    """Per input given: its platform, and how many of its files were read, known but not
    analysed, unknown, unreadable or refused (an input not read at all counts as "input_not_read")."""
    read = store.members_read()
    given = store.inputs()
    rows: dict[str, dict] = {
        i.label: {
            "input": i.label,
            "platform": i.platform,
            "read": read.get(i.label, 0),
            **{status: 0 for status in SKIP_STATUSES},
        }
        for i in given
        if i.current
    }
    replaced = {i.label for i in given if not i.current}
    for entry in skipped:
        if entry.file in replaced:
            continue
        row = rows.setdefault(
            entry.file,
            {
                "input": entry.file,
                "platform": None,
                "read": read.get(entry.file, 0),
                **{status: 0 for status in SKIP_STATUSES},
            },
        )
        row[entry.kind] += 1
    return sorted(rows.values(), key=lambda r: r["input"])


def moved_inputs(store: Store) -> list[str]:
    """Scanned exports that are no longer where they were scanned (moved, renamed or deleted): what
    was read from them is still in the workspace, but their photos cannot be shown."""
    return [i.label for i in store.inputs() if i.current and not (i.paths and i.paths[0].exists())]


def _empty() -> dict:
    return {**{_KIND_KEYS[k]: 0 for k in SUMMARY_KINDS}, "first": None, "last": None, "other": {}}


def _describe(input_label: str, member: str | None) -> str:
    return f"{input_label}/{member}" if member else input_label
