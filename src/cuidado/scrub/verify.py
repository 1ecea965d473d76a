"""Independent checks that a cleaned copy carries nothing identifying: our reader and ExifTool."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from cuidado.media.metadata import MediaError, read_metadata_path

# Tag names that identify a place, a device, a person or a time. File-system fields are not the file's.
_LEAKS = re.compile(
    r"GPS|Serial|Owner|Artist|Copyright|Creator|Author|By-line|Credit|DateTimeOriginal|"
    r"CreateDate|ModifyDate|DateCreated|TimeCreated|Make$|Model$|Software|Location|UniqueID|"
    r"ThumbnailImage|PreviewImage|Comment|Description|Title|Keywords|Subject|HostComputer",
    re.IGNORECASE,
)
# ICC colour profiles name their maker (e.g. "Hewlett-Packard"), not the photographer: kept on purpose.
_IGNORED_GROUPS = ("File:", "ExifTool:", "System:", "Composite:", "ICC")
_ZERO_DATES = ("0000:00:00 00:00:00", "0000:00:00", "1904:01:01 00:00:00")


def exiftool_available() -> bool:
    return shutil.which("exiftool") is not None


def leftovers_ours(path: Path) -> list[str]:
    try:
        meta = read_metadata_path(path)
    except MediaError:
        return []
    found = []
    if meta.lat is not None or meta.lon is not None:
        found.append("GPS position")
    found += [f"serial {k}" for k in meta.serials] + [f"owner {k}" for k in meta.owner]
    found += [name for name in ("taken", "make", "model", "software") if getattr(meta, name)]
    if meta.has_thumbnail:
        found.append("embedded thumbnail")
    return found


def leftovers_exiftool(path: Path) -> list[str]:
    return leftovers_exiftool_many([path])[Path(path)]


def leftovers_exiftool_many(paths: list[Path]) -> dict[Path, list[str]]:
    """One ExifTool process for many files (starting it costs more than reading a photo)."""
    result: dict[Path, list[str]] = {Path(p): ["ExifTool could not read the cleaned file"] for p in paths}
    for start in range(0, len(paths), 500):
        chunk = [str(p) for p in paths[start : start + 500]]
        proc = subprocess.run(
            ["exiftool", "-j", "-n", "-a", "-G1", "--", *chunk], capture_output=True, text=True, timeout=600
        )
        try:
            entries = json.loads(proc.stdout or "[]")
        except json.JSONDecodeError:
            continue
        for tags in entries:
            result[Path(tags.get("SourceFile", ""))] = _leaks(tags)
    return result


def _leaks(tags: dict) -> list[str]:
    found = []
    for key, value in tags.items():
        if key.startswith(_IGNORED_GROUPS) or key == "SourceFile":
            continue
        name = key.split(":", 1)[-1]
        if _LEAKS.search(name) and str(value).strip() not in _ZERO_DATES + ("", "0"):
            found.append(f"{key}={str(value)[:40]}")
    return found


def leftovers(path: Path) -> list[str]:
    found = leftovers_ours(path)
    if exiftool_available():
        found += leftovers_exiftool(path)
    return found


def leftovers_many(paths: list[Path]) -> dict[Path, list[str]]:
    found = {Path(p): leftovers_ours(p) for p in paths}
    if exiftool_available() and paths:
        for path, more in leftovers_exiftool_many(list(found)).items():
            found.setdefault(path, []).extend(more)
    return found
