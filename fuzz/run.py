#!/usr/bin/env python3
"""Fuzz cuidado's importers, WhatsApp chat grammar, media metadata reader and scrubbers.

    python fuzz/run.py --total 1000000              # spread over every target, one worker per core
    python fuzz/run.py --total 20000 --targets media.jpeg,scrub.jpeg --jobs 1 --seed 3
    python fuzz/run.py --list                       # the targets and their seed counts
    python fuzz/run.py --reproduce fuzz/crashes/media.jpeg/<file>.bin

A seeded, structure-aware mutation fuzzer (no extra dependency; `atheris` is not needed): it starts
from real samples (shared/samples, or $CUIDADO_SAMPLES) and generated exports and mutates
bytes, JSON values and keys, chat lines, and the segments/chunks/boxes of media files.

An execution fails when it raises anything but the errors its target documents (ImportProblem and
the damaged-file errors importers/run.py words for a person; MediaError; ValueError and its
subclasses), runs longer than --time-limit (a hang), or grows the worker past --rss-limit-mb (a
memory blow-up); a worker that dies or stops responding is a failure too. Failing inputs are saved
under fuzz/crashes/<target>/ with their traceback. Counts per target are printed at the end; the
exit status is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import mmap
import multiprocessing
import os
import random
import resource
import signal
import struct
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import importlib.util  # noqa: E402

if importlib.util.find_spec("cuidado") is None and (HERE.parent / "src" / "cuidado").is_dir():
    sys.path.insert(1, str(HERE.parent / "src"))  # not installed: use the checkout this script sits in

import targets as target_registry  # noqa: E402

CRASH_DIR = HERE / "crashes"
CHUNK = 2000  # executions per task handed to a worker
INPUT_SLOT = 8 * 1024 * 1024  # the shared buffer holding each worker's current input


class ExecTimeout(BaseException):
    """Raised by the alarm inside an execution that runs too long (not an Exception: code can't swallow it)."""


def _on_alarm(signum, frame):
    raise ExecTimeout()


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024**2


def _where(exc: BaseException) -> str:
    """The innermost frame in cuidado's own code: what makes two crashes the same bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/cuidado/" in f.filename.replace("\\", "/")]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    path = frame.filename.replace("\\", "/")
    short = path.split("/src/", 1)[-1] if "/src/" in path else path.rsplit("/", 2)[-1]
    return f"{short}:{frame.lineno}"


@dataclass
class Tally:
    execs: int = 0
    clean: int = 0  # ran to the end
    rejected: int = 0  # raised a documented error (a clear "cannot read this")
    crashes: int = 0
    hangs: int = 0
    memory: int = 0
    seconds: float = 0.0

    def add(self, other: dict) -> None:
        for key, value in other.items():
            setattr(self, key, getattr(self, key) + value)


@dataclass
class Failure:
    target: str
    kind: str  # crash / hang / memory / died
    key: str  # exception type and place
    message: str
    trace: str
    data: bytes = field(repr=False, default=b"")
    path: str = ""


# --- the worker ------------------------------------------------------------------------------


def _save_current(buf: mmap.mmap, path: str, data: bytes) -> None:
    encoded = path.encode("utf-8", "surrogatepass")[:1000]
    data = data[: INPUT_SLOT - 1100]
    buf[0:8] = struct.pack("<II", len(encoded), len(data))
    buf[8 : 8 + len(encoded)] = encoded
    buf[1100 : 1100 + len(data)] = data


def _load_current(buf: mmap.mmap) -> tuple[str, bytes]:
    n_path, n_data = struct.unpack("<II", buf[0:8])
    return buf[8 : 8 + n_path].decode("utf-8", "replace"), bytes(buf[1100 : 1100 + n_data])


def worker(slot: int, conn, state, buf_path: str, registry: dict, options: dict) -> None:
    warnings.simplefilter("ignore")  # Pillow and zipfile warn about every broken file
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, _on_alarm)
    with open(buf_path, "r+b") as fh:
        buf = mmap.mmap(fh.fileno(), INPUT_SLOT)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = int((_rss_mb() + options["rss_limit_mb"] * 1.5) * 1024**2)
    if hard == resource.RLIM_INFINITY or cap < hard:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    while True:
        task = conn.recv()
        if task is None:
            return
        name, count, seed = task
        target = registry[name]
        rng = random.Random(seed)
        tally = {"execs": 0, "clean": 0, "rejected": 0, "crashes": 0, "hangs": 0, "memory": 0, "seconds": 0.0}
        failures: list[dict] = []
        started = time.monotonic()
        stop = False
        for i in range(count):
            path, seed_data = rng.choice(target.seeds)
            state[0], state[1], state[2] = time.monotonic(), i, 0  # phase 0: mutating (the harness's own work)
            try:
                data = target.mutate(rng, path, seed_data)
            except RecursionError:
                data = seed_data
            _save_current(buf, path, data)
            state[0], state[2] = time.monotonic(), 1  # phase 1: running the target on `data`
            kind = None
            signal.setitimer(signal.ITIMER_REAL, options["time_limit"])
            try:
                target.execute(path, data, rng)
                tally["clean"] += 1
            except ExecTimeout as exc:
                kind, error = "hang", exc
            except target.allowed:
                tally["rejected"] += 1
            except MemoryError as exc:
                kind, error = "memory", exc
            except Exception as exc:  # anything else is a crash
                kind, error = "crash", exc
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            tally["execs"] += 1
            if kind is None and i % 25 == 0 and _rss_mb() > options["rss_limit_mb"]:
                kind, error, stop = "memory", MemoryError(f"worker RSS {_rss_mb():.0f} MB"), True
            if kind is not None:
                tally[{"crash": "crashes", "hang": "hangs", "memory": "memory"}[kind]] += 1
                label = "timeout" if kind == "hang" else type(error).__name__
                failures.append(
                    {
                        "target": name,
                        "kind": kind,
                        "key": f"{label} at {_where(error)}",
                        "message": str(error)[:300],
                        "trace": "".join(traceback.format_exception(error))[-6000:],
                        "data": data,
                        "path": path,
                    }
                )
                error = None
                if len(failures) > 50:  # keep the report small: one bug tends to repeat
                    failures = failures[:50]
            if stop:
                break
        tally["seconds"] = time.monotonic() - started
        state[0], state[1], state[2] = time.monotonic(), 0, 0
        conn.send((name, tally, failures))
        if stop:
            return


# --- the orchestra ---------------------------------------------------------------------------


class Slot:
    def __init__(self, index: int, registry: dict, options: dict, work: Path):
        self.index, self.registry, self.options = index, registry, options
        self.buf_path = str(work / f"current-{index}.bin")
        with open(self.buf_path, "wb") as fh:
            fh.truncate(INPUT_SLOT)
        self.task = None
        self.started = 0.0
        self.spawn()

    def spawn(self) -> None:
        ctx = multiprocessing.get_context("fork")
        self.state = ctx.Array("d", 3, lock=False)
        self.state[0] = time.monotonic()
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=worker, args=(self.index, child, self.state, self.buf_path, self.registry, self.options), daemon=True
        )
        self.proc.start()
        child.close()
        self.task = None

    def give(self, task) -> None:
        self.task, self.started = task, time.monotonic()
        self.state[0] = time.monotonic()
        self.conn.send(task)

    def current_input(self) -> tuple[str, bytes]:
        with open(self.buf_path, "rb") as fh:
            buf = mmap.mmap(fh.fileno(), INPUT_SLOT, access=mmap.ACCESS_READ)
            try:
                return _load_current(buf)
            finally:
                buf.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()


def _tasks(names: list[str], total: int, seed: int) -> list[tuple[str, int, int]]:
    quota = {name: total // len(names) + (1 if i < total % len(names) else 0) for i, name in enumerate(names)}
    tasks, index = [], 0
    while any(quota.values()):
        for name in names:
            if quota[name]:
                n = min(CHUNK, quota[name])
                quota[name] -= n
                tasks.append((name, n, random.Random(f"{seed}:{name}:{index}").getrandbits(63)))
        index += 1
    return tasks


def save_failure(failure: Failure, crash_dir: Path = CRASH_DIR) -> Path:
    digest = hashlib.sha1(failure.data).hexdigest()[:12]
    folder = crash_dir / failure.target
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{failure.kind}-{hashlib.sha1(failure.key.encode()).hexdigest()[:8]}-{digest}"
    (folder / f"{stem}.bin").write_bytes(failure.data)
    (folder / f"{stem}.txt").write_text(
        f"target: {failure.target}\npath: {failure.path}\nkind: {failure.kind}\n"
        f"key: {failure.key}\n\n{failure.trace}\n",
        encoding="utf-8",
    )
    return folder / f"{stem}.bin"


def fuzz(options: dict) -> tuple[dict[str, Tally], list[Failure]]:
    work = Path(options["work"] or tempfile.mkdtemp(prefix="cuidado-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    registry = target_registry.load_targets(work / "seeds")
    names = sorted(registry)
    if options["targets"]:
        wanted = [t.strip() for t in options["targets"].split(",") if t.strip()]
        unknown = [t for t in wanted if t not in registry]
        if unknown:
            raise SystemExit(f"unknown target(s): {', '.join(unknown)}; known: {', '.join(names)}")
        names = wanted
    pending = _tasks(names, options["total"], options["seed"])
    tallies = {name: Tally() for name in names}
    failures: dict[str, Failure] = {}  # first input for each distinct failure
    repeats: dict[str, int] = {}
    hang_after = max(10.0, options["time_limit"] * 4)
    slots = [Slot(i, registry, options, work) for i in range(max(1, options["jobs"]))]
    started, last_print = time.monotonic(), 0.0

    def record(item: dict) -> None:
        key = f"{item['target']}|{item['kind']}|{item['key']}"
        repeats[key] = repeats.get(key, 0) + 1
        if key not in failures:
            failure = Failure(**item)
            failures[key] = failure
            where = save_failure(failure, Path(options["crash_dir"]))
            print(
                f"  ! {failure.target}: {failure.kind} {failure.key}: {failure.message[:120]}  -> {where}", flush=True
            )

    try:
        while pending or any(s.task for s in slots):
            for slot in slots:
                if slot.task is None and pending:
                    slot.give(pending.pop(0))
            for slot in slots:
                if slot.task is None:
                    continue
                if slot.conn.poll(0.05):
                    try:
                        name, tally, items = slot.conn.recv()
                    except (EOFError, OSError):
                        name, tally, items = slot.task[0], None, []
                    if tally is not None:
                        tallies[name].add(tally)
                        for item in items:
                            record(item)
                        done = tally["execs"]
                        if done < slot.task[1]:  # the worker stopped early (memory): finish the chunk anew
                            pending.append((name, slot.task[1] - done, slot.task[2] + 1))
                        slot.task = None
                        if not slot.proc.is_alive() or tally["memory"]:
                            slot.proc.join(5)
                            slot.spawn()
                        continue
                stale = time.monotonic() - slot.state[0]
                dead = not slot.proc.is_alive()
                if dead or stale > hang_after:
                    name, count, seed = slot.task
                    path, data = slot.current_input()
                    mutating = slot.state[2] == 0
                    if dead:
                        kind, key = "died", f"exit {slot.proc.exitcode}"
                    else:
                        kind, key = "hang", f"no answer for {stale:.0f}s"
                        slot.proc.kill()
                    slot.proc.join()
                    done = int(slot.state[1]) + (0 if mutating else 1)
                    if mutating:  # the fuzzer's own mutator, not the code under test: say so, count nothing
                        print(f"  (harness: a worker {kind} while mutating an input for {name}; restarted)", flush=True)
                        tallies[name].add({"execs": done})
                    else:
                        tallies[name].add({"execs": done, "hangs" if kind == "hang" else "crashes": 1})
                        record(
                            {
                                "target": name,
                                "kind": kind,
                                "key": key,
                                "message": key,
                                "trace": f"worker {kind} while running this input",
                                "data": data,
                                "path": path,
                            }
                        )
                    if count - done > 0:
                        pending.append((name, count - done, seed + 1))
                    slot.spawn()
            now = time.monotonic()
            if options["progress"] and now - last_print > 15:
                last_print = now
                execs = sum(t.execs for t in tallies.values())
                print(f"  … {execs:,} executions, {execs / max(now - started, 1e-9):,.0f}/s", flush=True)
    finally:
        for slot in slots:
            slot.stop()
    for key, failure in failures.items():
        failure.message += f" (seen {repeats[key]} times)"
    return tallies, list(failures.values())


def report(tallies: dict[str, Tally], failures: list[Failure], seconds: float) -> str:
    lines = [
        f"{'target':<20}{'executions':>12}{'clean':>10}{'rejected':>10}{'crashes':>9}{'hangs':>7}"
        f"{'memory':>8}{'exec/s':>9}"
    ]
    for name, t in tallies.items():
        rate = t.execs / t.seconds if t.seconds else 0
        lines.append(
            f"{name:<20}{t.execs:>12,}{t.clean:>10,}{t.rejected:>10,}{t.crashes:>9}{t.hangs:>7}"
            f"{t.memory:>8}{rate:>9,.0f}"
        )
    total = sum(t.execs for t in tallies.values())
    bad = sum(t.crashes + t.hangs + t.memory for t in tallies.values())
    lines.append(f"{'total':<20}{total:>12,}{'':>20}{bad:>9}   in {seconds:,.0f}s")
    if failures:
        lines.append("\nFailures (first input of each saved under fuzz/crashes/):")
        for f in failures:
            lines.append(f"  {f.target}: {f.kind} {f.key}: {f.message[:160]}")
    else:
        lines.append("\nNo crash, hang or memory blow-up.")
    return "\n".join(lines)


def reproduce(path: Path, target_name: str | None) -> int:
    info = path.with_suffix(".txt")
    member = "input"
    if info.exists():
        for line in info.read_text(encoding="utf-8").splitlines():
            if line.startswith("target: ") and not target_name:
                target_name = line[8:].strip()
            elif line.startswith("path: "):
                member = line[6:].strip()
    target_name = target_name or path.parent.name
    registry = target_registry.load_targets()
    target = registry[target_name]
    data = path.read_bytes()
    print(f"{target_name} on {path} ({len(data):,} bytes, as {member!r})")
    started = time.monotonic()
    try:
        target.execute(member, data, random.Random(0))
    except target.allowed as exc:
        print(f"documented error, fine: {type(exc).__name__}: {str(exc)[:300]}")
    except BaseException:
        traceback.print_exc()
        return 1
    else:
        print("ran to the end")
    print(f"{time.monotonic() - started:.2f}s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--total", type=int, default=100_000, help="executions in all, spread over the targets")
    parser.add_argument("--targets", default="", help="comma-separated target names (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--seed", type=int, default=1, help="makes a run reproducible")
    parser.add_argument("--time-limit", type=float, default=5.0, help="seconds one execution may take")
    parser.add_argument("--rss-limit-mb", type=float, default=1500, help="memory a worker may grow to")
    parser.add_argument("--work", default="", help="folder for generated seeds (default: a temp folder)")
    parser.add_argument("--json", dest="json_out", default="", help="also write the counts to this file")
    parser.add_argument("--crash-dir", default=str(CRASH_DIR), help="where failing inputs are saved")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    parser.add_argument("--list", action="store_true", help="list the targets and their seeds, then stop")
    parser.add_argument("--reproduce", type=Path, help="run one saved input again and show what happens")
    parser.add_argument("--target", help="with --reproduce: the target (default: from the saved .txt)")
    args = parser.parse_args(argv)
    if args.reproduce:
        return reproduce(args.reproduce, args.target)
    if args.list:
        for name, target in sorted(target_registry.load_targets(args.work or None).items()):
            print(f"{name:<20}{len(target.seeds):>4} seeds")
        return 0
    options = {
        "total": args.total,
        "targets": args.targets,
        "jobs": args.jobs,
        "seed": args.seed,
        "time_limit": args.time_limit,
        "rss_limit_mb": args.rss_limit_mb,
        "work": args.work,
        "progress": not args.quiet,
        "crash_dir": args.crash_dir,
    }
    started = time.monotonic()
    tallies, failures = fuzz(options)
    seconds = time.monotonic() - started
    print(report(tallies, failures, seconds))
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps(
                {
                    "seconds": seconds,
                    "seed": args.seed,
                    "targets": {name: vars(t) for name, t in tallies.items()},
                    "total": sum(t.execs for t in tallies.values()),
                    "failures": [
                        {"target": f.target, "kind": f.kind, "key": f.key, "message": f.message} for f in failures
                    ],
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
