"""The text engine: one item's text in, what an analyst would pull out of it back.

Per item, whatever the number of detectors:
  1. fold the text once (lower-case, no accents, Arabic letters unified);
  2. ONE Aho-Corasick walk finds every lexicon word (topic terms, first-person words,
     exclusions, ID words, city names) AND every word that starts a detector
     ("calle", "vivo en", "I'm at", "://", "gmail", ...);
  3. only if the text has a digit: one guarded regex for letter+digit tokens (CURP,
     receipts...) and one for digit-led shapes (phones, IDs, coordinates, house numbers);
  4. validators (check digits, libphonenumber, capitalisation) run on candidates only.
Word-led patterns are matched only where the automaton put them: a big regex
alternation tried at every position costs Python's `re` far more than this.
Everything is compiled once in `TextScanner.__init__`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import partial

from .context import ItemContext
from .fold import fold
from .language import detect_language
from .lexicon import Entry, Lexicon
from .match import TextMatch
from .registry import UNITS
from .unit import Handler, Shape, Unit

__all__ = ["AUTO", "TextMatch", "TextScanner"]

AUTO = "auto"  # scan(lang=AUTO): detect the item's language, only if a detector needs it

_HAS_DIGIT = re.compile(r"\d")


def _named(shapes: list[Shape], guard: str) -> re.Pattern[str] | None:
    """One alternation of named groups, tried in order at each position; None without shapes."""
    if not shapes:
        return None
    return re.compile(guard + "(?:" + "|".join(f"(?P<{s.name}>{s.pattern})" for s in shapes) + ")")


class _Taken:
    """Non-overlapping spans, sorted: "does this span touch a taken one?" in log time."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return True
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def claim(self, start: int, end: int) -> None:
        """Add unless it overlaps (an e-mail inside a link: the link already holds it)."""
        if not self.overlaps(start, end):
            self.add(start, end)


def _resolve_overlaps(found: list[TextMatch], priority: dict[str, int]) -> list[TextMatch]:
    """Keep the most specific (the kind's declared priority), then the longest, of overlapping findings."""
    ranked = sorted(found, key=lambda m: (-priority.get(m.kind, 0), -(m.end - m.start), m.start))
    kept: list[TextMatch] = []
    taken = _Taken()
    for match in ranked:
        if not taken.overlaps(match.start, match.end):
            taken.add(match.start, match.end)
            kept.append(match)
    return kept


class TextScanner:
    """Finds identifiers, locations and sensitive topics in one item's text."""

    def __init__(self, default_region: str | None = "US", units: Sequence[Unit] = UNITS):
        """`units`: the detectors to run, in registry order (registry.UNITS unless a test says otherwise)."""
        self.default_region = default_region
        triggers = [t for unit in units for t in unit.triggers]
        self._lexicon = Lexicon(extra=[Entry("trigger", t.family, word) for t in triggers for word in t.words])
        self._triggered = {t.family: (re.compile(t.pattern), t.handler, t.lookback, t.claims) for t in triggers}
        self._scans = [(scan.guard, re.compile(scan.pattern), scan.handler) for unit in units for scan in unit.scans]
        token_led = [shape for unit in units for shape in unit.token_led]
        digit_led = [shape for unit in units for shape in unit.digit_led]
        self._token_led = _named(token_led, r"\b(?=[a-z&]{1,4}[-#: ]{0,3}\d)")
        self._digit_led = _named(digit_led, r"(?=[-+(\d])")
        self._handlers: dict[str, Handler] = {shape.name: shape.handler for shape in token_led + digit_led}
        self._whole_item = [unit.whole_item for unit in units if unit.whole_item]
        self._after = [unit.after for unit in units if unit.after]
        self._priority = {spec.kind: spec.priority for unit in units for spec in unit.kinds}

    def scan(
        self, text: str, *, region: str | None = None, lang: str | None = None, about_self: bool = False
    ) -> list[TextMatch]:
        """Findings sorted by position. `region` (ISO country) reads national phone
        formats; `lang` (en/es/pt/fr/ar), when known, lets a phone written in that
        language's national format be read (French "06 12 34 56 78"); `lang=AUTO`
        detects it, lazily: only for an item where a phone word sits next to a number
        the region cannot read. Word lists cover all five languages at once, since
        people mix languages in one post. `about_self`: the text is a label about the
        person (an interest a platform gave them), so topics count as first-person."""
        if not text:
            return []
        folded = fold(text)
        lang_of = partial(detect_language, text, thorough=True) if lang == AUTO else None
        ctx = ItemContext.from_hits(
            folded, self._lexicon.find(folded), region or self.default_region, None if lang == AUTO else lang, lang_of
        )
        ctx.about_self = about_self
        low = folded.text
        found: list[TextMatch] = []
        claimed = _Taken()  # links, e-mails, ID tokens: the digits inside them are not phones
        later = self._run_triggers(ctx, found, claimed)
        for guard, pattern, handler in self._scans:  # e-mail ("@"), MRZ ("<<")
            if guard in low:
                for m in pattern.finditer(low):
                    claimed.claim(*m.span())
                    found.extend(handler(ctx, *m.span()))
        if _HAS_DIGIT.search(low):
            for led in (self._token_led, self._digit_led):
                if led is None:
                    continue
                for m in led.finditer(low):
                    if claimed.overlaps(m.start(), m.end()):
                        continue
                    if led is self._token_led:
                        claimed.add(*m.span())
                    shape_name = m.lastgroup
                    assert shape_name is not None  # every alternative is a named group and one matched
                    found.extend(self._handlers[shape_name](ctx, m.start(), m.end()))
        for handler, start, end in later:
            found.extend(handler(ctx, start, end))
        for whole_item in self._whole_item:  # city names from the gazetteer
            found.extend(whole_item(ctx))
        if len(found) > 1:
            found = _resolve_overlaps(found, self._priority)
        for after in self._after:  # topics
            found.extend(after(ctx, found))
        found.sort(key=lambda m: (m.start, m.kind))
        return found

    def _run_triggers(
        self, ctx: ItemContext, found: list[TextMatch], claimed: _Taken
    ) -> list[tuple[Handler, int, int]]:
        """Match each triggered pattern where the automaton saw its word. Those that claim their
        span (links) run now; the rest are returned to run after the digit pass."""
        later: list[tuple[Handler, int, int]] = []
        seen: set[tuple[str, int]] = set()
        text = ctx.folded.text
        for hit in ctx.triggers:
            family = hit.entry.group
            pattern, handler, lookback, claims = self._triggered[family]
            if lookback:
                lo = max(0, hit.start - lookback)
                spans = [
                    m.span()
                    for m in pattern.finditer(text, lo, min(len(text), hit.end + 400))
                    if m.start() <= hit.start < m.end()
                ][:1]
            else:
                m = pattern.match(text, hit.start)
                spans = [m.span()] if m else []
            for start, end in spans:
                if (family, start) in seen:
                    continue
                seen.add((family, start))
                if claims:
                    if claimed.overlaps(start, end):
                        continue
                    claimed.add(start, end)
                    found.extend(handler(ctx, start, end))
                else:
                    later.append((handler, start, end))
        return later
