"""Run every benchmark in turn and print their tables (`make bench`)."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = (
    "bench_scan",
    "bench_media_metadata",
    "bench_metadata_scan",
    "bench_text_vs_presidio",
    "bench_scrub",
    "eval_text",
    "eval_personas",
    "eval_images",
    "bench_photo_checks",
)


def main() -> None:
    chosen = sys.argv[1:] or BENCHMARKS
    for name in chosen:
        print(f"\n=== {name} ===", flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        module.main([])


if __name__ == "__main__":
    main()
