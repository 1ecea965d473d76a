"""Translations for the report and the web app: gettext catalogs compiled from the .po files here.

    pybabel extract -F src/cuidado/locales/babel.cfg --no-location --sort-output \
        -o src/cuidado/locales/cuidado.pot src/cuidado
    pybabel update -i src/cuidado/locales/cuidado.pot -d src/cuidado/locales -D cuidado
    # write the Spanish for every new empty msgstr in es/LC_MESSAGES/cuidado.po, then:
    pybabel compile -d src/cuidado/locales -D cuidado

The compiled .mo files are committed, so Babel is needed only to change a translation;
tests/test_report.py fails when a string in the code or templates has no Spanish yet.
"""

from __future__ import annotations

import gettext as _gettext
from functools import lru_cache
from pathlib import Path

DOMAIN = "cuidado"
LOCALE_DIR = Path(__file__).parent
LANGUAGES = {"en": "English", "es": "Español"}
# Scripts written right to left: pages switch to dir="rtl" for these (catalogs can be added).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def normalise(lang: str | None) -> str:
    """A supported language code ("es-MX" -> "es"); anything unknown falls back to English."""
    code = (lang or "en").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES or code in RTL_LANGUAGES else "en"


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[normalise(lang)], fallback=True)


def gettext(lang: str):
    """The `_` function for one language."""
    return translations(lang).gettext


def direction(lang: str) -> str:
    return "rtl" if normalise(lang) in RTL_LANGUAGES else "ltr"


def first_language(*candidates: str | None) -> str:
    """The first language set among `candidates`, most important first (the CLI gives --lang, then
    $CUIDADO_LANG and the system locale: LANG=es_MX.UTF-8 gives Spanish), else English. Only
    languages with a catalog are returned."""
    for value in candidates:
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            code = normalise(value)
            return code if code in LANGUAGES else "en"
    return "en"
