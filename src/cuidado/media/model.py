"""What a media file's metadata reveals, and the error raised when a file cannot be read.

Parsers fill one `MediaMeta` in order of trust (EXIF first, then XMP or QuickTime), so the
`offer_*` helpers keep the first value and only fill gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


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


def iso_datetime(text: str | None, offset: str | None = None) -> str | None:
    """'2016:09:28 18:18:05' (+ '+02:00') -> '2016-09-28T18:18:05+02:00'; None if blank or bogus."""
    if not text:
        return None
    m = _EXIF_DATE.match(text.strip())
    if not m:
        return None
    year, month, day, hour, minute, second = m.groups()
    if year == "0000" or not ("01" <= month <= "12") or not ("01" <= day <= "31"):
        return None
    if hour > "23" or minute > "59":
        return None
    out = f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}"
    tz = iso_offset(offset) if offset else iso_offset(text[m.end() :].strip())
    return out + tz if tz else out


def iso_offset(text: str | None) -> str | None:
    if not text:
        return None
    text = text.strip()
    if text == "Z":
        return "+00:00"
    m = _OFFSET.match(text)
    if not m:
        return None
    sign, hours, minutes = m.groups()
    if hours > "14" or minutes > "59":
        return None
    return f"{sign}{hours}:{minutes}"


@dataclass(slots=True)
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
