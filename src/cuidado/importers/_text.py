"""Text repairs shared by importers."""

from __future__ import annotations

from collections.abc import Iterable


def fix_mojibake(text: str) -> str:
    """Undo Meta's export encoding: each UTF-8 byte written as its own \\u00XX escape.

    Only strings made entirely of code points <= U+00FF can be affected; strings with
    higher code points are already correct and are left alone, as are strings whose
    bytes are not valid UTF-8 (real Latin-1 text such as "café" stays as it is).
    """
    if not text or text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def fix_all(value):
    """fix_mojibake on every string inside a parsed JSON value (keys included)."""
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, list):
        return [fix_all(v) for v in value]
    if isinstance(value, dict):
        return {fix_mojibake(k): fix_all(v) for k, v in value.items()}
    return value


def clean(value) -> str | None:
    """A text field, or None for the placeholders exports use for "nothing"."""
    if value is None:
        return None
    text = str(value).strip()
    if text in ("", "N/A", "None", "null", "NULL", "none"):
        return None
    return text


def clean_all(values: Iterable) -> list[str]:
    """The text fields among `values`, in order, with the "nothing" placeholders left out."""
    return [text for value in values if (text := clean(value))]
