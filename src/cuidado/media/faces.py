"""Find faces in a photo with detectors that ship inside installed packages (nothing downloaded).

Other people's faces in a photo reveal who the person was with. Detectors, best first:
- OpenCV 4.x Haar cascades (`cv2.data.haarcascades`; OpenCV 5 dropped `CascadeClassifier`);
- scikit-image's LBP frontal-face cascade (`skimage.data.lbp_frontal_face_cascade_filename()`),
  which works next to any OpenCV.
YuNet (`cv2.FaceDetectorYN`) would be better still, but no installed package ships its model.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Callable

import numpy as np
from PIL import Image

from .images import original_size

# Measured on the labeled set (benchmarks/eval_images.py, one core): Haar alt2 at 640 px with
# scale step 1.2 finds 94.6% of faces (precision 93.3%) in ~60 ms; at 800 px and step 1.15 it
# found 95.9% / 97.3% but cost ~110 ms, the largest part of a whole scan. Faces down to ~3% of
# the photo's long side are found; a larger copy found few more faces and more false ones.
DETECT_LONG_SIDE = 640
SCALE_STEP = 1.2


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int
    score: float = 1.0


Detect = Callable[[np.ndarray], list[tuple[int, int, int, int, float]]]


def _haar(filename: str, *, neighbors: int, scale_factor: float = SCALE_STEP) -> Detect | None:
    import cv2

    if not hasattr(cv2, "CascadeClassifier") or not getattr(cv2.data, "haarcascades", ""):
        return None
    path = os.path.join(cv2.data.haarcascades, filename)
    if not os.path.exists(path):
        return None
    cascade = cv2.CascadeClassifier(path)

    def detect(gray: np.ndarray) -> list[tuple[int, int, int, int, float]]:
        found, _levels, weights = cascade.detectMultiScale3(
            gray, scaleFactor=scale_factor, minNeighbors=neighbors, minSize=(20, 20), outputRejectLevels=True)
        return [(int(x), int(y), int(w), int(h), float(s)) for (x, y, w, h), s in zip(found, np.ravel(weights))]

    return detect


def _skimage_lbp(*, min_size: int = 24, neighbors: int = 6) -> Detect | None:
    try:
        from skimage.data import lbp_frontal_face_cascade_filename
        from skimage.feature import Cascade
    except ImportError:
        return None
    cascade = Cascade(lbp_frontal_face_cascade_filename())

    def detect(gray: np.ndarray) -> list[tuple[int, int, int, int, float]]:
        found = cascade.detect_multi_scale(gray.astype(np.float32) / 255, scale_factor=1.2, step_ratio=1,
                                           min_size=(min_size, min_size), max_size=gray.shape,
                                           min_neighbor_number=neighbors)
        return [(d["c"], d["r"], d["width"], d["height"], 1.0) for d in found]

    return detect


def _haar_with_profiles() -> Detect | None:
    frontal = _haar("haarcascade_frontalface_alt2.xml", neighbors=4)
    left = _haar("haarcascade_profileface.xml", neighbors=5)  # the cascade knows left profiles only
    if frontal is None or left is None:
        return None

    def detect(gray: np.ndarray) -> list[tuple[int, int, int, int, float]]:
        flipped = [(gray.shape[1] - x - w, y, w, h, s) for x, y, w, h, s in left(gray[:, ::-1].copy())]
        return _merge(frontal(gray) + left(gray) + flipped)

    return detect


DETECTORS: dict[str, Callable[[], Detect | None]] = {
    "haar-alt2": lambda: _haar("haarcascade_frontalface_alt2.xml", neighbors=3),
    "haar-default": lambda: _haar("haarcascade_frontalface_default.xml", neighbors=5),
    "haar-alt2+profile": _haar_with_profiles,
    "skimage-lbp": _skimage_lbp,
}
# Best first, as measured by `python -m benchmarks.eval_images --compare-faces`.
PREFERENCE = ("haar-alt2", "skimage-lbp")


@functools.cache
def load_detector(name: str) -> Detect | None:
    return DETECTORS[name]()


def default_detector_name() -> str | None:
    for name in PREFERENCE:
        if load_detector(name) is not None:
            return name
    return None


def faces_available() -> bool:
    return default_detector_name() is not None


def detect_faces(image: Image.Image, *, detector: str | None = None) -> list[Box]:
    """Faces in `image`, as boxes in the coordinates of the original (pre-downscale) picture."""
    name = detector or default_detector_name()
    detect = load_detector(name) if name else None
    if detect is None:
        return []
    gray = image.convert("L")
    scale = min(1.0, DETECT_LONG_SIDE / max(gray.size))
    if scale < 1.0:
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.BILINEAR)
    array = np.asarray(gray)
    ow, oh = original_size(image)
    fx, fy = ow / array.shape[1], oh / array.shape[0]
    return [Box(round(x * fx), round(y * fy), round(w * fx), round(h * fy), round(s, 3))
            for x, y, w, h, s in _merge(detect(array))]


def _merge(boxes: list[tuple[int, int, int, int, float]]) -> list[tuple[int, int, int, int, float]]:
    """Drop a box that mostly overlaps a higher-scoring one (cascades report a face more than once)."""
    kept: list[tuple[int, int, int, int, float]] = []
    for box in sorted(boxes, key=lambda b: (-b[4], -b[2] * b[3])):
        if all(iou(box[:4], other[:4]) < 0.3 and not _inside(box, other) for other in kept):
            kept.append(box)
    return kept


def _inside(a, b) -> bool:
    return a[0] >= b[0] and a[1] >= b[1] and a[0] + a[2] <= b[0] + b[2] and a[1] + a[3] <= b[1] + b[3]


def iou(a, b) -> float:
    """Intersection over union of two (x, y, w, h) boxes."""
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union else 0.0
