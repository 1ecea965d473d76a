"""Severity table and the EN/ES explanations."""

import pytest

from cuidado.detectors import explain, severity
from cuidado.detectors.severity import RULES

ID_SUBTYPES = [
    "ssn",
    "itin",
    "a_number",
    "uscis_receipt",
    "i94",
    "sevis",
    "passport",
    "drivers_license",
    "mrz",
    "consular_id",
    "curp",
    "rfc",
    "dpi",
    "dui",
    "dni",
    "nie",
    "cedula",
]
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


@pytest.mark.parametrize(
    "kind, subtype, confidence, kw, rating",
    [
        ("identity.government_id", "ssn", 0.95, {}, "high"),
        ("identity.government_id", "passport", 0.3, {}, "medium"),
        ("sensitive.immigration", "immigration", 0.8, {"audience": "friends"}, "high"),
        ("location.address", None, 0.9, {"audience": "private"}, "high"),
        ("location.address", None, 0.5, {}, "medium"),  # only a unit number
        ("location.geotag", None, 0.95, {"audience": "public"}, "high"),
        ("location.geotag", None, 0.95, {"audience": "only me"}, "medium"),
        ("identity.phone", None, 0.9, {"audience": None}, "high"),  # unknown audience counts as visible
        ("identity.phone", None, 0.9, {"audience": "friends"}, "medium"),
        ("identity.email", None, 0.95, {"audience": "public"}, "medium"),
        ("identity.email", None, 0.95, {"audience": "private"}, "low"),
        ("sensitive.politics", "politics", 0.8, {"audience": "public", "by_self": True}, "high"),
        ("sensitive.politics", "politics", 0.8, {"audience": "public", "by_self": False}, "medium"),
        ("sensitive.health", "health", 0.8, {"audience": "public"}, "high"),
        ("sensitive.religion", "religion", 0.8, {"audience": "public"}, "medium"),
        ("sensitive.religion", "religion", 0.8, {"audience": "private"}, "low"),
        ("location.place", "city", 0.6, {"audience": "public"}, "low"),
        ("location.place", "venue", 0.8, {"audience": "public"}, "medium"),
        ("something.new", None, 1.0, {}, "low"),
    ],
)
def test_severity(kind, subtype, confidence, kw, rating):
    assert severity(kind, subtype, confidence, **kw) == rating


def test_every_rule_says_why():
    assert all(rule.why for rule in RULES)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_kind_is_explained_in_both_languages(kind, lang):
    why, advice = explain(kind, None, lang)
    assert why and advice and why != advice


@pytest.mark.parametrize("subtype", ID_SUBTYPES)
def test_every_id_subtype_has_its_own_words(subtype):
    en_why, _ = explain("identity.government_id", subtype, "en")
    es_why, _ = explain("identity.government_id", subtype, "es")
    assert en_why != explain("identity.government_id", None, "en")[0]
    assert es_why != en_why


def test_spanish_and_fallbacks():
    assert "dirección" in explain("location.address", None, "es")[0]
    assert explain("location.address", None, "pt") == explain("location.address", None, "en")
    assert explain("location.address", None, "es-MX") == explain("location.address", None, "es")
    assert explain("sensitive.immigration", "immigration", "es") == explain("sensitive.immigration", None, "es")
    assert explain("brand.new", None, "es")[0]
