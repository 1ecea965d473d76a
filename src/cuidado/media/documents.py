"""What kind of document a photo shows, from its OCR text and MRZ, in English and Spanish.

Immigration papers matter most: a posted photo of a work permit, a USCIS notice or an
immigration-court hearing notice tells a watcher someone's status. Excerpts shown back to the
person are redacted: the digits of ID-like numbers are masked except the last two.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .mrz import Mrz

# (doc_type, weight, phrase). Phrases are matched on upper-case, accent-free text, and also with
# spaces removed, since OCR often drops or adds a space inside a heading.
KEYWORDS: tuple[tuple[str, float, str], ...] = (
    ("passport", 3, "PASSPORT"),
    ("passport", 3, "PASAPORTE"),
    ("passport", 3, "PASSEPORT"),
    ("passport", 3, "PASSAPORTE"),
    ("id_card", 3, "CREDENCIAL PARA VOTAR"),
    ("id_card", 3, "INSTITUTO NACIONAL ELECTORAL"),
    ("id_card", 2, "CLAVE DE ELECTOR"),
    ("id_card", 3, "IDENTITY CARD"),
    ("id_card", 3, "DOCUMENTO NACIONAL DE IDENTIDAD"),
    ("id_card", 3, "CEDULA DE IDENTIDAD"),
    ("id_card", 3, "CEDULA DE CIUDADANIA"),
    ("id_card", 3, "DOCUMENTO PERSONAL DE IDENTIFICACION"),
    ("id_card", 3, "TARJETA DE IDENTIDAD"),
    ("id_card", 3, "DOCUMENTO UNICO DE IDENTIDAD"),
    ("id_card", 1, "CURP"),
    ("id_card", 3, "CONSULAR ID"),
    ("id_card", 3, "MATRICULA CONSULAR"),
    ("work_permit", 4, "EMPLOYMENT AUTHORIZATION CARD"),
    ("work_permit", 3, "EMPLOYMENT AUTHORIZATION"),
    ("work_permit", 3, "PERMISO DE TRABAJO"),
    ("work_permit", 3, "AUTORIZACION DE EMPLEO"),
    ("work_permit", 2, "NOT VALID FOR REENTRY"),
    ("green_card", 4, "PERMANENT RESIDENT"),
    ("green_card", 4, "RESIDENTE PERMANENTE"),
    ("green_card", 2, "RESIDENT SINCE"),
    ("green_card", 2, "I-551"),
    ("visa", 2, "VISA TYPE"),
    ("visa", 2, "CONTROL NUMBER"),
    ("visa", 1, "ENTRIES"),
    ("visa", 1, "ANNOTATION"),
    ("visa", 2, "ISSUING POST"),
    ("immigration_notice", 4, "NOTICE OF ACTION"),
    ("immigration_notice", 4, "I-797"),
    ("immigration_notice", 3, "CITIZENSHIP AND IMMIGRATION SERVICES"),
    ("immigration_notice", 2, "USCIS"),
    ("immigration_notice", 3, "RECEIPT NUMBER"),
    ("immigration_notice", 3, "I-94"),
    ("immigration_notice", 3, "ARRIVAL/DEPARTURE RECORD"),
    ("immigration_notice", 4, "IMMIGRATION COURT"),
    ("immigration_notice", 4, "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW"),
    ("immigration_notice", 3, "EOIR"),
    ("immigration_notice", 4, "NOTICE OF HEARING"),
    ("immigration_notice", 4, "NOTICE TO APPEAR"),
    ("immigration_notice", 3, "REMOVAL PROCEEDINGS"),
    ("immigration_notice", 4, "IMMIGRATION AND CUSTOMS ENFORCEMENT"),
    ("immigration_notice", 2, "IMMIGRATION JUDGE"),
    ("immigration_notice", 2, "A-NUMBER"),
    ("immigration_notice", 2, "ALIEN NUMBER"),
    ("immigration_notice", 4, "CORTE DE INMIGRACION"),
    ("immigration_notice", 4, "TRIBUNAL DE INMIGRACION"),
    ("immigration_notice", 4, "AVISO DE AUDIENCIA"),
    ("immigration_notice", 3, "JUEZ DE INMIGRACION"),
    ("immigration_notice", 3, "REVISION DE CASOS DE INMIGRACION"),
    ("immigration_notice", 2, "NUMERO A"),
    ("immigration_notice", 3, "DEPORTACION"),
    ("immigration_notice", 2, "HOMELAND SECURITY"),
    ("court_notice", 3, "SUPERIOR COURT"),
    ("court_notice", 3, "DISTRICT COURT"),
    ("court_notice", 3, "MUNICIPAL COURT"),
    ("court_notice", 3, "SUMMONS"),
    ("court_notice", 2, "COURT DATE"),
    ("court_notice", 2, "CASE NO"),
    ("court_notice", 2, "DOCKET"),
    ("court_notice", 3, "JUZGADO"),
    ("court_notice", 3, "CITATORIO"),
    ("court_notice", 2, "EXPEDIENTE"),
    ("court_notice", 2, "PLAINTIFF"),
    ("court_notice", 2, "DEFENDANT"),
    ("court_notice", 2, "NOTICE TO APPEAR IN COURT"),
    ("drivers_license", 4, "DRIVER LICENSE"),
    ("drivers_license", 4, "DRIVER'S LICENSE"),
    ("drivers_license", 4, "DRIVERS LICENSE"),
    ("drivers_license", 4, "LICENCIA DE CONDUCIR"),
    ("drivers_license", 4, "LICENCIA DE CONDUCTOR"),
    ("drivers_license", 2, "CLASS C"),
    ("bill", 3, "AMOUNT DUE"),
    ("bill", 2, "ACCOUNT NUMBER"),
    ("bill", 2, "BILLING PERIOD"),
    ("bill", 2, "DUE DATE"),
    ("bill", 2, "SERVICE ADDRESS"),
    ("bill", 2, "KWH"),
    ("bill", 2, "STATEMENT"),
    ("bill", 3, "TOTAL A PAGAR"),
    ("bill", 2, "FECHA DE VENCIMIENTO"),
    ("bill", 2, "NUMERO DE CUENTA"),
    ("bill", 2, "AVISO-RECIBO"),
    ("bill", 2, "LATE FEE"),
    ("letter", 2, "DEAR "),
    ("letter", 2, "SINCERELY"),
    ("letter", 2, "ESTIMADO"),
    ("letter", 2, "ATENTAMENTE"),
    ("letter", 1, "RE:"),
)
MIN_SCORE = 3  # one strong heading, or two weaker signs
# Types that are not told apart by an MRZ: a card's title decides (green cards and EADs carry TD1 MRZs).
TITLE_BEATS_MRZ = {"green_card", "work_permit"}
_WORD = re.compile(r"[A-Z]{3,}")
# A run with a digit, plus the digit groups that follow it after single spaces ("A123 456 789").
_ID_TOKEN = re.compile(r"[A-Z0-9<\-/.]*\d[A-Z0-9<\-/.]*(?: \d[0-9<\-/.]*)*", re.I)
MASK_MIN_DIGITS = 5  # IDs, dates and account numbers; not "Page 1 of 2" or a year
_ADDRESS = re.compile(
    r"\b\d{2,6}\s+[A-Z0-9 .]{2,30}\b(ST|STREET|AVE|AVENUE|BLVD|RD|ROAD|DR|DRIVE|LN|WAY|CT|CALLE|AV)\b|"
    r"\b[A-Z]{2}\s+\d{5}(-\d{4})?\b|\bC\.?P\.?\s*\d{5}\b"
)


@dataclass
class DocumentResult:
    doc_type: str
    score: float
    evidence: list[str] = field(default_factory=list)  # the phrases (or "MRZ") that decided it
    has_address: bool = False
    redacted: str = ""  # an excerpt safe to show: ID digits masked but the last two


def normalize(text: str) -> str:
    """Upper-case, accents stripped, whitespace collapsed: OCR output varies in all three."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.upper().split())


