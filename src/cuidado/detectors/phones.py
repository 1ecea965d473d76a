"""Phone numbers: a cheap digit-run candidate, then `phonenumbers.parse` + validity.

PhoneNumberMatcher is accurate but slow; the engine's single regex already found digit
runs, so here we only reject what is plainly not a phone (dates, order numbers, runs
with too few digits) and ask libphonenumber about the rest, once per candidate.
"""

from __future__ import annotations

import re

import phonenumbers

from cuidado.locales import N_

from . import government_ids
from .context import ItemContext
from .match import TextMatch, at
from .unit import HIGH, MEDIUM, VISIBLE, FindingKind, Rule, Shape, Unit

KIND = "identity.phone"

# A run of 6+ digits in groups joined by one separator: "+52 55 1234 5678", "(713) 482-9921".
# Separators are mandatory between digit groups so the regex never backtracks badly.
_SEP = r"(?:\)?(?: ?[.\-/] ?| )\(?|\)|\()"
CANDIDATE = (
    r"(?<![\w@/.\-])(?=\+?\(?(?:\d[ .\-/()]{0,3}){6})"
    r"(?:\+ ?|00)?\(?\d+(?:" + _SEP + r"\d+)*\)?"
)

_DATE = re.compile(r"^(?:\d{1,2}([./-])\d{1,2}\1(?:19|20)?\d{2}|(?:19|20)\d{2}([./-])\d{1,2}\2\d{1,2})$")
_GROUP = re.compile(r"\d+")
_MAX_TRIES = 6


def _is_date(raw: str) -> bool:
    return bool(_DATE.match(raw.strip("() ")))


def _parse(candidate: str, region: str | None) -> str | None:
    """E.164 form when libphonenumber says this is a real, dialable number."""
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    if not candidate.startswith("+") and region is None:
        return None
    try:
        number = phonenumbers.parse(candidate, None if candidate.startswith("+") else region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _sub_runs(raw: str) -> list[tuple[int, int]]:
    """Spans of contiguous digit groups with 7-15 digits, longest first, for runs that
    glue a phone to a neighbouring number ("713-482-9921 2 veces")."""
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(raw)]
    spans: list[tuple[int, int, int]] = []
    for i in range(len(groups)):
        for j in range(len(groups), i, -1):
            digits = sum(e - s for s, e in groups[i:j])
            if 7 <= digits <= 15 and (i, j) != (0, len(groups)):
                spans.append((digits, groups[i][0], groups[j - 1][1]))
    spans.sort(key=lambda t: (-t[0], t[1]))
    return [(s, e) for _, s, e in spans[:_MAX_TRIES]]


# National formats people of each language use, tried only when the default region
# fails AND a phone word is near ("Appelle-moi au 06 12 34 56 78" with region US).
FALLBACK_REGIONS = {"pt": ("BR", "PT"), "fr": ("FR",), "ar": ("EG", "MA", "SA", "SY"), "es": ("ES", "MX")}


def detect(ctx: ItemContext, start: int, end: int, region: str | None, lang: str | None = None) -> list[TextMatch]:
    text = ctx.folded.text
    raw = text[start:end]
    if raw.endswith(")") and raw.count("(") < raw.count(")"):
        raw, end = raw[:-1], end - 1
    digit_count = sum(ch.isdigit() for ch in raw)
    if not 7 <= digit_count <= 17 or _is_date(raw) or ctx.not_phone_just_before(start):
        return []
    plus = raw.startswith("+") or raw.startswith("00")
    e164 = _parse(raw, region)
    s, e = 0, len(raw)
    if e164 is None:
        for s, e in _sub_runs(raw):
            if s > 0 and plus:
                continue
            e164 = _parse(raw[s:e], region)
            if e164:
                break
    if e164 is None and "phone" in ctx.subtypes_near(start, end):
        lang = lang or ctx.language()  # detected only here, where it decides something
        if lang in FALLBACK_REGIONS:
            s, e = 0, len(raw)
            e164 = next(filter(None, (_parse(raw, other) for other in FALLBACK_REGIONS[lang])), None)
    if e164 is None:
        return []
    piece = raw[s:e]
    formatted = plus or any(not ch.isdigit() for ch in piece.strip("+"))
    confidence = 0.7 if formatted else 0.55
    near = ctx.subtypes_near(start + s, start + e)
    if "phone" in near:
        confidence += 0.25
    return [at(ctx.folded, start + s, start + e, KIND, confidence, value=e164)]


def detect_number(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    """A digit run: an ID if its shape/words/check digit say so, else maybe a phone."""
    verdict = government_ids.classify_number(ctx, start, end)
    if verdict == government_ids.REJECT:
        return []
    if isinstance(verdict, list) and verdict:  # an ID
        return verdict
    return detect(ctx, start, end, ctx.region, ctx.lang)


UNIT = Unit(
    name="phones",
    kinds=(
        FindingKind(
            KIND,
            priority=4,
            texts={
                None: (
                    N_("A phone number links your accounts to one person and can be looked up in data brokers."),
                    N_("Remove it from public posts and profiles; share it by private message instead."),
                )
            },
        ),
    ),
    rules=(
        Rule(
            KIND,
            HIGH,
            0.6,
            audience=VISIBLE,
            why="A visible phone number links accounts to one person and is easy to look up.",
        ),
        Rule(KIND, MEDIUM, why="A phone number in a private place can still leak or be handed over."),
    ),
    # The last digit-led shape: any digit run the shapes before it did not take.
    digit_led=(Shape("number", CANDIDATE, detect_number),),
)
