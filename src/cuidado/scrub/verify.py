"""Independent checks that a cleaned copy carries nothing identifying: our reader and ExifTool."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from cuidado.media.metadata import MediaError, read_metadata_path

# Tag names that identify a place, a device, a person or a time. File-system fields are not the file's.
_LEAKS = re.compile(r"GPS|Serial|Owner|Artist|Copyright|Creator|Author|By-line|Credit|DateTimeOriginal|"
                    r"CreateDate|ModifyDate|DateCreated|TimeCreated|Make$|Model$|Software|Location|UniqueID|"
                    r"ThumbnailImage|PreviewImage|Comment|Description|Title|Keywords|Subject|HostComputer",
                    re.IGNORECASE)
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
    proc = subprocess.run(["exiftool", "-j", "-n", "-a", "-G1", "--", str(path)],
                          capture_output=True, text=True, timeout=120)
    try:
        tags = json.loads(proc.stdout)[0]
    except (json.JSONDecodeError, IndexError):
        return [f"ExifTool could not read the cleaned file ({proc.stderr.strip()[:100]})"]
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
