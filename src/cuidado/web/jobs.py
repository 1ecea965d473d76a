"""Uploaded exports and the background scan.

Uploads go into the workspace's uploads/ folder (private, 0700; `cuidado purge` removes it),
one folder per batch, and nowhere else. Names come from the browser, so they are cleaned
like archive member names: nothing can climb out of the batch folder or follow a link.
In an encrypted workspace a batch is deleted as soon as its scan ends (the person keeps the
file they downloaded): nothing readable stays on disk.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
from pathlib import Path
from typing import BinaryIO, TypedDict

from cuidado.inputs.sources import MAX_FOLDER_DEPTH, normalise_member_path
from cuidado.scan.pipeline import InputResult, Progress, scan
from cuidado.store import open_store
from cuidado.store.folder import claim
from cuidado.store.purge import remove_tree

UPLOADS = "uploads"
CHUNK = 1024 * 1024
SPARE_BYTES = 512 * 1024 * 1024  # leave this much disk free


def N_(message: str) -> str:
    """Marks a message for the catalogs; the page translates it when it shows it."""
    return message


class UploadError(ValueError):
    """The upload cannot be stored; the message (a catalog msgid) is shown translated, after the file's name."""


class Uploads:
    def __init__(self, workspace: Path):
        self.root = workspace / UPLOADS

    def new_batch(self) -> str:
        claim(self.root.parent)  # the workspace itself: cuidado's, private
        self.root.mkdir(mode=0o700, exist_ok=True)
        os.chmod(self.root, 0o700)
        name = time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)
        (self.root / name).mkdir(mode=0o700)
        return name

    def batch_dir(self, batch: str) -> Path:
        if not batch or "/" in batch or "\\" in batch or batch.startswith("."):
            raise UploadError(N_("unknown upload batch"))
        path = self.root / batch
        if not path.is_dir() or path.is_symlink():
            raise UploadError(N_("unknown upload batch"))
        return path

    def save(self, batch: str, name: str, body: BinaryIO, length: int) -> Path:
        """Stream one file into the batch; `name` may be a relative path inside a dropped folder."""
        folder = self.batch_dir(batch)
        rel = normalise_member_path(name or "") or ""  # "" (unusable) is refused just below
        parts = rel.split("/") if rel else []
        if not parts or len(parts) > MAX_FOLDER_DEPTH or any(len(p) > 255 or p.startswith("..") for p in parts):
            raise UploadError(N_("this file name cannot be used"))
        if length < 0:
            raise UploadError(N_("the upload has no length"))
        if shutil.disk_usage(folder).free - length < SPARE_BYTES:
            raise UploadError(N_("not enough free disk space for this file"))
        target = folder / rel
        parent = folder
        for part in rel.split("/")[:-1]:
            parent = parent / part
            if parent.is_symlink():
                raise UploadError(N_("this file name cannot be used"))
            parent.mkdir(mode=0o700, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            raise UploadError(N_("a file with this name was already added")) from None
        remaining = length
        with os.fdopen(fd, "wb") as out:
            while remaining > 0:
                chunk = body.read(min(CHUNK, remaining))
                if not chunk:
                    break
                out.write(chunk)
                remaining -= len(chunk)
        if remaining:
            target.unlink()
            raise UploadError(N_("the upload was interrupted"))
        return target

    def inputs(self, batch: str) -> list[Path]:
        """What to scan: each top-level file (zip, .txt) and each dropped folder."""
        folder = self.batch_dir(batch)
        return sorted(p for p in folder.iterdir() if not p.is_symlink())

    def discard(self, batch: str) -> None:
        """Delete a batch's copies (any depth; links removed, never followed)."""
        try:
            remove_tree(self.batch_dir(batch))
        except UploadError:
            pass

    def discard_all(self) -> None:
        if self.root.is_dir() and not self.root.is_symlink():
            for batch in self.root.iterdir():
                if batch.is_dir() and not batch.is_symlink():
                    remove_tree(batch)
                else:
                    batch.unlink(missing_ok=True)


class ScanState(TypedDict):
    """What the page polls (ScanJob.status())."""

    state: str  # idle, scanning, done, error
    file: str
    platform: str | None  # the input's, as InputResult has it
    done: int  # bytes of the current input read, of total
    total: int
    inputs: list[dict]  # one _outcome() per input finished
    error: str | None
    phase: str  # reading, photos, or "" once over
    photos_done: int
    photos_total: int


def _fresh_state(state: str, phase: str) -> ScanState:
    """Nothing read yet: before the first scan, and at the start of each."""
    return {
        "state": state,
        "file": "",
        "platform": "",
        "done": 0,
        "total": 0,
        "inputs": [],
        "error": None,
        "phase": phase,
        "photos_done": 0,
        "photos_total": 0,
    }


class ScanJob(Progress):
    """One scan at a time, in a background thread, reporting progress the page polls."""

    def __init__(self, workspace: Path, passphrase: str | None = None):
        self.workspace, self.passphrase = workspace, passphrase
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        # phase "reading" the exports, then "photos": the results pages can be read while
        # photos_done of photos_total photos are checked for faces and documents.
        self.state: ScanState = _fresh_state("idle", "")

    def status(self) -> dict:
        with self.lock:
            return {**self.state, "inputs": list(self.state["inputs"])}

    def launch(self, paths: list[Path], after=None) -> bool:
        """Start scanning in the background; False when a scan is already running. `after` runs
        when the scan ends, whatever the outcome."""
        with self.lock:
            if self.thread and self.thread.is_alive():
                return False
            self.state.update(_fresh_state("scanning", "reading"))
            self.thread = threading.Thread(target=self._run, args=(paths, after), name="cuidado-scan", daemon=True)
            self.thread.start()
        return True

    def _run(self, paths: list[Path], after=None) -> None:
        inputs: list[dict] = []
        error: str | None = None
        try:
            store = open_store(self.workspace, self.passphrase)
            try:
                results = scan(paths, store, progress=self)
            finally:
                store.close()
            # every input, also those refused whole (they never reach finish())
            inputs = [_outcome(r) for r in results]
        except Exception as exc:  # shown on the page; the workspace keeps whatever was read
            error = f"{type(exc).__name__}: {exc}"
        try:
            if after is not None:
                after()  # before the page hears "done"
        finally:
            with self.lock:
                if error is None:
                    self.state.update({"state": "done", "phase": "", "inputs": inputs})
                else:
                    self.state.update({"state": "error", "phase": "", "error": error})

    # Progress callbacks, from the scan thread.
    def start(self, result: InputResult, total_bytes: int) -> None:
        with self.lock:
            self.state.update(
                {"file": _file_name(result), "platform": result.platform, "done": 0, "total": total_bytes}
            )

    def advance(self, nbytes: int) -> None:
        with self.lock:
            self.state["done"] += nbytes

    def finish(self, result: InputResult) -> None:
        with self.lock:
            self.state["inputs"].append(_outcome(result))

    def photos(self, done: int, total: int) -> None:
        with self.lock:
            self.state.update({"phase": "photos", "photos_done": done, "photos_total": total})


def _outcome(result: InputResult) -> dict:
    error = result.error
    if error and error.startswith(result.label):  # it names the upload path; the page names the file
        error = error[len(result.label) :].lstrip(": ")
    return {
        "file": _file_name(result),
        "platform": result.platform,
        "records": result.records,
        "already": result.already,
        "skipped": len(result.skipped),
        "error": error,
        "problem": result.problem,
        "unchecked": result.unchecked,
    }


def _file_name(result: InputResult) -> str:
    """The page names an input by its (first) file, not the upload folder's path."""
    return Path(result.paths[0]).name if result.paths else result.label
