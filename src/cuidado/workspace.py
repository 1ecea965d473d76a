"""Removing a workspace: only what cuidado wrote, never a folder it did not create."""

from __future__ import annotations

import shutil
from pathlib import Path

# Everything a workspace may hold. Anything else found there is left alone and reported.
WORKSPACE_FILES = ("cuidado.db", "cuidado.db-wal", "cuidado.db-shm", "cuidado.db-journal")
WORKSPACE_DIRS = ("thumbs", "cache", "clean", "uploads", "run")  # run: the worker pool's socket


def purge_workspace(directory: Path) -> tuple[int, list[Path]]:
    """Delete cuidado's files in `directory`, then the folder if empty. Returns (removed, left)."""
    removed = 0
    if not directory.exists():
        return 0, []
    for name in WORKSPACE_FILES:
        path = directory / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
            removed += 1
    for name in WORKSPACE_DIRS:
        path = directory / name
        if path.is_dir() and not path.is_symlink():
            removed += sum(1 for p in path.rglob("*") if p.is_file())
            shutil.rmtree(path)
    left = sorted(directory.iterdir())
    if not left:
        directory.rmdir()
    return removed, left
