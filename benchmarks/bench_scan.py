"""Whole scans of a generated ten-year history: time, peak memory, re-scan, and how cost grows with size.

    python -m benchmarks.bench_scan [--skip-full] [--skip-scaling] [--jobs 2]

1. The full export (`ten_year_full`: ~120k items, ~12k photo-sized JPEGs, ~200 clips, ~2-3 GB),
   scanned without OCR and with OCR: wall time, peak RSS of the scan process, then a re-scan of
   the unchanged export. Targets: < 60 s without OCR, < 5 min with OCR, peak RSS < 500 MB
   (< 300 MB for the foundation issue's ~2 GB export), re-scan < 5 s.
2. Scaling: the text-heavy `ten_year` export at 1x, 2x and 4x (different personas), to show that
   time and memory grow linearly at most.
Each scan runs in a fresh child process; its peak RSS is read from /usr/bin/time-like rusage.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._exports import cached_export, export_inputs, tree_bytes


def timed_scan(inputs: list[Path], workspace: Path, *, jobs: int, ocr: bool) -> tuple[float, float]:
    """(seconds, peak RSS MB) of `cuidado scan` in a child process (children's rusage is per wait)."""
    command = [sys.executable, "-m", "cuidado", "scan", "--quiet", "--jobs", str(jobs), "--workspace",
               str(workspace), *map(str, inputs)]
    env = dict(os.environ, CUIDADO_OCR="1" if ocr else "0")
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"scan failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def full_export(jobs: int) -> None:
    out, labels = cached_export("ten_year_full")
    inputs = export_inputs(out, labels)
    items = sum(sum(p["counts"].values()) for p in labels["platforms"].values())
    photos = sum(p["counts"].get("media", 0) for p in labels["platforms"].values())
    print(f"export: {tree_bytes(inputs) / 1e9:.2f} GB, {items:,} items incl. {photos:,} media files, "
          f"{len(inputs)} inputs; jobs={jobs}, cores={os.cpu_count()}")
    print(f"{'run':34} {'seconds':>9} {'peak RSS MB':>12}   target")
    with tempfile.TemporaryDirectory(prefix="cuidado-bench-") as tmp:
        no_ocr, rss = timed_scan(inputs, Path(tmp) / "a", jobs=jobs, ocr=False)
        print(f"{'scan, no OCR':34} {no_ocr:9.1f} {rss:12.0f}   < 60 s, < 500 MB (< 300 MB)")
        again, rss2 = timed_scan(inputs, Path(tmp) / "a", jobs=jobs, ocr=False)
        print(f"{'re-scan, unchanged':34} {again:9.1f} {rss2:12.0f}   < 5 s")
        with_ocr, rss3 = timed_scan(inputs, Path(tmp) / "b", jobs=jobs, ocr=True)
        print(f"{'scan, with OCR':34} {with_ocr:9.1f} {rss3:12.0f}   < 300 s")


def scaling(jobs: int) -> None:
    exports = [cached_export("ten_year", seed=seed) for seed in (11, 12, 13, 14)]
    print(f"\n{'scale':8} {'items':>9} {'GB':>6} {'seconds':>9} {'s per 10k items':>16} {'peak RSS MB':>12}")
    for factor in (1, 2, 4):
        chosen = exports[:factor]
        inputs = [p for out, labels in chosen for p in export_inputs(out, labels)]
        items = sum(sum(p["counts"].values()) for _, labels in chosen for p in labels["platforms"].values())
        with tempfile.TemporaryDirectory(prefix="cuidado-bench-") as tmp:
            seconds, rss = timed_scan(inputs, Path(tmp) / "ws", jobs=jobs, ocr=False)
        print(f"{factor}x{'':6} {items:9,} {tree_bytes(inputs) / 1e9:6.2f} {seconds:9.1f} "
              f"{seconds / items * 1e4:16.2f} {rss:12.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_full:
        full_export(args.jobs)
    if not args.skip_scaling:
        scaling(args.jobs)


if __name__ == "__main__":
    main()
