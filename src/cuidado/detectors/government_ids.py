"""Government identity numbers: US (SSN, ITIN, A-number, USCIS receipt, I-94, SEVIS),
Latin American and Spanish national IDs, passports, driver's licences, consular IDs.

Two kinds of candidates reach here from the engine's regex passes:
  * letter+digit tokens with a fixed shape (`TOKEN_PATTERNS`): CURP, RFC, receipts, ...
  * plain digit runs (`classify_number`): an ID when its shape or a nearby word says so
    and its check digit agrees; otherwise the engine tries it as a phone number.
Numbers that need a word to mean anything (passport, licence, A-number, cédula) are
only reported when such a word (data/id_context.tsv) is close by.
"""

from __future__ import annotations

import re
from functools import partial

from cuidado.locales import N_

from . import checksums as ck
from . import mrz
from .context import ItemContext
from .match import TextMatch, at
from .unit import HIGH, MEDIUM, FindingKind, Rule, Scan, Shape, Texts, Unit

KIND = "identity.government_id"

# Letter+digit shapes, tried in this order at each position (folded, lower-case text).
TOKEN_PATTERNS: dict[str, str] = {
    "uscis_receipt": r"\b(?:ioe|eac|wac|lin|src|msc|nbc|ysc)[- ]?\d(?:[- ]?\d){9}\b",
    "curp": r"\b[a-z]{4}\d{6}[hmx][a-z]{5}[a-z0-9]\d\b",
    "rfc": r"\b[a-z&]{3,4}-?\d{6}-?[a-z0-9]{3}\b",
    "sevis": r"\bn\d{10}\b",
    "a_number": r"\ba(?:[-#:] ?| ?# ?)?\d{3}-?\d{3}-?\d{2,3}\b",
    "nie": r"\b[xyz]-?\d{7}-?[a-z]\b",
    "dni": r"\b\d{8}-?[a-z]\b",
    "venezuela": r"\b[ve]-?\d{1,2}(?:\.?\d{3}){2}\b",
    "i94": r"\b\d{9}[a-z]\d\b",
    "prefixed": r"\b[a-z]{1,2}-?\d{3,}(?:-\d+){0,3}\b",
    "fr_passport": r"\b\d{2}[a-z]{2}\d{5}\b",
}

# Confidence when the shape alone speaks / when an ID word is also near.
_SHAPED, _WITH_WORD = 0.8, 0.95

# Numbers that only mean something next to a word: subtype -> digit counts accepted.
_NEEDS_WORD_DIGITS = {
    "a_number": range(8, 10),
    "i94": range(11, 12),
    "passport": range(6, 10),
    "drivers_license": range(5, 14),
    "consular_id": range(6, 13),
}

REJECT = "reject"  # a number that looks like an ID but is not valid: not a phone either

_DIGITS = re.compile(r"\d+")
_NON_ALNUM = re.compile(r"[^0-9a-z]")


def _compact(text: str) -> str:
    return _NON_ALNUM.sub("", text.lower()).upper()


def _nearest_words(ctx: ItemContext, start: int, end: int) -> list[str]:
    """Subtypes of ID words near the span, nearest first."""
    hits = ctx.id_words_near(start, end)
    hits.sort(key=lambda h: start - h.end if h.end <= start else h.start - end)
    return [h.entry.group for h in hits]


def _id(ctx: ItemContext, start: int, end: int, subtype: str, confidence: float, value: str) -> TextMatch:
    return at(ctx.folded, start, end, KIND, confidence, value=value, subtype=subtype)


def _document_by_word(raw: str, words: list[str]) -> str | None:
    """A letter-prefixed number next to "passport", "licencia", "matrícula"..."""
    digits = sum(len(d) for d in _DIGITS.findall(raw))
    for word in words:
        if word in ("passport", "drivers_license", "consular_id") and 5 <= digits <= 14:
            return word
    return None


