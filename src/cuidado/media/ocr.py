"""Read the text in a picture with Tesseract, run as a subprocess.

The image goes to Tesseract through its standard input as PNG bytes and the text comes back on
standard output: the person's photos are private, so no copy is ever written to a temp file.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from typing import Protocol

from PIL import Image

DEFAULT_LANGUAGES = ("eng", "spa")
SUPPORTED_LANGUAGES = ("eng", "spa", "fra", "por", "ara")
TIMEOUT_SECONDS = 60
MRZ_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


class OcrUnavailable(RuntimeError):
    """No OCR engine on this machine: document checks are skipped, everything else still runs."""


class OcrError(RuntimeError):
    """The engine ran but failed on this one image."""


class OcrEngine(Protocol):
    def recognize(self, image: Image.Image, *, psm: int = 3, whitelist: str | None = None) -> str:
        """All the text in `image`, lines separated by newlines."""
        ...


def tesseract_available() -> bool:
    return _tesseract_path() is not None


@functools.cache
def _tesseract_path() -> str | None:
    return shutil.which("tesseract")


@functools.cache
def installed_languages() -> frozenset[str]:
    path = _tesseract_path()
    if path is None:
        return frozenset()
    try:
        out = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def select_languages(wanted: tuple[str, ...] | list[str] | None = None) -> str:
    """The '+'-joined Tesseract language list: the wanted ones that are installed (eng as fallback)."""
    have = installed_languages()
    chosen = [lang for lang in (wanted or DEFAULT_LANGUAGES) if lang in SUPPORTED_LANGUAGES and lang in have]
    if not chosen:
        if "eng" not in have:
            raise OcrUnavailable("Tesseract has no language data installed")
        chosen = ["eng"]
    return "+".join(chosen)


class TesseractEngine:
    """`tesseract stdin stdout -l eng+spa --psm 3`, one process per image."""

    def __init__(self, languages: tuple[str, ...] | list[str] | None = None, *, threads: int = 1):
        path = _tesseract_path()
        if path is None:
            raise OcrUnavailable("tesseract is not installed (apt-get install tesseract-ocr)")
        self.path = path
        self.languages = select_languages(languages)
        # One OpenMP thread per process: faster on small images and leaves cores for other work.
        self.env = {**os.environ, "OMP_THREAD_LIMIT": str(threads)}

    def recognize(self, image: Image.Image, *, psm: int = 3, whitelist: str | None = None) -> str:
        command = [self.path, "stdin", "stdout", "-l", self.languages, "--psm", str(psm)]
        if whitelist:
            command += ["-c", f"tessedit_char_whitelist={whitelist}"]
        try:
            done = subprocess.run(
                command, input=_png_bytes(image), capture_output=True, timeout=TIMEOUT_SECONDS, env=self.env
            )
        except subprocess.TimeoutExpired:
            raise OcrError("tesseract timed out") from None
        except OSError as exc:
            raise OcrUnavailable(f"cannot run tesseract: {exc.strerror}") from None
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise OcrError(lines[-1] if lines else "tesseract failed")
        return done.stdout.decode("utf-8", "replace")


def _png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    # Greyscale, fastest compression: Tesseract binarises anyway and encoding time adds up.
    image.convert("L").save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()
