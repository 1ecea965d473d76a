"""Decode an image once, safely, into an upright RGB picture small enough to analyse.

Photos in an export are untrusted files: a crafted PNG can claim billions of pixels, so the
decompression-bomb limit is lowered and its warning is turned into a refusal.
"""

from __future__ import annotations

import warnings
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageOps

MAX_PIXELS = 60_000_000  # a 60 MP phone photo is fine; anything bigger is refused
# Every photo is decoded once for the cheap checks (hash, faces, "is this a document?"), at least
# this large: JPEGs decode straight to a size between this and twice it (DCT scaling), and each
# check shrinks that copy to what it needs. Resampling it to exactly this size (Lanczos) cost
# 18 ms a photo, four times the decoding itself.
ANALYSIS_LONG_SIDE = 800
OCR_LONG_SIDE = 1600  # only photos that look like documents are decoded again, this large, for OCR

try:  # HEIC is what iPhones export; without pillow-heif those photos are just skipped
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - media extra not installed
    pass

Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow warns past this (and we refuse), errors past twice it


class ImageError(ValueError):
    """The file cannot be decoded as an image, or is refused (too large, truncated)."""


def load_image(fp: str | BinaryIO, *, long_side: int = ANALYSIS_LONG_SIDE, exact: bool = True) -> Image.Image:
    """Decode `fp` (path or binary file) to RGB, EXIF orientation applied, long side <= `long_side`;
    with `exact=False`, only shrunk by whole factors (cheap), so its long side is under twice
    `long_side` (and at least `long_side` when the picture was that large).

    The upright size of the full-resolution picture is kept in `info["original_size"]`, so
    positions found on the smaller copy can be reported in the original's coordinates.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(fp) as im:
                original = _upright_size(im)
                scale = min(1.0, long_side / max(im.size))
                # JPEG: let libjpeg decode at 1/2..1/8 scale, much faster than a full decode.
                im.draft("RGB", (max(1, int(im.size[0] * scale)), max(1, int(im.size[1] * scale))))
                im.load()
                rgb = _to_rgb(_exif_upright(im))
        except ImageError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageError("image too large (possible decompression bomb)") from None
        except Image.UnidentifiedImageError:
            raise ImageError("not an image") from None
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
            raise ImageError(f"cannot decode image: {type(exc).__name__}") from None
    out = downscale(rgb, long_side) if exact else reduce_to(rgb, long_side)
    out.info["original_size"] = original
    return out


def original_size(im: Image.Image) -> tuple[int, int]:
    """The upright full-resolution size `load_image` recorded (the image's own size otherwise)."""
    return im.info.get("original_size", im.size)


def _upright_size(im: Image.Image) -> tuple[int, int]:
    width, height = im.size
    if width <= 0 or height <= 0:
        raise ImageError("image has no pixels")
    if width * height > MAX_PIXELS:
        raise ImageError("image too large (possible decompression bomb)")
    try:
        orientation = im.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block must not stop the analysis
        orientation = 1
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _exif_upright(im: Image.Image) -> Image.Image:
    try:
        ImageOps.exif_transpose(im, in_place=True)  # not a copy of an upright photo (most of them)
    except Exception:  # broken orientation tag: analyse the pixels as stored
        pass
    return im


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode == "RGB":
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        # Transparent areas become white, as they would look when viewed.
        rgba = im.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if im.mode.startswith("I") or im.mode == "F":  # 16-bit or float greyscale: scale to 8 bits
        values = np.asarray(im, dtype=np.float64)
        top = values.max() or 1.0
        im = Image.fromarray((values * (255.0 / max(top, 255.0))).astype(np.uint8))
    return im.convert("RGB")


def reduce_to(im: Image.Image, long_side: int) -> Image.Image:
    """Shrink by the largest whole factor that keeps the long side at least `long_side` (box filter)."""
    factor = max(im.size) // long_side
    return im.reduce(factor) if factor >= 2 else im


def shrink(array: np.ndarray, long_side: int, *, smooth: bool = False) -> np.ndarray:
    """An image array made at most `long_side` long with OpenCV (well under a millisecond):
    bilinear, or with `smooth` the pixel-area average, which keeps thin strokes such as print."""
    import cv2

    height, width = array.shape[:2]
    scale = long_side / max(width, height)
    if scale >= 1:
        return array
    return cv2.resize(
        array,
        (max(1, round(width * scale)), max(1, round(height * scale))),
        interpolation=cv2.INTER_AREA if smooth else cv2.INTER_LINEAR,
    )


def downscale(im: Image.Image, long_side: int) -> Image.Image:
    """Shrink so the longest side is at most `long_side`; small images are left alone."""
    width, height = im.size
    scale = long_side / max(width, height)
    if scale >= 1:
        return im
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)
