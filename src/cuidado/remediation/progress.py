"""Progress on the plan: actions marked done, and checking on a re-scan which marked actions were
really done (their items are gone from the new export)."""

from __future__ import annotations

from cuidado.locales import N_, TranslatableError
from cuidado.store import Store

# An item is recognised in a newer export by the start of its text: as many characters as the
# plan keeps (plan.py shows them; mark_done stores them; _still_there compares them).
TEXT_START_CHARS = 60


class UnknownAction(TranslatableError, ValueError):
    """Action ids not in the plan (`text(lang)`: said in the reader's language)."""


def text_start(text: str | None) -> str:
    """The start of an item's text, spaces folded, as the plan shows it and a re-scan matches it."""
    return " ".join((text or "").split())[:TEXT_START_CHARS]


def mark_done(store: Store, action_ids: list[str], plan: dict) -> list[str]:
    """Record actions as done, with what they covered. Unknown ids raise UnknownAction (a ValueError)
    naming them."""
    by_id = {a["id"]: a for a in plan["actions"]}
    unknown = [a for a in action_ids if a not in by_id]
    if unknown:
        raise UnknownAction(N_("no such action in the plan: {ids}"), ids=", ".join(unknown))
    store.mark_actions_done(
        {
            action_id: [
                {
                    "platform": i["platform"],
                    "kind": i["kind"],
                    "time": i["time"],
                    "text": i["text_start"],
                    "source": i["source"],
                }
                for i in by_id[action_id]["items"]
            ]
            for action_id in action_ids
        }
    )
    return action_ids


def unmark_done(store: Store, action_ids: list[str]) -> list[str]:
    """Undo marking: the actions count as not done again (ids not marked are ignored)."""
    store.unmark_actions_done(action_ids)
    return action_ids


def verify_done(store: Store) -> dict[str, str]:
    """For every marked action: 'done' if none of its items is still in the workspace, else 'still_there'."""
    result = {
        action.action: "still_there" if any(_still_there(store, item) for item in action.items) else "done"
        for action in store.actions_done()
    }
    store.set_actions_verified(result)
    return result


def _still_there(store: Store, item: dict) -> bool:
    # Matched by content, not id: a new export may number its files and items differently.
    wanted = item["text"] or ""
    for text, source in store.records_like(item["platform"], item["kind"], item["time"]):
        if wanted:
            if text_start(text) == wanted:
                return True
        elif source.rsplit("/", 1)[-1] == item["source"].rsplit("/", 1)[-1]:
            return True
    return False
