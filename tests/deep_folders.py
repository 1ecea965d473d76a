"""Folders nested deeper than Python's recursion limit, as a hostile export may hold, and their
removal. pytest's own clean-up of old temporary folders recurses (shutil.rmtree) and crashes on
them, which fails the whole run, so every test that makes one removes it with `remove_deep`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def remove_deep(top: Path) -> None:
    """Delete a tree of any depth. pytest's own clean-up of old temporary folders recurses and
    would crash on the deep folders these tests make (also in other people's test runs), so no
    test leaves one behind, whatever the code under test did."""
    if not top.exists():
        return
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    names: list[str] = []
    while True:
        folders = []
        for entry in os.scandir(fd):
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.name)
            else:
                os.unlink(entry.name, dir_fd=fd)
        if folders:
            child = os.open(folders[0], os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd, names = child, names + [folders[0]]
            continue
        if not names:
            break
        parent = os.open("..", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = parent
        os.rmdir(names.pop(), dir_fd=fd)
    os.close(fd)
    shutil.rmtree(top)


def deep_folder(top: Path, levels: int, name: str = "d") -> Path:
    """`levels` nested folders under `top`, made relative to open folders (no path-length limit);
    returns `top`. A file sits at the bottom."""
    top.mkdir(parents=True, exist_ok=True)
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
        bottom = os.open("IMG_0001.jpg", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd)
        os.write(bottom, b"\xff\xd8\xff\xd9")
        os.close(bottom)
    finally:
        os.close(fd)
    return top


# Deeper than any folder a test means to keep, far below Python's recursion limit (about 1,000).
TOO_DEEP = 200


def too_deep(top: Path, limit: int = TOO_DEEP) -> list[Path]:
    """The folders directly under `top` (one per test) holding a folder more than `limit` levels
    down, found without recursion and without descending past the limit."""
    found = []
    for test_folder in sorted(p for p in top.iterdir() if p.is_dir() and not p.is_symlink()):
        stack = [(str(test_folder), 0)]
        while stack:
            path, depth = stack.pop()
            if depth > limit:
                found.append(test_folder)
                break
            try:
                entries = list(os.scandir(path))
            except OSError:
                continue
            stack.extend((e.path, depth + 1) for e in entries if e.is_dir(follow_symlinks=False))
    return found


@pytest.fixture(scope="session", autouse=True)
def no_deep_folder_left(tmp_path_factory):
    """A deep folder in pytest's temporary folders crashes its clean-up of old runs at the end of a
    later run (CI's did, with a RecursionError). Before the run, remove any that earlier runs left
    in pytest's own temporary root; after it, remove this run's and fail, naming the test's
    folder, so that test gets its `remove_deep`."""
    base = tmp_path_factory.getbasetemp()
    if base.parent.name.startswith("pytest-of-"):  # not a --basetemp chosen by hand
        for earlier in base.parent.iterdir():
            if earlier != base and earlier.is_dir() and not earlier.is_symlink():
                for folder in too_deep(earlier):
                    remove_deep(folder)
    yield
    left = too_deep(base)
    for folder in left:
        remove_deep(folder)
    assert not left, f"tests left folders over {TOO_DEEP} levels deep (use remove_deep): {left}"
