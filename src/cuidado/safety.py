"""Make untrusted text safe to print: file names and export contents come from strangers."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str | None, limit: int = 300) -> str:
    """Strip terminal control sequences and bidi overrides; shorten very long values."""
    if text is None:
        return ""
    text = _CONTROL.sub("", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    return text if len(text) <= limit else text[: limit - 1] + "…"
