"""Translations for every user-facing string: gettext catalogs compiled from the .po files here.

Code marks a string with `_` (translated now), `ngettext` (a count: "1 item", "2 items";
see ngettext_in), or `N_` (kept at import time, e.g. in a table, and translated where it is shown).

    pybabel extract -F src/cuidado/locales/babel.cfg --no-location --sort-output \
        -o src/cuidado/locales/cuidado.pot src/cuidado
    pybabel update -i src/cuidado/locales/cuidado.pot -d src/cuidado/locales -D cuidado
    # write the Spanish for every new empty msgstr in es/LC_MESSAGES/cuidado.po, then:
    pybabel compile -d src/cuidado/locales -D cuidado

The compiled .mo files are committed, so Babel is needed only to change a translation;
tests/test_catalogs.py fails when a string in the code or templates has no Spanish yet, or the .mo
is older than its .po.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
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


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[normalise(lang)], fallback=True)


def gettext(lang: str):
    """The `_` function for one language."""
    return translations(lang).gettext


def ngettext_in(lang: str):
    """The plural-aware `ngettext(singular, plural, n)` for one language. Bind it to the name
    `ngettext` (`ngettext = ngettext_in(lang)`) so Babel extracts the calls."""
    return translations(lang).ngettext


def N_(message: str) -> str:
    """Mark a string for the catalogs without translating it yet (it is translated where shown)."""
    return message


def translate(message: str, lang: str, **values) -> str:
    """A string marked with N_, in `lang`, with its {placeholders} filled."""
    text = gettext(lang)(message)
    return text.format(**values) if values else text


class TranslatableError(Exception):
    """An error a person reads: a message marked with N_ and the values of its {placeholders}.
    str() is the English sentence (logs, tracebacks); `text(lang)` says it in the reader's language."""

    def __init__(self, message: str, **values):
        self.message, self.values = message, values
        super().__init__(message.format(**values) if values else message)

    def text(self, lang: str = "en") -> str:
        return translate(self.message, lang, **self.values)


class Counted:
    """A sentence about a count, for tables of templates: `.format(count=n, ...)` calls `render` with the
    same values, which picks the singular or plural form through ngettext in the reader's language."""

    def __init__(self, render):
        self.render = render

    def format(self, *args, **values) -> str:
        return self.render(*args, **values)


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
