"""The metadata reader is compiled (setup.py, mypyc), and what is compiled is the current source.

An extension module is imported before the .py beside it, so a reader module edited after the
last build would be tested, and run, as its old self: these tests fail then, saying how to build
again. They also fail where the build fell back to plain Python (a slower reader), since `make
deps` installs the compiler that it needs."""

from __future__ import annotations

import importlib
import importlib.machinery
import random
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


def made_and_mutated(folder: Path, per_file: int = 300) -> list[Path]:
    """One file of each format the reader knows, and `per_file` spoiled copies of each: bytes
    changed where the metadata lives, or cut short (seeded: the same files every run)."""
    from cuidado.fixtures import media as fx

    facts = dict(lat=40.4, lon=-3.7, taken="2021:05:01 10:00:00", make="Apple", model="iPhone 12")
    made = {
        "a.jpg": fx.make_jpeg(serial="SN1", owner="Ana", thumbnail=True, xmp=fx.xmp_packet(city="Madrid"), **facts),
        "b.png": fx.make_png(**facts),
        "c.webp": fx.make_webp(**facts),
        "d.mp4": fx.make_mp4(moov_first=True, mdat_size=512, **facts),
        "e.mp4": fx.make_mp4(moov_first=False, mdat_size=512, android=True, **facts),
        "f.mov": fx.make_mov(moov_first=True, mdat_size=512, **facts),
        "g.heic": fx.make_heic(**facts),
    }
    rng = random.Random(18)
    paths = []
    for name, data in made.items():
        paths.append(folder / name)
        paths[-1].write_bytes(data)
        for i in range(per_file):
            spoiled = bytearray(data)
            if i % 5 == 4:
                del spoiled[rng.randrange(8, len(spoiled)) :]
            else:
                for _ in range(rng.randint(1, 6)):
                    spoiled[rng.randrange(min(len(spoiled), 4096))] = rng.choice((0, 0xFF, rng.randrange(256)))
            paths.append(folder / f"{i:03d}-{name}")
            paths[-1].write_bytes(bytes(spoiled))
    return paths


def test_plain_python_reads_the_same_as_compiled(tmp_path):
    """The fallback where nothing can be compiled: the same sources, in a child process that is not
    let see the extension modules, give the same results and the same errors, on whole files and
    on spoiled ones (where compiled code could part ways with Python: a bytes slice whose start
    passes its stop raises there, for one)."""
    from cuidado.media import read_metadata_path

    files = made_and_mutated(tmp_path)
    listing = tmp_path / "files.txt"
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")

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
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    try:
        print(repr(read_metadata_path(path).to_dict()))
    except Exception as exc:
        print(f"{{type(exc).__name__}}: {{exc}}")
"""
    run = subprocess.run([sys.executable, "-c", child, str(listing)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    plain = run.stdout.splitlines()
    compiled = [read(path) for path in files]
    differ = [f"{path.name}:\n  compiled: {c}\n  plain:    {p}" for path, c, p in zip(files, compiled, plain) if c != p]
    assert len(plain) == len(files) and not differ, "\n".join(differ[:5])
    assert "40.4" in compiled[0], "the unspoiled photo's place is read"
    errors = sum(line.startswith("MediaError") for line in compiled)
    assert 0 < errors < len(files) - 7, "spoiled files give errors, and results too"
