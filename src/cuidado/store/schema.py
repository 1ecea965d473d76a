"""The workspace schema, as ordered migrations recorded in the database itself.

Documented for people in docs/workspace-schema.md; a test checks the two agree.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path


def _input_parts(conn: sqlite3.Connection) -> None:
    """The files behind each input, so its label is never read back as paths. Workspaces from
    before this table get the rows their labels imply: the path itself, or for "first.zip (+N parts)"
    the zips beside the first that belong with it (as cuidado found them until now, each time)."""
    for statement in _statements("""
        CREATE TABLE input_parts (
            input  TEXT NOT NULL,      -- the input as the other tables name it (inputs.input)
            part   INTEGER NOT NULL,   -- 0 the first (or only) file; 1, 2… a split export's next parts
            path   TEXT NOT NULL,      -- the zip, folder or file: full path, folders resolved
            PRIMARY KEY (input, part)
        );
    """):
        conn.execute(statement)
    labels = {
        label
        for table in ("inputs", "members_done", "skipped", "records")
        for (label,) in conn.execute(f"SELECT DISTINCT input FROM {table}")
    }
    conn.executemany(
        "INSERT INTO input_parts (input, part, path) VALUES (?, ?, ?)",
        [(label, n, path) for label in sorted(labels) for n, path in enumerate(_parts_of_label(label))],
    )


_PARTS_LABEL = re.compile(r"^(?P<first>.*) \(\+(?P<n>\d+) parts\)$")


def _parts_of_label(label: str) -> list[str]:
    """Only for the migration above: what an input label of an earlier workspace stands for."""
    from cuidado.inputs.sources import group_inputs

    match = _PARTS_LABEL.match(label)
    if not match:
        return [label]
    first = Path(match.group("first"))
    try:
        siblings = sorted(first.parent.glob("*.zip")) if first.parent.is_dir() else []
    except OSError:
        siblings = []
    return [str(p) for p in next((g for g in group_inputs(siblings) if g[0] == first), [first])]


Migration = str | Callable[[sqlite3.Connection], None]  # SQL, or a step that needs Python

MIGRATIONS: list[tuple[str, Migration]] = [
    (
        "0001_records",
        """
        CREATE TABLE records (
            id           TEXT PRIMARY KEY,   -- stable: platform + kind + source + native id (or content)
            platform     TEXT NOT NULL,
            kind         TEXT NOT NULL,
            source       TEXT NOT NULL,      -- member path inside the export
            input        TEXT NOT NULL,      -- the archive or folder the person gave
            native_id    TEXT,
            time         TEXT,               -- ISO 8601 UTC
            by_self      INTEGER,            -- 1 the person, 0 someone else, NULL unknown
            author       TEXT,
            text         TEXT,
            audience     TEXT,
            place        TEXT,
            lat          REAL,
            lon          REAL,
            media        TEXT,               -- JSON [{"path", "size"}]
            thread       TEXT,
            participants TEXT,               -- JSON list of names
            permalink    TEXT,
            extra        TEXT                -- JSON object, platform-specific
        );
        CREATE INDEX records_platform_kind ON records(platform, kind);
        CREATE INDEX records_time ON records(time);

        -- Members fully read (or deliberately passed over): what makes re-scans and
        -- resumed scans add nothing twice. key = platform + member path + content fingerprint.
        CREATE TABLE members_done (
            key      TEXT PRIMARY KEY,
            input    TEXT NOT NULL,
            member   TEXT NOT NULL,
            records  INTEGER NOT NULL,
            done_at  TEXT NOT NULL
        );

        CREATE TABLE skipped (
            input   TEXT NOT NULL,
            member  TEXT NOT NULL DEFAULT '',  -- '' when the whole input was not read
            reason  TEXT NOT NULL,
            PRIMARY KEY (input, member)
        );

        CREATE TABLE inputs (
            input        TEXT PRIMARY KEY,
            platform     TEXT,
            fingerprint  TEXT,
            members      INTEGER,
            scanned_at   TEXT
        );
    """,
    ),
    (
        "0002_findings",
        """
        CREATE TABLE findings (
            id          TEXT PRIMARY KEY,    -- stable: item + kind + subtype + value
            kind        TEXT NOT NULL,
            subtype     TEXT,
            severity    TEXT NOT NULL,       -- high / medium / low
            confidence  REAL NOT NULL,
            platform    TEXT NOT NULL,
            source      TEXT NOT NULL,
            item        TEXT NOT NULL,       -- records.id (or a media file's record id)
            time        TEXT,
            value       TEXT NOT NULL,
            lat         REAL,
            lon         REAL,
            place       TEXT,
            excerpt     TEXT,
            terms       TEXT,                -- JSON list
            extra       TEXT                 -- JSON object
        );
        CREATE INDEX findings_kind ON findings(kind);
        CREATE INDEX findings_item ON findings(item);
    """,
    ),
    (
        "0003_progress",
        """
        -- Cleanup actions the person marked done, with what the action covered, so a scan of a
        -- fresh export can tell which were really done.
        CREATE TABLE actions_done (
            action     TEXT PRIMARY KEY,
            marked_at  TEXT NOT NULL,
            items      TEXT NOT NULL,       -- JSON [{"platform", "kind", "time", "text"}]
            verified   TEXT                 -- 'done' / 'still_there' after a later scan, NULL before
        );
        ALTER TABLE inputs ADD COLUMN export_key TEXT;
        ALTER TABLE inputs ADD COLUMN superseded_by TEXT;
    """,
    ),
    (
        "0004_records_by_member",
        """
        -- A member read again (newer cuidado, or more photo checks) replaces what it gave before.
        CREATE INDEX records_member ON records(input, source);
    """,
    ),
    (
        "0005_skipped_status",
        """
        -- Why a file was not read: not_analysed (known, not analysed), unknown, unreadable,
        -- refused, input_not_read ('' in rows from before: a failed member, or the whole input).
        ALTER TABLE skipped ADD COLUMN status TEXT NOT NULL DEFAULT '';
        -- For a known file that is not analysed: what it holds (a key, rendered in the reader's language).
        ALTER TABLE skipped ADD COLUMN about TEXT;
    """,
    ),
    ("0006_input_parts", _input_parts),
    (
        "0007_findings_store_data",
        """
        -- Findings keep data, not English sentences: the sentence is made at display time in the
        -- reader's language (findings/render.py). Rows written before say it in `value`.
        UPDATE findings SET value = CAST(json_array_length(extra, '$.boxes') AS TEXT)
            WHERE kind = 'identity.face' AND value LIKE '% face(s)' AND json_valid(extra);
        UPDATE findings SET value = printf('%.5f,%.5f', lat, lon)
            WHERE kind = 'inference.routine' AND value LIKE '% near %' AND lat IS NOT NULL;
        UPDATE findings SET value = place
            WHERE kind = 'inference.travel' AND place IS NOT NULL AND value = place || ' (' || json_extract(extra, '$.dates') || ')';
        UPDATE findings SET extra = json_set(extra, '$.dates', '')
            WHERE kind = 'inference.travel' AND json_extract(extra, '$.dates') = 'unknown dates';
        UPDATE findings SET value = json_extract(extra, '$.thread')
            WHERE kind = 'inference.others_exposed' AND value LIKE '%: % other people''s phone numbers'
            AND json_extract(extra, '$.thread') IS NOT NULL;
        UPDATE findings SET
            value = substr(value, 1, length(value) - length(': ' || json_extract(extra, '$.members') || ' members saw '
                                                           || json_extract(extra, '$.evidence_count') || ' sensitive item(s)')),
            extra = json_set(extra, '$.thread', substr(value, 1, length(value) - length(
                ': ' || json_extract(extra, '$.members') || ' members saw ' || json_extract(extra, '$.evidence_count')
                || ' sensitive item(s)')))
            WHERE kind = 'audience.group' AND value LIKE '%: % members saw % sensitive item(s)';
        UPDATE findings SET value = subtype
            WHERE kind = 'audience.wide' AND value LIKE '%: % people' AND subtype IS NOT NULL;
    """,
    ),
]


def migrate(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    applied = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    for name, sql in MIGRATIONS:
        if name in applied:
            continue
        conn.execute("BEGIN")
        try:
            if callable(sql):
                sql(conn)
            else:
                for statement in _statements(sql):
                    conn.execute(statement)
            conn.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _statements(sql: str) -> Iterator[str]:
    # executescript() would commit on its own; split so the migration stays one transaction.
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""
