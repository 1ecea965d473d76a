"""Build step for the one part of cuidado that is compiled: the photo and video metadata reader.

Everything else is in pyproject.toml. The reader's modules are plain Python written for mypyc
(mypy's compiler): compiled, a photo's metadata is read within 3x of the time it takes merely to
read its header bytes, against ~8x as plain Python (BENCHMARKS.md, bench_media_metadata). Python
semantics are kept, bounds checks included, so a hostile file raises as it would in Python.

Where it cannot be compiled (no C compiler, no Python headers, or CUIDADO_PURE_PYTHON=1), the same
modules run as plain Python: the same results, slower. `make deps` installs the compiler.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

READER = [
    f"src/cuidado/media/{name}.py"
    for name in (
        "exif",
        "formats",
        "heif",
        "isobmff",
        "jpeg",
        "metadata",
        "model",
        "png",
        "quicktime",
        "stream",
        "webp",
        "xmp",
    )
]


def _say(text: str) -> None:
    print(f"cuidado: {text}", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """A compiler that fails leaves the reader as plain Python instead of failing the install."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - any failure here has the same answer
            _say(f"the metadata reader could not be compiled, it runs as plain Python (slower): {exc}")

    def build_extension(self, ext) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001
            _say(f"{ext.name} could not be compiled, it runs as plain Python (slower): {exc}")


def compiled_reader() -> list:
    if os.environ.get("CUIDADO_PURE_PYTHON", "") not in ("", "0"):
        _say("CUIDADO_PURE_PYTHON is set: the metadata reader stays plain Python")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:
        _say(f"mypyc is missing, the metadata reader stays plain Python (slower): {exc}")
        return []
    try:
        # mypyc type-checks what it compiles. The build runs apart from the project's dependencies,
        # so an import of one (Pillow, imported lazily by jpeg.py) is not followed: `make lint`
        # checks those types.
        return mypycify(["--ignore-missing-imports", *READER], opt_level="3", group_name="cuidado_reader")
    except (Exception, SystemExit) as exc:  # mypy exits on a type error: fall back, do not fail
        _say(f"the metadata reader could not be compiled, it runs as plain Python (slower): {exc!r}")
        return []


setup(ext_modules=compiled_reader(), cmdclass={"build_ext": OptionalBuildExt})
