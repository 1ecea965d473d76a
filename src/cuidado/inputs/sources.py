"""Read an export the same way whether it is a zip (or several), a folder or a single file.

Everything the person gives us is untrusted. Members are listed once, their paths
normalised, and anything that could escape a folder, follow a link or blow up on
decompression is refused here, before any importer sees it. Nothing is ever extracted
to disk: members are read in place.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from cuidado.inputs import reasons
from cuidado.locales import TranslatableError
from cuidado.models import Skipped

# A member that inflates more than this many times, past the size below, is a zip bomb.
# Real JSON exports compress about 5-30x; a bomb is typically 1000x or more.
MAX_RATIO = 200
RATIO_CHECK_ABOVE = 16 * 1024 * 1024
MAX_MEMBER_SIZE = 16 * 1024**3  # 16 GiB: larger than any real video, far below a bomb's claim
MAX_TOTAL_SIZE = 512 * 1024**3
MAX_MEMBERS = 2_000_000

_PART_RE = re.compile(r"^(?P<stem>.*?)[-_ ]?(?:part)?(?P<num>\d{1,3})$", re.IGNORECASE)


class SourceError(TranslatableError):
    """The input as a whole cannot be read. The message names the file and the problem (`text(lang)`:
    in the reader's language)."""


@dataclass(frozen=True, slots=True)
class Member:
    path: str  # normalised: forward slashes, no leading "./", relative
    size: int
    fingerprint: str  # content identity without reading the content
    container: str  # the physical file it lives in (a folder's or a single file's member: the file itself)
    ref: zipfile.ZipInfo | None = field(compare=False, repr=False, default=None)  # a zip member's entry

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def lower(self) -> str:
        return self.path.lower()


def normalise_member_path(raw: str) -> str | None:
    """Return a safe relative path, or None when the name tries to leave the export."""
    path = raw.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts) or any("\x00" in p for p in parts):
        return None
    return "/".join(parts)


