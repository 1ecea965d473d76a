"""The labeled corpus: targets per kind (recall >= 95%, precision >= 90% with >= 20 cases).

If this fails after a change, run `python benchmarks/eval_text.py --errors` to see which
cases broke.
"""

from pathlib import Path

import pytest

from benchmarks.text_scoring import MIN_CASES, corpus, evaluate, format_table
from cuidado.fixtures.text_cases import generate_cases

HAND_CASES = Path(__file__).parent / "data" / "text_corpus"
KINDS = [
    "identity.phone",
    "identity.email",
    "identity.government_id",
    "location.address",
    "location.place",
    "location.geotag",
    "sensitive.immigration",
    "sensitive.politics",
    "sensitive.religion",
    "sensitive.origin",
    "sensitive.health",
    "sensitive.sexuality",
    "sensitive.union",
    "sensitive.legal",
]


@pytest.fixture(scope="module")
def report():
    return evaluate(corpus(HAND_CASES))


def test_generator_is_deterministic():
    assert generate_cases() == generate_cases()
    assert generate_cases(seed=1) != generate_cases(seed=2)


def test_corpus_covers_five_languages_and_has_negatives():
    cases = corpus(HAND_CASES)
    assert {c.lang for c in cases} == {"en", "es", "pt", "fr", "ar"}
    assert sum(c.source == "hand" for c in cases) >= 300
    assert sum(1 for c in cases if c.near_miss) >= 100


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_enough_cases(report, kind):
    assert report.counts[kind].cases >= MIN_CASES


@pytest.mark.parametrize("kind", KINDS)
def test_targets(report, kind):
    counts = report.counts[kind]
    assert counts.meets_targets, (
        "\n" + format_table(report) + "\n" + "\n".join(e for e in report.errors if f" {kind} " in e)
    )
