"""Why a finding matters and what to do about it, in English and Spanish.

Plain words for people, not analysts. Each unit declares the texts of its kinds (detectors/<unit>.py);
they are looked up by (kind, subtype), then by kind, then a general text; a language without texts
falls back to English.
"""

from __future__ import annotations

from .registry import CATALOGUE
from .unit import Texts

_GENERAL: Texts = {
    "en": ("This reveals something about you that others could use.", "Review it and decide who should see it."),
    "es": ("Esto revela algo sobre usted que otras personas podrían usar.", "Revíselo y decida quién puede verlo."),
}


def explain(kind: str, subtype: str | None, lang: str = "en", *,
            texts: dict[tuple[str, str | None], Texts] = CATALOGUE.texts) -> tuple[str, str]:
    """(why, advice) for a finding, in `lang` ("en" or "es"; others fall back to English)."""
    found = texts.get((kind, subtype)) or texts.get((kind, None)) or _GENERAL
    lang = (lang or "en").lower().split("-")[0].split("_")[0]
    return found.get(lang) or found["en"]
