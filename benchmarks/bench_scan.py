"""Whole scans of a generated ten-year history: time, peak memory, re-scan, and how cost grows with size.

    python -m benchmarks.bench_scan [--skip-full] [--skip-scaling] [--jobs 2] [--runs metadata,no-ocr,full]

1. The full export (`ten_year_full`: ~120k items of which ~10k photo-sized JPEGs and ~200 clips,
   ~2.4 GB) scanned three ways: metadata and text only (`--no-ocr --no-faces`), without OCR
   (faces and hashes), and with every check; then a re-scan of the unchanged export. Targets:
   < 60 s without OCR, < 5 min with OCR, peak memory < 500 MB, re-scan < 5 s.
2. Scaling: the same export's generator at 1x, 2x and 4x (different personas, scanned together),
   to show that time and memory grow linearly at most.
Each scan runs in a fresh child process; memory is the peak of the scan and its workers together
(PSS, sampled every 100 ms, see _memory.py), next to the largest single process (rusage).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks._exports import cached_export, export_inputs, tree_bytes
from benchmarks._memory import TreeMemory


def timed_scan(
    inputs: list[Path], workspace: Path, *, jobs: int, checks: tuple[str, ...] = ()
) -> tuple[float, TreeMemory, float]:
    """(seconds, memory of the scan and its workers together, largest single process MB) of
    `cuidado scan` in a child process; `checks` are flags such as --no-ocr."""
    command = [
        sys.executable,
        "-m",
        "cuidado",
        "scan",
        "--quiet",
        "--jobs",
        str(jobs),
        *checks,
        "--workspace",
        str(workspace),
        *map(str, inputs),
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CUIDADO_")}
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    with TreeMemory(child.pid) as memory:
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"scan failed with status {status}")
    return seconds, memory, usage.ru_maxrss / 1024


def full_export(jobs: int, runs: tuple[str, ...]) -> None:
    out, labels = cached_export("ten_year_full")
    inputs = export_inputs(out, labels)
    counts = [p["counts"] for p in labels["platforms"].values()]
    items = sum(sum(c.values()) for c in counts)
    media = sum(c.get("media", 0) for c in counts)
    photos, clips = count_media(inputs)
    print(
        f"export: {tree_bytes(inputs) / 1e9:.2f} GB, {items:,} items ({items - media:,} text items, {photos:,} photos, "
        f"{clips:,} video clips), {len(inputs)} inputs; jobs={jobs}, cores={os.cpu_count()}"
    )
    print(
        f"{'run':40} {'seconds':>9} {'photos/s':>9} {'peak MB (all processes)':>24} {'largest process MB':>19}   target"
    )
    rows = {
        "metadata": ("scan: metadata + text, no pixel checks", ("--no-ocr", "--no-faces"), "-"),
        "no-ocr": ("scan without OCR (faces, hashes)", ("--no-ocr",), "< 60 s, < 500 MB"),
        "full": ("scan with OCR (every check)", (), "< 300 s, < 500 MB"),
    }
    with tempfile.TemporaryDirectory(prefix="cuidado-bench-") as tmp:
        for run in runs:
            title, flags, target = rows[run]
            workspace = Path(tmp) / run
            seconds, memory, largest = timed_scan(inputs, workspace, jobs=jobs, checks=flags)
            print(
                f"{title:40} {seconds:9.1f} {photos / seconds:9.1f} {memory.peak_mb:24.0f} {largest:19.0f}   {target}"
            )
            print(f"{'':42}at the peak: {memory.breakdown()}", flush=True)
            if run == runs[-1]:
                seconds, memory, largest = timed_scan(inputs, workspace, jobs=jobs, checks=flags)
                print(
                    f"{'re-scan of the same, unchanged':40} {seconds:9.1f} {'':9} {memory.peak_mb:24.0f} {largest:19.0f}   < 5 s",
                    flush=True,
                )


def count_media(inputs: list[Path]) -> tuple[int, int]:
    """(photos, video clips) in the inputs, by file name."""
    photos = clips = 0
    for path in inputs:
        names = zipfile.ZipFile(path).namelist() if path.suffix == ".zip" else [str(p) for p in path.rglob("*")]
        photos += sum(n.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".heic")) for n in names)
        clips += sum(n.lower().endswith((".mp4", ".mov")) for n in names)
    return photos, clips


def scaling(jobs: int, factors: tuple[int, ...] = (1, 2, 4)) -> None:
    """The full export, then two and four different ones scanned together, with every check."""
    exports = [cached_export("ten_year_full", seed=seed) for seed in range(11, 11 + max(factors))]
    print(
        f"\n{'scale':8} {'items':>9} {'photos':>7} {'GB':>6} {'seconds':>9} {'s per 1k photos':>16} {'peak MB (all processes)':>24}"
    )
    for factor in factors:
        chosen = exports[:factor]
        inputs = [p for out, labels in chosen for p in export_inputs(out, labels)]
        items = sum(sum(p["counts"].values()) for _, labels in chosen for p in labels["platforms"].values())
        photos, _ = count_media(inputs)
        with tempfile.TemporaryDirectory(prefix="cuidado-bench-") as tmp:
            seconds, memory, _ = timed_scan(inputs, Path(tmp) / "ws", jobs=jobs)
        print(
            f"{factor}x{'':6} {items:9,} {photos:7,} {tree_bytes(inputs) / 1e9:6.2f} {seconds:9.1f} "
            f"{seconds / photos * 1e3:16.2f} {memory.peak_mb:24.0f}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--scales", default="1,2,4", help="export sizes for the scaling table")
    parser.add_argument(
        "--runs",
        default="metadata,no-ocr,full",
        help="which whole scans of the full export: metadata,no-ocr,full (the last is re-scanned)",
    )
    args = parser.parse_args(argv)
    if not args.skip_full:
        full_export(args.jobs, tuple(args.runs.split(",")))
    if not args.skip_scaling:
        scaling(args.jobs, tuple(int(f) for f in args.scales.split(",")))


if __name__ == "__main__":
    main()
