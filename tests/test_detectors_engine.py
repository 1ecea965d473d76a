"""The TextScanner contract others build on: fields, spans, ordering, options, scale."""

import dataclasses
import time

import pytest

from cuidado.detectors import TextMatch, TextScanner
from cuidado.detectors.text import TextMatch as TextMatchFromText

SCANNER = TextScanner()
POST = (
    "Hola a todos, por fin nos aprobaron el asilo!!! Ya nos mudamos a 1420 W Lake St, Apt 2, "
    "Chicago IL 60607. Mi cel es 312-482-0198 y mi correo Maria.Lopez@Gmail.com 📍 41.8857, -87.6607"
)


def test_textmatch_shape():
    assert TextMatch is TextMatchFromText
    fields = [f.name for f in dataclasses.fields(TextMatch)]
    assert fields == ["kind", "value", "start", "end", "confidence", "subtype", "terms", "lat", "lon"]
    match = SCANNER.scan("Call me at (713) 482-9921")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.value = "x"
    assert not hasattr(match, "__dict__")  # slots


def test_one_post_many_findings_sorted_with_true_spans():
    found = SCANNER.scan(POST)
    kinds = [m.kind for m in found]
    assert kinds == ["sensitive.immigration", "location.address", "identity.phone", "identity.email", "location.geotag"]
    assert [m.start for m in found] == sorted(m.start for m in found)
    by_kind = {m.kind: m for m in found}
    assert POST[by_kind["identity.phone"].start : by_kind["identity.phone"].end] == "312-482-0198"
    assert by_kind["identity.phone"].value == "+13124820198"
    assert by_kind["identity.email"].value == "maria.lopez@gmail.com"
    assert by_kind["location.geotag"].value == "41.885700,-87.660700"
    assert (by_kind["location.geotag"].lat, by_kind["location.geotag"].lon) == (41.8857, -87.6607)
    assert (
        POST[by_kind["location.address"].start : by_kind["location.address"].end]
        == "1420 W Lake St, Apt 2, Chicago IL 60607"
    )
    assert all(0.0 <= m.confidence <= 1.0 for m in found)


def test_spans_are_in_the_original_text_when_folding_changes_length():
    text = "Cafe\u0301 ☕ — llámame al 713-482-9921"
    (phone,) = [m for m in SCANNER.scan(text) if m.kind == "identity.phone"]
    assert text[phone.start : phone.end] == "713-482-9921"


@pytest.mark.parametrize("text", ["", " ", "😀😀", "ok", "\n\n"])
def test_empty_and_tiny_texts(text):
    assert SCANNER.scan(text) == []


def test_region_reads_national_formats():
    assert SCANNER.scan("Llámame al 55 1234 5678", region="MX")[0].value == "+525512345678"
    mx = TextScanner(default_region="MX")
    assert mx.scan("Llámame al 55 1234 5678")[0].value == "+525512345678"
    assert TextScanner(default_region=None).scan("Call 713-482-9921") == []  # no region, no +


def test_scanner_is_reusable_and_deterministic():
    assert SCANNER.scan(POST) == SCANNER.scan(POST) == TextScanner().scan(POST)


def test_long_texts_scale_linearly():
    chunk = POST + " "
    SCANNER.scan(chunk * 10)
    begin = time.perf_counter()
    SCANNER.scan(chunk * 100)
    small = time.perf_counter() - begin
    begin = time.perf_counter()
    found = SCANNER.scan(chunk * 1000)
    large = time.perf_counter() - begin
    assert len([m for m in found if m.kind == "identity.phone"]) == 1000
    assert large < small * 30 + 0.5  # 10x the text, far from 100x the time


def test_short_posts_are_fast():
    posts = [
        "good morning everyone",
        "Happy birthday mija!! te quiero mucho",
        "Feliz domingo familia 🙏",
        "Call me at (713) 482-9921",
        "Mañana tengo cita con inmigración",
        "Bom dia gente",
    ] * 50
    SCANNER.scan(posts[0])
    begin = time.perf_counter()
    for post in posts:
        SCANNER.scan(post)
    per_second = len(posts) / (time.perf_counter() - begin)
    assert per_second > 1000  # a generous floor; benchmarks/eval_text.py reports the real figure
