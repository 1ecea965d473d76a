"""The workspace: one SQLite database. Writes are idempotent; each export member is one transaction."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from cuidado.models import Finding, Record, Skipped
from cuidado.store import folder
from cuidado.store.folder import DB_NAME, WorkspaceError
from cuidado.store.schema import migrate


_PLAIN_HEADER = b"SQLite format 3\x00"


def is_encrypted(path: Path) -> bool:
    """An existing workspace database that is not plain SQLite is a SQLCipher one."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return False
    return len(head) == 16 and head != _PLAIN_HEADER


class Store:
    """The workspace database. With a passphrase it is encrypted at rest (SQLCipher, AES-256)."""

    def __init__(self, directory: Path, passphrase: str | None = None):
        self.directory = directory
        self.path = directory / DB_NAME
        self.encrypted = passphrase is not None
        if not self.encrypted and is_encrypted(self.path):
            raise WorkspaceError(f"{directory}: this workspace is encrypted; give its passphrase "
                                 "(prompt, or the CUIDADO_PASSPHRASE environment variable)",
                                 {"es": f"{directory}: esta carpeta de trabajo está cifrada; escriba su frase "
                                        "de contraseña (se la pedirá, o la variable de entorno CUIDADO_PASSPHRASE)"})
        driver = _driver(self.encrypted)
        found = folder.claim(directory)  # refuses a folder cuidado did not create
        try:
            folder.create_private_file(self.path)
            self.conn = driver.connect(self.path, isolation_level=None, timeout=30)
            if self.encrypted:
                # SQLCipher prints its own "ERROR CORE …" lines on a wrong key: we say it ourselves.
                self.conn.execute("PRAGMA cipher_log_level = NONE")
                self.conn.execute("PRAGMA key = " + _quote(passphrase))
            if found == folder.LEGACY:
                self.conn.execute("SELECT count(*) FROM sqlite_master")  # a wrong key fails here
                if not folder.has_migrations(self.conn):
                    self.conn.close()
                    raise folder.not_a_workspace(directory)
            # Temporary tables and sorts stay in memory: nothing about the person lands in /tmp.
            self.conn.execute("PRAGMA temp_store=MEMORY")
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            migrate(self.conn)
            if found == folder.LEGACY:
                folder.adopt(directory)  # made by an earlier version: now proven cuidado's
        except driver.DatabaseError as exc:
            if self.encrypted and "not a database" in str(exc):
                raise WorkspaceError(f"{directory}: wrong passphrase for this workspace",
                                     {"es": f"{directory}: la frase de contraseña no es la de esta carpeta "
                                            "de trabajo"}) from None
            raise WorkspaceError(f"{self.path}: not a cuidado workspace or damaged ({exc})") from None
        except OSError as exc:
            raise WorkspaceError(f"{directory}: cannot create the workspace ({exc.strerror})") from None
        self.row_type = driver.Row
        self.path.chmod(0o600)

    def close(self) -> None:
        self.conn.close()

    # --- writing -------------------------------------------------------------------------

    def is_done(self, key: str) -> bool:
        return self.conn.execute("SELECT 1 FROM members_done WHERE key = ?", (key,)).fetchone() is not None

    def adopt_member(self, key: str, input_label: str, member_path: str) -> None:
        """An unchanged member found in another input (a newer export): its records move to that input."""
        input_label, member_path = storable(input_label), storable(member_path)
        row = self.conn.execute("SELECT input FROM members_done WHERE key = ?", (key,)).fetchone()
        if row is None or row[0] == input_label:
            return
        self.conn.execute("BEGIN")
        try:
            self.conn.execute("UPDATE records SET input = ? WHERE input = ? AND source = ?",
                              (input_label, row[0], member_path))
            self.conn.execute("UPDATE members_done SET input = ? WHERE key = ?", (input_label, key))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    @contextmanager
    def member(self, key: str, input_label: str, member_path: str):
        """One member's records, all or nothing; marked done on success so it is never read twice."""
        input_label, member_path = storable(input_label), storable(member_path)
        self.conn.execute("BEGIN")
        try:
            earlier = {i for (i,) in self.conn.execute(
                "SELECT id FROM records WHERE input = ? AND source = ?", (input_label, member_path))}
            writer = _MemberWriter(self.conn, input_label, keep_ids=bool(earlier))
            writer.key = key  # the caller may change it: a check that could not run is not recorded as done
            yield writer
            writer.flush()
            self._drop_stale(earlier - writer.ids)
            self.conn.execute("INSERT OR REPLACE INTO members_done VALUES (?, ?, ?, ?, ?)",
                              (writer.key, input_label, member_path, writer.count, _now()))
            self.conn.execute("DELETE FROM skipped WHERE input = ? AND member = ?", (input_label, member_path))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _drop_stale(self, ids: set[str]) -> None:
        """Items an earlier reading of a member gave and this one did not (e.g. a photo's record
        from before its faces were looked for): the newest reading is the only one kept."""
        stale = list(ids)
        for start in range(0, len(stale), 500):
            chunk = stale[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            self.conn.execute(f"DELETE FROM findings WHERE item IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM records WHERE id IN ({marks})", chunk)

    def rename_relative_inputs(self, input_label: str) -> None:
        """Workspaces from before input paths were stored in full hold them as given ("demo-export/fb.zip"):
        when one of those, taken from the current folder, is the input being scanned, it takes the full path."""
        from cuidado.inputs.sources import absolute_input, label_first_path

        target = storable(input_label)
        labels = {label for table in ("inputs", "members_done", "skipped", "records")
                  for (label,) in self.conn.execute(f"SELECT DISTINCT input FROM {table}")}
        for label in labels:
            first = label_first_path(label)
            if first.is_absolute() or label == target:
                continue
            if target.replace(str(absolute_input(first)), str(first), 1) != label:
                continue
            self.conn.execute("BEGIN")
            try:
                for table in ("inputs", "members_done", "skipped", "records"):
                    self.conn.execute(f"UPDATE OR REPLACE {table} SET input = ? WHERE input = ?", (target, label))
                self.conn.execute("UPDATE inputs SET superseded_by = ? WHERE superseded_by = ?", (target, label))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def add_skipped(self, items: Iterable[Skipped]) -> None:
        rows = [(storable(s.file), storable(s.member or ""), storable(s.reason), s.status, s.about) for s in items]
        if rows:
            self.conn.executemany("INSERT OR REPLACE INTO skipped (input, member, reason, status, about) "
                                  "VALUES (?, ?, ?, ?, ?)", rows)

    def clear_skipped(self, input_label: str) -> None:
        self.conn.execute("DELETE FROM skipped WHERE input = ?", (storable(input_label),))

    def note_input(self, input_label: str, platform: str | None, fingerprint: str | None, members: int,
                   export_key: str | None = None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO inputs (input, platform, fingerprint, members, scanned_at, export_key) "
            "VALUES (?, ?, ?, ?, ?, ?)", tuple(storable(v) for v in (input_label, platform, fingerprint, members, _now(),
                                                                  export_key)))

    # --- reading -------------------------------------------------------------------------

    def counts(self) -> list[tuple[str, str, int, str | None, str | None]]:
        return self.conn.execute(
            "SELECT platform, kind, count(*), min(time), max(time) FROM records GROUP BY platform, kind"
        ).fetchall()

    def skipped(self) -> list[Skipped]:
        rows = self.conn.execute("SELECT input, member, reason, status, about FROM skipped ORDER BY input, member")
        return [Skipped(i, m or None, r, st or "", a) for i, m, r, st, a in rows]

    def members_read(self) -> dict[str, int]:
        """input -> how many of its files were read (each counted once, whatever checks ran)."""
        return dict(self.conn.execute("SELECT input, count(DISTINCT member) FROM members_done GROUP BY input"))

    def records(self, where: str = "1", params: tuple = ()) -> Iterable[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = self.row_type
        return cursor.execute(f"SELECT * FROM records WHERE {where} ORDER BY time, id", params)


    def add_findings(self, findings: Iterable[Finding]) -> None:
        """Findings made after import (e.g. across items); idempotent by finding id."""
        rows = [finding_row(f) for f in findings]
        if rows:
            self.conn.executemany(f"INSERT OR IGNORE INTO findings VALUES ({', '.join('?' * 16)})", rows)

    def findings(self, *, kinds: tuple[str, ...] = (), platforms: tuple[str, ...] = (),
                 severities: tuple[str, ...] = ()) -> list[sqlite3.Row]:
        """Most severe first, then most confident, then newest. A kind filter matches a prefix
        ("location" selects every location.* kind)."""
        clauses, params = [], []
        if kinds:
            clauses.append("(" + " OR ".join("kind = ? OR kind LIKE ?" for _ in kinds) + ")")
            for kind in kinds:
                params += [kind, kind.rstrip(".") + ".%"]
        for column, values in (("platform", platforms), ("severity", severities)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
                params += list(values)
        where = " AND ".join(clauses) or "1"
        cursor = self.conn.cursor()
        cursor.row_factory = self.row_type
        return cursor.execute(
            f"SELECT * FROM findings WHERE {where} ORDER BY CASE severity WHEN 'high' THEN 0 "
            "WHEN 'medium' THEN 1 ELSE 2 END, confidence DESC, time DESC, id", params).fetchall()


class _MemberWriter:
    BATCH = 500

    def __init__(self, conn: sqlite3.Connection, input_label: str, *, keep_ids: bool = False):
        self.conn, self.input, self.rows, self.count = conn, input_label, [], 0
        self.finding_rows: list[tuple] = []
        self.findings = 0
        self.keep_ids = keep_ids  # only a member read before needs them (to drop what is gone)
        self.ids: set[str] = set()

    def add(self, record: Record) -> None:
        row = _row(record, self.input)
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
            # the input it was last seen in, so replacing an older export never loses it.
            self.conn.executemany(f"INSERT INTO records VALUES ({', '.join('?' * 19)}) "
                                  "ON CONFLICT(id) DO UPDATE SET input = excluded.input", self.rows)
            self.rows.clear()
        if self.finding_rows:
            self.conn.executemany(f"INSERT OR IGNORE INTO findings VALUES ({', '.join('?' * 16)})",
                                  self.finding_rows)
            self.finding_rows.clear()


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def storable(value):
    """Text SQLite can store: JSON's lone "\\ud800" escapes become U+FFFD instead of an error."""
    if isinstance(value, str) and not value.isascii():
        return _SURROGATE.sub("\ufffd", value)
    return value


def _row(r: Record, input_label: str) -> tuple:
    return tuple(storable(v) for v in _raw_row(r, input_label))


def _raw_row(r: Record, input_label: str) -> tuple:
    return (
        r.id, r.platform, str(r.kind), r.source, input_label, r.native_id,
        iso(r.time), None if r.by_self is None else int(r.by_self), r.author, r.text, r.audience,
        r.place, r.lat, r.lon,
        json.dumps([{"path": m.path, "size": m.size} for m in r.media]) if r.media else None,
        r.thread, json.dumps(list(r.participants), ensure_ascii=False) if r.participants else None,
        r.permalink, json.dumps(r.extra, ensure_ascii=False, default=str) if r.extra else None,
    )


def _driver(encrypted: bool):
    if not encrypted:
        return sqlite3
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise WorkspaceError("encrypted workspaces need the sqlcipher3-binary package "
                             "(pip install 'cuidado[secure]')") from None
    return dbapi2


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def finding_row(f: Finding) -> tuple:
    return tuple(storable(v) for v in _raw_finding_row(f))


def _raw_finding_row(f: Finding) -> tuple:
    return (
        f.id, f.kind, f.subtype, f.severity, round(float(f.confidence), 3), f.platform, f.source, f.item,
        iso(f.time), f.value, f.lat, f.lon, f.place, f.excerpt,
        json.dumps(list(f.terms), ensure_ascii=False) if f.terms else None,
        json.dumps(f.extra, ensure_ascii=False, default=str) if f.extra else None,
    )


def iso(value: datetime | None) -> str | None:
    """ISO 8601 UTC; times no real item can have (year 1, 9999…) are stored as unknown."""
    if value is None:
        return None
    try:
        value = value.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None
    if not 1900 <= value.year <= 2100:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _now() -> str:
    return iso(datetime.now(timezone.utc))
