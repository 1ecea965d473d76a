"""What a media file's metadata reveals, and the error raised when a file cannot be read.

Parsers fill one `MediaMeta` in order of trust (EXIF first, then XMP or QuickTime), so the
`offer_*` helpers keep the first value and only fill gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mypy_extensions import i64  # a plain int when not compiled; a C int64 under mypyc


class MediaError(ValueError):
    """The file is not a media file we understand, or its structure is broken."""


# A (0, 0) position is what many writers leave when they have no fix; it is not a place.
def valid_position(lat: float | None, lon: float | None) -> bool:
    if lat is None or lon is None:
        return False
    if lat != lat or lon != lon:  # NaN
        return False
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return False
    return not (lat == 0.0 and lon == 0.0)


_EXIF_DATE = re.compile(r"(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})$")


def _digits(s: str, i: i64, k: i64) -> bool:
    """s[i:i+k] are all ASCII digits (a subset of what the regexes' \\d accepts)."""
    for j in range(i, i + k):
        c = i64(ord(s[j]))
        if c < 48 or c > 57:
            return False
    return True


def _num(s: str, i: i64, k: i64) -> i64:
    """The value of the ASCII digits s[i:i+k] (checked by _digits first)."""
    v: i64 = 0
    for j in range(i, i + k):
        v = v * 10 + ord(s[j]) - 48
    return v


def _sep(c: str, a: str, b: str) -> bool:
    return c == a or c == b


def _date_end(s: str) -> int:
    """Where _EXIF_DATE.match(s) ends, for the plain ASCII forms; -1: not sure, ask the regex."""
    n = len(s)
    if n < 16:
        return -1
    if not (
        _digits(s, 0, 4)
        and _sep(s[4], ":", "-")
        and _digits(s, 5, 2)
        and _sep(s[7], ":", "-")
        and _digits(s, 8, 2)
        and _sep(s[10], " ", "T")
        and _digits(s, 11, 2)
        and s[13] == ":"
        and _digits(s, 14, 2)
    ):
        return -1
    if n == 16 or s[16] != ":":
        return 16
    if n >= 19 and _digits(s, 17, 2) and (n == 19 or s[19] != "."):
        return 19
    return -1


def iso_datetime(text: str | None, offset: str | None = None) -> str | None:
    """'2016:09:28 18:18:05' (+ '+02:00') -> '2016-09-28T18:18:05+02:00'; None if blank or bogus."""
    if not text:
        return None
    stripped = text.strip()
    end = _date_end(stripped)
    if end >= 0:  # the common shapes, read without the regex (same groups, same end, same checks)
        # ASCII digits, so the string comparisons below are these integer ones.
        if _num(stripped, 0, 4) == 0:
            return None
        month_n = _num(stripped, 5, 2)
        day_n = _num(stripped, 8, 2)
        if month_n < 1 or month_n > 12 or day_n < 1 or day_n > 31:
            return None
        if _num(stripped, 11, 2) > 23 or _num(stripped, 14, 2) > 59:
            return None
        # stripped[4] and [7] are ":" or "-", [10] is " " or "T", [13] (and [16] when end == 19)
        # is ":": the date with "-" between its parts, "T", the time as it is (fewer slices)
        date = stripped[0:10]
        if stripped[4] == ":" or stripped[7] == ":":
            date = date.replace(":", "-")
        time = stripped[11:19] if end == 19 else stripped[11:16] + ":00"
        tz = iso_offset(offset) if offset else iso_offset(text[end:].strip())
        return f"{date}T{time}{tz}" if tz else f"{date}T{time}"  # one string built, not two joins
    else:
        m = _EXIF_DATE.match(stripped)
        if not m:
            return None
        year, month, day, hour, minute, second = m.groups()
        end = m.end()
    if year == "0000" or not ("01" <= month <= "12") or not ("01" <= day <= "31"):
        return None
    if hour > "23" or minute > "59":
        return None
    out = f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}"
    tz = iso_offset(offset) if offset else iso_offset(text[end:].strip())
    return out + tz if tz else out


