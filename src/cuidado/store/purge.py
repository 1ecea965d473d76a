"""Removing a workspace: only what cuidado wrote, never a folder it did not create."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cuidado.store.folder import MARKER, not_a_workspace, recognised

# Everything a workspace may hold. Anything else found there is left alone and reported.
WORKSPACE_FILES = ("cuidado.db", "cuidado.db-wal", "cuidado.db-shm", "cuidado.db-journal")
# uploads/ first: it holds copies of the person's exports.
WORKSPACE_DIRS = ("uploads", "clean", "thumbs", "cache", "run")  # run: the worker pool's socket


@dataclass
class Purged:
    removed: int = 0  # files deleted
    left: list[Path] = field(default_factory=list)  # entries cuidado did not write, left in place
    failed: list[str] = field(default_factory=list)  # what could not be deleted, and why


def purge_workspace(directory: Path) -> Purged:
    """Delete cuidado's files in `directory`, then the folder if empty.

    Refuses (WorkspaceError) a folder that is not a cuidado workspace. One entry that cannot be
    deleted never stops the others; the marker goes last, so an interrupted purge can be re-run."""
    directory = Path(directory)
    result = Purged()
    if not directory.exists() and not directory.is_symlink():
        return result
    if recognised(directory) is not True:
        raise not_a_workspace(directory)
    for name in WORKSPACE_DIRS:
        path = directory / name
        if path.is_dir() and not path.is_symlink():
            removed, failed = remove_tree(path)
            result.removed += removed
            result.failed += failed
    for name in (*WORKSPACE_FILES, MARKER):
        path = directory / name
        if path.is_file() and not path.is_symlink():
            try:
                path.unlink()
                result.removed += 1
            except OSError as exc:
                result.failed.append(f"{path}: {exc.strerror}")
    result.left = sorted(p for p in directory.iterdir() if p.name not in WORKSPACE_DIRS or p.is_symlink())
    if not any(directory.iterdir()):
        directory.rmdir()
    return result


def remove_tree(root: Path) -> tuple[int, list[str]]:
    """Delete a folder and everything in it; returns (files removed, problems).

    Iterative and relative to open folders, so no depth is too deep (shutil.rmtree recurses, and
    absolute paths stop working past PATH_MAX); links are removed, never followed; at most two
    folders are open at a time."""
    removed, problems = 0, []
    flags = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(root, flags)
    except OSError as exc:
        return 0, [f"{root}: {exc.strerror}"]

    def empty(fd: int, where: str) -> list[str]:
        """Delete the files here; return the sub-folders still to visit."""
        nonlocal removed
        folders = []
        with os.scandir(fd) as entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.name)
                        continue
                    os.unlink(entry.name, dir_fd=fd)
                    removed += 1
                except OSError as exc:
                    problems.append(f"{where}/{entry.name}: {exc.strerror}")
        return folders

    stack = [(str(root), empty(fd, str(root)))]  # (where, sub-folders left to visit)
    while stack:
        where, folders = stack[-1]
        if folders:
            name = folders.pop()
            try:
                child = os.open(name, flags, dir_fd=fd)
            except OSError as exc:
                problems.append(f"{where}/{name}: {exc.strerror}")
                continue
            os.close(fd)
            fd = child
            stack.append((f"{where}/{name}", empty(fd, f"{where}/{name}")))
            continue
        stack.pop()
        if not stack:
            break
        parent = os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = parent
        try:
            os.rmdir(where.rsplit("/", 1)[1], dir_fd=fd)
        except OSError as exc:
            problems.append(f"{where}: {exc.strerror}")
    os.close(fd)
    try:
        if stat.S_ISDIR(os.lstat(root).st_mode):
            os.rmdir(root)
    except OSError as exc:
        problems.append(f"{root}: {exc.strerror}")
    return removed, problems