def detect_token(ctx: ItemContext, start: int, end: int, pattern: str) -> list[TextMatch]:
    """A letter+digit token matched by TOKEN_PATTERNS[pattern]."""
    raw = ctx.folded.text[start:end]
    value = _compact(raw)
    words = _nearest_words(ctx, start, end)
    near = set(words)
    subtype, confidence = pattern, 0.0
    if pattern == "curp":
        confidence = 0.97 if ck.curp_valid(value) else 0.0
    elif pattern == "rfc":
        if ck.rfc_valid(value):
            confidence = 0.85
        elif "rfc" in near and len(value) in (12, 13):
            confidence = 0.7
    elif pattern == "uscis_receipt":
        confidence = _WITH_WORD if near & {"uscis_receipt", "a_number"} else 0.9
    elif pattern == "sevis":
        confidence = _WITH_WORD if "sevis" in near else 0.8
    elif pattern == "a_number":
        if "a_number" in near:
            value, confidence = "A" + "".join(_DIGITS.findall(raw)), 0.92
        else:  # "Passport: A12345678" is a passport, not an A-number
            subtype = _document_by_word(raw, words) or subtype
            confidence = 0.88 if subtype != pattern else 0.0
    elif pattern in ("nie", "dni"):
        subtype = pattern
        if ck.dni_es_valid(value):
            confidence = _WITH_WORD if "dni" in near else 0.88
    elif pattern == "venezuela":  # "V-12.345.678"; a bare "E12345678" may be a passport
        document = _document_by_word(raw, words)
        if "cedula" in near or (document is None and ("-" in raw or "." in raw)):
            subtype, confidence = "cedula", (0.9 if "cedula" in near else 0.75)
        elif document is not None:
            subtype, confidence = document, 0.88
    elif pattern == "i94":
        confidence = 0.9 if "i94" in near else 0.0
    elif pattern in ("prefixed", "fr_passport"):
        subtype = _document_by_word(raw, words) or subtype
        confidence = 0.88 if subtype != pattern else 0.0
    if confidence <= 0:
        return []
    return [_id(ctx, start, end, subtype, confidence, value)]


def _shape(raw: str) -> tuple[int, ...]:
    return tuple(len(g) for g in _DIGITS.findall(raw))


def classify_number(ctx: ItemContext, start: int, end: int) -> list[TextMatch] | str | None:
    """A digit run: an ID match list, REJECT (ID-shaped but invalid), or None (try phone)."""
    raw = ctx.folded.text[start:end]
    if raw.startswith("+"):
        return None  # international prefix: a phone
    shape = _shape(raw)
    digits = "".join(_DIGITS.findall(raw))
    words = _nearest_words(ctx, start, end)

    def found(subtype: str, confidence: float) -> list[TextMatch]:
        return [_id(ctx, start, end, subtype, confidence, digits)]

    # 1. A nearby ID word decides what the number is (nearest word first).
    for word in words:
        if word in ("phone", "not_phone"):
            break
        if word in ("ssn", "itin") and len(digits) == 9:
            if ck.itin_valid(digits):
                return found("itin", _WITH_WORD)
            return found("ssn", _WITH_WORD) if ck.ssn_valid(digits) else REJECT
        if word == "dui" and len(digits) == 9 and ck.dui_valid(digits):
            return found("dui", _WITH_WORD)
        if word == "dpi" and ck.dpi_valid(digits):
            return found("dpi", _WITH_WORD)
        if word == "dni" and ck.honduras_dni_valid(digits):
            return found("dni", 0.9)
        if word == "cedula":
            if len(digits) == 11 and ck.dominican_cedula_valid(digits):
                return found("cedula", _WITH_WORD)
            if len(digits) == 10 and ck.ecuador_ci_valid(digits):
                return found("cedula", _WITH_WORD)
            if 6 <= len(digits) <= 10:
                return found("cedula", 0.8)  # Colombia, Venezuela...: no check digit
        if word in _NEEDS_WORD_DIGITS and len(digits) in _NEEDS_WORD_DIGITS[word]:
            if word == "a_number":  # written the way USCIS prints it
                return [_id(ctx, start, end, word, 0.88, "A" + digits)]
            return found(word, 0.88)

    # 2. Shapes that are IDs on their own, when the check digit agrees.
    if shape == (3, 2, 4):
        if ck.itin_valid(digits):
            return found("itin", _SHAPED)
        return found("ssn", _SHAPED) if ck.ssn_valid(digits) else REJECT
    if shape == (8, 1) and "-" in raw:
        return found("dui", 0.75) if ck.dui_valid(digits) else None
    if len(digits) == 13 and shape in ((4, 5, 4), (13,)) and ck.dpi_valid(digits):
        return found("dpi", 0.85 if shape != (13,) else 0.65)
    if shape == (4, 4, 5) and ck.honduras_dni_valid(digits):
        return found("dni", 0.75)
    if shape == (3, 7, 1) and ck.dominican_cedula_valid(digits):
        return found("cedula", 0.8)
    if shape == (9, 1) and "-" in raw and ck.ecuador_ci_valid(digits):
        return found("cedula", 0.7)
    return None


