"""Street addresses: "123 Main St Apt 4B", "Calle 5 de Mayo #123, Col. Centro",
"Carrera 7 # 45-12", "Rua das Flores, nº 23", "12 rue de Rivoli", "شارع الملك فهد 12",
and what people write before them: "vivo en …", "I live at …", "mi casa está en …".

Patterns run on folded (lower-case) text; capitalisation checks look at the original,
because "en la calle hay 3 perros" must not become an address but "Calle Hidalgo 3" must.
A ZIP code alone is not an address; a ZIP after a street extends it.
"""

from __future__ import annotations

import re

from cuidado.locales import N_

from .context import ItemContext
from .match import TextMatch, at
from .unit import HIGH, MEDIUM, FindingKind, Rule, Shape, Trigger, Unit

KIND = "location.address"

# Words that never start or form a street name (units, pronouns, articles, verbs).
_STOP = (
    r"(?:the|a|an|of|to|in|on|at|by|for|from|with|and|or|but|my|your|his|her|our|their|this|that"
    r"|is|are|was|were|be|i|we|you|he|she|they|it|me|us|them|miles?|mi|km|blocks?|minutes?|mins?"
    r"|hours?|hrs?|days?|weeks?|months?|years?|times?|people|kids|dollars|bucks|feet|ft|yards|steps"
    r"|more|less|just|only|about|down|up|across|over|along|near|into|out|off|per|am|pm|way|new|old"
    r"|percent|points?|games?|dogs?|cats?|cars?|lbs?|kg|oz|degrees?|likes|views|followers)"
)
_EN_TYPES = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl|terrace"
    r"|parkway|pkwy|highway|hwy|circle|cir|trail|trl|loop|plaza|square|sq|pike|alley)"
)
EN = (
    r"\d(?<![\w.,$#/]\d)\d{0,5}[a-z]?(?:-\d{1,4})? (?:(?:[nsew]|ne|nw|se|sw|north|south|east|west)\.? )?"
    r"(?:(?!" + _STOP + r"\b)[a-z0-9][a-z0-9'\-]*\.? ){1,3}" + _EN_TYPES + r"\b\.?"
)

# Street types written before the name (Spanish, Portuguese); abbreviations may end in ".".
LATAM_WORDS = (
    "calle",
    "c/",
    "avenida",
    "av",
    "avda",
    "boulevard",
    "blvd",
    "bulevar",
    "calzada",
    "calz",
    "carrera",
    "cra",
    "kra",
    "cll",
    "diagonal",
    "transversal",
    "paseo",
    "privada",
    "priv",
    "callejon",
    "andador",
    "cerrada",
    "circuito",
    "prolongacion",
    "camino",
    "carretera",
    "pasaje",
    "rua",
    "travessa",
    "alameda",
    "estrada",
    "praca",
    "rodovia",
)
_ABBREVIATED = frozenset("av avda blvd calz cra kra cll priv".split())
_LATAM_TYPES = "(?:" + "|".join(re.escape(w) + (r"\.?" if w in _ABBREVIATED else "") for w in LATAM_WORDS) + ")"
_NUMBER_MARK = r"(?:#|no\.?|n[º°o]\.?|num\.?|numero|n\.º)"
LATAM = (
    r"\b"
    + _LATAM_TYPES
    + r" ?(?:[a-z0-9][\w'.\-]* ){0,4}?[a-z0-9][\w'.\-]*,? ?"
    + _NUMBER_MARK
    + r"? ?\d{1,5}[a-z]?(?: ?- ?\d{1,4})?\b"
)
FR = (
    r"\d(?<![\w.,]\d)\d{0,3}(?: ?(?:bis|ter))?,? (?:rue|avenue|boulevard|bd|place|chemin|allee|impasse|quai"
    r"|route|cours|passage) [a-z0-9'][\w'\-]*(?: [a-z0-9'][\w'\-]*){0,4}"
)
AR_WORDS = ("شارع",)
AR = r"شارع(?: \S+){1,4}? (?:رقم ?)?\d{1,5}\b"
AR_NUMBER_FIRST = r"\d{1,5} شارع(?: \S+){1,3}"
HOME_WORDS = (
    "i live at",
    "i live on",
    "my address is",
    "our address is",
    "my address:",
    "mi direccion es",
    "mi direccion:",
    "nuestra direccion es",
    "vivo en",
    "vivimos en",
    "mi casa esta en",
    "mi casa queda en",
    "moro na",
    "moro no",
    "moro em",
    "meu endereco e",
    "j'habite",
    "mon adresse est",
    "mon adresse :",
    "اسكن في",
    "عنواني",
)
HOME = "(?:" + "|".join(re.escape(w) for w in HOME_WORDS) + ")"
CORNER_WORDS = ("corner of", "esquina de", "esquina da", "coin de")
CORNER = (
    "(?:" + "|".join(re.escape(w) for w in CORNER_WORDS) + r") "
    r"[\w'.\-]+(?: [\w'.\-]+){0,3}? (?:y|and|&|con|e|et) [\w'.\-]+"
)
BOX_WORDS = ("po box", "p.o. box", "p.o box", "p o box", "apartado postal", "caixa postal", "boite postale")
BOX = r"(?:p\.? ?o\.? ?box|apartado postal|caixa postal|boite postale) ?#? ?\d{1,6}\b"
APARTMENT_WORDS = ("apt", "apto", "depto", "dpto", "apartment")
APARTMENT = r"(?:apt|apto|depto|dpto)\.? ?#? ?\d{1,4}[a-z]?\b|apartment (?:# ?\d{1,4}[a-z]?|\d{1,4}[a-z])\b"

