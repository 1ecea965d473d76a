"""The English-left finder every Spanish-screen test relies on finds English and only English."""

from __future__ import annotations

from untranslated import _pieces, english_left

from cuidado.locales import gettext


def test_english_catalog_text_is_found_and_its_spanish_is_not():
    _ = gettext("es")
    # A piece holding no other piece ("Photos and videos" is inside a longer step), so it is found alone.
    piece = next(p for p in _pieces() if len(p) < 80 and not any(o != p and o in p for o in _pieces()))
    english = f"Resultados: {piece}. María escribió: «see you at church»."
    assert english_left(english) == [piece]
    # The same screen in Spanish: every catalog message whose English contains the piece, translated.
    from babel.messages.mofile import read_mo

    from cuidado.locales import LOCALE_DIR

    with open(LOCALE_DIR / "es" / "LC_MESSAGES" / "cuidado.mo", "rb") as fh:
        message = next(m for m in read_mo(fh) if isinstance(m.id, str) and piece in " ".join(m.id.split()))
    assert english_left(_(message.id)) == []


def test_the_persons_own_english_is_not_counted():
    assert english_left("Publicación: «Going to the march on Saturday, see you there!»") == []
