"""What the store's query modules share: how rows come back, the `IN (…)` loop, the severity order.

Everything cuidado asks of SQLite is written under `cuidado.store`; the rest of the code calls
the Store's typed methods (records.py, findings.py, inputs.py, actions.py) and never sees SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

# Host parameters per statement: SQLite builds before 3.32 allow at most 999.
CHUNK = 500

# Most severe first: the one place this order is written.
SEVERITY_RANK = "CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END"

# Who sees a person's "friends" posts: connections that are friends or followers (a connection
# that does not say which is a friend).
AUDIENCE_CONNECTION = "coalesce(json_extract(extra, '$.connection'), 'friend') IN ('friend', 'follower')"


def marks(count: int) -> str:
    """`?, ?, ?` for an IN list of `count` values."""
    return ", ".join("?" * count)


def kind_filter(kinds: Sequence[str], column: str = "kind") -> tuple[str, list[str]]:
    """A kind, or a family of kinds: "location" selects location itself and every location.* kind."""
    clause = "(" + " OR ".join(f"{column} = ? OR {column} LIKE ?" for _ in kinds) + ")"
    params: list[str] = []
    for kind in kinds:
        params += [kind, kind.rstrip(".") + ".%"]
    return clause, params


class Queries:
    """What the store's query mixins share: the connection (the Store opens it), its one way to
    group writes, and reading helpers."""

    _conn: sqlite3.Connection
    _row_type: Any
    _depth = 0  # transactions open, the outermost included

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The writes inside happen together or not at all. Inside another transaction it is a
        savepoint: undone alone when it fails, kept only if the outer one commits."""
        outer = self._depth == 0
        self._conn.execute("BEGIN" if outer else f"SAVEPOINT nested{self._depth}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if outer:
                self._conn.execute("ROLLBACK")
            else:
                self._conn.execute(f"ROLLBACK TO nested{self._depth}")
                self._conn.execute(f"RELEASE nested{self._depth}")
            raise
        self._depth -= 1
        self._conn.execute("COMMIT" if outer else f"RELEASE nested{self._depth}")

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows readable by column name (and dict(row))."""
        cursor = self._conn.cursor()
        cursor.row_factory = self._row_type
        return cursor.execute(sql, params).fetchall()

    def _tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def _named(self, kind: Callable[..., T], sql: str, params: Sequence[Any] = ()) -> list[T]:
        """Rows as `kind` (a NamedTuple whose fields are the selected columns, in order)."""
        cursor = self._conn.cursor()
        cursor.row_factory = lambda _cursor, row: kind(*row)
        return cursor.execute(sql, params).fetchall()

    def _column(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The first column of every row."""
        return [row[0] for row in self._conn.execute(sql, params)]

    def _value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row (None when there is no row)."""
        row = self._conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _in_chunks(
        self, sql: str, values: Sequence[Any], params: Sequence[Any] = (), *, rows: bool = False
    ) -> Iterator[Any]:
        """Run `sql`, whose `{marks}` is an IN list, over `values` CHUNK at a time; `params`
        follow the list's values. Yields what each statement returns."""
        cursor = self._conn.cursor()
        if rows:
            cursor.row_factory = self._row_type
        for start in range(0, len(values), CHUNK):
            chunk = values[start : start + CHUNK]
            yield from cursor.execute(sql.format(marks=marks(len(chunk))), (*chunk, *params))

    def _write_in_chunks(self, sql: str, values: Sequence[Any]) -> None:
        """The same for a statement that returns nothing (DELETE … WHERE id IN ({marks}))."""
        for _ in self._in_chunks(sql, values):
            pass
