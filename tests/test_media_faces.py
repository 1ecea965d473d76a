"""Face detection with detectors shipped inside installed packages, on real face crops."""

from __future__ import annotations

import random

import pytest
from PIL import Image

from cuidado.media.faces import DETECTORS, detect_faces, faces_available, iou, load_detector

pytestmark = pytest.mark.skipif(not faces_available(), reason="no face detector installed")


def _matches(found, truth) -> int:
    return sum(any(iou((b.x, b.y, b.w, b.h), t) >= 0.4 for b in found) for t in truth)


def test_finds_pasted_faces_in_scenes():
    from cuidado.fixtures.image_scenes import face_scene, faces_available as crops_available

    if not crops_available():
        pytest.skip("scikit-image sample faces not installed")
    rng = random.Random(11)
    hits = total = false = 0
    for index in range(8):
        image, truth = face_scene(rng, index)
        found = detect_faces(image)
        hits += _matches(found, truth)
        total += len(truth)
        false += sum(all(iou((b.x, b.y, b.w, b.h), t) < 0.4 for t in truth) for b in found)
    assert hits / total >= 0.8, (hits, total)
    assert false <= max(2, total // 5), false


def test_no_faces_in_landscapes_and_documents():
    from cuidado.fixtures.image_scenes import landscape

    rng = random.Random(3)
    for _ in range(3):
        assert detect_faces(landscape(rng, (1200, 900))) == []
    assert detect_faces(Image.new("RGB", (640, 480), "white")) == []


def test_boxes_are_in_original_coordinates():
    from cuidado.fixtures.image_scenes import face_scene
    from cuidado.media.images import downscale

    image, truth = face_scene(random.Random(2), 0)
    small = downscale(image, 600)
    small.info["original_size"] = image.size
    assert _matches(detect_faces(small), truth) >= 1


def test_every_listed_detector_loads_or_reports_missing():
    for name in DETECTORS:
        detector = load_detector(name)
        assert detector is None or callable(detector)
