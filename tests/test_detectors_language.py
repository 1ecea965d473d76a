"""Item language: five languages, a fast path for short texts, None when unsure."""

import pytest

from cuidado.detectors.language import LANGUAGES, detect_language


@pytest.mark.parametrize("text, lang", [
    ("Mañana tengo cita con inmigración y mi abogado dice que todo va bien", "es"),
    ("I finally got my work permit approved after two long years of waiting", "en"),
    ("Estou muito feliz porque consegui o meu visto de trabalho finalmente", "pt"),
    ("Je suis très contente parce que j'ai enfin reçu mon titre de séjour", "fr"),
    ("أنا سعيد جدا لأنني حصلت على تصريح العمل أخيرا", "ar"),
    ("صباح الخير", "ar"),                  # short Arabic: script alone decides
    ("gracias a todos", "es"),             # short: common words decide
    ("thank you all", "en"),
])
def test_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", [None, "", "ok", "😀😀😀", "12345", "jajaja"])
def test_unsure_is_none(text):
    assert detect_language(text) is None


def test_only_our_languages():
    assert LANGUAGES == ("en", "es", "pt", "fr", "ar")
    assert detect_language("Ich habe heute einen langen Spaziergang im Park gemacht und war glücklich") in LANGUAGES
