"""Peak memory of a process and all its descendants (the scan and its worker processes), on Linux.

`ru_maxrss` only gives the largest single process; the scan's cost is the main process plus
its workers together. We sample /proc every 100 ms and sum each process's PSS (proportional set
size: pages shared between the fork server's children are counted once, split between them).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _tree(pid: int) -> list[tuple[int, str]]:
    """(pid, role) of the process and its descendants: main, fork server, worker, or the program."""
    found, todo = [], [(pid, "main")]
    while todo:
        current, role = todo.pop()
        found.append((current, role))
        for child in _children(current):
            command = _command(child)
            if role == "fork server":
                child_role = "worker"
            elif "forkserver" in command:
                child_role = "fork server"
            else:
                child_role = Path(command.split(" ", 1)[0]).name or "?"
            todo.append((child, child_role))
    return found


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """Samples the tree under `pid` in a thread until stopped; `peak_mb` is the largest total seen."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.at_peak: list[tuple[str, int]] = []  # (process, PSS kB) when the peak was seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            sizes = [(role, _pss_kb(p)) for p, role in _tree(self.pid)]
            total = sum(kb for _, kb in sizes)
            if total > self.peak_kb:
                self.peak_kb, self.at_peak = total, sizes
            self._stop.wait(self.interval)

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024

    def breakdown(self) -> str:
        """What each process held at the peak, e.g. 'main 210 + worker 2x95 + tesseract 60'."""
        by_role: dict[str, list[int]] = {}
        for role, kb in self.at_peak:
            by_role.setdefault(role, []).append(kb)
        parts = []
        for role, sizes in sorted(by_role.items(), key=lambda kv: -sum(kv[1])):
            each = round(sum(sizes) / len(sizes) / 1024)
            parts.append(f"{role} {len(sizes)}x{each}" if len(sizes) > 1 else f"{role} {each}")
        return " + ".join(parts) + " MB"


def available() -> bool:
    return os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")
