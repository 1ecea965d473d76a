"""The metadata reader is compiled (setup.py, mypyc), and what is compiled is the current source.

An extension module is imported before the .py beside it, so a reader module edited after the
last build would be tested, and run, as its old self: these tests fail then, saying how to build
again. They also fail where the build fell back to plain Python (a slower reader), since `make
deps` installs the compiler that it needs."""

from __future__ import annotations

import importlib
import importlib.machinery
import subprocess
import sys
from pathlib import Path

import pytest

MEDIA = Path(__file__).resolve().parents[1] / "src" / "cuidado" / "media"
SETUP = Path(__file__).resolve().parents[1] / "setup.py"
REBUILD = "run `make deps` (or `.venv/bin/pip install -e .`) to compile it again"


def compiled_names() -> list[str]:
    """The modules setup.py compiles, read from it (one list, not two)."""
    text = SETUP.read_text(encoding="utf-8")
    block = text[text.index("READER = [") : text.index("def _say")]
    return [line.strip().strip('",') for line in block.splitlines() if line.strip().startswith('"')]


def test_setup_names_real_modules():
    names = compiled_names()
    assert {"exif", "jpeg", "stream", "model"} <= set(names)
    for name in names:
        assert (MEDIA / f"{name}.py").is_file(), name


@pytest.mark.parametrize("name", compiled_names())
def test_the_reader_module_is_compiled_from_its_current_source(name):
    module = importlib.import_module(f"cuidado.media.{name}")
    where = Path(module.__file__ or "")
    assert where.suffix in importlib.machinery.EXTENSION_SUFFIXES or where.name.endswith(".so"), (
        f"cuidado.media.{name} runs as plain Python ({where}): the compiled reader is missing; {REBUILD}"
    )
    source = MEDIA / f"{name}.py"
    assert where.stat().st_mtime >= source.stat().st_mtime, f"{source} changed after it was compiled; {REBUILD}"


def test_plain_python_reads_the_same_as_compiled(tmp_path):
    """The fallback where nothing can be compiled: the same sources, in a child process that is not
    let see the extension modules, give the same results and the same errors."""
    from cuidado.fixtures import media as fx
    from cuidado.media import read_metadata_path

    files = [tmp_path / name for name in ("gps.jpg", "shot.png", "clip.mp4", "broken.jpg", "bad-exif.jpg")]
    fx.make_jpeg(files[0], lat=40.4, lon=-3.7, make="Apple", model="iPhone", serial="SN1", thumbnail=True)
    fx.make_png(files[1], lat=19.4, lon=-99.1, taken="2021:05:01 10:00:00")
    fx.make_mp4(files[2], lat=34.05, lon=-118.24, moov_first=False, mdat_size=1024)
    files[3].write_bytes(files[0].read_bytes()[:300])
    spoiled = bytearray(files[0].read_bytes())
    spoiled[30:60] = b"\xff" * 30  # inside the EXIF block
    files[4].write_bytes(bytes(spoiled))

    def read(path: Path) -> str:
        try:
            return repr(read_metadata_path(path).to_dict())
        except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
            return f"{type(exc).__name__}: {exc}"

    child = f"""
import sys
from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader

def sources_only(path, hook=FileFinder.path_hook((SourceFileLoader, SOURCE_SUFFIXES))):
    if not path.startswith({str(MEDIA.parents[1])!r}):
        raise ImportError  # everything else (the standard library's own extensions) as usual
    return hook(path)

sys.path_hooks.insert(0, sources_only)
sys.path_importer_cache.clear()
from cuidado.media import exif, read_metadata_path
assert exif.__file__.endswith(".py"), exif.__file__
for path in sys.argv[1:]:
    try:
        print(repr(read_metadata_path(path).to_dict()))
    except Exception as exc:
        print(f"{{type(exc).__name__}}: {{exc}}")
"""
    run = subprocess.run([sys.executable, "-c", child, *map(str, files)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    expected = [read(path) for path in files]
    assert run.stdout.splitlines() == expected
    assert "40.4" in expected[0] and "19.4" in expected[1] and "34.05" in expected[2]
