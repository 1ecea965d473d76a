"""Time to first findings and full time of the default `cuidado scan` (issue 18: answer first).

    python -m benchmarks.bench_first_findings [--size ten_year_full] [--jobs 2] [--rounds 1] [--first-only]

A generated export (cached in benchmarks/.cache/) is scanned by `cuidado scan` in a child process
into a new workspace, start-up included. "First findings" is the moment the scan has printed the
last line of its first results (phase 1 done: every post, message and photo's metadata read,
findings and conclusions in the workspace); "full" is the end of the process (phase 2: every photo's pixel checks, conclusions
drawn again). Sizes: demo (30 photos a platform), ten_year (120k items, tiny photos),
ten_year_full (the same with 10,059 real-sized photos: the issue's target is < 20 s to first
findings on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks._exports import cached_export, export_inputs, tree_bytes
from benchmarks.bench_scan import count_media


def first_and_full(
    inputs: list[Path], workspace: Path, jobs: int, *, first_only: bool = False
) -> tuple[float, float, float, float]:
    """(seconds until the first results are printed, seconds until the scan process ends, and the
    CPU seconds of the scan's processes at those two moments: on a shared machine wall time
    stretches, CPU time much less). `first_only`: stop the scan once its first results are out
    (phase 1 alone, in a minute instead of ten; "full" is then that moment too)."""
    from cuidado.report.photo_checks import scan_words

    marker = scan_words("en")["first"]
    command = [
        sys.executable,
        "-m",
        "cuidado",
        "scan",
        "--quiet",
        "--lang",
        "en",
        "--jobs",
        str(jobs),
        "--workspace",
        str(workspace),
        *map(str, inputs),
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUIDADO_")}
    start = time.perf_counter()
    first = first_cpu = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env) as child:
        last = [0.0]  # the tree's CPU time, sampled until it ends (workers are not waited for by us)
        sampler = threading.Thread(target=_sample, args=(child, last), daemon=True)
        sampler.start()
        block = "before"  # the first results: their heading, the counts line, then "• " lines
        for line in child.stdout:
            if block == "before" and marker in line:
                block = "heading"
            elif block == "heading":
                block = "lines"  # the findings counts
            elif block == "lines" and not line.startswith("•"):
                block = "after"
            if block in ("heading", "lines"):  # shown up to this line: the first results end with the last
                first, first_cpu = time.perf_counter() - start, tree_cpu_seconds(child.pid)
            elif block == "after" and first_only:
                child.terminate()  # its workers and fork server end with it
                child.wait()
                assert first is not None and first_cpu is not None
                return first, first, first_cpu, first_cpu
        status = child.wait()
        sampler.join()
    full = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"scan failed with status {status}")
    if first is None:
        raise SystemExit("the scan never printed its first results")
    return first, full, first_cpu, last[0]


def _sample(child: subprocess.Popen, last: list[float]) -> None:
    while child.poll() is None:
        last[0] = max(last[0], tree_cpu_seconds(child.pid))
        time.sleep(0.2)


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and every process below it (workers, fork server), now."""
    parents, times = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    total = 0.0
    for proc, seconds in times.items():
        node = proc
        while node and node != pid:
            node = parents.get(node, 0)
        if node == pid:
            total += seconds
    return total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="ten_year_full", choices=("demo", "ten_year", "ten_year_full"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="best of this many scans, each into a new workspace")
    parser.add_argument("--first-only", action="store_true", help="stop each scan once its first results are printed")
    args = parser.parse_args(argv)
    out, labels = cached_export(args.size)
    inputs = export_inputs(out, labels)
    items = sum(sum(p["counts"].values()) for p in labels["platforms"].values())
    photos, clips = count_media(inputs)
    print(
        f"export {args.size}: {tree_bytes(inputs) / 1e9:.2f} GB, {items:,} items, {photos:,} photos, "
        f"{clips:,} clips, {len(inputs)} inputs; jobs={args.jobs}, cores={os.cpu_count()}, "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    best = None
    with tempfile.TemporaryDirectory(prefix="cuidado-bench-") as tmp:
        for n in range(args.rounds):
            run = first_and_full(inputs, Path(tmp) / f"ws{n}", args.jobs, first_only=args.first_only)
            print(
                f"round {n + 1}: first findings {run[0]:.1f} s ({run[2]:.1f} CPU s), "
                f"full {run[1]:.1f} s ({run[3]:.1f} CPU s)",
                flush=True,
            )
            best = run if best is None else tuple(min(a, b) for a, b in zip(best, run))
    first, full, first_cpu, full_cpu = best
    if args.first_only:
        print(f"time to first findings: {first:.1f} s ({first_cpu:.1f} CPU s)   (stopped there: --first-only)")
        return
    print(
        f"time to first findings: {first:.1f} s ({first_cpu:.1f} CPU s)   full time: {full:.1f} s "
        f"({full_cpu:.1f} CPU s)   photo checks: {full - first:.1f} s ({photos / max(full - first, 1e-9):.1f} photos/s)"
    )


if __name__ == "__main__":
    main()
