"""What one item's lexicon hits say about the words around a candidate.

Built once per item from the automaton's hits; detectors ask "is there an ID word for
a passport just before this number?" or "is a first-person word near this term?".
Hits are kept sorted so each question costs a binary search, even in a 100-page note.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .fold import Folded
from .lexicon import Hit


class Hits:
    """Hits sorted by start, with range queries by position."""

    __slots__ = ("items", "_starts", "_longest")

    def __init__(self, items: Iterable[Hit] = ()) -> None:
        self.items = sorted(items, key=lambda h: (h.start, h.end))
        self._starts = [h.start for h in self.items]
        self._longest = max((h.end - h.start for h in self.items), default=0)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def touching(self, lo: int, hi: int) -> list[Hit]:
        """Hits that end at or after `lo` and start at or before `hi`."""
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_right(self._starts, hi)
        return [h for h in self.items[first:last] if h.end >= lo]


@dataclass(slots=True)
class ItemContext:
    folded: Folded
    region: str | None = None  # ISO country for national phone formats
    lang: str | None = None  # the item's language, when the caller knows it
    id_words: Hits = field(default_factory=Hits)  # category "idctx"
    self_words: Hits = field(default_factory=Hits)  # category "self"
    exclusions: Hits = field(default_factory=Hits)  # category "exclude"
    topic_hits: list[Hit] = field(default_factory=list)
    city_hits: list[Hit] = field(default_factory=list)
    triggers: list[Hit] = field(default_factory=list)  # words that start a detector
    # Detects the language when a detector first needs it (most items never do).
    lang_of: Callable[[], str | None] | None = None
    # The whole text is a label about the person (an interest a platform assigned them), as if
    # they had written "I": topics get the first-person bonus.
    about_self: bool = False

    @classmethod
    def from_hits(
        cls,
        folded: Folded,
        hits: list[Hit],
        region: str | None = None,
        lang: str | None = None,
        lang_of: Callable[[], str | None] | None = None,
    ) -> ItemContext:
        sinks: dict[str, list[Hit]] = {"idctx": [], "self": [], "exclude": [], "topic": [], "city": [], "trigger": []}
        for hit in hits:
            sinks[hit.entry.category].append(hit)
        ctx = cls(
            folded,
            region,
            lang,
            Hits(sinks["idctx"]),
            Hits(),
            Hits(sinks["exclude"]),
            sinks["topic"],
            sinks["city"],
            sinks["trigger"],
            lang_of,
        )
        selves = sinks["self"]
        if selves and ctx.exclusions:
            selves = [h for h in selves if not ctx.excluded(h.start, h.end)]
        if selves:
            selves = [h for h in selves if not ctx._inside_name(h)]
        ctx.self_words = Hits(selves)
        return ctx

    def language(self) -> str | None:
        """The item's language: as the caller said, else detected once, on first need."""
        if self.lang is None and self.lang_of is not None:
            self.lang, self.lang_of = self.lang_of(), None
        return self.lang

    def _inside_name(self, hit: Hit) -> bool:
        """ "Our Lady of Guadalupe", "Mi Tierra Café": a capitalised possessive in mid-sentence
        belongs to a name, not to the writer. ("I" is always capitalised, so it counts.)"""
        o_start, o_end = self.folded.span(hit.start, hit.end)
        word = self.folded.original[o_start:o_end]
        if not word[:1].isupper() or word[:1] == "I" and word.lower().startswith("i") and len(word) <= 3:
            return False
        before = self.folded.original[:o_start].rstrip(" \t\"'(")
        return bool(before) and before[-1] not in ".!?\n:"

    def excluded(self, start: int, end: int) -> bool:
        """Is [start, end) strictly inside an exclusion phrase ("ice" in "ice cream")?"""
        for ex in self.exclusions.touching(start, end):
            if ex.start <= start and end <= ex.end and (end - start) < (ex.end - ex.start):
                return True
        return False

    def id_words_near(self, start: int, end: int, before: int = 40, after: int = 25) -> list[Hit]:
        """ID/phone words that end at most `before` chars ahead or start `after` chars behind."""
        return self.id_words.touching(start - before, end + after)

    def subtypes_near(self, start: int, end: int, before: int = 40, after: int = 25) -> set[str]:
        return {h.entry.group for h in self.id_words_near(start, end, before, after)}

    def not_phone_just_before(self, start: int, gap: int = 16) -> bool:
        """An order/tracking/invoice word right before a number: it is not a phone."""
        return any(h.entry.group == "not_phone" and h.end <= start for h in self.id_words.touching(start - gap, start))

    def self_near(self, start: int, end: int, window: int = 60, skip: tuple[int, int] | None = None) -> bool:
        """A first-person word within `window` chars, not inside the term itself."""
        for h in self.self_words.touching(start - window, end + window):
            if skip and skip[0] <= h.start and h.end <= skip[1]:
                continue
            return True
        return False
