"""Places: where someone says they are ("I'm at Café Tacuba", "estoy en la Iglesia San
José"), named venues ("at the Rainbow club", "Clínica Santa Fe"), and cities or
neighbourhoods from a small gazetteer (data/places.tsv).

Venue names are read from the ORIGINAL text because capitals are what separate
"I'm at Walmart" from "I'm at a loss".
"""

from __future__ import annotations

import re

from cuidado.locales import N_

from .context import ItemContext
from .match import TextMatch, at
from .unit import LOW, MEDIUM, VISIBLE, FindingKind, Rule, Trigger, Unit

KIND = "location.place"

# "I'm here" phrases; the automaton finds them, the name after them is read from the original.
PRESENCE_WORDS = (
    "i'm at",
    "im at",
    "i am at",
    "we're at",
    "were at",
    "we are at",
    "checking in at",
    "checked in at",
    "just arrived at",
    "estoy en",
    "estamos en",
    "ando en",
    "andamos en",
    "anda en",
    "aqui en",
    "estou no",
    "estou na",
    "estou nos",
    "estou nas",
    "estou em",
    "estamos no",
    "estamos na",
    "je suis a",
    "je suis au",
    "je suis aux",
    "je suis chez",
    "nous sommes a",
    "nous sommes au",
    "nous sommes chez",
)
PRESENCE = "(?:" + "|".join(re.escape(w) for w in PRESENCE_WORDS) + ")"

# Venue types; "pre" types take their name before them (English), "post" after (Romance, Arabic).
_PRE = (
    "club|church|clinic|hospital|mosque|temple|synagogue|bar|pub|restaurant|cafe|school|university"
    "|college|shelter|park|gym|mall|courthouse|consulate|center|centre|stadium|arena|library|hotel"
    "|market|supermarket|salon|theater|theatre|museum|plaza|diner|grill|taqueria|bakery|chapel"
)
_POST = (
    "iglesia|parroquia|capilla|clinica|hospital|mezquita|templo|sinagoga|restaurante|cafeteria"
    "|escuela|colegio|universidad|albergue|refugio|parque|gimnasio|centro comercial|plaza|juzgado"
    "|consulado|estadio|biblioteca|mercado|taqueria|panaderia|discoteca|antro|club|bar|hotel|cafe"
    "|igreja|clinica|mesquita|escola|academia|shopping|boate|lanchonete|eglise|clinique|hopital"
    "|mosquee|ecole|parc|consulat|stade|brasserie|mairie|prefecture|restaurant"
    "|مسجد|جامع|كنيسه|مستشفي|مستشفى|عياده|مطعم|مقهي|مقهى|كافيه|مدرسه|جامعه|نادي|حديقه|فندق|سوق"
)
VENUE_WORDS = tuple(sorted(set(_PRE.split("|")) | set(_POST.split("|")), key=len, reverse=True))
VENUE = r"(?:" + "|".join(VENUE_WORDS) + r")\b"
_PRE_SET, _POST_SET = frozenset(_PRE.split("|")), frozenset(_POST.split("|"))

_ARTICLES = frozenset("the a an la el los las lo o os as le les l' un una uma".split())
_CONNECTORS = frozenset("de del la las los el of the and y da do das dos du des & e st. san santa".split())
_NOT_A_NAME = frozenset(
    "my mi our your his her nuestra nuestro mis i yo this that esta este ese a the un una least first last".split()
)
# Capitalised, but not a particular place: "I'm at Work", "Estoy en Casa".
_GENERIC = frozenset(
    "home work school casa trabajo escuela chamba office oficina church iglesia "
    "the gym the office la casa el trabajo la escuela".split()
)
_TITLES = frozenset("st. sr. sra. dr. mt. ste.".split())
# Capitalised words that describe rather than name: "Best Mexican restaurant".
_DESCRIPTIVE = frozenset(
    "best new old good great favorite favourite local nearest big small cheap fancy nice closest".split()
)
_LEADING = frozenset("de del do da du".split())
_WORD = re.compile(r"\S+")
_TRAIL = ".,;:!?)\"'"


