"""How fast is cuidado's media metadata reader, next to ExifTool and to merely reading headers?

    .venv/bin/python benchmarks/bench_media_metadata.py [--count 2000] [--repeat 3]

Generates (once, cached in benchmarks/.cache/) a folder of fixture media with planted
metadata: JPEGs with and without GPS, PNGs, WebPs and a few MP4/MOV files. Then times
  (a) cuidado `read_metadata_path` over every file,
  (b) one batch `exiftool -n -fast -j <tags> <dir>` process,
  (c) opening each file and reading its first 64 KiB (the floor for any header reader),
  (d) libexiv2, the C++ library, through its Python binding `exiv2` (if installed: `make bench`),
and prints files/s for each and the ratios. Targets: (a) >= 10x (b), and (a) within 3x of (c).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))


def _plain_python_only() -> None:
    """--plain-python: import cuidado from its .py files, not from the compiled reader (setup.py)
    beside them: the reader as it runs where nothing could be compiled. Decided before the imports."""
    from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader

    hook = FileFinder.path_hook((SourceFileLoader, SOURCE_SUFFIXES))

    def sources_only(path: str):
        if not path.startswith(str(SRC)):
            raise ImportError  # the standard library's extensions as usual
        return hook(path)

    sys.path_hooks.insert(0, sources_only)
    sys.path_importer_cache.clear()


if "--plain-python" in sys.argv:
    _plain_python_only()

from cuidado.fixtures import media as fx  # noqa: E402
from cuidado.media import read_metadata_path  # noqa: E402
from cuidado.media.metadata import FIRST_READ  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
GENERATOR_VERSION = 2
EXIFTOOL_TAGS = ["-GPSLatitude", "-GPSLongitude", "-DateTimeOriginal", "-Make", "-Model", "-SerialNumber"]


def _planted(i: int) -> dict:
    """Varied but deterministic facts for file number i."""
    when = datetime(2019, 1, 1, tzinfo=timezone(timedelta(hours=i % 5 - 2))) + timedelta(hours=7 * i)
    return dict(
        lat=-60 + (i * 7.31) % 120,
        lon=-170 + (i * 13.7) % 340,
        taken=when,
        make=("Apple", "Google", "samsung", "Canon")[i % 4],
        model=f"Model {i % 13}",
    )


def generate(folder: Path, count: int, photo_size=(320, 240), grain=0) -> list[Path]:
    marker = folder / ".complete"
    stamp = f"{GENERATOR_VERSION}:{count}:{photo_size}:{grain}"
    if marker.is_file() and marker.read_text() == stamp:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(count):
        kind = i % 20
        facts = _planted(i)
        if kind < 10:  # phone/camera JPEG with GPS, some with a thumbnail and serial
            fx.make_jpeg(
                folder / f"{i:05d}.jpg",
                size=photo_size,
                grain=grain,
                seed=i,
                thumbnail=i % 3 == 0,
                serial=f"SN{i:06d}" if i % 4 == 3 else None,
                **facts,
            )
        elif kind < 15:  # JPEG that went through a platform: camera tags, no GPS
            fx.make_jpeg(
                folder / f"{i:05d}.jpg",
                size=photo_size,
                grain=grain,
                seed=i,
                make=facts["make"],
                model=facts["model"],
                taken=facts["taken"],
            )
        elif kind < 18:  # screenshots / edited PNGs, half with EXIF
            extra = facts if kind == 15 else {}
            fx.make_png(folder / f"{i:05d}.png", size=(320, 240), seed=i, **extra)
        elif kind == 18:
            fx.make_webp(folder / f"{i:05d}.webp", size=(320, 240), seed=i, **facts)
        else:
            maker = fx.make_mov if i % 40 == 39 else fx.make_mp4
            suffix = "mov" if i % 40 == 39 else "mp4"
            maker(folder / f"{i:05d}.{suffix}", moov_first=i % 80 < 40, mdat_size=256 * 1024, seed=i, **facts)
    marker.write_text(stamp)
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def interleaved_best(repeat: int, contenders: dict) -> dict:
    """Best (wall, cpu) seconds of each contender over `repeat` rounds, taking turns so that
    load from other processes hits all of them alike. CPU time (user + system, children
    included) is what we compare: on a shared machine it does not count time spent
    waiting for a core."""
    best = {name: [float("inf"), float("inf")] for name in contenders}
    results = {}
    for _ in range(repeat):
        for name, run in contenders.items():
            wall, cpu = time.perf_counter(), _cpu()
            results[name] = run()
            wall, cpu = time.perf_counter() - wall, _cpu() - cpu
            best[name][0] = min(best[name][0], wall)
            best[name][1] = min(best[name][1], cpu)
    return {name: (tuple(best[name]), results[name]) for name in contenders}


def run_cuidado(paths):
    return [read_metadata_path(p) for p in paths]


def run_raw(paths):
    total = 0
    for p in paths:
        with open(p, "rb", buffering=0) as fp:
            total += len(fp.read(65536))
    return total


def run_raw_same(paths):
    """The bytes read_metadata_path reads for most files, read the way it reads them, parsed not at all."""
    total = 0
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        try:
            total += len(os.read(fd, FIRST_READ))
        finally:
            os.close(fd)
    return total


EXIV2_KEYS = (
    "Exif.GPSInfo.GPSLatitude",
    "Exif.GPSInfo.GPSLongitude",
    "Exif.Photo.DateTimeOriginal",
    "Exif.Image.Make",
    "Exif.Image.Model",
    "Exif.Photo.BodySerialNumber",
)


def run_exiv2(exiv2, paths) -> int:
    """The same tags read with libexiv2 (compiled C++): is a compiled reader what closes the gap to a
    raw read? Returns how many files had GPS."""
    with_gps = 0
    for p in paths:
        try:
            image = exiv2.ImageFactory.open(str(p))
            image.readMetadata()
        except exiv2.Exiv2Error:
            continue
        data = image.exifData()
        found = {key: data.findKey(exiv2.ExifKey(key)) for key in EXIV2_KEYS}
        values = {key: at.toString() for key, at in found.items() if at != data.end()}
        with_gps += "Exif.GPSInfo.GPSLatitude" in values
    return with_gps


def run_exiftool(folder: Path):
    out = subprocess.run(
        ["exiftool", "-n", "-fast", "-j", *EXIFTOOL_TAGS, str(folder)], capture_output=True, check=False
    )
    return json.loads(out.stdout or b"[]")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7, help="best of N rounds (ExifTool: 1)")
    parser.add_argument(
        "--photos",
        choices=("small", "real"),
        default="small",
        help="small: 320x240 JPEGs of ~7 KiB; real: 1080x810 JPEGs of ~110 KiB, like an export's",
    )
    parser.add_argument(
        "--plain-python", action="store_true", help="time the reader as plain Python, not compiled (setup.py)"
    )
    args = parser.parse_args(argv)
    compiled = not Path(sys.modules[read_metadata_path.__module__].__file__ or "").name.endswith(".py")
    print(f"metadata reader: {'compiled with mypyc' if compiled else 'plain Python'}")

    photo_size, grain = ((1080, 810), 20) if args.photos == "real" else ((320, 240), 0)
    folder = CACHE / f"media-{args.count}-{args.photos}"
    start = time.perf_counter()
    paths = generate(folder, args.count, photo_size, grain)
    print(f"{len(paths)} files in {folder} ({time.perf_counter() - start:.1f}s to prepare)")

    run_raw(paths)  # warm the page cache so every contender reads from memory
    contenders = {
        "ours": lambda: run_cuidado(paths),
        "raw": lambda: run_raw(paths),
        "same": lambda: run_raw_same(paths),
    }
    try:
        import exiv2
    except ImportError:
        exiv2 = None
        print("libexiv2 not measured: its Python binding `exiv2` is not installed (`make bench` installs it)")
    else:
        exiv2.LogMsg.setLevel(exiv2.LogMsg.Level.mute)  # it would print a line per file it cannot read
        contenders["exiv2"] = lambda: run_exiv2(exiv2, paths)
    timed = interleaved_best(args.repeat, contenders)
    ours_s, metas = timed["ours"]
    raw_s, raw_bytes = timed["raw"]
    same_s, _ = timed["same"]
    with_gps = sum(m.lat is not None for m in metas)
    rows = [
        ("cuidado read_metadata_path", ours_s),
        ("raw 64 KiB header read", raw_s),
        (f"raw read of the same {FIRST_READ // 1024} KiB", same_s),
    ]
    if "exiv2" in timed:
        exiv2_s, exiv2_gps = timed["exiv2"]
        rows.append((f"libexiv2 {exiv2.__version__} (C++), same tags", exiv2_s))
        print(f"GPS found by libexiv2: {exiv2_gps}")

    exiftool_s = None
    if shutil.which("exiftool"):
        exiftool_s, records = interleaved_best(1, {"et": lambda: run_exiftool(folder)})["et"]
        et_gps = sum("GPSLatitude" in r for r in records)
        rows.append(("exiftool -fast (one batch process)", exiftool_s))
        print(f"GPS found: cuidado {with_gps}, exiftool {et_gps}")
    else:
        print(f"GPS found: cuidado {with_gps} (exiftool not installed)")
    print(f"raw read: {raw_bytes / len(paths) / 1024:.1f} KiB per file; load average {os.getloadavg()[0]:.1f}")
    print(f"  {'':<36} {'cpu s':>8} {'files/s':>10}   {'wall s':>8} {'files/s':>10}")
    for label, (wall, cpu) in rows:
        print(f"  {label:<36} {cpu:8.3f} {len(paths) / cpu:10.0f}   {wall:8.3f} {len(paths) / wall:10.0f}")
    for i, kind in ((1, "cpu"), (0, "wall")):
        if exiftool_s:
            print(f"  [{kind}] cuidado vs exiftool: {exiftool_s[i] / ours_s[i]:.1f}x faster (target >= 10x)")
        print(
            f"  [{kind}] cuidado vs raw header read: {ours_s[i] / raw_s[i]:.2f}x the time (target <= 3x); "
            f"vs the same {FIRST_READ // 1024} KiB read alike: {ours_s[i] / same_s[i]:.2f}x"
        )
        if "exiv2" in timed:
            print(
                f"  [{kind}] libexiv2 vs the same {FIRST_READ // 1024} KiB read: "
                f"{exiv2_s[i] / same_s[i]:.2f}x the time; cuidado vs libexiv2: {exiv2_s[i] / ours_s[i]:.2f}x faster"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
