"""Find English left in what a Spanish-speaking person sees, by scanning it against the catalogs.

Every message of the gettext catalogs has an English text (its msgid) and a Spanish one. A Spanish
screen, page or CLI output must not show the English text of any message whose Spanish differs.
Each message is cut at its placeholders (`%(count)s`, `{place}`, markup) into literal pieces, and
a piece is looked for only when it is long enough to be a sentence fragment and is not also part
of some Spanish text (so "WhatsApp", "ID" or "GPS" never count). What comes from the person's own
exports (their posts, often in English) is not in the catalogs, so it never counts either.

    from untranslated import english_left
    assert not english_left(output), english_left(output)
"""

from __future__ import annotations

import re
from functools import cache

from babel.messages.mofile import read_mo

from cuidado.locales import LOCALE_DIR

_PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>")
MIN_PIECE = 12  # characters: shorter literal pieces ("Date", "ID: ") are too often the same in both


@cache
def _pieces(lang: str = "es") -> tuple[str, ...]:
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "cuidado.mo", "rb") as fh:
        catalog = read_mo(fh)
    english, translated = [], []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        translated.extend(s for s in strings if s)
        if all(s in ids for s in strings if s):  # the same in both languages: nothing to find
            continue
        english.extend(ids)
    spanish = "\n".join(translated)
    found = set()
    for text in english:
        for piece in _PLACEHOLDER.split(text):
            piece = " ".join(piece.split()).strip(" .,:;()—-")
            if len(piece) >= MIN_PIECE and " " in piece and piece not in spanish:
                found.add(piece)
    return tuple(sorted(found, key=len, reverse=True))


def english_left(text: str, lang: str = "es") -> list[str]:
    """The English catalog pieces that appear in `text` (whitespace-normalised), longest first."""
    flat = " ".join(text.split())
    return [piece for piece in _pieces(lang) if piece in flat]
