"""The workspace: one SQLite database. Writes are idempotent; each export member is one transaction.

The Store is the only door to SQL. Its connection is private; what the rest of cuidado asks
is a typed method, grouped by subject in records.py, findings.py, inputs.py and actions.py,
and writes that belong together go through one `transaction()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cuidado.locales import N_
from cuidado.models import Finding, Record
from cuidado.store import folder
from cuidado.store.actions import ActionQueries
from cuidado.store.findings import FindingQueries
from cuidado.store.folder import DB_NAME, WorkspaceError
from cuidado.store.inputs import InputQueries
from cuidado.store.records import RecordQueries
from cuidado.store.rows import finding_row, now, record_row, storable
from cuidado.store.schema import migrate
from cuidado.store.sql import marks

_PLAIN_HEADER = b"SQLite format 3\x00"


def is_encrypted(path: Path) -> bool:
    """An existing workspace database that is not plain SQLite is a SQLCipher one."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return False
    return len(head) == 16 and head != _PLAIN_HEADER


class Store(RecordQueries, FindingQueries, InputQueries, ActionQueries):
    """The workspace database. With a passphrase it is encrypted at rest (SQLCipher, AES-256)."""

    def __init__(self, directory: Path, passphrase: str | None = None):
        self.directory = directory
        self.path = directory / DB_NAME
        self.encrypted = passphrase is not None
        if not self.encrypted and is_encrypted(self.path):
            raise WorkspaceError(
                N_(
                    "{directory}: this workspace is encrypted; give its passphrase "
                    "(prompt, or the CUIDADO_PASSPHRASE environment variable)"
                ),
                directory=directory,
            )
        driver = _driver(self.encrypted)
        found = folder.claim(directory)  # refuses a folder cuidado did not create
        try:
            folder.create_private_file(self.path)
            self._conn = driver.connect(self.path, isolation_level=None, timeout=30)
            if passphrase is not None:  # i.e. self.encrypted
                # SQLCipher prints its own "ERROR CORE …" lines on a wrong key: we say it ourselves.
                self._conn.execute("PRAGMA cipher_log_level = NONE")
                self._conn.execute("PRAGMA key = " + _quote(passphrase))
            if found == folder.LEGACY:
                self._conn.execute("SELECT count(*) FROM sqlite_master")  # a wrong key fails here
                if not folder.has_migrations(self._conn):
                    self._conn.close()
                    raise folder.not_a_workspace(directory)
            # Temporary tables and sorts stay in memory: nothing about the person lands in /tmp.
            self._conn.execute("PRAGMA temp_store=MEMORY")
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            migrate(self._conn)
            if found == folder.LEGACY:
                folder.adopt(directory)  # made by an earlier version: now proven cuidado's
        except driver.DatabaseError as exc:
            if self.encrypted and "not a database" in str(exc):
                raise WorkspaceError(
                    N_("{directory}: wrong passphrase for this workspace"), directory=directory
                ) from None
            raise WorkspaceError(
                N_("{directory}: not a cuidado workspace or damaged ({reason})"), directory=self.path, reason=exc
            ) from None
        except OSError as exc:
            raise WorkspaceError(
                N_("{directory}: cannot create the workspace ({reason})"), directory=directory, reason=exc.strerror
            ) from None
        self._row_type = driver.Row
        self.path.chmod(0o600)

    def close(self) -> None:
        self._conn.close()

    # --- writing one member ------------------------------------------------------------------

    @contextmanager
    def member(self, key: str, input_label: str, member_path: str) -> Iterator[_MemberWriter]:
        """One member's records, all or nothing; marked done on success so it is never read twice."""
        input_label, member_path = storable(input_label), storable(member_path)
        with self.transaction():
            earlier = set(
                self._column("SELECT id FROM records WHERE input = ? AND source = ?", (input_label, member_path))
            )
            # A member read again says again what is in it: its items' old findings go, and come
            # back from this reading (a photo's faces once its pixels are checked).
            self._write_in_chunks("DELETE FROM findings WHERE item IN ({marks})", list(earlier))
            # The caller may change writer.key: a check that could not run is not recorded as done.
            writer = _MemberWriter(self._conn, input_label, key, keep_ids=bool(earlier))
            yield writer
            writer.flush()
            self.delete_items(earlier - writer.ids)
            self._conn.execute(
                "INSERT OR REPLACE INTO members_done VALUES (?, ?, ?, ?, ?)",
                (writer.key, input_label, member_path, writer.count, now()),
            )
            self._conn.execute("DELETE FROM skipped WHERE input = ? AND member = ?", (input_label, member_path))

    def delete_items(self, ids: Iterable[str]) -> None:
        """Items and what was found in them: e.g. what an earlier reading of a member gave and this
        one did not (a photo's record from before its faces were looked for)."""
        stale = list(ids)
        if not stale:
            return
        with self.transaction():
            self._write_in_chunks("DELETE FROM findings WHERE item IN ({marks})", stale)
            self._write_in_chunks("DELETE FROM records WHERE id IN ({marks})", stale)


class _MemberWriter:
    BATCH = 500

    def __init__(self, conn: sqlite3.Connection, input_label: str, key: str, *, keep_ids: bool = False):
        self._conn, self.input, self.key, self.count = conn, input_label, key, 0
        self.rows: list[tuple] = []
        self.finding_rows: list[tuple] = []
        self.findings = 0
        self.keep_ids = keep_ids  # only a member read before needs them (to drop what is gone)
        self.ids: set[str] = set()

    def add(self, record: Record) -> None:
        row = record_row(record, self.input)
        if self.keep_ids:
            self.ids.add(row[0])
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= self.BATCH:
            self.flush()

    def add_finding(self, finding: Finding) -> None:
        self.finding_rows.append(finding_row(finding))
        self.findings += 1
        if len(self.finding_rows) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            # An item seen again (a re-scan, or a newer export of the same account) now belongs to
            # the input it was last seen in, so replacing an older export never loses it; and it holds
            # what this reading found (a photo's checks, added in the scan's second phase).
            self._conn.executemany(
                f"INSERT INTO records VALUES ({marks(19)}) ON CONFLICT(id) DO UPDATE SET "
                "input = excluded.input, text = excluded.text, extra = excluded.extra",
                self.rows,
            )
            self.rows.clear()
        if self.finding_rows:
            self._conn.executemany(f"INSERT OR IGNORE INTO findings VALUES ({marks(16)})", self.finding_rows)
            self.finding_rows.clear()


def _driver(encrypted: bool):
    if not encrypted:
        return sqlite3
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise WorkspaceError(
            N_("encrypted workspaces need the sqlcipher3-binary package (pip install 'cuidado[secure]')")
        ) from None
    return dbapi2


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
