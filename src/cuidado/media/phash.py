"""Perceptual hashes: find the same photo again after resizing, recompression or small edits."""

from __future__ import annotations

import imagehash
from PIL import Image


def phash(im: Image.Image) -> str:
    """64-bit DCT perceptual hash as 16 hex digits."""
    return str(imagehash.phash(im, hash_size=8))


def hamming(a: str, b: str) -> int:
    """Bits that differ between two hex hashes of the same length (0 = same picture)."""
    if len(a) != len(b):
        raise ValueError("hashes of different lengths")
    return (int(a, 16) ^ int(b, 16)).bit_count()


def same_picture(a: str, b: str, *, max_distance: int = 8) -> bool:
    """Two hashes close enough to be the same photo re-encoded or resized."""
    return hamming(a, b) <= max_distance