class Source:
    """One input the person named: list its members once, open them on demand."""

    label: str  # how the input is shown and named in the workspace (input_label); never read back as paths
    paths: list[str]  # the files that reopen it: the zip parts in order, or the folder or file
    members: list[Member]
    refused: list[Skipped]

    def open(self, member: Member) -> IO[bytes]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    @property
    def fingerprint(self) -> str:
        digest = hashlib.blake2b(digest_size=16)
        for member in self.members:
            digest.update(f"{member.path}\x1f{member.fingerprint}\x1e".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class ZipSource(Source):
    """One zip, or the parts of an export split across several zips, read as one tree."""

    def __init__(self, paths: list[Path], label: str | None = None):
        self.label = label or str(paths[0])
        self.paths = [str(p) for p in paths]  # what reopens it (e.g. in a worker process)
        self.members, self.refused = [], []
        self._zips: dict[str, zipfile.ZipFile] = {}
        seen: set[str] = set()
        total = 0
        for path in paths:
            try:
                archive = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
                raise SourceError(reasons.NOT_A_ZIP, path=path, reason=exc) from None
            self._zips[str(path)] = archive
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise SourceError(reasons.TOO_MANY_ENTRIES, path=path, count=f"{len(infos):,}")
            for info in infos:
                if not info.filename:
                    self.refused.append(Skipped(str(path), "(no name)", reasons.REFUSED_NO_NAME))
                    continue
                if info.is_dir():
                    continue
                problem = _zip_member_problem(info)
                norm = normalise_member_path(info.filename)
                if norm is None:
                    self.refused.append(Skipped(str(path), info.filename, reasons.REFUSED_OUTSIDE))
                    continue
                if norm in seen:
                    problem = problem or reasons.REFUSED_SAME_NAME
                if problem:
                    # A repeated name gets its own label: reading the first copy must not clear it.
                    label = f"{info.filename} (another entry with this name)" if norm in seen else info.filename
                    self.refused.append(Skipped(str(path), label, problem))
                    continue
                total += info.file_size
                if total > MAX_TOTAL_SIZE:
                    raise SourceError(reasons.TOO_BIG_IN_ALL, path=path, size=MAX_TOTAL_SIZE >> 30)
                seen.add(norm)
                self.members.append(
                    Member(
                        path=norm,
                        size=info.file_size,
                        fingerprint=f"z{info.CRC:08x}-{info.file_size}",
                        container=str(path),
                        ref=info,
                    )
                )

    def open(self, member: Member) -> IO[bytes]:
        assert member.ref is not None  # every member listed from a zip keeps its entry
        return self._zips[member.container].open(member.ref)

    def close(self) -> None:
        for archive in self._zips.values():
            archive.close()
        self._zips.clear()


_READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
# Windows writes Deflate64 for big zips; Python's zipfile cannot read it.
_METHOD_NAMES = {9: "Deflate64", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES encryption"}


def _zip_member_problem(info: zipfile.ZipInfo) -> str | None:
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return reasons.REFUSED_LINK
    if info.flag_bits & 0x1:
        return reasons.REFUSED_ENCRYPTED
    if info.compress_type not in _READABLE_METHODS:
        name = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        return reasons.UNKNOWN_COMPRESSION.format(method=name)
    if info.file_size > MAX_MEMBER_SIZE:
        return reasons.REFUSED_BOMB_SIZE.format(size=f"{info.file_size:,}")
    if info.file_size > RATIO_CHECK_ABOVE:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_RATIO:
            return reasons.REFUSED_BOMB_RATIO.format(ratio=f"{ratio:,.0f}")
    if (
        info.filename.lower().endswith(".zip")
        and info.compress_size
        and info.file_size / info.compress_size > MAX_RATIO
    ):
        return reasons.REFUSED_NESTED_BOMB
    return None


class FolderSource(Source):
    """An unpacked export or a folder of photos. Links are never followed."""

    def __init__(self, root: Path, label: str | None = None):
        self.label = label or str(root)
        self.root = root
        self.paths = [str(root)]
        self.members, self.refused = [], []
        for rel, full, info in walk_files(root, self.refused, self.label):
            self.members.append(
                Member(
                    path=rel,
                    size=info.st_size,
                    fingerprint=f"f{info.st_size}-{info.st_mtime_ns}",
                    container=str(full),
                )
            )
            if len(self.members) > MAX_MEMBERS:
                raise SourceError(reasons.TOO_MANY_FILES, path=root, count=f"{MAX_MEMBERS:,}")

    def open(self, member: Member) -> IO[bytes]:
        return open(member.container, "rb")


class FileSource(Source):
    """A single file, e.g. a WhatsApp chat .txt or one photo."""

    def __init__(self, path: Path, label: str | None = None):
        self.label = label or str(path)
        self.paths = [str(path)]
        info = path.stat()
        self.members = [
            Member(
                path=path.name,
                size=info.st_size,
                fingerprint=f"f{info.st_size}-{info.st_mtime_ns}",
                container=str(path),
            )
        ]
        self.refused = []

    def open(self, member: Member) -> IO[bytes]:
        return open(member.container, "rb")


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


MAX_FOLDER_DEPTH = 64  # exports and photo folders nest a dozen levels at most; thousands is an attack


def walk_files(root: Path, refused: list[Skipped], label: str, max_depth: int = MAX_FOLDER_DEPTH):
    """The regular files under `root`, as (relative path, full path, lstat), in sorted order.

    Iterative (os.walk recurses, and a folder ~1,000 levels deep crashed it) and never deeper
    than `max_depth`: what is not read is added to `refused` with the reason. Links are never
    followed; pipes, devices and sockets are passed over."""
    stack = [(root, 0)]
    while stack:
        here, depth = stack.pop()
        try:
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            refused.append(
                Skipped(
                    label, _rel(here, root) if here != root else "", reasons.COULD_NOT_READ.format(reason=exc.strerror)
                )
            )
            continue
        folders = []
        for entry in entries:
            full = here / entry.name
            rel = _rel(full, root)
            try:
                if entry.is_symlink():
                    refused.append(Skipped(label, rel, reasons.REFUSED_LINK))
                elif entry.is_dir(follow_symlinks=False):
                    if depth + 1 > max_depth:
                        refused.append(Skipped(label, rel, reasons.REFUSED_TOO_DEEP.format(depth=max_depth)))
                    else:
                        folders.append((full, depth + 1))
                else:
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode):
                        yield rel, full, info
            except OSError as exc:
                refused.append(Skipped(label, rel, reasons.COULD_NOT_READ.format(reason=exc.strerror)))
        stack.extend(reversed(folders))


def open_source(paths: list[Path], label: str | None = None) -> Source:
    """Open what the person named: zip(s), a folder or a file. Raises SourceError with a clear message.
    `label` names it (input_label(paths) unless given)."""
    label = label or input_label(paths)
    first = paths[0]
    if not first.exists() and not first.is_symlink():
        raise SourceError(reasons.NO_SUCH_INPUT, path=first)
    if first.is_symlink():
        raise SourceError(reasons.INPUT_IS_LINK, path=first)
    if first.is_dir():
        return FolderSource(first, label)
    for path in paths:
        # A pipe or a device (/dev/zero) never ends: reading one would hang or fill the memory.
        if not stat.S_ISREG(path.stat().st_mode):
            raise SourceError(reasons.NOT_A_FILE, path=path)
    if zipfile.is_zipfile(first):
        return ZipSource(paths, label)
    if first.suffix.lower() == ".zip":
        raise SourceError(reasons.DAMAGED_DOWNLOAD, path=first)
    return FileSource(first, label)


def absolute_input(path: Path) -> Path:
    """The full path of what the person named, as stored in the workspace, so later commands find it
    from any folder. Its folders are resolved; the last part is not, so a symbolic link given as the
    input is still seen (and refused) as one."""
    path = Path(os.path.abspath(Path(path).expanduser()))
    return path.parent.resolve() / path.name if path.name else path


def input_label(parts: list[Path]) -> str:
    """How an input is shown and named in the workspace: its path, or "first.zip (+N parts)" for a
    split export. Only ever built, never read back: the workspace keeps the paths (input_parts)."""
    return str(parts[0]) if len(parts) == 1 else f"{parts[0]} (+{len(parts) - 1} parts)"


def group_inputs(paths: list[Path]) -> list[list[Path]]:
    """Put the parts of a split export together (takeout-…-001.zip, -002.zip; facebook-…-1.zip, -2.zip)."""
    groups: dict[str, list[Path]] = {}
    order: list[str] = []
    for path in paths:
        key = str(path)
        if path.suffix.lower() == ".zip":
            match = _PART_RE.match(path.stem)
            if match and match.group("stem"):
                key = str(path.with_name(match.group("stem").rstrip("-_ ")))
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(path)
    result = []
    for key in order:
        parts = groups[key]
        if len(parts) > 1:
            parts.sort(key=_part_number)
        result.append(parts)
    return result


def _part_number(path: Path) -> int:
    match = _PART_RE.match(path.stem)
    return int(match.group("num")) if match else 0
