"""Why a finding matters and what to do about it, in the reader's language.

Plain words for people, not analysts. Each unit declares the texts of its kinds (detectors/<unit>.py)
in English, marked for the gettext catalogs; they are looked up by (kind, subtype), then by kind,
then a general text, and translated here; a language without a catalog gets English.
"""

from __future__ import annotations

from cuidado.locales import N_, gettext

from .registry import CATALOGUE
from .unit import Texts

_GENERAL: Texts = (
    N_("This reveals something about you that others could use."),
    N_("Review it and decide who should see it."),
)


def explain(
    kind: str, subtype: str | None, lang: str = "en", *, texts: dict[tuple[str, str | None], Texts] = CATALOGUE.texts
) -> tuple[str, str]:
    """(why, advice) for a finding, in `lang` ("en", "es", "es-MX"; others fall back to English)."""
    found = texts.get((kind, subtype)) or texts.get((kind, None)) or _GENERAL
    _ = gettext(lang)
    why, advice = _(found[0]), _(found[1])
    if len(found) > 2:
        name = _(found[2])
        why, advice = why.format(name=name), advice.format(name=name)
    return why, advice
