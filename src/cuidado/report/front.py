"""The report's first page: what a lawyer reads first, as plain data.

Who the exports are about, where the person can be located, the identifiers and sensitive topics
found, the accounts that can be tied together, what was not read, and the first steps of the plan.
Everything else in the report backs these lines up.
"""

from __future__ import annotations

from collections import Counter

from cuidado.findings.labels import kind_label
from cuidado.inferences.linkage import HANDLE_FIELDS, NAME_FIELDS
from cuidado.store import Store

PLACE_KINDS = ("inference.home", "inference.work", "inference.routine", "inference.travel")
IDENTIFIER_KINDS = ("identity.government_id", "identity.phone", "identity.email")
PLACES_SHOWN = 5
VALUES_SHOWN = 4  # per kind of identifier; the rest are counted
LINKS_SHOWN = 4
TOP_ACTIONS = 5


def person_name(store: Store) -> str:
    """The name the person's profiles give most often ("" when no export holds a profile)."""
    names = Counter(text.strip() for _, text, _ in store.profile_fields(NAME_FIELDS) if text.strip())
    handles = Counter(text.strip().lstrip("@") for _, text, _ in store.profile_fields(HANDLE_FIELDS) if text.strip())
    name = names.most_common(1)[0][0] if names else ""
    handle = handles.most_common(1)[0][0] if handles else ""
    if name and handle and handle.lower() not in name.lower():
        return f"{name} (@{handle})"
    return name or (f"@{handle}" if handle else "")


def front_page(store: Store, dossier: dict, plan: dict | None, skipped: list[dict], _) -> dict:
    lines = dossier["lines"]
    places = [line for line in lines if line["kind"] in PLACE_KINDS]
    links = [row["value"] for row in store.findings(kinds=("inference.account_link",), order="confidence")]
    actions = [a for a in (plan or {}).get("actions", []) if not a.get("done")]
    return {
        "places": places[:PLACES_SHOWN],
        "places_more": max(0, len(places) - PLACES_SHOWN),
        "identifiers": identifiers(store, _),
        "topics": [{"label": kind_label(t.kind, _), "count": t.count} for t in store.kind_totals(("sensitive",))],
        "links": links[:LINKS_SHOWN],
        "links_more": max(0, len(links) - LINKS_SHOWN),
        "others": [line for line in lines if line["kind"] == "inference.others_exposed"][:2],
        "public": next((t.count for t in store.kind_totals(("audience.public",))), 0),
        "strangers": next((t.count for t in store.kind_totals(("audience.stranger",))), 0),
        "not_read": not_read(skipped),
        "actions": actions[:TOP_ACTIONS],
        "actions_more": max(0, len(actions) - TOP_ACTIONS),
    }


def identifiers(store: Store, _) -> list[dict]:
    """Each kind of identifier with its values, the most often found first."""
    by_kind: dict[str, list[str]] = {}
    for kind, value, _confidence, _count, _items in store.value_totals(IDENTIFIER_KINDS, limit=200):
        by_kind.setdefault(kind, []).append(value)
    return [
        {
            "kind": kind,
            "label": kind_label(kind, _),
            "values": by_kind[kind][:VALUES_SHOWN],
            "more": max(0, len(by_kind[kind]) - VALUES_SHOWN),
        }
        for kind in IDENTIFIER_KINDS
        if kind in by_kind
    ]


def not_read(skipped: list[dict]) -> list[dict]:
    """The files not read, counted by why (the report's last section lists each one)."""
    counts = Counter(entry["status_label"] for entry in skipped)
    return [{"label": label, "count": count} for label, count in counts.most_common()]
