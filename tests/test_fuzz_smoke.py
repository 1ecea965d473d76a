"""A short run of the fuzzer (fuzz/run.py): every importer's handlers, the WhatsApp chat grammar, the
media metadata reader and the scrubbers, 20,000 mutated inputs from real samples and generated
exports, with no crash, hang or memory blow-up. `python fuzz/run.py --total 1000000` is the long run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOTAL = 20_000
TARGETS = {
    "importer.facebook",
    "importer.instagram",
    "importer.x",
    "importer.tiktok",
    "importer.youtube",
    "importer.whatsapp",
    "importer.photos",
    "whatsapp.lines",
    "media.jpeg",
    "media.png",
    "media.webp",
    "media.heic",
    "media.mp4",
    "media.mov",
    "scrub.jpeg",
    "scrub.png",
    "scrub.webp",
}


def test_twenty_thousand_mutated_inputs_break_nothing(tmp_path):
    out = tmp_path / "fuzz.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "run.py"),
            "--total",
            str(TOTAL),
            "--jobs",
            "2",
            "--seed",
            "20261102",
            "--quiet",
            "--work",
            str(tmp_path / "work"),
            "--crash-dir",
            str(tmp_path / "crashes"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert out.exists(), proc.stdout + proc.stderr
    result = json.loads(out.read_text())
    assert result["failures"] == [], proc.stdout[-4000:]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert result["total"] == TOTAL
    assert set(result["targets"]) == TARGETS
    for name, counts in result["targets"].items():
        assert counts["execs"] >= TOTAL // len(TARGETS), name
        assert counts["clean"] > 0, f"{name}: no mutated input was read to the end (are the seeds right?)"
