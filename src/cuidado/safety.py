"""Make untrusted text safe to print: file names and export contents come from strangers."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A line break inside a name would forge a line of its own ("✓ x: facebook export…"): shown, not obeyed.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029]")


def printable(text: str | None, limit: int = 300) -> str:
    """One line of plain text: no terminal control sequences, bidi overrides or line breaks
    (shown as ⏎); very long values shortened."""
    if text is None:
        return ""
    text = _LINE_BREAK.sub("⏎", str(text)).replace("\t", " ")
    text = _CONTROL.sub("", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cs")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def markup_safe(text: str | None, limit: int = 300) -> str:
    """printable(), escaped for rich markup: for untrusted text placed inside a markup string
    (a name like "[link=https://…]" would otherwise become a terminal hyperlink)."""
    from rich.markup import escape

    return escape(printable(text, limit))
