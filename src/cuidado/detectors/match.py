"""`TextMatch`: one thing an analyst would pull out of an item's text.

Lives in its own module so every detector family can build matches without importing
the engine (`text.py` re-exports it; that is the public name).
"""

from __future__ import annotations

from dataclasses import dataclass

from .fold import Folded


@dataclass(frozen=True, slots=True)
class TextMatch:
    kind: str  # "identity.phone", "location.address", "sensitive.health", ...
    value: str  # normalised: E.164, lower-case email, ID without spaces, "lat,lon", terms
    start: int  # span in the ORIGINAL text (first occurrence for topics)
    end: int
    confidence: float  # 0..1
    subtype: str | None = None
    terms: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


def at(
    folded: Folded,
    start: int,
    end: int,
    kind: str,
    confidence: float,
    *,
    value: str | None = None,
    subtype: str | None = None,
    terms: tuple[str, ...] = (),
    lat: float | None = None,
    lon: float | None = None,
) -> TextMatch:
    """Build a match from a span in the FOLDED text; the value defaults to the original words."""
    o_start, o_end = folded.span(start, end)
    if value is None:
        value = folded.original[o_start:o_end]
    return TextMatch(kind, value, o_start, o_end, round(min(max(confidence, 0.0), 1.0), 2), subtype, terms, lat, lon)
