"""The workspace folder: cuidado writes only into a folder it created, or one it recognises as its own.

A marker file, written when cuidado creates the folder, says "this is a cuidado workspace".
Workspaces made before the marker existed are recognised by their database (a cuidado database
has its `migrations` table) and get the marker. Any other folder — a typo in --workspace or
$CUIDADO_WORKSPACE, the person's Documents — is refused: no command writes into it, and
`purge` never deletes anything from it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from cuidado.locales import N_, TranslatableError

DB_NAME = "cuidado.db"
MARKER = "cuidado-workspace.txt"
# Files an operating system drops into any folder it shows: they do not make a folder someone's.
_SYSTEM_FILES = {".DS_Store", "Thumbs.db", "desktop.ini", ".directory"}
_PLAIN_HEADER = b"SQLite format 3\x00"

MARKER_TEXT = """\
This folder is a cuidado workspace. It holds a summary of everything revealing that cuidado
found in your exports: keep it private. Delete it with: cuidado purge --workspace <this folder>

Esta carpeta es una carpeta de trabajo de cuidado. Guarda un resumen de todo lo revelador que
cuidado encontró en sus exportaciones: manténgala privada. Bórrela con:
cuidado purge --workspace <esta carpeta>
"""

# What a folder is, seen from cuidado.
MISSING, EMPTY, MARKED, LEGACY, FOREIGN = "missing", "empty", "marked", "legacy", "foreign"


class WorkspaceError(TranslatableError):
    """The workspace cannot be opened or used; the message says what to do (`text(lang)`: in the
    reader's language)."""


def not_a_workspace(directory: Path) -> WorkspaceError:
    return WorkspaceError(
        N_(
            "{directory}: not a cuidado workspace (it holds files cuidado did not write). cuidado "
            "writes and deletes only in folders it created: check --workspace (or "
            "$CUIDADO_WORKSPACE), or choose a new or empty folder."
        ),
        directory=directory,
    )


def state(directory: Path) -> str:
    """missing, empty, marked (has the marker), legacy (a database but no marker yet) or foreign."""
    directory = Path(directory)
    if not directory.exists() and not directory.is_symlink():
        return MISSING
    if not directory.is_dir():
        return FOREIGN
    if _regular(directory / MARKER):
        return MARKED
    if _regular(directory / DB_NAME):
        return LEGACY
    try:
        names = [name for name in os.listdir(directory) if name not in _SYSTEM_FILES]
    except OSError:
        return FOREIGN
    return FOREIGN if names else EMPTY


def claim(directory: Path) -> str:
    """Make `directory` ready to be written as a workspace, or refuse it (WorkspaceError).

    A new or empty folder is created private and marked; a marked one is made private again
    (an existing --workspace folder may be 0755). A legacy one is returned as is: its database
    must be checked (is it cuidado's?) before anything is written, then `adopt()` marks it."""
    directory = Path(directory)
    found = state(directory)
    if found == FOREIGN:
        raise not_a_workspace(directory)
    try:
        if found in (MISSING, EMPTY):
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            _make_private(directory)
            write_marker(directory)
        elif found == MARKED:
            _make_private(directory)
    except OSError as exc:
        raise WorkspaceError(
            N_("{directory}: cannot create the workspace ({reason})"), directory=directory, reason=exc.strerror
        ) from None
    return found


def adopt(directory: Path) -> None:
    """A workspace from an earlier version, now proven to be cuidado's: mark it and make it private."""
    _make_private(Path(directory))
    write_marker(Path(directory))


def recognised(directory: Path) -> bool | None:
    """Is this a cuidado workspace? None when only its passphrase can tell (an encrypted database
    made before the marker existed)."""
    directory = Path(directory)
    found = state(directory)
    if found == MARKED:
        return True
    if found != LEGACY:
        return False
    return is_cuidado_database(directory / DB_NAME)


def is_cuidado_database(path: Path) -> bool | None:
    """A plain SQLite file with cuidado's migrations table; None for an encrypted (or unreadable) one."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    if len(head) < 16:
        return False
    if head != _PLAIN_HEADER:
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return has_migrations(conn)
    finally:
        conn.close()


def has_migrations(conn) -> bool:
    """The table every cuidado database has from its first migration on (any DB-API connection)."""
    try:
        row = conn.execute("SELECT 1 FROM migrations WHERE name = '0001_records'").fetchone()
    except Exception:  # sqlite3 and sqlcipher3 raise their own DatabaseError classes
        return False
    return row is not None


def write_marker(directory: Path) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(directory / MARKER, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(MARKER_TEXT)


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner, unless it exists. SQLite gives its -wal
    and -shm files the database file's permissions, so creating it 0600 keeps them private too."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _make_private(directory: Path) -> None:
    try:
        os.chmod(directory, 0o700)
    except OSError:  # not ours (another user's folder): opening it will say what is wrong
        pass


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()
