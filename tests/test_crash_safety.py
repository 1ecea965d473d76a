"""Crash safety (issue 8 §4): a scan killed with SIGKILL at random moments, then resumed, ends with
exactly the items and findings of a scan that was never interrupted: nothing lost, nothing twice,
and the database is never left damaged.

The real command runs in subprocesses (`python -m cuidado scan --quiet --workspace WS PATHS…`) on a
generated export (every platform, `small`). One uninterrupted scan gives the reference and its
duration. Twelve workspaces are each killed twice — the second time while the scan is being
resumed — at moments drawn (seeded) one per slice of that duration; four more are killed once
inside the window where members are being written: when `members_done` reaches a random count, after a
random few milliseconds more. Each is then resumed to the end and compared with the reference: 30
kills in all, two runs at a time, to fit the whole test in a couple of minutes on two cores.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from conftest import export_paths, hash_tree

TRIALS = 12  # runs killed twice (the second time while resuming), then resumed to the end
TRIALS_WHILE_WRITING = 6  # runs killed once while members are being written, then resumed
SEED = 20261102


def _scan_command(ws: Path, inputs: list[Path]) -> list[str]:
    return [sys.executable, "-m", "cuidado", "scan", "--quiet", "--workspace", str(ws), *map(str, inputs)]


def _start(ws: Path, inputs: list[Path]) -> subprocess.Popen:
    # Its own process group: the kill takes the scan's worker processes too, as a power cut would.
    return subprocess.Popen(
        _scan_command(ws, inputs),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
        start_new_session=True,
    )


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _env() -> dict:
    return {k: v for k, v in os.environ.items() if k != "CUIDADO_PASSPHRASE"}


def _connect(ws: Path) -> sqlite3.Connection:
    return sqlite3.connect(ws / "cuidado.db", timeout=30)


@dataclass
class Snapshot:
    records: frozenset
    findings: frozenset
    members_done: int
    record_rows: int
    finding_rows: int

    @classmethod
    def of(cls, ws: Path) -> Snapshot:
        conn = _connect(ws)
        try:
            records = [r for (r,) in conn.execute("SELECT id FROM records")]
            findings = list(conn.execute("SELECT id, kind, value FROM findings"))
            done = conn.execute("SELECT count(*) FROM members_done").fetchone()[0]
        finally:
            conn.close()
        return cls(frozenset(records), frozenset(findings), done, len(records), len(findings))


def _integrity(ws: Path) -> str:
    if not (ws / "cuidado.db").exists():
        return "ok"  # killed before the workspace was created
    conn = _connect(ws)
    try:
        return ";".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def _members_done(ws: Path) -> int | None:
    try:
        conn = sqlite3.connect(f"file:{ws / 'cuidado.db'}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT count(*) FROM members_done").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _reference(ws: Path, inputs: list[Path]) -> tuple[float, tuple[float, float]]:
    """Run one scan to the end; its duration, and when members_done grew (the writing window)."""
    start = time.monotonic()
    proc = subprocess.Popen(_scan_command(ws, inputs), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    first = last = None
    seen = 0
    while proc.poll() is None:
        done = _members_done(ws)
        now = time.monotonic() - start
        if done:
            if first is None:
                first = now
            if done > seen:
                seen, last = done, now
        time.sleep(0.01)
    duration = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr.read().decode()
    return duration, (first or 0.0, last or duration)


@dataclass
class Trial:
    delays: tuple[float, ...] = ()  # kill after these many seconds (one run each)
    at_members: tuple[int, float] | None = None  # or: once members_done reaches this, this many seconds later
    killed: int = 0  # how many of the delays hit a running scan
    done_at_kill: list | None = None
    integrity_after_kill: list | None = None
    integrity: str = ""
    snapshot: Snapshot | None = None
    resume_error: str = ""


def _run_trial(ws: Path, inputs: list[Path], trial: Trial) -> Trial:
    trial.done_at_kill, trial.integrity_after_kill = [], []
    if trial.at_members:
        target, extra = trial.at_members
        proc = _start(ws, inputs)
        while proc.poll() is None and (_members_done(ws) or 0) < target:
            time.sleep(0.003)
        time.sleep(extra)
        if proc.poll() is None:
            trial.killed += 1
        _kill(proc)
        trial.done_at_kill.append(_members_done(ws))
        trial.integrity_after_kill.append(_integrity(ws))
    for delay in trial.delays:
        proc = _start(ws, inputs)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            trial.killed += 1
        _kill(proc)  # the scan's group: worker processes of a finished scan are gone already
        trial.done_at_kill.append(_members_done(ws))
        trial.integrity_after_kill.append(_integrity(ws))
    resume = subprocess.run(_scan_command(ws, inputs), capture_output=True, text=True, timeout=300, env=_env())
    if resume.returncode != 0 or "Traceback" in resume.stderr:
        trial.resume_error = resume.stderr[-2000:]
        return trial
    trial.integrity = _integrity(ws)
    trial.snapshot = Snapshot.of(ws)
    return trial


def test_scans_killed_at_random_moments_resume_to_exactly_the_same_result(tmp_path):
    from cuidado.fixtures.generate import generate

    out = tmp_path / "export"
    labels = generate(out, seed=3, size="small")
    inputs = export_paths(out, labels)
    before = {p: hash_tree(p) for p in inputs}

    duration, (write_from, write_to) = _reference(tmp_path / "reference", inputs)
    reference = Snapshot.of(tmp_path / "reference")
    assert reference.records and reference.findings and reference.members_done > 50

    rng = random.Random(SEED)

    def spread(n: int) -> list[float]:  # one moment in each of n equal slices of the scan, shuffled
        moments = [rng.uniform(i * duration / n, (i + 1) * duration / n) for i in range(n)]
        rng.shuffle(moments)
        return moments

    trials = [
        Trial(delays=(max(first, 0.01), max(second, 0.01))) for first, second in zip(spread(TRIALS), spread(TRIALS))
    ]
    trials += [
        Trial(at_members=(rng.randrange(1, reference.members_done), rng.uniform(0, 0.03)))
        for _ in range(TRIALS_WHILE_WRITING)
    ]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda it: _run_trial(tmp_path / f"ws{it[0]:02d}", inputs, it[1]), enumerate(trials)))

    killed = sum(t.killed for t in results)
    partial = sum(1 for t in results for done in t.done_at_kill if done and done < reference.members_done)
    report = (
        f"reference scan {duration:.1f}s (members written {write_from:.1f}-{write_to:.1f}s); "
        f"{killed} kills, {partial} left a partly written workspace"
    )
    print(report)
    assert killed >= 20, report
    assert partial >= TRIALS_WHILE_WRITING, report  # the kills really hit the middle of the writing, not only its edges
    for i, trial in enumerate(results):
        when = [f"{d:.2f}s" for d in trial.delays] + ([f"{trial.at_members[0]} members"] if trial.at_members else [])
        where = f"run {i} (killed after {', '.join(when)})"
        assert trial.resume_error == "", f"{where}: the resumed scan failed:\n{trial.resume_error}"
        assert all(check == "ok" for check in trial.integrity_after_kill), f"{where}: {trial.integrity_after_kill}"
        assert trial.integrity == "ok", f"{where}: {trial.integrity}"
        snap = trial.snapshot
        assert snap.record_rows == len(snap.records) and snap.finding_rows == len(snap.findings)
        lost, extra = reference.records - snap.records, snap.records - reference.records
        assert not lost and not extra, f"{where}: {len(lost)} records lost, {len(extra)} unexpected"
        lost, extra = reference.findings - snap.findings, snap.findings - reference.findings
        assert not lost and not extra, f"{where}: findings lost {sorted(lost)[:5]}, unexpected {sorted(extra)[:5]}"
        assert snap.members_done == reference.members_done, where
    assert {p: hash_tree(p) for p in inputs} == before
