"""A cheap test for "this photo probably shows a document", so OCR runs only where text is likely.

Printed text has a signature ordinary photos lack: many short, thin, horizontal bands of strong
edges (words and lines), and on a page they carry most of the edges there are. We take the
morphological gradient of a small greyscale copy, keep strong edges, join the letters of a word
with a short horizontal closing, drop one-pixel lines (page borders), and look at the connected
components: how many are shaped like words, and what share of all edge area they hold. Grass,
gravel or foliage make plenty of word-shaped specks too, but among far more edges of every shape.
About 5 ms per photo, versus seconds for OCR.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from .images import shrink

PREFILTER_LONG_SIDE = 800  # body text of a photographed page is still 4-6 px high at this size
# Measured on the labeled set (benchmarks/eval_images.py): photographed documents show 7+
# word-shaped components (the sparsest, an ID card's back) holding 30%+ of the edge area;
# ordinary photos at most 22%, and those with many word-shaped specks (grass, gravel) under 7%.
MIN_WORDS = 6
MIN_WORD_SHARE = 0.25
EDGE_FLOOR = 40  # gradient strength below which an edge is texture, not print


@dataclass(frozen=True)
class TextEvidence:
    words: int  # word- or line-shaped edge components
    word_share: float  # share of all edge area that is in those components
    score: float  # 0..1, how document-like the picture is

    @property
    def likely_text(self) -> bool:
        return self.words >= MIN_WORDS and self.word_share >= MIN_WORD_SHARE


def text_evidence(image: Image.Image | np.ndarray) -> TextEvidence:
    """How document-like `image` (a picture, or a greyscale array of any size) is."""
    gray = small_gray(image)
    gradient = cv2.morphologyEx(gray, cv2.MORPH_GRADIENT, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3)))
    # Strong edges only: print on paper has far more contrast than most texture, sky or skin.
    otsu, _ = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    _, edges = cv2.threshold(gradient, max(otsu, EDGE_FLOOR), 255, cv2.THRESH_BINARY)
    joined = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 1)))
    joined = cv2.morphologyEx(joined, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(joined, connectivity=8)
    word_area = words = 0
    for _x, _y, w, h, area in stats[1:count]:
        if 4 <= h <= 40 and w >= 2 * h and w >= 12 and area >= 0.3 * w * h:
            words += 1
            word_area += int(area)
    total = int(stats[1:count, 4].sum()) if count > 1 else 0
    share = word_area / total if total else 0.0
    score = min(1.0, words / (3 * MIN_WORDS)) * min(1.0, share / (2 * MIN_WORD_SHARE))
    return TextEvidence(words=words, word_share=round(share, 3), score=round(score, 3))


def small_gray(image: Image.Image | np.ndarray) -> np.ndarray:
    """The greyscale copy the pre-filter looks at. Photos come decoded at under twice this size,
    where a bilinear shrink averages neighbours much as a pixel-area one does (and costs a fifth);
    a larger picture is averaged properly, so thin print is not lost between samples."""
    gray = np.asarray(image.convert("L")) if isinstance(image, Image.Image) else image
    return shrink(gray, PREFILTER_LONG_SIDE, smooth=max(gray.shape) > 2 * PREFILTER_LONG_SIDE)