def _starts_name(word: str) -> bool:
    """A capital, or digits glued to a capitalised word ("7-Eleven", "24Hour Fitness")."""
    return word[:1].isupper() or (word[:1].isdigit() and any(ch.isupper() for ch in word))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _name_after(original: str, pos: int, allow_type_first: bool) -> tuple[int, int] | None:
    """Span of a capitalised name (with connectors) starting at `pos`, or None."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(original, pos, min(len(original), pos + 120))]
    i = 0
    if i < len(words) and words[i][2].lower() in _ARTICLES:
        i += 1
    if i < len(words) and allow_type_first and words[i][2].lower().strip(_TRAIL) in _POST_SET:
        i += 1  # "la iglesia San José": the type word may be lower-case
    if i + 1 < len(words) and words[i][2].lower() in _LEADING and _capitalised(words[i + 1][2]):
        i += 1  # "el parque de Chapultepec"
    if i >= len(words):
        return None
    first = words[i][2].strip(_TRAIL)
    if not _starts_name(first) or first.lower() in _NOT_A_NAME:
        return None
    start, end, j = words[i][0], None, i
    while j < len(words):
        word = words[j][2]
        core = word.rstrip(_TRAIL)
        if _capitalised(core) or (core.lower() in _CONNECTORS and j + 1 < len(words) and _capitalised(words[j + 1][2])):
            end = words[j][0] + len(core)
            if core != word or j - i >= 6:
                break
            j += 1
            continue
        if core.lower() in ("in", "en", "em", "à", "a") and j + 1 < len(words) and _capitalised(words[j + 1][2]):
            j += 1  # "Café Tacuba in Mexico City" (the Swarm check-in format)
            continue
        break
    if end is None or original[start:end].lower() in _GENERIC:
        return None
    if allow_type_first and i > 0 and words[i - 1][2].lower().strip(_TRAIL) in _POST_SET:
        start = words[i - 1][0]  # keep the type word: "iglesia San José"
    return start, end


def _descriptive(word: str) -> bool:
    low = word.lower()
    return low in _DESCRIPTIVE or low.endswith(("ican", "ian", "ese", "ish", "ean"))


def _opens_sentence(original: str, pos: int) -> bool:
    before = original[:pos].rstrip(" \t\n\"'(")
    return not before or before[-1] in ".!?"


def detect_presence(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    folded = ctx.folded
    o_end = folded.span(start, end)[1]
    span = _name_after(folded.original, o_end, allow_type_first=True)
    if span is None:
        return []
    return [_place_at_original(ctx, span, 0.8)]


def detect_venue(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    folded = ctx.folded
    o_start, o_end = folded.span(start, end)
    original = folded.original
    word = folded.text[start:end]
    if word in _POST_SET:
        if word[:1] >= "\u0600":  # Arabic: a definite name follows ("مسجد النور")
            follow = _WORD.match(original, o_end + 1) if o_end < len(original) else None
            if follow and follow.group().startswith("ال"):
                return [_place_at_original(ctx, (o_start, follow.end()), 0.7)]
            return []
        after = _name_after(original, o_end, allow_type_first=False)
        if after is not None:
            return [_place_at_original(ctx, (o_start, after[1]), 0.7)]
    if word in _PRE_SET:
        before = [m for m in _WORD.finditer(original, max(0, o_start - 60), o_start)]
        names: list[re.Match] = []
        for m in reversed(before):
            core = m.group()
            if core.lower() not in _TITLES and (
                core[-1:] in _TRAIL or not _capitalised(core) or core.lower() in _NOT_A_NAME
            ):
                break
            names.insert(0, m)
            if len(names) == 4:
                break
        while names and (names[0].group().lower() in _ARTICLES or _descriptive(names[0].group())):
            names.pop(0)
        if len(names) == 1 and _opens_sentence(original, names[0].start()):
            names = []  # one capitalised word opening a sentence is just the sentence's first word
        if names:
            return [_place_at_original(ctx, (names[0].start(), o_end), 0.7)]
    return []


# Words that put a name in place: "in Austin", "desde Santiago", "à Lyon".
_PREPOSITIONS = frozenset(
    "in en em a au at from de desde to para near cerca hacia in. visiting "
    "na no do da pour vers depuis live vivo moro".split()
)


def _after_preposition(text: str, start: int) -> bool:
    words = text[max(0, start - 20) : start].split()
    return bool(words) and words[-1] in _PREPOSITIONS


def detect_cities(ctx: ItemContext) -> list[TextMatch]:
    """Gazetteer hits (already boundary- and case-checked by the lexicon)."""
    return [
        at(ctx.folded, h.start, h.end, KIND, h.entry.weight, subtype="city")
        for h in ctx.city_hits
        if not h.entry.needs_context or _after_preposition(ctx.folded.text, h.start)
    ]


def _place_at_original(ctx: ItemContext, span: tuple[int, int], confidence: float) -> TextMatch:
    value = ctx.folded.original[span[0] : span[1]].strip()
    return TextMatch(KIND, value, span[0], span[1], confidence, "venue")


UNIT = Unit(
    name="places",
    kinds=(
        FindingKind(
            KIND,
            priority=2,
            texts={
                None: (
                    N_("This names a place you were or go to. Together, such places show your routines."),
                    N_("Post places after you leave, not while you are there, and keep regular places private."),
                )
            },
        ),
    ),
    rules=(
        # Places: where you go.
        Rule(KIND, MEDIUM, 0.7, audience=VISIBLE, why="Named places you visit reveal routines and communities."),
        Rule(KIND, LOW, why="A city or place mention on its own says little."),
    ),
    triggers=(
        Trigger("place_presence", PRESENCE_WORDS, PRESENCE, detect_presence),
        Trigger("place_venue", VENUE_WORDS, VENUE, detect_venue),
    ),
    whole_item=detect_cities,
)
