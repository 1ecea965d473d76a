"""Word lists from `detectors/data/` and one Aho-Corasick automaton that finds them all.

Every list a detector needs (topic terms, first-person words, exclusions, words that give
an ID number its meaning, city names) goes into ONE automaton, so a post is walked once
no matter how many lists there are. Hits are checked for word boundaries afterwards;
Arabic words may carry attached prefixes (و ف ب ل ك ال) and suffixes (ي ه ها نا ...).
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

import ahocorasick

from .fold import Folded, fold_term


def _data_dir():
    return resources.files("cuidado.detectors").joinpath("data")


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a data file, as the automaton hands it back."""

    category: str  # "topic", "self", "exclude", "idctx", "city", "trigger" (starts a detector)
    group: str  # topic kind, ID subtype, country... depends on category
    term: str  # as written in the file
    weight: float = 1.0
    lang: str = "*"
    exact_case: bool = False  # must appear with exactly this capitalisation
    needs_context: bool = False  # counts only near a first-person / context word
    note: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # folded offsets
    end: int
    entry: Entry


def _rows(filename: str) -> Iterator[list[str]]:
    """Rows of a tab-separated data file, without comments, blanks and the header."""
    text = _data_dir().joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        row = [cell.strip() for cell in row]
        if row[0] in ("lang", "name"):  # header
            continue
        yield row


def data_files(prefix: str) -> list[str]:
    return sorted(p.name for p in _data_dir().iterdir() if p.name.startswith(prefix) and p.name.endswith(".tsv"))


def _flags(cell: str) -> tuple[bool, bool]:
    words = cell.lower().replace(",", " ").split()
    return "exact-case" in words, "needs-context" in words


def load_entries() -> list[Entry]:
    entries: list[Entry] = []
    for filename in data_files("sensitive."):
        topic = filename[: -len(".tsv")]
        for row in _rows(filename):
            lang, term, weight = row[0], row[1], float(row[2])
            exact, needs = _flags(row[4] if len(row) > 4 else "")
            entries.append(Entry("topic", topic, term, weight, lang, exact, needs, row[3] if len(row) > 3 else ""))
    for row in _rows("context.tsv"):
        entries.append(Entry("self", row[2], row[1], lang=row[0]))
    for row in _rows("exclusions.tsv"):
        entries.append(Entry("exclude", "", row[1], lang=row[0]))
    for row in _rows("id_context.tsv"):
        for subtype in row[2].replace(",", " ").split():
            entries.append(Entry("idctx", subtype, row[1], lang=row[0]))
    for row in _rows("places.tsv"):
        exact, needs = _flags(row[4] if len(row) > 4 else "")
        entries.append(
            Entry(
                "city",
                row[1],
                row[0],
                weight=float(row[2] or 0.5),
                exact_case=exact,
                needs_context=needs,
                note=row[3] if len(row) > 3 else "",
            )
        )
    return entries


def _without_accents(text: str) -> str:
    """Case kept, accents dropped: "San José" written "San Jose" is still capitalised."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


# Attached Arabic particles that may sit before/after a word without a space.
_AR_PREFIXES = frozenset("و ف ب ل ك س ال وال فال بال كال لل ول وب فب فل وس ولل".split()) | {""}
_AR_SUFFIXES = frozenset("ي ه ها ك كم كن نا هم هن ات ين ون ان يه تي ني وا تم".split()) | {""}


class Lexicon:
    """All word lists in one automaton; `find` returns boundary-checked hits."""

    def __init__(self, entries: list[Entry] | None = None, extra: Iterable[Entry] = ()) -> None:
        self.entries = (load_entries() if entries is None else entries) + list(extra)
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            key = fold_term(entry.term)
            if key:
                grouped.setdefault(key, []).append(entry)
        self._automaton = ahocorasick.Automaton()
        for key, group in grouped.items():
            self._automaton.add_word(
                key,
                (
                    len(key),
                    key[0].isalnum() or _is_arabic(key[0]),
                    key[-1].isalnum() or _is_arabic(key[-1]),
                    _is_arabic(key[0]) or _is_arabic(key[-1]),
                    tuple(group),
                ),
            )
        self._automaton.make_automaton()

    def find(self, folded: Folded) -> list[Hit]:
        text = folded.text
        hits: list[Hit] = []
        size = len(text)
        for last, (length, check_left, check_right, arabic, group) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if arabic:
                if not _arabic_bounds_ok(text, start, end):
                    continue
            else:
                if check_left and start > 0 and text[start - 1].isalnum():
                    continue
                if check_right and end < size and text[end].isalnum() and not _plural(text, end, length):
                    continue
            for entry in group:
                if entry.exact_case:
                    o_start, o_end = folded.span(start, end)
                    if _without_accents(folded.original[o_start:o_end]) != _without_accents(entry.term):
                        continue
                hits.append(Hit(start, end, entry))
        return hits


def _plural(text: str, end: int, length: int) -> bool:
    """ "deportaciones", "lesbianas", "unions": a plural -s/-es ending still matches."""
    if length < 5:
        return False  # "ice"/"ices", "gay"/"gays": too short to guess safely
    for ending in ("s", "es"):
        stop = end + len(ending)
        if text.startswith(ending, end) and (stop >= len(text) or not text[stop].isalnum()):
            return True
    return False


def _arabic_bounds_ok(text: str, start: int, end: int) -> bool:
    left = start
    while left > 0 and text[left - 1].isalpha():
        left -= 1
    if text[left:start] not in _AR_PREFIXES:
        return False
    right = end
    while right < len(text) and text[right].isalpha():
        right += 1
    return text[end:right] in _AR_SUFFIXES
