"""Item language: five languages, a fast path for short texts, None when unsure."""

import pytest

from cuidado.detectors.language import LANGUAGES, detect_language


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Mañana tengo cita con inmigración y mi abogado dice que todo va bien", "es"),
        ("I finally got my work permit approved after two long years of waiting", "en"),
        ("Estou muito feliz porque consegui o meu visto de trabalho finalmente", "pt"),
        ("Je suis très contente parce que j'ai enfin reçu mon titre de séjour", "fr"),
        ("أنا سعيد جدا لأنني حصلت على تصريح العمل أخيرا", "ar"),
        ("صباح الخير", "ar"),  # short Arabic: script alone decides
        ("gracias a todos", "es"),  # short: common words decide
        ("thank you all", "en"),
    ],
)
def test_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", [None, "", "ok", "😀😀😀", "12345", "jajaja"])
def test_unsure_is_none(text):
    assert detect_language(text) is None


def test_only_our_languages():
    assert LANGUAGES == ("en", "es", "pt", "fr", "ar")
    assert detect_language("Ich habe heute einen langen Spaziergang im Park gemacht und war glücklich") in LANGUAGES


def test_a_scan_detects_the_language_only_where_it_decides_something(monkeypatch):
    """The scan's text path asks for the language only for an item with a phone word next to a
    number the default region cannot read; then a national format is found (issue 14)."""
    import cuidado.detectors.text as text
    from cuidado.findings.analyzer import Analyzer

    calls = []
    monkeypatch.setattr(text, "detect_language", lambda t, **k: calls.append(t) or detect_language(t, **k))
    analyzer = Analyzer()
    quiet = [
        "Hoy fuimos a la playa con los niños",
        "Call me at (646) 832-1975 after 6",
        "Rendez-vous le 06/12/2024 à 14h",
        "Mon code postal est 75011",
    ]
    for item in quiet:
        analyzer.scan_text(item)
    assert calls == []
    found = analyzer.scan_text("Appelle-moi au 06 12 34 56 78 après le travail")
    assert calls == ["Appelle-moi au 06 12 34 56 78 après le travail"]
    assert [(m.kind, m.value) for m in found] == [("identity.phone", "+33612345678")]


def test_thorough_detection_reads_short_phone_posts():
    assert detect_language("Appelle-moi au 06 12 34 56 78", thorough=True) == "fr"
    assert detect_language("Me liga no (11) 98765-4321", thorough=True) == "pt"
    assert detect_language("Appelle-moi au 06 12 34 56 78") is None  # the quick path does not guess
