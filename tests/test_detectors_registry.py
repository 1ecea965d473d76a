"""The detector registry holds together: one place declares every kind, and every kind it declares
is rated, explained in both languages, documented, and reachable by the engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cuidado.detectors import TextScanner, explain, severity
from cuidado.detectors.lexicon import data_files
from cuidado.detectors.match import TextMatch, at
from cuidado.detectors.registry import CATALOGUE, UNITS, assemble
from cuidado.detectors.unit import HIGH, LOW, FindingKind, Rule, Trigger, Unit

README = Path(__file__).resolve().parents[1] / "README.md"
KINDS = {spec.kind: unit for unit in UNITS for spec in unit.kinds}


def _readme_vocabulary() -> tuple[set[str], set[str]]:
    """Kinds and government-ID subtypes listed in the README's findings contract."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("Kinds (an extensible vocabulary") : text.index("## Getting your data")]
    kinds = set(re.findall(r"`((?:location|identity|tracking|sensitive|audience|inference)\.[a-z_]+)`", section))
    ids = section[section.index("`identity.government_id` (subtypes") :]
    subtypes = set(re.findall(r"`([a-z0-9_]+)`", ids[: ids.index(")")]))
    return kinds, subtypes


def test_no_kind_or_unit_is_declared_twice():
    assert len(KINDS) == sum(len(unit.kinds) for unit in UNITS)
    assert len({unit.name for unit in UNITS}) == len(UNITS)
    twin = Unit("copy", kinds=(FindingKind("identity.email", {}),), rules=())
    with pytest.raises(ValueError, match="identity.email"):
        assemble(UNITS + (twin,))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_rated_by_its_own_unit(kind):
    assert any(kind.startswith(rule.kind) for rule in KINDS[kind].rules), f"{kind}: no severity rule"


@pytest.mark.parametrize("unit", UNITS, ids=lambda u: u.name)
def test_a_units_rules_fit_only_its_own_kinds(unit):
    # What makes the assembled table's order between units irrelevant.
    for rule in unit.rules:
        assert rule.why, rule
        assert any(spec.kind.startswith(rule.kind) for spec in unit.kinds), f"{rule.kind}: fits none of {unit.name}"
        others = [kind for kind, owner in KINDS.items() if owner is not unit and kind.startswith(rule.kind)]
        assert not others, f"{unit.name}'s rule {rule.kind!r} would also rate {others}"


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_kind_and_subtype_is_explained_in_both_languages(kind, lang):
    spec = next(s for s in KINDS[kind].kinds if s.kind == kind)
    assert None in spec.texts, f"{kind}: no general text"
    for subtype in spec.texts:
        why, advice = explain(kind, subtype, lang)
        assert why.strip() and advice.strip() and why != advice, (kind, subtype, lang)
        assert "{" not in why + advice, (kind, subtype, lang)  # every placeholder filled
        if lang == "es":  # translated in the catalog, not English passed through
            assert (why, advice) != explain(kind, subtype, "en"), (kind, subtype)


def test_the_readme_vocabulary_is_exactly_what_the_units_declare():
    documented, id_subtypes = _readme_vocabulary()
    assert documented == set(KINDS)
    declared_ids = {s for s in next(u for u in UNITS if u.name == "government_ids").kinds[0].texts if s}
    assert id_subtypes == declared_ids


def test_every_topic_file_is_a_declared_kind():
    topics = {name.removesuffix(".tsv") for name in data_files("sensitive.")}
    assert topics and topics <= set(KINDS), topics - set(KINDS)


def test_engine_hooks_have_unique_names():
    shapes = [s.name for u in UNITS for s in u.token_led + u.digit_led]
    families = [t.family for u in UNITS for t in u.triggers]
    assert len(shapes) == len(set(shapes)) and len(families) == len(set(families))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in shapes)


def test_the_assembled_lookups_come_from_the_units():
    assert CATALOGUE.rules == tuple(rule for unit in UNITS for rule in unit.rules)
    assert CATALOGUE.priority["identity.government_id"] > CATALOGUE.priority["identity.phone"]
    assert set(CATALOGUE.owner) == set(KINDS)


# ---- adding a detector is one module plus one registry line --------------------------------------


def _detect_plate(ctx, start: int, end: int) -> list[TextMatch]:
    return [at(ctx.folded, start, end, "identity.license_plate", 0.9)]


def _plates(priority: int) -> Unit:
    return Unit(
        name="plates",
        kinds=(
            FindingKind(
                "identity.license_plate",
                priority=priority,
                texts={
                    None: (
                        "A licence plate ties a car, and its owner, to this place.",
                        "Blur plates before posting.",
                    )
                },
            ),
        ),
        rules=(
            Rule("identity.license_plate", HIGH, 0.8, why="A plate is looked up in one query."),
            Rule("identity.license_plate", LOW, why="A weak guess."),
        ),
        triggers=(Trigger("plate", ("placa", "plate"), r"(?:placa|plate) [a-z0-9]{3}-?[0-9]{3,7}", _detect_plate),),
    )


def test_a_new_unit_runs_rates_and_explains_with_nothing_else_touched():
    units = UNITS + (_plates(priority=7),)
    catalogue = assemble(units)
    found = TextScanner(units=units).scan("Placa ABC-1234, me llaman al 713-482-9921")
    assert [(m.kind, m.value) for m in found] == [
        ("identity.license_plate", "Placa ABC-1234"),
        ("identity.phone", "+17134829921"),
    ]
    assert severity("identity.license_plate", None, 0.9, rules=catalogue.rules) == "high"
    assert severity("identity.license_plate", None, 0.5, rules=catalogue.rules) == "low"
    assert explain("identity.license_plate", None, "en", texts=catalogue.texts)[0].startswith("A licence plate")
    # Its Spanish is written in the catalog (tests/test_catalogs.py fails until it is); until then, English.
    assert explain("identity.license_plate", None, "es", texts=catalogue.texts)[0].startswith("A licence plate")
    assert not any(m.kind == "identity.license_plate" for m in TextScanner().scan("Placa ABC-1234"))


@pytest.mark.parametrize("priority, kept", [(7, "identity.license_plate"), (0, "identity.phone")])
def test_a_new_units_declared_priority_decides_overlaps(priority, kept):
    # "placa 713-4829921": the digits are also a Houston phone number.
    found = TextScanner(units=UNITS + (_plates(priority),)).scan("placa 713-4829921")
    assert [m.kind for m in found] == [kept]
