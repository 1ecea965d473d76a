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
from functools import partial
from typing import Callable

from . import addresses, coordinates, emails, government_ids, mrz, phones, places, topics
from .context import ItemContext
from .fold import fold
from .language import detect_language
from .lexicon import Entry, Lexicon
from .match import TextMatch

__all__ = ["AUTO", "TextMatch", "TextScanner"]

AUTO = "auto"  # scan(lang=AUTO): detect the item's language, only if a detector needs it

Handler = Callable[[ItemContext, int, int], list[TextMatch]]

# When two findings overlap, the more specific one keeps the words.
_PRIORITY = {"identity.government_id": 6, "identity.email": 5, "location.geotag": 5,
             "identity.phone": 4, "location.address": 3, "location.place": 2}
_DIGIT_LED_IDS = ("dni", "i94", "fr_passport")


def _number(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    """A digit run: an ID if its shape/words/check digit say so, else maybe a phone."""
    verdict = government_ids.classify_number(ctx, start, end)
    if verdict == government_ids.REJECT:
        return []
    if verdict:
        return verdict
    return phones.detect(ctx, start, end, ctx.region, ctx.lang)


def _id_token(name: str) -> Handler:
    return partial(government_ids.detect_token, pattern=name)


# Shapes that start with a digit (or sign), tried in this order at each position.
_DIGIT_LED: list[tuple[str, str, Handler]] = [
    ("geo_dms", coordinates.DMS, coordinates.detect_dms),
    ("geo_pair", coordinates.PAIR, coordinates.detect_pair),
    *[(f"id_{n}", government_ids.TOKEN_PATTERNS[n], _id_token(n)) for n in _DIGIT_LED_IDS],
    ("addr_en", addresses.EN, addresses.detect_en),
    ("addr_fr", addresses.FR, addresses.detect_fr),
    ("addr_ar_number", addresses.AR_NUMBER_FIRST, addresses.detect_ar),
    ("number", phones.CANDIDATE, _number),
]
# Letter-led tokens with digits: CURP, RFC, receipts, A-numbers, passports...
_TOKEN_LED: list[tuple[str, str, Handler]] = [
    (f"id_{n}", p, _id_token(n)) for n, p in government_ids.TOKEN_PATTERNS.items() if n not in _DIGIT_LED_IDS]
# Detectors started by a word the automaton found: (family, words, pattern, handler, lookback).
_TRIGGERED: list[tuple[str, tuple[str, ...], str, Handler, int]] = [
    ("url", coordinates.URL_WORDS, coordinates.URL, coordinates.detect_url, coordinates.URL_LOOKBACK),
    ("email_spelled", emails.SPELLED_WORDS, emails.SPELLED, emails.detect_spelled, emails.SPELLED_LOOKBACK),
    ("addr_home", addresses.HOME_WORDS, addresses.HOME, addresses.detect_home, 0),
    ("addr_corner", addresses.CORNER_WORDS, addresses.CORNER, addresses.detect_corner, 0),
    ("addr_box", addresses.BOX_WORDS, addresses.BOX, addresses.detect_box, 0),
    ("addr_latam", addresses.LATAM_WORDS, addresses.LATAM, addresses.detect_latam, 0),
    ("addr_ar", addresses.AR_WORDS, addresses.AR, addresses.detect_ar, 0),
    ("addr_unit", addresses.UNIT_WORDS, addresses.UNIT, addresses.detect_unit, 0),
    ("place_presence", places.PRESENCE_WORDS, places.PRESENCE, places.detect_presence, 0),
    ("place_venue", places.VENUE_WORDS, places.VENUE, places.detect_venue, 0),
]
_HAS_DIGIT = re.compile(r"\d")


def _named(families: list[tuple[str, str, Handler]], guard: str) -> re.Pattern:
    return re.compile(guard + "(?:" + "|".join(f"(?P<{n}>{p})" for n, p, _ in families) + ")")


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


def _resolve_overlaps(found: list[TextMatch]) -> list[TextMatch]:
    """Keep the most specific, then the longest, of overlapping span findings."""
    ranked = sorted(found, key=lambda m: (-_PRIORITY.get(m.kind, 0), -(m.end - m.start), m.start))
    kept: list[TextMatch] = []
    taken = _Taken()
    for match in ranked:
        if not taken.overlaps(match.start, match.end):
            taken.add(match.start, match.end)
            kept.append(match)
    return kept


class TextScanner:
    """Finds identifiers, locations and sensitive topics in one item's text."""

    def __init__(self, default_region: str | None = "US"):
        self.default_region = default_region
        triggers = [Entry("trigger", family, word) for family, words, *_ in _TRIGGERED for word in words]
        self._lexicon = Lexicon(extra=triggers)
        self._triggered = {family: (re.compile(pattern), handler, lookback)
                           for family, _, pattern, handler, lookback in _TRIGGERED}
        self._digit_led = _named(_DIGIT_LED, r"(?=[-+(\d])")
        self._token_led = _named(_TOKEN_LED, r"\b(?=[a-z&]{1,4}[-#: ]{0,3}\d)")
        self._handlers = {name: handler for name, _, handler in _DIGIT_LED + _TOKEN_LED}
        self._email = re.compile(emails.CANDIDATE)
        self._mrz = re.compile(mrz.CANDIDATE)

    def scan(self, text: str, *, region: str | None = None, lang: str | None = None,
             about_self: bool = False) -> list[TextMatch]:
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
        ctx = ItemContext.from_hits(folded, self._lexicon.find(folded), region or self.default_region,
                                    None if lang == AUTO else lang, lang_of)
        ctx.about_self = about_self
        low = folded.text
        found: list[TextMatch] = []
        claimed = _Taken()  # links, e-mails, ID tokens: the digits inside them are not phones
        later = self._run_triggers(ctx, found, claimed)
        if "@" in low:
            for m in self._email.finditer(low):
                claimed.claim(*m.span())
                found.extend(emails.detect(ctx, *m.span()))
        if _HAS_DIGIT.search(low):
            if "<<" in low:
                for m in self._mrz.finditer(low):
                    claimed.claim(*m.span())
                    found.extend(mrz.detect(ctx, *m.span()))
            for pattern in (self._token_led, self._digit_led):
                for m in pattern.finditer(low):
                    if claimed.overlaps(m.start(), m.end()):
                        continue
                    if pattern is self._token_led:
                        claimed.add(*m.span())
                    found.extend(self._handlers[m.lastgroup](ctx, m.start(), m.end()))
        for handler, start, end in later:
            found.extend(handler(ctx, start, end))
        if ctx.city_hits:
            found.extend(places.detect_cities(ctx))
        if len(found) > 1:
            found = _resolve_overlaps(found)
        id_subtypes = {m.subtype for m in found if m.kind == government_ids.KIND}
        found.extend(topics.detect(ctx, id_subtypes))
        found.sort(key=lambda m: (m.start, m.kind))
        return found

    def _run_triggers(self, ctx: ItemContext, found: list[TextMatch],
                      claimed: _Taken) -> list[tuple[Handler, int, int]]:
        """Match each triggered pattern where the automaton saw its word. Links run now
        (they claim their digits); the rest are returned to run after the digit pass."""
        later: list[tuple[Handler, int, int]] = []
        seen: set[tuple[str, int]] = set()
        text = ctx.folded.text
        for hit in ctx.triggers:
            family = hit.entry.group
            pattern, handler, lookback = self._triggered[family]
            if lookback:
                lo = max(0, hit.start - lookback)
                spans = [m.span() for m in pattern.finditer(text, lo, min(len(text), hit.end + 400))
                         if m.start() <= hit.start < m.end()][:1]
            else:
                m = pattern.match(text, hit.start)
                spans = [m.span()] if m else []
            for start, end in spans:
                if (family, start) in seen:
                    continue
                seen.add((family, start))
                if family == "url":
                    if claimed.overlaps(start, end):
                        continue
                    claimed.add(start, end)
                    found.extend(handler(ctx, start, end))
                else:
                    later.append((handler, start, end))
        return later
