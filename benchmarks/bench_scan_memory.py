"""Peak memory and time of a whole `cuidado scan` of a generated multi-gigabyte export.

    python -m benchmarks.bench_scan_memory [--size ten_year]

Target (foundation issue): peak RSS under 300 MB while scanning a ~2 GB export.
The scan runs in a child process; its peak RSS comes from getrusage(RUSAGE_CHILDREN).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._exports import cached_export, export_inputs, tree_bytes


def measure_scan(inputs: list[Path], workspace: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one scan in a fresh child process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cuidado", "scan", "--quiet", "--workspace", str(workspace),
                    *map(str, inputs)], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak_kb / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="ten_year")
    args = parser.parse_args(argv)
    out, labels = cached_export(args.size)
    inputs = export_inputs(out, labels)
    gigabytes = tree_bytes(inputs) / 1e9
    with tempfile.TemporaryDirectory(prefix="cuidado-bench-") as tmp:
        first, peak = measure_scan(inputs, Path(tmp) / "ws")
        again, _ = measure_scan(inputs, Path(tmp) / "ws")
    print(f"export: {gigabytes:.2f} GB in {len(inputs)} inputs ({args.size})")
    print(f"{'scan (first)':24} {first:8.1f} s")
    print(f"{'re-scan (unchanged)':24} {again:8.1f} s")
    print(f"{'peak RSS':24} {peak:8.0f} MB   (target < 300 MB: {'met' if peak < 300 else 'NOT met'})")


if __name__ == "__main__":
    main()