def iso_offset(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()
    if text == "Z":
        return "+00:00"
    n = len(text)
    c = text[0] if n else ""
    if (c == "+" or c == "-") and n == 6 and text[3] == ":" and _digits(text, 1, 2) and _digits(text, 4, 2):
        # "+hh:mm", the form EXIF writes: the answer is the text itself when it is in range
        # (two ASCII digits compare as strings as they do as numbers)
        return text if _num(text, 1, 2) <= 14 and _num(text, 4, 2) <= 59 else None
    if (c == "+" or c == "-") and n == 5 and _digits(text, 1, 4):
        sign, hours, minutes = c, text[1:3], text[n - 2 : n]
    else:
        m = _OFFSET.match(text)
        if not m:
            return None
        sign, hours, minutes = m.groups()
    if hours > "14" or minutes > "59":
        return None
    return f"{sign}{hours}:{minutes}"


@dataclass(init=False)
class MediaMeta:
    """What one photo or video says about itself.

    `taken` is ISO 8601: with the camera's offset when it recorded one, else naive local
    time; QuickTime movie-header times are UTC ('+00:00'). `sources` names every place a
    GPS position was found ('exif', 'xmp', 'quicktime'); `lat`/`lon` come from the first.
    """

    format: str | None = None
    lat: float | None = None
    lon: float | None = None
    altitude: float | None = None
    taken: str | None = None
    make: str | None = None
    model: str | None = None
    software: str | None = None
    serials: dict[str, str] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    width: int | None = None
    height: int | None = None
    has_thumbnail: bool = False
    sources: list[str] = field(default_factory=list)
    xmp_location: str | None = None  # XMP/IPTC place text: "Sublocation, City, State, Country"
    warnings: list[str] = field(default_factory=list)  # problems met while reading a partial result

    # Written out (dataclass(init=False)) so that mypyc compiles it: the generated one is Python.
    def __init__(
        self,
        format: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        altitude: float | None = None,
        taken: str | None = None,
        make: str | None = None,
        model: str | None = None,
        software: str | None = None,
        serials: dict[str, str] | None = None,
        owner: dict[str, str] | None = None,
        width: int | None = None,
        height: int | None = None,
        has_thumbnail: bool = False,
        sources: list[str] | None = None,
        xmp_location: str | None = None,
        warnings: list[str] | None = None,
    ) -> None:
        self.format = format
        self.lat = lat
        self.lon = lon
        self.altitude = altitude
        self.taken = taken
        self.make = make
        self.model = model
        self.software = software
        self.serials = {} if serials is None else serials
        self.owner = {} if owner is None else owner
        self.width = width
        self.height = height
        self.has_thumbnail = has_thumbnail
        self.sources = [] if sources is None else sources
        self.xmp_location = xmp_location
        self.warnings = [] if warnings is None else warnings

    def to_dict(self) -> dict:
        return {
            "format": self.format,
            "lat": self.lat,
            "lon": self.lon,
            "altitude": self.altitude,
            "taken": self.taken,
            "make": self.make,
            "model": self.model,
            "software": self.software,
            "serials": dict(self.serials),
            "owner": dict(self.owner),
            "width": self.width,
            "height": self.height,
            "has_thumbnail": self.has_thumbnail,
            "sources": list(self.sources),
            "xmp_location": self.xmp_location,
            "warnings": list(self.warnings),
        }

    def has_findings(self) -> bool:
        """True when anything beyond the format was read (worth returning despite an error)."""
        return bool(
            self.lat is not None
            or self.taken
            or self.make
            or self.model
            or self.software
            or self.serials
            or self.owner
            or self.width
            or self.has_thumbnail
            or self.xmp_location
        )

    def offer_position(self, lat, lon, altitude, source: str) -> None:
        if not valid_position(lat, lon):
            return
        if source not in self.sources:
            self.sources.append(source)
        if self.lat is None:
            self.lat, self.lon = lat, lon
            if altitude is not None and altitude == altitude and abs(altitude) < 1e6:
                self.altitude = altitude

    def offer(self, name: str, value: str | None) -> None:
        """Fill the text field `name` (make/model/software/taken) unless already known."""
        if value and getattr(self, name) is None:
            setattr(self, name, value)

    def offer_size(self, width: int | None, height: int | None) -> None:
        if self.width is None and width and height and width > 0 and height > 0:
            self.width, self.height = width, height
