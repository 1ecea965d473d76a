"""Short context around a match, safe to show: one line, bounded, identifiers partly masked."""

from __future__ import annotations

import re

WIDTH = 60
_SPACE = re.compile(r"\s+")


def excerpt(text: str | None, start: int = 0, end: int = 0, *, mask: bool = False) -> str | None:
    if not text:
        return None
    lo, hi = max(0, start - WIDTH), min(len(text), end + WIDTH)
    middle = text[start:end]
    if mask and len(middle) > 4:
        # Government IDs: enough to recognise it, not enough to copy it from a screenshot.
        middle = middle[:2] + "•" * (len(middle) - 4) + middle[-2:]
    snippet = text[lo:start] + middle + text[end:hi]
    snippet = _SPACE.sub(" ", snippet).strip()
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")
