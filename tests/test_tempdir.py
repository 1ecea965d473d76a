"""Nothing about the person lands in the temp directory in clear (issue 8 §2).

A real `cuidado scan` (a subprocess, as a person runs it) with TMPDIR pointed at a fresh folder,
watched from a thread while it runs: the folder's files, and every file the process holds open
there (SQLite unlinks its temp files right after opening them, so listing the folder is not
enough). No file may appear there at all (a unix socket, such as the worker pool's fork-server
listener, holds no data and is allowed), nothing seen may contain the planted strings, and the
folder must be empty afterwards. With an encrypted workspace the workspace folder itself holds them nowhere either.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from conftest import export_paths, hash_tree

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="watches open files through /proc (Linux)")

PLANTED = ("ZQXJ-PLANTED-4417", "Calle Zafiro 9981")
CHAT = (
    "[3/18/22, 14:56:01] Tia Rosa: Messages and calls are end-to-end encrypted.\n"
    "[3/27/22, 21:41:35] Tia Rosa: Hola mija, el código es ZQXJ-PLANTED-4417\n"
    "[3/27/22, 21:42:10] Maria: Vivo en Calle Zafiro 9981, Apt 4, Houston TX 77002\n"
    "[3/27/22, 21:43:00] Maria: mi número es +1 713 555 0199 y mi correo zqxj.planted@example.com\n"
)


def _needles() -> list[bytes]:
    out = []
    for text in PLANTED:
        out += [text.encode("utf-8"), text.encode("utf-16-le")]
    return out


def _planted_export(directory: Path) -> Path:
    chat = directory / "WhatsApp Chat - Tia Rosa.zip"
    with zipfile.ZipFile(chat, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", CHAT)
    return chat


class _Watcher(threading.Thread):
    """Poll the temp folder and the open files of the scan (and its children) until stopped."""

    def __init__(self, tmpdir: Path, pid: int):
        super().__init__(daemon=True)
        self.tmpdir, self.pid = str(tmpdir), pid
        self.seen: set[str] = set()
        self.leaks: list[str] = []
        self.polls = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.poll()
            time.sleep(0.005)
        self.poll()

    def poll(self) -> None:
        self.polls += 1
        for root, _dirs, files in os.walk(self.tmpdir):
            for name in files:
                self._check(os.path.join(root, name), os.path.join(root, name))
        for pid in self._family():
            try:
                fds = os.listdir(f"/proc/{pid}/fd")
            except OSError:
                continue
            for fd in fds:
                try:
                    target = os.readlink(f"/proc/{pid}/fd/{fd}")
                except OSError:
                    continue
                if target.startswith(self.tmpdir):
                    self._check(target, f"/proc/{pid}/fd/{fd}")

    def _family(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as fh:
                        todo += [int(c) for c in fh.read().split()]
            except OSError:
                pass
        return pids

    def _check(self, shown: str, readable: str) -> None:
        try:
            if stat.S_ISSOCK(os.stat(readable).st_mode):
                return  # a unix socket (the worker pool's fork server listens on one) stores nothing
        except OSError:
            pass
        self.seen.add(shown)
        try:
            with open(readable, "rb") as fh:
                data = fh.read(64 * 1024 * 1024)
        except OSError:
            return
        if any(needle in data for needle in _needles()):
            self.leaks.append(shown)


def _run_watched(
    args: list[str], tmpdir: Path, env: dict, *, command: tuple[str, ...] = ("-m", "cuidado")
) -> tuple[subprocess.CompletedProcess, _Watcher]:
    proc = subprocess.Popen(
        [sys.executable, *command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    watcher = _Watcher(tmpdir, proc.pid)
    watcher.start()
    try:
        stdout, stderr = proc.communicate(timeout=300)
    finally:
        watcher.stop.set()
        watcher.join(10)
    return subprocess.CompletedProcess(args, proc.returncode, stdout, stderr), watcher


def _env(tmpdir: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SQLITE_TMPDIR", "CUIDADO_PASSPHRASE")}
    env.update(TMPDIR=str(tmpdir), TEMP=str(tmpdir), TMP=str(tmpdir), **extra)
    return env


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_scan_writes_nothing_to_the_temp_directory(tmp_path, encrypted):
    """The `small` exports: big enough for the scan to start its worker processes."""
    from cuidado.fixtures.generate import generate

    if encrypted:
        pytest.importorskip("sqlcipher3")
    out = tmp_path / "exports"
    labels = generate(out, seed=3, size="small")
    inputs = [*export_paths(out, labels), _planted_export(tmp_path)]
    before = {p: hash_tree(p) for p in inputs}
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    ws = tmp_path / "ws"
    env = _env(tmpdir, **({"CUIDADO_PASSPHRASE": "correct horse battery"} if encrypted else {}))
    steps = [
        [
            "scan",
            "--quiet",
            "--jobs",
            "2",
            "--workspace",
            str(ws),
            *(["--encrypt"] if encrypted else []),
            *map(str, inputs),
        ],
        ["findings", "--json", "--workspace", str(ws)],
        *(
            []
            if encrypted
            else [
                ["plan", "--json", "--workspace", str(ws)],
                ["profile", "--json", "--workspace", str(ws)],
                ["timeline", "--csv", "--workspace", str(ws)],
            ]
        ),
    ]
    outputs = []
    for args in steps:
        proc, watcher = _run_watched(args, tmpdir, env)
        assert proc.returncode == 0, proc.stderr
        assert watcher.polls > 3
        assert watcher.leaks == [], f"`cuidado {args[0]}` wrote the person's data to the temp dir: {watcher.leaks}"
        assert watcher.seen == set(), f"`cuidado {args[0]}` used the temp dir: {sorted(watcher.seen)}"
        outputs.append(proc.stdout)
    assert list(tmpdir.iterdir()) == []
    # the planted data really went through the scan (or the test would prove nothing)
    assert "zqxj.planted@example.com" in outputs[1] and "Zafiro" in outputs[1]
    assert {p: hash_tree(p) for p in inputs} == before
    if encrypted:
        clear = [p.name for p in ws.iterdir() if p.is_file() and any(n in p.read_bytes() for n in _needles())]
        assert clear == [], f"the encrypted workspace holds the planted text in clear in {clear}"


def test_the_watcher_sees_even_unlinked_temp_files(tmp_path):
    """SQLite-style anonymous temp files (opened, then unlinked at once) are caught too."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    code = (
        "import tempfile, time\n"
        "f = tempfile.TemporaryFile()\n"
        f"f.write({PLANTED[1]!r}.encode()); f.flush(); time.sleep(0.5)\n"
    )
    proc, watcher = _run_watched([], tmpdir, _env(tmpdir), command=("-c", code))
    assert proc.returncode == 0, proc.stderr
    assert watcher.leaks and list(tmpdir.iterdir()) == []
