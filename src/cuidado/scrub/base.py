"""Pick the cleaner by the file's real format (media/formats.py), write the clean copy beside no
original, verify it."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cuidado.locales import N_, TranslatableError
from cuidado.media import formats
from cuidado.media.formats import Format
from cuidado.media.isobmff_clean import zero_container_times
from cuidado.scrub.verify import exiftool_available, leftovers, leftovers_many

MAX_IN_MEMORY = 512 * 1024 * 1024


_STILL_CARRIES = N_("{path}: the clean copy still carries metadata ({fields})")


class ScrubError(TranslatableError):
    """A file could not be cleaned, or its copy still carries metadata. The message names the file
    (`text(lang)`: in the reader's language)."""


@dataclass
class ScrubResult:
    source: Path
    output: Path
    format: str  # the name in media/formats.py: "jpeg", "mp4", "heic"...
    method: str  # "lossless" or "exiftool"
    pixels_unchanged: bool
    notes: list[str] = field(default_factory=list)


def output_path(source: Path, out_dir: Path) -> Path:
    target = out_dir / source.name
    if target.exists() or target.resolve() == source.resolve():
        target = out_dir / f"{source.stem}.clean{source.suffix}"
    return target


def scrub_many(sources: list[Path], out_dir: Path) -> tuple[list[ScrubResult], list[ScrubError]]:
    """Clean many files, then check every copy with one ExifTool run; copies that still carry
    metadata are deleted and reported as errors."""
    results, errors = [], []
    for source in sources:
        try:
            results.append(scrub_file(source, out_dir, verify=False))
        except ScrubError as exc:
            errors.append(exc)
    checked = leftovers_many([r.output for r in results])
    kept = []
    for result in results:
        left = checked.get(result.output, [])
        if left:
            result.output.unlink(missing_ok=True)
            errors.append(ScrubError(_STILL_CARRIES, path=result.source, fields=", ".join(left[:5])))
        else:
            kept.append(result)
    return kept, errors


def scrub_file(source: Path, out_dir: Path, *, verify: bool = True) -> ScrubResult:
    """Write a metadata-free copy of `source` into `out_dir`. The original is only ever read."""
    source = Path(source)
    if source.is_symlink() or not source.is_file():
        raise ScrubError(N_("{path}: not a regular file"), path=source)
    with open(source, "rb") as fh:
        head = fh.read(formats.HEAD_SIZE)
    fmt = formats.sniff(head)
    if fmt is None or fmt.clean is None:
        raise ScrubError(
            N_("{path}: not a photo or video format cuidado can clean (JPEG, PNG, WebP, HEIC, MP4, MOV)"), path=source
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = output_path(source, out_dir)
    fd, tmp_name = tempfile.mkstemp(prefix=".cuidado-", suffix=source.suffix, dir=out_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        result = _clean(source, tmp, fmt)
        left = leftovers(tmp) if verify else []
        if left:
            raise ScrubError(_STILL_CARRIES, path=source, fields=", ".join(left[:5]))
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    result.output = target
    return result


# What a broken file can make a cleaner raise: that file is not cleaned, the others still are.
# SystemError: compiled with mypyc (setup.py), a bytes slice whose start passes its stop raises it.
_BROKEN = (ValueError, IndexError, struct.error, SystemError)


def _clean(source: Path, tmp: Path, fmt: Format) -> ScrubResult:
    cleaner = fmt.clean
    assert cleaner is not None  # scrub_file refuses formats without one
    if cleaner.in_memory is not None:
        if source.stat().st_size > MAX_IN_MEMORY:
            raise ScrubError(N_("{path}: too large to clean in memory"), path=source)
        try:
            cleaned = cleaner.in_memory(source.read_bytes())
        except _BROKEN as exc:
            raise ScrubError(N_("{path}: {reason}"), path=source, reason=exc) from None
        tmp.write_bytes(cleaned)
        return ScrubResult(source, tmp, fmt.name, cleaner.method, True)
    if cleaner.streamed is not None:
        try:
            cleaner.streamed(source, tmp)
        except (*_BROKEN, OSError) as exc:
            raise ScrubError(N_("{path}: {reason}"), path=source, reason=exc) from None
        return ScrubResult(source, tmp, fmt.name, cleaner.method, True)
    if not exiftool_available():
        raise ScrubError(
            N_("{path}: cleaning {format} files needs ExifTool (sudo apt-get install libimage-exiftool-perl)"),
            path=source,
            format=fmt.name.upper(),
        )
    tmp.unlink()
    proc = subprocess.run(
        ["exiftool", "-q", "-m", "-all=", "-o", str(tmp), "--", str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0 or not tmp.exists():
        raise ScrubError(
            N_("{path}: ExifTool could not clean it ({reason})"), path=source, reason=proc.stderr.strip()[:120]
        )
    with open(tmp, "r+b") as fh:
        zeroed = zero_container_times(fh)
    return ScrubResult(source, tmp, fmt.name, cleaner.method, True, notes=[f"{zeroed} container date(s) zeroed"])


def copy_for_check(source: Path, out_dir: Path) -> Path:
    """A plain copy into the workspace (used when nothing needed cleaning)."""
    target = output_path(source, out_dir)
    shutil.copyfile(source, target)
    return target
