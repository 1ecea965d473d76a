"""Cleanup-plan actions the person marked done (`actions_done`), and whether a later scan found them done."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from cuidado.store.rows import now
from cuidado.store.sql import Queries


@dataclass(frozen=True, slots=True)
class ActionDone:
    action: str
    marked_at: str
    items: list[dict]  # what the action covered: platform, kind, time, text (its start), source
    verified: str | None  # 'done' / 'still_there' after a later scan, None before


class ActionQueries(Queries):
    def mark_actions_done(self, covered: Mapping[str, list[dict]]) -> None:
        """action id -> the items it covered; marking one again replaces its record (and its verdict)."""
        at = now()
        with self.transaction():
            self._conn.executemany(
                "INSERT OR REPLACE INTO actions_done VALUES (?, ?, ?, NULL)",
                [(action, at, json.dumps(items, ensure_ascii=False)) for action, items in covered.items()],
            )

    def unmark_actions_done(self, actions: list[str]) -> None:
        """Undo: the actions are no longer marked done (unknown ids are ignored)."""
        with self.transaction():
            self._conn.executemany("DELETE FROM actions_done WHERE action = ?", [(a,) for a in actions])

    def actions_done(self) -> list[ActionDone]:
        return [
            ActionDone(action, marked_at, json.loads(items), verified)
            for action, marked_at, items, verified in self._tuples(
                "SELECT action, marked_at, items, verified FROM actions_done"
            )
        ]

    def set_actions_verified(self, verdicts: Mapping[str, str]) -> None:
        """action id -> 'done' or 'still_there'."""
        with self.transaction():
            self._conn.executemany(
                "UPDATE actions_done SET verified = ? WHERE action = ?",
                [(verdict, action) for action, verdict in verdicts.items()],
            )


__all__ = ["ActionDone", "ActionQueries"]
