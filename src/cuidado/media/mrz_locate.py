"""Find the MRZ lines in a photo and cut each out, straightened and scaled, for a dedicated OCR pass.

A page-level OCR pass reads an MRZ poorly: its fillers ('<<<<') become K, S or C and lines get
merged or split. The MRZ is easy to find by shape instead: two or three long, evenly spaced rows
of same-height dark characters near the bottom of a card, each far wider than tall.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

LINE_HEIGHT = 40  # px per cropped line given to OCR: comfortably inside Tesseract's best range


def mrz_line_images(image: Image.Image) -> list[Image.Image]:
    """Greyscale crops of the MRZ lines, top to bottom; [] if nothing MRZ-like is found."""
    gray = np.asarray(image.convert("L"))
    boxes = _line_boxes(gray)
    group = _best_group(boxes, gray.shape[1])
    return [_straighten(gray, box) for box in group]


def _line_boxes(gray: np.ndarray) -> list[tuple[tuple[float, float], tuple[float, float], float]]:
    """Rotated rectangles around long rows of dark characters."""
    height, width = gray.shape
    char = max(8, width // 90)  # rough MRZ character size: lines span most of the document
    blackhat = cv2.morphologyEx(gray, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (char * 2, char)))
    gradient = np.absolute(cv2.Sobel(blackhat, cv2.CV_32F, 1, 0, ksize=3))
    gradient = (255 * gradient / (gradient.max() or 1)).astype(np.uint8)
    joined = cv2.morphologyEx(gradient, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (char * 2, 3)))
    _, binary = cv2.threshold(joined, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    contours, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours:
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        if h > w:  # OpenCV may report the long side as height
            w, h, angle = h, w, angle + 90
        angle = (angle + 90) % 180 - 90  # the long side's tilt, in [-90, 90)
        if w >= 0.3 * width and h >= 6 and w / max(h, 1) >= 12 and abs(angle) <= 15:
            boxes.append(((cx, cy), (w, h), angle))
    return boxes


def _best_group(boxes, width: int) -> list:
    """The largest, then lowest, run of 2-3 parallel lines of similar length and regular spacing.
    A third line that is not MRZ does no harm: the parser tries every 2- and 3-line window."""
    boxes = sorted(boxes, key=lambda b: b[0][1])
    best: list = []
    for start in range(len(boxes)):
        group = [boxes[start]]
        for box in boxes[start + 1 :]:
            last = group[-1]
            gap = box[0][1] - last[0][1]
            similar = abs(box[1][0] - last[1][0]) <= 0.15 * last[1][0] and abs(box[0][0] - last[0][0]) <= 0.1 * width
            if similar and last[1][1] * 0.8 <= gap <= last[1][1] * 3.5:
                group.append(box)
            if len(group) == 3:
                break
        if len(group) >= 2 and len(group) >= len(best):
            best = group  # later starts are lower on the page: the MRZ is at the bottom
    return best


def _straighten(gray: np.ndarray, box) -> Image.Image:
    (cx, cy), (w, h), angle = box
    pad_w, pad_h = w * 0.04 + 6, h * 0.35 + 4
    rotation = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    rotated = cv2.warpAffine(
        gray, rotation, (gray.shape[1], gray.shape[0]), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    x0, x1 = int(max(0, cx - w / 2 - pad_w)), int(min(gray.shape[1], cx + w / 2 + pad_w))
    y0, y1 = int(max(0, cy - h / 2 - pad_h)), int(min(gray.shape[0], cy + h / 2 + pad_h))
    crop = Image.fromarray(rotated[y0:y1, x0:x1])
    scale = LINE_HEIGHT / max(1.0, h)  # the characters, not the padded crop, get LINE_HEIGHT
    size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
    return crop.resize(size, Image.Resampling.LANCZOS)


def chevron_cells(line: Image.Image, count: int) -> list[bool] | None:
    """For each of the `count` characters of a straightened MRZ line, whether it is a filler '<';
    None unless the line splits into exactly `count` glyphs. OCR often reads '<' as K or X; the
    shape settles it: a chevron leaves the two left corners of its box empty, while K, X, E, C,
    L and S all put ink there."""
    gray = np.asarray(line.convert("L"))
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    if n - 1 < count:
        return None
    tall = np.median(stats[1:, 3][stats[1:, 3] >= 0.5 * stats[1:, 3].max()])
    width = ink.shape[1]
    glyphs = [
        i
        for i in range(1, n)
        if stats[i, 3] >= 0.6 * tall
        and stats[i, 2] <= 1.5 * tall
        and stats[i, 0] > 0
        and stats[i, 0] + stats[i, 2] < width
    ]  # not the crop's edges
    if len(glyphs) != count:
        return None
    cells = []
    for i in sorted(glyphs, key=lambda i: stats[i, 0]):
        x, y, w, h, _area = stats[i]
        glyph = labels[y : y + h, x : x + w] == i
        cw, ch = max(1, int(0.3 * w)), max(1, int(0.22 * h))
        left_corners = glyph[:ch, :cw].mean() + glyph[-ch:, :cw].mean()
        right_corners = glyph[:ch, -cw:].mean() + glyph[-ch:, -cw:].mean()
        middle_left = glyph[int(0.35 * h) : int(0.65 * h), :cw].mean()
        cells.append(bool(left_corners < 0.05 and right_corners > 0.1 and middle_left > 0.1))
    return cells