# ---- the unit: what the registry and the engine need -------------------------------------------

_ID_WHY = N_(
    "This looks like your {name}. It identifies you in government records, so anyone who reads it can "
    "link this account to you, or misuse it."
)
_ID_ADVICE = N_("Delete or edit the post, and never share a photo or number of this document online.")


def _id_texts(name: str) -> Texts:
    return (_ID_WHY, _ID_ADVICE, name)


TEXTS: dict[str | None, Texts] = {
    None: _id_texts(N_("identity number")),
    "ssn": _id_texts(N_("Social Security number")),
    "itin": _id_texts(N_("ITIN (tax number)")),
    "a_number": _id_texts(N_("A-Number (alien registration number)")),
    "uscis_receipt": _id_texts(N_("USCIS case receipt number")),
    "i94": _id_texts(N_("I-94 admission number")),
    "sevis": _id_texts(N_("SEVIS student ID")),
    "passport": _id_texts(N_("passport number")),
    "drivers_license": _id_texts(N_("driver's license number")),
    "mrz": _id_texts(N_("passport or ID card (its machine-readable lines)")),
    "consular_id": _id_texts(N_("consular ID (matrícula)")),
    "curp": _id_texts(N_("CURP")),
    "rfc": _id_texts(N_("RFC (Mexican tax number)")),
    "dpi": _id_texts(N_("DPI (Guatemalan ID)")),
    "dui": _id_texts(N_("DUI (Salvadoran ID)")),
    "dni": _id_texts(N_("national ID (DNI)")),
    "nie": _id_texts(N_("NIE (Spanish foreigner ID)")),
    "cedula": _id_texts(N_("cédula (national ID)")),
}

# Shapes that start with a digit; the rest of TOKEN_PATTERNS start with letters.
_DIGIT_LED = ("dni", "i94", "fr_passport")


def _token_shape(name: str) -> Shape:
    return Shape(f"id_{name}", TOKEN_PATTERNS[name], partial(detect_token, pattern=name))


UNIT = Unit(
    name="government_ids",
    kinds=(FindingKind(KIND, TEXTS, priority=6),),
    rules=(
        # Identity documents: one number ties every account to a government file.
        Rule(KIND, HIGH, 0.5, why="An ID number is unique: it links you to agency records and enables fraud."),
        Rule(KIND, MEDIUM, why="A low-confidence ID guess still deserves a look."),
    ),
    scans=(Scan("<<", mrz.CANDIDATE, mrz.detect),),
    token_led=tuple(_token_shape(n) for n in TOKEN_PATTERNS if n not in _DIGIT_LED),
    digit_led=tuple(_token_shape(n) for n in _DIGIT_LED),
)
