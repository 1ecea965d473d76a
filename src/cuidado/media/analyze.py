"""Everything a photo's pixels reveal, from one decode: perceptual hash, faces, documents.

    analysis = analyze_image("IMG_0042.HEIC")
    analysis.document.doc_type   # 'work_permit', 'passport', ... or None
    analysis.faces               # boxes of the faces of other people (and the person)

Every photo is decoded once, small (800-1600 px, JPEG's DCT scaling), for the cheap checks, which
share one RGB array and one greyscale copy. OCR is the slow part (seconds per image), so it only
runs when the cheap text pre-filter says the photo likely shows a document; only then is the photo
decoded a second time, large enough to read. Without Tesseract, document checks are skipped,
once noted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

import cv2
import numpy as np
from PIL import Image

from .documents import DocumentResult, classify_document
from .faces import Box, detect_faces
from .images import OCR_LONG_SIDE, load_image, original_size
from .mrz import Mrz, confirm_with_visual_zone, find_mrz, merge_readings
from .mrz_locate import chevron_cells, mrz_line_images
from .mrz_repair import apply_chevron_mask
from .ocr import MRZ_CHARACTERS, OcrEngine, OcrError, OcrUnavailable, TesseractEngine
from .phash import phash
from .text_prefilter import small_gray, text_evidence


@dataclass
class ImageAnalysis:
    width: int
    height: int
    phash: str
    faces: list[Box] = field(default_factory=list)
    text_score: float = 0.0
    detail: float = 0.0  # grey-level entropy in bits: ~0 for a blank picture, 5-7.5 for a photo
    likely_text: bool = False  # the pre-filter's decision: OCR runs on this photo (when OCR is on)
    sent_to_ocr: bool = False
    ocr_text: str | None = None
    mrz: Mrz | None = None
    document: DocumentResult | None = None
    ocr_error: str | None = None  # "unavailable" when there is no OCR engine on this machine


_engine: list[OcrEngine | None] = []  # [] until first asked; [None] once OCR is known missing


def default_engine() -> OcrEngine | None:
    """The Tesseract engine, created once; None (and a single notice) if it is not installed."""
    if not _engine:
        try:
            _engine.append(TesseractEngine())
        except OcrUnavailable:
            _engine.append(None)
    return _engine[0]


def analyze_image(
    fp: str | BinaryIO, *, ocr: bool = True, engine: OcrEngine | None = None, faces: bool = True
) -> ImageAnalysis:
    """Decode `fp` and run every check; raises `ImageError` if it is not a usable image.

    `fp` is a path or a seekable binary file (it is read again for OCR)."""
    image = load_image(fp, exact=False)

    def large() -> Image.Image:
        if hasattr(fp, "seek"):
            fp.seek(0)
        return load_image(fp, long_side=OCR_LONG_SIDE)

    return analyze_loaded(image, ocr=ocr, engine=engine, faces=faces, for_ocr=large)


def gray_entropy(gray: np.ndarray) -> float:
    """Grey-level entropy in bits (as Pillow's Image.entropy): how much a picture shows at all."""
    # OpenCV's histogram: the same counts as np.bincount, which widens every pixel to 64 bits first.
    counts = cv2.calcHist([np.ascontiguousarray(gray)], [0], None, [256], [0, 256]).ravel().astype(np.float64)
    p = counts[counts > 0] / gray.size
    return float(-(p * np.log2(p)).sum())


def analyze_loaded(
    image: Image.Image,
    *,
    ocr: bool = True,
    engine: OcrEngine | None = None,
    faces: bool = True,
    for_ocr: Callable[[], Image.Image] | None = None,
) -> ImageAnalysis:
    """Every check on a decoded photo; `for_ocr` gives a larger copy when text is to be read."""
    width, height = original_size(image)
    rgb = np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    gray = small_gray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    evidence = text_evidence(gray)
    result = ImageAnalysis(
        width=width,
        height=height,
        phash=phash(gray),
        text_score=evidence.score,
        detail=gray_entropy(gray),
        likely_text=evidence.likely_text,
    )
    if faces:
        result.faces = detect_faces(rgb, original=(width, height))
    if not (ocr and evidence.likely_text):
        return result
    engine = engine or default_engine()
    if engine is None:
        result.ocr_error = "unavailable"
        return result
    result.sent_to_ocr = True
    try:
        image = for_ocr() if for_ocr is not None else image
        result.ocr_text = engine.recognize(image)
        result.mrz = read_mrz(engine, image, result.ocr_text)
    except OcrError as exc:
        result.ocr_error = str(exc)
        return result
    result.document = classify_document(result.ocr_text, result.mrz)
    return result


def read_mrz(engine: OcrEngine, image: Image.Image, text: str) -> Mrz | None:
    """The MRZ, from the page's OCR text and a dedicated pass over each MRZ line (found by shape,
    straightened, read alone with MRZ characters only), the readings merged field by field."""
    page = find_mrz(text)
    line_images = mrz_line_images(image)
    if page is None and not line_images:
        return None
    readings = []
    for psm in (7, 13):  # 7: one text line; 13: raw line, which rescues some lines 7 garbles
        lines = ["".join(engine.recognize(line, psm=psm, whitelist=MRZ_CHARACTERS).split()) for line in line_images]
        reading = find_mrz("\n".join(lines))
        if reading is None and page is None:
            return None  # long parallel lines, but not an MRZ (a letter's paragraphs)
        if reading is None and lines and page is not None:  # a data line badly cropped: its name line may still help
            lines = [lines[0], *page.lines[1:]] if page.format != "TD1" else [*page.lines[:2], lines[-1]]
            reading = find_mrz("\n".join(lines))
        readings.append(_fix_fillers(reading, lines, line_images))
    mrz = merge_readings([*readings, page])
    return confirm_with_visual_zone(mrz, text) if mrz is not None else None


def _fix_fillers(reading: Mrz | None, lines: list[str], line_images: list[Image.Image]) -> Mrz | None:
    """Re-read with every letter that is shaped like a chevron turned back into the filler '<'."""
    if reading is None:
        return None
    length = len(reading.lines[0])
    fixed = []
    for line, picture in zip(lines, line_images):
        chevrons = chevron_cells(picture, length)
        fixed.append((apply_chevron_mask(line, chevrons) if chevrons else None) or line)
    return find_mrz("\n".join(fixed)) or reading