# What may follow a street: unit, neighbourhood, city + state + ZIP, postal code.
_TAIL_PARTS = [
    re.compile(p)
    for p in (
        r",? ?(?:apt|apartment|unit|suite|ste|fl|floor|rm|room|#|depto|dpto|apto|piso|int|interior|casa"
        r"|lote|mz|manzana)\.? ?#? ?[a-z0-9\-]{1,6}\b",
        r",? ?(?:col\.?|colonia|barrio|bairro|fracc\.?|fraccionamiento|urb\.?|urbanizacion|zona|sector"
        r"|residencial) [a-z0-9][a-z0-9'\-]*(?: [a-z0-9][a-z0-9'\-]*){0,2}?(?=[,.;!?\n]|$| y | and | en | e )",
        r",? [a-z][a-z.'\-]*(?: [a-z][a-z.'\-]*){0,2},? [a-z]{2}\.? \d{5}(?:-\d{4})?\b",
        r",? ?(?:c\.?p\.?|cep|codigo postal|zip)\.?:? ?\d{4,5}(?:-\d{3,4})?\b",
        r",? \d{5}(?:-\d{4})?(?: [a-z][a-z'\-]+(?=[,.;!?\n]|$))?",  # "75002 Paris" at a sentence end
    )
]
_SPANISH_STOP = frozenset(
    "hay es esta estaba estan con sin que para por y o a muy todo toda llena lleno "
    "sola solo de del la el los las un una se me te le nos les mi tu su".split()
)
_CONNECTORS = frozenset("de del la las los el da das do dos".split())  # "Rua das Flores"
_FR_CONNECTORS = frozenset("de du des la le les l' d' et".split())
# Where what follows "vivo en" stops being the address: sentence end, a comma (unless a
# unit / city / ZIP follows, see _extend), or a joining word.
_HOME_STOPS = re.compile(r"[!?\n,]|\.(?: |$)| (?:y|and|pero|but|con|with|desde|since|hace|e|mas|depuis) ")
# A house number: digits not followed by a duration ("vivo en Chicago 10 años" is no address).
_HOUSE_NUMBER = re.compile(
    r"\b\d{1,6}[a-z]?\b(?! ?(?:anos|years?|yrs|meses|months?|dias|days?|horas|hours?"
    r"|semanas|weeks?|ans|mois|minutos|minutes|hijos|kids|children|enfants|filhos)\b)"
)
_STREET_WORD = re.compile(
    r"\b(?:" + _LATAM_TYPES[3:-1] + "|" + _EN_TYPES[3:-1] + r"|rue|esquina|corner"
    r"|colonia|barrio|bairro|fraccionamiento)\b"
)


def _extend(text: str, end: int) -> int:
    """Swallow the unit / neighbourhood / city-ZIP pieces that follow a street."""
    for part in _TAIL_PARTS:
        found = part.match(text, end)
        if found and found.end() > end:
            end = found.end()
    return end


def _address(ctx: ItemContext, start: int, end: int, confidence: float) -> list[TextMatch]:
    text = ctx.folded.text
    extended = _extend(text, end)
    if extended > end:
        confidence += 0.1
    return [at(ctx.folded, start, extended, KIND, confidence)]


def _original_words(ctx: ItemContext, start: int, end: int) -> list[str]:
    o_start, o_end = ctx.folded.span(start, end)
    return ctx.folded.original[o_start:o_end].split()


