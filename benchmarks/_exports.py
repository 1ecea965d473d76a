"""Generated exports for benchmarks, written once and cached under benchmarks/.cache/."""

from __future__ import annotations

import json
from pathlib import Path

CACHE = Path(__file__).parent / ".cache"


def cached_export(size: str = "ten_year", seed: int = 11) -> tuple[Path, dict]:
    """The generated export of this size (written on first use), and its labels."""
    from cuidado.fixtures.generate import generate

    out = CACHE / f"export-{size}-{seed}"
    labels_path = out / "labels.json"
    if not labels_path.exists():
        print(f"generating the {size} export into {out} (once)…", flush=True)
        generate(out, seed=seed, size=size)
    return out, json.loads(labels_path.read_text(encoding="utf-8"))


def export_inputs(out: Path, labels: dict) -> list[Path]:
    return [out / entry["path"] for entry in labels["platforms"].values()]


def tree_bytes(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        total += (
            path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        )
    return total
