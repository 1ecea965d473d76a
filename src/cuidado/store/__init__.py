"""The workspace store: where cuidado keeps what it read, and nothing else."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from cuidado.store.actions import ActionDone
from cuidado.store.inputs import StoredInput
from cuidado.store.store import DB_NAME, MemberWriter, Store, WorkspaceError, is_encrypted, storable


def default_workspace() -> Path:
    """The user's data directory (e.g. ~/.local/share/cuidado). The CLI lets --workspace and
    $CUIDADO_WORKSPACE choose another; the library reads no environment variable."""
    return Path(user_data_dir("cuidado", appauthor=False))


def open_store(directory: Path | None = None, passphrase: str | None = None) -> Store:
    return Store(Path(directory) if directory else default_workspace(), passphrase)


__all__ = [
    "DB_NAME",
    "ActionDone",
    "MemberWriter",
    "Store",
    "StoredInput",
    "WorkspaceError",
    "default_workspace",
    "is_encrypted",
    "open_store",
    "storable",
]