# "Top 5 Main Street restaurants", "page 12 Park Lane": a count or rank, not a house number.
_RANK_WORDS = frozenset(
    "top the page chapter route number no exit gate level season episode part step vol volume".split()
)


def detect_en(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    before = ctx.folded.text[max(0, start - 12) : start].split()
    if before and before[-1].strip("#.,:") in _RANK_WORDS:
        return []
    return _address(ctx, start, end, 0.8)


def detect_latam(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    words = _original_words(ctx, start, end)
    names = [w for w in words[1:] if w.lower() not in _CONNECTORS] or [""]
    name = names[0]
    marked = re.search(r"(?:#|\bno\.|\bn[º°]|\bnum\.|\bnumero\b)", ctx.folded.text[start:end]) is not None
    capital_or_digit = name[:1].isupper() or name[:1].isdigit()
    if name.lower() in _SPANISH_STOP or not (capital_or_digit or marked):
        return []
    return _address(ctx, start, end, 0.85 if marked else 0.8)


def detect_fr(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    """ "12 rue de la Paix ce soir": keep the capitalised name and its connectors only."""
    words = _original_words(ctx, start, end)
    keep = 3 if words[1].lower().strip(",") in ("bis", "ter") else 2  # number (+ bis) + street type
    named = False
    for word in words[keep:]:
        core = word.rstrip(".,;:!?")
        if core[:1].isupper() or core[:1].isdigit():
            named = True
        elif not (core.lower() in _FR_CONNECTORS or core.lower().startswith(("l'", "d'"))):
            break
        keep += 1
        if core != word:
            break  # a comma or full stop ends the street name
    if not named:
        return []
    text = ctx.folded.text
    street_end = start + len(" ".join(text[start:end].split()[:keep]))
    while text[street_end - 1] in ".,;:!?":
        street_end -= 1
    return _address(ctx, start, street_end, 0.8)


def detect_ar(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    return _address(ctx, start, end, 0.8)


def detect_home(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    """ "I live at / vivo en / mi casa está en" + a phrase with a number or a street word."""
    text = ctx.folded.text
    rest = text[end : end + 90]
    stop = _HOME_STOPS.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    phrase = phrase.rstrip(" ,;:")
    if not phrase.strip() or not (_HOUSE_NUMBER.search(phrase) or _STREET_WORD.search(phrase)):
        return []  # "vivo en Houston": a city, which places.py reports
    lead = re.match(r"[ :]*(?:(?:la|el|the|a|o|na|no|au) )?", rest)
    assert lead is not None  # every part of the pattern is optional: it matches any text
    return _address(ctx, end + lead.end(), end + len(phrase), 0.9)


def detect_corner(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    words = _original_words(ctx, start, end)
    names = [w for w in words if w.lower() not in ("y", "and", "&", "con", "e", "et")][-2:]
    if not all(w[:1].isupper() or w[:1].isdigit() for w in names):
        return []
    return [at(ctx.folded, start, end, KIND, 0.65)]


def detect_box(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    return _address(ctx, start, end, 0.8)


def detect_unit(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    return [at(ctx.folded, start, end, KIND, 0.5)]


UNIT = Unit(
    name="addresses",
    kinds=(
        FindingKind(
            KIND,
            priority=3,
            texts={
                None: (
                    N_("This is an address. It can show where you live, and who lives with you."),
                    N_("Delete or edit it. Share addresses only in private messages with people you trust."),
                )
            },
        ),
    ),
    rules=(
        # Where you sleep.
        Rule(KIND, HIGH, 0.6, why="A street address says where to find you and your family."),
        Rule(KIND, MEDIUM, why="A partial address (only an apartment number) narrows down where you live."),
    ),
    digit_led=(
        Shape("addr_en", EN, detect_en),
        Shape("addr_fr", FR, detect_fr),
        Shape("addr_ar_number", AR_NUMBER_FIRST, detect_ar),
    ),
    triggers=(
        Trigger("addr_home", HOME_WORDS, HOME, detect_home),
        Trigger("addr_corner", CORNER_WORDS, CORNER, detect_corner),
        Trigger("addr_box", BOX_WORDS, BOX, detect_box),
        Trigger("addr_latam", LATAM_WORDS, LATAM, detect_latam),
        Trigger("addr_ar", AR_WORDS, AR, detect_ar),
        Trigger("addr_unit", APARTMENT_WORDS, APARTMENT, detect_unit),
    ),
)
