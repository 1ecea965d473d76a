"""Per-photo cost of the pixel checks (decode, document pre-filter, hash, faces), before and now.

    python -m benchmarks.bench_photo_checks [--seeds 1,2,3] [--repeat 3]

"Before" is the pipeline measured on 2026-12-06, rebuilt here from the same library calls: decode
at 800 px with a Lanczos resample, Pillow greyscale copies, Haar alt2 at 640 px. "Now" is
`analyze_image(..., ocr=False)`: one DCT-scaled decode shared by every check, YuNet (or the first
detector this machine has). Both run on the same photos, taking turns, and the best CPU time of
`--repeat` rounds is kept (CPU time, not wall time: other processes on a shared machine slow the
wall clock, much less the CPU time). Seed 1 is the labeled set of record (eval_images); seeds 2
and 3 were not looked at while choosing settings. OCR itself is not run: eval_images measures it.
"""

from __future__ import annotations

import argparse
import io
import time

import numpy as np
from PIL import Image

from benchmarks.eval_images import cached_set, face_counts
from cuidado.media.analyze import analyze_image
from cuidado.media.faces import Box, _merge, default_detector_name, load_detector
from cuidado.media.images import load_image, original_size
from cuidado.media.text_prefilter import text_evidence

SETS = {1: (44, 60, 40), 2: (44, 60, 40), 3: (0, 60, 80)}  # seed: (documents, photos, face scenes)


def before(data: bytes) -> tuple[bool, str, list[Box]]:
    """The 2026-12-06 pipeline: (sent to OCR, hash, faces)."""
    import imagehash

    image = load_image(io.BytesIO(data))  # DCT-scaled decode, then Lanczos to exactly 800 px
    evidence = text_evidence(np.asarray(_pil_gray(image, 800)))
    hashed = str(imagehash.phash(image, hash_size=8))
    gray = np.asarray(_pil_gray(image, 640))
    ow, oh = original_size(image)
    fx, fy = ow / gray.shape[1], oh / gray.shape[0]
    found = [
        Box(round(x * fx), round(y * fy), round(w * fx), round(h * fy), s)
        for x, y, w, h, s in _merge(load_detector("haar-alt2")(gray))
    ]
    return evidence.likely_text, hashed, found


def _pil_gray(image: Image.Image, long_side: int) -> Image.Image:
    gray = image.convert("L")
    scale = min(1.0, long_side / max(gray.size))
    if scale < 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.BILINEAR)
    return gray


def now(data: bytes) -> tuple[bool, str, list[Box]]:
    analysis = analyze_image(io.BytesIO(data), ocr=False)
    return analysis.likely_text, analysis.phash, analysis.faces


def measure(seed: int, repeat: int) -> dict:
    folder, items = cached_set(seed, *SETS[seed])
    photos = [(item, (folder / f"{item.name}.jpg").read_bytes()) for item in items]
    best = {"before": {}, "now": {}}
    outputs = {}
    for _ in range(repeat):
        for name, run in (("before", before), ("now", now)):
            results = []
            for item, data in photos:
                start = time.process_time()
                results.append(run(data))
                spent = time.process_time() - start
                best[name][item.name] = min(best[name].get(item.name, spent), spent)
            outputs[name] = results
    out = {"seed": seed, "photos": len(photos), "faces": sum(len(i.faces) for i, _ in photos)}
    for name in ("before", "now"):
        tp = fp = fn = 0
        for (item, _), (_, _, found) in zip(photos, outputs[name]):
            hits, false, missed = face_counts(found, item.faces)
            tp, fp, fn = tp + hits, fp + false, fn + missed
        docs = [text for (item, _), (text, _, _) in zip(photos, outputs[name]) if item.kind == "document"]
        others = [text for (item, _), (text, _, _) in zip(photos, outputs[name]) if item.kind != "document"]
        per_kind = {}
        for kind in ("document", "photo", "faces"):
            times = [best[name][item.name] for item, _ in photos if item.kind == kind]
            if times:
                per_kind[kind] = 1000 * sum(times) / len(times)
        out[name] = {
            "ms": 1000 * sum(best[name].values()) / len(photos),
            "per_kind": per_kind,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "docs_to_ocr": (sum(docs), len(docs)),
            "others_to_ocr": (sum(others), len(others)),
        }
    distances = [bin(int(a[1], 16) ^ int(b[1], 16)).count("1") for a, b in zip(outputs["before"], outputs["now"])]
    out["hash_distance_max"] = max(distances)
    return out


def report(rows: list[dict]) -> str:
    lines = [
        f"detector now: {default_detector_name()}; before: haar-alt2. CPU ms per photo, best of rounds.",
        f"{'seed':>4} {'photos':>6} {'faces':>5}  {'run':6} {'ms/photo':>8} {'documents':>9} {'ordinary':>8} "
        f"{'faces':>6}  {'recall':>7} {'precision':>9}  {'docs to OCR':>11} {'others to OCR':>13}",
    ]
    totals = {"before": [0, 0, 0, 0.0], "now": [0, 0, 0, 0.0]}
    photos = 0
    for row in rows:
        photos += row["photos"]
        for name in ("before", "now"):
            m = row[name]
            kinds = m["per_kind"]
            lines.append(
                f"{row['seed']:>4} {row['photos']:>6} {row['faces']:>5}  {name:6} {m['ms']:8.1f} "
                f"{kinds.get('document', float('nan')):9.1f} {kinds.get('photo', float('nan')):8.1f} "
                f"{kinds.get('faces', float('nan')):6.1f}  {m['tp'] / max(1, m['tp'] + m['fn']):7.1%} "
                f"{m['tp'] / max(1, m['tp'] + m['fp']):9.1%}  {'{}/{}'.format(*m['docs_to_ocr']):>11} {'{}/{}'.format(*m['others_to_ocr']):>13}"
            )
            t = totals[name]
            t[0], t[1], t[2], t[3] = t[0] + m["tp"], t[1] + m["fp"], t[2] + m["fn"], t[3] + m["ms"] * row["photos"]
        lines.append(
            f"{'':>4} now is {row['before']['ms'] / row['now']['ms']:.2f}x faster; hashes differ by at most "
            f"{row['hash_distance_max']} bits"
        )
    if len(rows) > 1:
        for name in ("before", "now"):
            tp, fp, fn, ms = totals[name]
            lines.append(
                f"all   {photos:>6} {tp + fn:>5}  {name:6} {ms / photos:8.1f} {'':>9} {'':>8} {'':>6}  "
                f"{tp / max(1, tp + fn):7.1%} {tp / max(1, tp + fp):9.1%}"
            )
        lines.append(f"{'':>4} now is {totals['before'][3] / totals['now'][3]:.2f}x faster over every photo")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2,3", help="labeled sets to run (1 is the one of record)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best CPU time of each photo is kept")
    args = parser.parse_args(argv)
    rows = []
    for seed in (int(s) for s in args.seeds.split(",")):
        rows.append(measure(seed, args.repeat))
        print(report(rows[-1:]), flush=True)
    if len(rows) > 1:
        print("\n" + report(rows))


if __name__ == "__main__":
    main()
