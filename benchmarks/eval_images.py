"""Accuracy and speed of photo analysis on the labeled image set (documents, MRZ, faces).

    python -m benchmarks.eval_images [--seed 1] [--documents 44 --photos 60 --faces 40] [--compare-faces]

Targets (Media issue): photographed documents found >= 95% while OCR runs on <= 10% of
ordinary photos; MRZ fields exact. The set is generated once and cached under
benchmarks/.cache/images/.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from cuidado.fixtures.images import FIXTURE_VERSION, LabeledImage, read_labels, write_image_set
from cuidado.media.analyze import ImageAnalysis, analyze_image
from cuidado.media.faces import DETECTORS, default_detector_name, detect_faces, iou, load_detector
from cuidado.media.images import load_image

CACHE = Path(__file__).parent / ".cache" / "images"
MRZ_FIELDS = (
    "document_type",
    "issuing_country",
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "optional_data",
)


def cached_set(
    seed: int, documents: int, photos: int, faces: int, cache: Path = CACHE
) -> tuple[Path, list[LabeledImage]]:
    folder = cache / f"v{FIXTURE_VERSION}-seed{seed}-d{documents}-p{photos}-f{faces}"
    if not (folder / "labels.json").exists():
        write_image_set(folder, seed, documents=documents, photos=photos, faces=faces)
    return folder, read_labels(folder)


def face_counts(found: list, truth: list[list[int]], threshold: float = 0.4) -> tuple[int, int, int]:
    """(true positives, false positives, missed) matching boxes one to one at IoU >= threshold."""
    unmatched = list(range(len(truth)))
    hits = 0
    for box in found:
        xywh = (box.x, box.y, box.w, box.h)
        match = next((i for i in unmatched if iou(xywh, truth[i]) >= threshold), None)
        if match is not None:
            unmatched.remove(match)
            hits += 1
    return hits, len(found) - hits, len(unmatched)


def evaluate(folder: Path, items: list[LabeledImage]) -> dict:
    """Run analyze_image on every image; every number the report prints."""
    results: list[tuple[LabeledImage, ImageAnalysis]] = []
    start = time.perf_counter()
    for item in items:
        results.append((item, analyze_image(folder / f"{item.name}.jpg")))
    with_ocr = len(items) / (time.perf_counter() - start)
    start = time.perf_counter()
    for item in items:
        analyze_image(folder / f"{item.name}.jpg", ocr=False)
    without_ocr = len(items) / (time.perf_counter() - start)

    docs = [(i, a) for i, a in results if i.kind == "document"]
    others = [(i, a) for i, a in results if i.kind != "document"]
    found_docs = sum(a.document is not None for _, a in docs)
    false_docs = sum(a.document is not None for _, a in others)
    per_type: dict[str, Counter] = {}
    for item, analysis in results:
        got = analysis.document.doc_type if analysis.document else None
        if item.doc_type:
            per_type.setdefault(item.doc_type, Counter())["total"] += 1
            per_type[item.doc_type]["correct"] += got == item.doc_type
        if got:
            per_type.setdefault(got, Counter())["predicted"] += 1
    mrz_items = [(i, a) for i, a in docs if i.mrz]
    field_hits = Counter()
    exact = 0
    for item, analysis in mrz_items:
        wrong = [f for f in MRZ_FIELDS if analysis.mrz is None or getattr(analysis.mrz, f) != item.mrz[f]]
        field_hits.update(f for f in MRZ_FIELDS if f not in wrong)
        exact += not wrong
    tp = fp = fn = 0
    for item, analysis in results:
        hits, false, missed = face_counts(analysis.faces, item.faces)
        tp, fp, fn = tp + hits, fp + false, fn + missed
    return {
        "documents": len(docs),
        "document_recall": found_docs / max(1, len(docs)),
        "document_precision": found_docs / max(1, found_docs + false_docs),
        "type_accuracy": sum(a.document is not None and a.document.doc_type == i.doc_type for i, a in docs)
        / max(1, len(docs)),
        "per_type": per_type,
        "mrz_documents": len(mrz_items),
        "mrz_exact": exact / max(1, len(mrz_items)),
        "mrz_field_exact": {f: field_hits[f] / max(1, len(mrz_items)) for f in MRZ_FIELDS},
        "ordinary_photos": len(others),
        "ordinary_sent_to_ocr": sum(a.sent_to_ocr for _, a in others) / max(1, len(others)),
        "documents_sent_to_ocr": sum(a.sent_to_ocr for _, a in docs) / max(1, len(docs)),
        "faces": tp + fn,
        "face_recall": tp / max(1, tp + fn),
        "face_precision": tp / max(1, tp + fp),
        "face_detector": default_detector_name(),
        "images_per_s_ocr": with_ocr,
        "images_per_s_no_ocr": without_ocr,
    }


def compare_face_detectors(folder: Path, items: list[LabeledImage]) -> list[tuple[str, float, float, float]]:
    """(detector, recall, precision, images/s) for every detector this machine has."""
    images = [load_image(folder / f"{item.name}.jpg") for item in items]
    rows = []
    for name in DETECTORS:
        if load_detector(name) is None:
            continue
        tp = fp = fn = 0
        start = time.perf_counter()
        for item, image in zip(items, images):
            hits, false, missed = face_counts(detect_faces(image, detector=name), item.faces)
            tp, fp, fn = tp + hits, fp + false, fn + missed
        speed = len(items) / (time.perf_counter() - start)
        rows.append((name, tp / max(1, tp + fn), tp / max(1, tp + fp), speed))
    return rows


def report(m: dict) -> str:
    lines = [
        f"{'measure':44s} {'value':>8s}  target",
        f"{'documents found (recall), of ' + str(m['documents']):44s} {m['document_recall']:8.1%}  >= 95%",
        f"{'document precision':44s} {m['document_precision']:8.1%}",
        f"{'document type correct':44s} {m['type_accuracy']:8.1%}",
        f"{'ordinary photos sent to OCR, of ' + str(m['ordinary_photos']):44s} {m['ordinary_sent_to_ocr']:8.1%}  <= 10%",
        f"{'document photos sent to OCR':44s} {m['documents_sent_to_ocr']:8.1%}",
        f"{'MRZ all fields exact, of ' + str(m['mrz_documents']):44s} {m['mrz_exact']:8.1%}  100%",
        *(f"{'  MRZ ' + f:44s} {v:8.1%}" for f, v in m["mrz_field_exact"].items()),
        f"{'face recall (IoU >= 0.4), of ' + str(m['faces']):44s} {m['face_recall']:8.1%}",
        f"{'face precision':44s} {m['face_precision']:8.1%}   detector {m['face_detector']}",
        f"{'images/s with OCR':44s} {m['images_per_s_ocr']:8.2f}",
        f"{'images/s without OCR':44s} {m['images_per_s_no_ocr']:8.2f}",
        "",
        f"{'document type':20s} {'recall':>8s} {'precision':>10s} {'n':>4s}",
    ]
    for doc_type, c in sorted(m["per_type"].items()):
        recall = f"{c['correct'] / c['total']:8.1%}" if c["total"] else f"{'-':>8s}"
        precision = f"{c['correct'] / c['predicted']:10.1%}" if c["predicted"] else f"{'-':>10s}"
        lines.append(f"{doc_type:20s} {recall} {precision} {c['total']:4d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--documents", type=int, default=44)
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--faces", type=int, default=40)
    parser.add_argument("--compare-faces", action="store_true", help="also rank every available face detector")
    args = parser.parse_args(argv)
    folder, items = cached_set(args.seed, args.documents, args.photos, args.faces)
    print(report(evaluate(folder, items)), flush=True)
    if args.compare_faces:
        print(f"\n{'face detector':22s} {'recall':>8s} {'precision':>10s} {'images/s':>9s}")
        for name, recall, precision, speed in compare_face_detectors(folder, items):
            print(f"{name:22s} {recall:8.1%} {precision:10.1%} {speed:9.1f}")


if __name__ == "__main__":
    main()
