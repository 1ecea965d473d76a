"""The inputs a person scanned and their files (`inputs`, `input_parts`), what was read of them
(`members_done`) and what was not (`skipped`).

An input's label ("/home/ana/fb.zip", or "/home/ana/takeout-001.zip (+2 parts)" for a split
export) is how it is shown and how the other tables name it; its files are in `input_parts`,
so nothing ever reads the label back as paths.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cuidado.models import Skipped
from cuidado.store.rows import now, storable
from cuidado.store.sql import Queries

# Every table that names an input by its label.
_INPUT_TABLES = ("inputs", "members_done", "skipped", "records")


@dataclass(frozen=True, slots=True)
class StoredInput:
    label: str  # as shown, and as the other tables name it
    paths: tuple[Path, ...]  # its files: one, or a split export's parts in order (may be empty in damaged data)
    platform: str | None
    superseded_by: str | None  # the newer export of the same account that replaced it

    @property
    def current(self) -> bool:
        return self.superseded_by is None


class InputQueries(Queries):
    # --- inputs ------------------------------------------------------------------------------

    def note_input_parts(self, input_label: str, paths: Sequence[Path]) -> None:
        """The files behind an input, in order (full paths, with their folders resolved)."""
        label = storable(input_label)
        with self.transaction():
            self._conn.execute("DELETE FROM input_parts WHERE input = ?", (label,))
            self._conn.executemany(
                "INSERT INTO input_parts (input, part, path) VALUES (?, ?, ?)",
                [(label, n, storable(str(p))) for n, p in enumerate(paths)],
            )

    def note_input(
        self,
        input_label: str,
        platform: str | None,
        fingerprint: str | None,
        members: int,
        export_key: str | None = None,
    ) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO inputs (input, platform, fingerprint, members, scanned_at, export_key) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            tuple(storable(v) for v in (input_label, platform, fingerprint, members, now(), export_key)),
        )

    def input_paths(self) -> dict[str, tuple[Path, ...]]:
        """label -> the files behind it, for every input ever given (scanned whole or not)."""
        found: dict[str, list[Path]] = defaultdict(list)
        for label, path in self._tuples("SELECT input, path FROM input_parts ORDER BY input, part"):
            found[label].append(Path(path))
        return {label: tuple(paths) for label, paths in found.items()}

    def inputs(self) -> list[StoredInput]:
        """Every input scanned (also those a newer export replaced), by label."""
        paths = self.input_paths()
        return [
            StoredInput(label, paths.get(label, ()), platform, superseded_by)
            for label, platform, superseded_by in self._tuples(
                "SELECT input, platform, superseded_by FROM inputs ORDER BY input"
            )
        ]

    def anything_scanned(self) -> bool:
        """A scan was run here: it read an export, or said why it could not."""
        return any(
            self._value(f"SELECT 1 FROM {table} LIMIT 1") is not None for table in ("inputs", "records", "skipped")
        )

    def supersede_older_inputs(self, input_label: str, platform: str, export_key: str | None) -> list[str]:
        """A newer export of the same account replaces the older one in the workspace (never on disk):
        the older one's records and findings go, so what remains is what is visible now."""
        if not export_key:
            return []
        older = self._column(
            "SELECT input FROM inputs WHERE platform = ? AND export_key = ? AND input != ? AND superseded_by IS NULL",
            (platform, export_key, input_label),
        )
        with self.transaction():
            for label in older:
                self._conn.execute(
                    "DELETE FROM findings WHERE item IN (SELECT id FROM records WHERE input = ?)", (label,)
                )
                self._conn.execute("DELETE FROM records WHERE input = ?", (label,))
                self._conn.execute("DELETE FROM members_done WHERE input = ?", (label,))
                self._conn.execute("UPDATE inputs SET superseded_by = ? WHERE input = ?", (input_label, label))
        return older

    def rename_relative_inputs(self, input_label: str, paths: Sequence[Path]) -> None:
        """Workspaces from before input paths were stored in full hold them as given ("demo-export/fb.zip"):
        when one of those, taken from the current folder, is the input being scanned, it takes the full path."""
        from cuidado.inputs.sources import absolute_input

        target = storable(input_label)
        for label, parts in self.input_paths().items():
            first = parts[0] if parts else None
            if first is None or first.is_absolute() or label == target:
                continue
            # The label that input had when given from here: the same, with the first path as typed.
            if str(absolute_input(first)) != str(paths[0]) or target.replace(str(paths[0]), str(first), 1) != label:
                continue
            with self.transaction():
                for table in _INPUT_TABLES:
                    self._conn.execute(f"UPDATE OR REPLACE {table} SET input = ? WHERE input = ?", (target, label))
                self._conn.execute("UPDATE inputs SET superseded_by = ? WHERE superseded_by = ?", (target, label))
                self._conn.execute("DELETE FROM input_parts WHERE input = ?", (label,))

    # --- members read ------------------------------------------------------------------------

    def is_done(self, key: str) -> bool:
        return self._value("SELECT 1 FROM members_done WHERE key = ?", (key,)) is not None

    def adopt_member(self, key: str, input_label: str, member_path: str) -> None:
        """An unchanged member found in another input (a newer export): its records move to that input."""
        input_label, member_path = storable(input_label), storable(member_path)
        earlier = self._value("SELECT input FROM members_done WHERE key = ?", (key,))
        if earlier is None or earlier == input_label:
            return
        with self.transaction():
            self._conn.execute(
                "UPDATE records SET input = ? WHERE input = ? AND source = ?", (input_label, earlier, member_path)
            )
            self._conn.execute("UPDATE members_done SET input = ? WHERE key = ?", (input_label, key))

    def members_read(self) -> dict[str, int]:
        """input -> how many of its files were read (each counted once, whatever checks ran)."""
        return dict(self._tuples("SELECT input, count(DISTINCT member) FROM members_done GROUP BY input"))

    # --- not read ----------------------------------------------------------------------------

    def add_skipped(self, items: Iterable[Skipped]) -> None:
        rows = [(storable(s.file), storable(s.member or ""), storable(s.reason), s.status, s.about) for s in items]
        if rows:
            self._conn.executemany(
                "INSERT OR REPLACE INTO skipped (input, member, reason, status, about) VALUES (?, ?, ?, ?, ?)", rows
            )

    def clear_skipped(self, input_label: str) -> None:
        self._conn.execute("DELETE FROM skipped WHERE input = ?", (storable(input_label),))

    def skipped(self) -> list[Skipped]:
        rows = self._tuples("SELECT input, member, reason, status, about FROM skipped ORDER BY input, member")
        return [Skipped(i, m or None, r, st or "", a) for i, m, r, st, a in rows]

    def skipped_count(self, input_label: str) -> int:
        """How many files of this input (or the input itself) were not read."""
        return self._value("SELECT count(*) FROM skipped WHERE input = ?", (input_label,))

    def unread_input_count(self) -> int:
        """How many inputs could not be read at all."""
        return self._value("SELECT count(*) FROM skipped WHERE member = ''")


__all__ = ["InputQueries", "StoredInput"]
