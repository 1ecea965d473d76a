"""Fold text for matching: lower-case, no accents, one spelling per Arabic letter.

Every detector matches on the folded text, so "Indocumentado", "INDOCUMENTADO" and
"indocumentadó" all look alike, and Arabic with or without vowel marks too. Spans found
in the folded text are mapped back to the original with `Folded.span`.

Most posts are ASCII: then folding is `str.lower()` and offsets are unchanged.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters whose folded form we choose by hand (before the generic rule).
_SPECIAL = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00ba": "\u00ba",  # keep "nº" as written: "no" would look like a word
    "\u00aa": "\u00aa",
    "\u0640": "",  # Arabic tatweel (letter stretching) carries no meaning
    "\u0649": "\u064a",  # alef maqsura → ya: people type either
    "\u0629": "\u0647",  # ta marbuta → ha: people type either
    "\u00df": "ss",
}
# Arabic-Indic and Persian digits are digits: "٥٥٥" must look like "555".
_SPECIAL.update({chr(0x0660 + d): str(d) for d in range(10)})
_SPECIAL.update({chr(0x06F0 + d): str(d) for d in range(10)})


def _fold_char(ch: str) -> str:
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    # A second pass for the few letters whose compatibility form is special-cased.
    return "".join(_SPECIAL.get(c, c) for c in out)


class _FoldTable(dict):
    """A `str.translate` table that learns each character's folding on first sight."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()  # characters that fold to 0 or 2+ characters

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = _fold_char(ch)
        if len(folded) != 1:
            self.irregular.add(ch)
        self[code] = folded
        return folded


_TABLE = _FoldTable()


@dataclass(slots=True)
class Folded:
    """The folded text plus, when lengths differ, where each folded char came from."""

    original: str
    text: str
    starts: list[int] | None  # starts[i] = original index of folded char i (+ sentinel)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) span back to the original text."""
        if self.starts is None:
            return start, end
        o_start = self.starts[start]
        o_end = self.starts[end] if end < len(self.starts) else len(self.original)
        return o_start, max(o_end, o_start + 1)

    def orig_index(self, index: int) -> int:
        return index if self.starts is None else self.starts[min(index, len(self.starts) - 1)]


def fold(text: str) -> Folded:
    if text.isascii():
        return Folded(text, text.lower(), None)
    folded = text.translate(_TABLE)
    if _TABLE.irregular.isdisjoint(text):
        return Folded(text, folded, None)
    starts: list[int] = []
    for index, ch in enumerate(text):
        starts.extend([index] * len(_TABLE[ord(ch)]))
    starts.append(len(text))
    return Folded(text, folded, starts)


def fold_term(term: str) -> str:
    """Fold a lexicon term the same way posts are folded, and squeeze spaces."""
    return " ".join(fold(term).text.split())
