"""Metadata-free copies of the photos and videos behind a plan step, as `cuidado scrub` makes them.

The web app offers this for the steps that say "share the clean copy made by `cuidado scrub`".
Each file is read from the export (a zip member or a file in a folder; never changed), copied
into a private working folder, cleaned by cuidado.scrub (which re-reads every copy and refuses
one that still carries metadata), and the copy of the original is deleted at once.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cuidado.inputs.sources import SourceError, open_source
from cuidado.locales import N_
from cuidado.models import is_media_path
from cuidado.scrub import ScrubError, scrub_file
from cuidado.store import Store
from cuidado.store.purge import remove_tree

MAX_BYTES = 2 * 1024 * 1024 * 1024  # a member larger than this is not a photo or video from a phone


@dataclass
class CleanCopies:
    made: list[Path] = field(default_factory=list)  # the clean copies, in out_dir
    # (file name, why): "gone" (the export is not where it was scanned, or no longer holds the file),
    # "not_cleaned" (not a format cuidado cleans, or the copy still carried metadata and was deleted)
    failed: list[tuple[str, str]] = field(default_factory=list)


def offers_clean_copies(action: dict) -> bool:
    """A step whose advice is to share a clean copy (`cuidado scrub`) and that covers files."""
    steps = " ".join(action.get("steps") or [])
    return bool(action.get("items")) and ("cuidado scrub" in steps or action.get("platform") == "files")


def make_clean_copies(store: Store, item_ids: list[str], out_dir: Path) -> CleanCopies:
    """Clean copies of the items' media in out_dir (a private folder the caller owns)."""
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    work = out_dir / ".originals"
    work.mkdir(mode=0o700, exist_ok=True)
    result, used = CleanCopies(), set[str]()
    inputs = store.input_paths()
    try:
        for item_id in item_ids:
            record = store.record(item_id)
            member_path = _media_member(record) if record else None
            if record is None or member_path is None:
                continue
            name = _unique(Path(member_path).name, used)
            try:
                original = _copy_member(inputs.get(record["input"], ()), member_path, work / name)
                result.made.append(scrub_file(original, out_dir).output)
            except (SourceError, OSError):
                result.failed.append((name, "gone"))
            except ScrubError:
                result.failed.append((name, "not_cleaned"))
            finally:
                (work / name).unlink(missing_ok=True)  # the copy with metadata never stays
    finally:
        remove_tree(work)
    return result


def _media_member(record: dict) -> str | None:
    try:
        refs = json.loads(record["media"] or "[]")
    except ValueError:
        return None
    for ref in refs:
        path = ref.get("path") if isinstance(ref, dict) else None
        if path and is_media_path(path) and "://" not in path:
            return path
    return None


def _unique(name: str, used: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}.{suffix}" if dot else f"{name}-{n}"
    used.add(candidate)
    return candidate


def _copy_member(paths: Sequence[Path], member_path: str, target: Path) -> Path:
    if not paths or not all(Path(p).exists() for p in paths):
        raise SourceError(N_("the export is no longer where it was scanned"))
    with open_source([Path(p) for p in paths]) as source:
        member = next((m for m in source.members if m.path == member_path), None)
        if member is None or member.size > MAX_BYTES:
            raise SourceError(N_("the file is no longer in the export"))
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with source.open(member) as fh, os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(fh, out, 1024 * 1024)
    return target