def classify_document(ocr_text: str, mrz: Mrz | None = None) -> DocumentResult | None:
    """The document type, or None when the text is too little or too garbled to be a document."""
    text = normalize(ocr_text)
    squeezed = text.replace(" ", "")
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    for doc_type, weight, phrase in KEYWORDS:
        if phrase in text or (" " in phrase and phrase.replace(" ", "") in squeezed):
            scores[doc_type] = scores.get(doc_type, 0) + weight
            evidence.setdefault(doc_type, []).append(phrase.strip())
    best = max(scores, key=lambda t: scores[t], default=None)
    if mrz is not None and mrz.all_valid and (best not in TITLE_BEATS_MRZ or scores[best] < MIN_SCORE):
        doc_type, score, found = mrz.kind, 10.0 + scores.get(mrz.kind, 0), ["MRZ", *evidence.get(mrz.kind, [])]
    elif best is not None and scores[best] >= MIN_SCORE:
        doc_type, score, found = best, scores[best], evidence[best]
    elif mrz is not None and sum(mrz.valid_checks.values()) >= 2:  # a damaged MRZ is still an ID
        doc_type, score, found = mrz.kind, 5.0, ["MRZ"]
    elif _looks_like_prose(text):
        doc_type, score, found = "other_text", 1.0, []
    else:
        return None
    return DocumentResult(doc_type, score, found, bool(_ADDRESS.search(text)), redact(ocr_text)[:400])


def _looks_like_prose(text: str) -> bool:
    """Enough real-looking words: OCR of a non-document gives a few fragments at most."""
    words = [w for w in _WORD.findall(text) if any(v in w for v in "AEIOU")]
    return len(words) >= 12


def redact(text: str) -> str:
    """Mask the digits of ID-like runs (5+ digits) but the last two: 'A123 456 789' -> 'A*** *** *89'."""

    def mask(match: re.Match) -> str:
        token = match.group(0)
        positions = [i for i, ch in enumerate(token) if ch.isdigit()]
        if len(positions) < MASK_MIN_DIGITS:
            return token
        chars = list(token)
        for i in positions[:-2]:
            chars[i] = "*"
        return "".join(chars)

    return "\n".join(_ID_TOKEN.sub(mask, line) for line in text.splitlines() if line.strip())
