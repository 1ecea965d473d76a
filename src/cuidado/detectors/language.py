"""Which of en/es/pt/fr/ar an item is written in (None when there is too little to say).

lingua is accurate but loads its models on first use (about two seconds), so the
detector is built once, lazily, restricted to our five languages. Very short texts skip
it: Arabic script is Arabic, and a few common words decide the rest ("ok", "jaja",
emoji-only posts get None).
"""

from __future__ import annotations

import re
import threading

LANGUAGES = ("en", "es", "pt", "fr", "ar")
SHORT = 24  # letters; below this lingua's guesses are poor anyway

_detector = None
_lock = threading.Lock()
_LETTERS = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_COMMON = {
    "en": "the and you i is my to it of in this that for with was we are me at not have just love thank "
    "happy good morning".split(),
    "es": "el la que de y en los las es mi por con para una un no lo te se muy pero hoy estoy yo gracias "
    "hola buenos buenas feliz todos familia".split(),
    "pt": "que de em é meu minha não um uma com para você muito hoje estou eu obrigado obrigada "
    "olá oi bom dia feliz todos família gente".split(),
    "fr": "le la les de et en un une est je tu pas pour avec mon ma très aujourd'hui suis merci c'est "
    "bonjour salut tous famille".split(),
}
# Only words that belong to one language vote ("de", "que", "feliz" say nothing).
_OWNERS: dict[str, set[str]] = {}
for _lang, _words in _COMMON.items():
    for _word in _words:
        _OWNERS.setdefault(_word, set()).add(_lang)
_VOTES = {word: langs.pop() for word, langs in _OWNERS.items() if len(langs) == 1}


def _build():
    from lingua import Language, LanguageDetectorBuilder

    languages = (Language.ENGLISH, Language.SPANISH, Language.PORTUGUESE, Language.FRENCH, Language.ARABIC)
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _get_detector():
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                _detector = _build()
    return _detector


def _short_guess(text: str) -> str | None:
    votes: dict[str, int] = {}
    for word in _WORDS.findall(text.lower()):
        lang = _VOTES.get(word)
        if lang:
            votes[lang] = votes.get(lang, 0) + 1
    if not votes:
        return None
    best = max(votes, key=lambda lang: votes[lang])
    tied = sum(1 for v in votes.values() if v == votes[best]) > 1
    return None if tied else best


def detect_language(text: str | None, *, thorough: bool = False) -> str | None:
    """ISO 639-1 code of the item's language, or None when unsure or too short.

    `thorough`: ask lingua even for short texts (a few words around a phone number),
    where the common-word vote guesses poorly; for callers that ask rarely."""
    if not text:
        return None
    letters = _LETTERS.findall(text)
    if len(letters) < 3:
        return None
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    if arabic * 2 > len(letters):
        return "ar"
    if len(letters) < SHORT and not thorough:
        return _short_guess(text)
    language = _get_detector().detect_language_of(text)
    return None if language is None else language.iso_code_639_1.name.lower()
