"""Scrubbing: cuidado scrub vs mat2 and `exiftool -all=`, on the same photos and videos.

    python -m benchmarks.bench_scrub [--count 300]

Prints files/s for each tool (cuidado's figure includes its ExifTool verification of every
copy) and how many cleaned files still carry GPS, serial, owner or date fields as ExifTool
reads them, and whether pixels stayed identical.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from PIL import Image

from benchmarks._exports import CACHE
from cuidado.fixtures import media
from cuidado.scrub import scrub_many
from cuidado.scrub.verify import leftovers_exiftool_many

PLANTED = dict(
    lat=33.9731,
    lon=-118.2479,
    taken="2024:05:01 21:14:09",
    make="Apple",
    model="iPhone 12",
    serial="F2LXK1ABCD",
    owner="Maria Garcia",
)


def sample_files(count: int) -> list[Path]:
    folder = CACHE / f"scrub-{count}"
    if not folder.exists():
        folder.mkdir(parents=True)
        for i in range(count):
            if i % 10 == 9:
                media.make_mp4(
                    folder / f"clip{i:04d}.mp4",
                    lat=33.97,
                    lon=-118.24,
                    make="Apple",
                    model="iPhone",
                    mdat_size=200_000,
                    seed=i,
                )
            elif i % 10 == 8:
                media.make_png(folder / f"shot{i:04d}.png", size=(800, 600), seed=i, **PLANTED)
            else:
                media.make_jpeg(
                    folder / f"IMG_{i:04d}.jpg", size=(1280, 960), grain=40, thumbnail=True, seed=i, **PLANTED
                )
    return sorted(folder.iterdir())


def run_cuidado(files: list[Path], out: Path) -> list[Path]:
    results, errors = scrub_many(files, out)
    return [r.output for r in results]


def run_cuidado_clean_only(files: list[Path], out: Path) -> list[Path]:
    from cuidado.scrub import ScrubError, scrub_file

    outputs = []
    for f in files:
        try:
            outputs.append(scrub_file(f, out, verify=False).output)
        except ScrubError:
            pass
    return outputs


def run_exiftool(files: list[Path], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["exiftool", "-q", "-m", "-all=", "-o", f"{out}/", *map(str, files)], check=False, capture_output=True
    )
    return sorted(out.iterdir())


def run_mat2(files: list[Path], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    copies = [Path(shutil.copy(f, out / f.name)) for f in files]
    subprocess.run(["mat2", "--inplace", *map(str, copies)], check=False, capture_output=True)
    return copies


def same_pixels(a: Path, b: Path) -> bool | None:
    if a.suffix not in (".jpg", ".png"):
        return None
    try:
        with Image.open(a) as x, Image.open(b) as y:
            return x.convert("RGB").tobytes() == y.convert("RGB").tobytes()
    except OSError:
        return False


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args(argv)
    files = sample_files(args.count)
    tools = {"cuidado scrub": run_cuidado, "  (clean only)": run_cuidado_clean_only, "exiftool -all=": run_exiftool}
    if shutil.which("mat2"):
        tools["mat2"] = run_mat2
    print(
        f"{len(files)} files ({sum(f.stat().st_size for f in files) / 1e6:.0f} MB): JPEG 1280x960 with EXIF, "
        f"GPS, XMP-free thumbnails; PNG with text chunks; MP4 with location"
    )
    print(f"{'tool':16} {'files/s':>9} {'with leftovers':>15} {'pixels identical':>17}")
    for name, run in tools.items():
        with tempfile.TemporaryDirectory(prefix="cuidado-scrub-bench-") as tmp:
            start = time.perf_counter()
            outputs = run(files, Path(tmp) / "out")
            seconds = time.perf_counter() - start
            left = leftovers_exiftool_many(outputs)
            dirty = sum(1 for v in left.values() if v)
            by_name = {o.name: o for o in outputs}
            checks = [same_pixels(f, by_name[f.name]) for f in files if f.name in by_name]
            checks = [c for c in checks if c is not None]
            print(
                f"{name:16} {len(files) / seconds:9.1f} {dirty:>9}/{len(outputs):<5} {sum(checks):>10}/{len(checks):<6}"
            )


if __name__ == "__main__":
    main()
