"""Every unit that makes findings, in one visible tuple, and the lookups built from it.

Adding a detector: write its module (patterns, handlers, and a `UNIT` declaring its kinds, their
priority, severity rules and EN/ES texts, and where the engine starts it), then add one line below.
tests/test_detectors_registry.py checks the whole table: every kind declared once, rated by its
own unit's rules, explained in both languages, and listed in the README's findings vocabulary.

Order matters only inside the text engine's passes: a digit run is offered to the digit-led shapes
in this order (coordinates, then ID numbers, then addresses, then phones take what is left), and
guarded scans run in this order (e-mail before MRZ). Severity does not depend on it: a unit's
rules fit only its own kinds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import addresses, conclusions, coordinates, emails, government_ids, item_fields, phones, places, topics
from .unit import Rule, Texts, Unit

UNITS: tuple[Unit, ...] = (
    coordinates.UNIT,  # coordinates and map links (links claim their digits first)
    emails.UNIT,
    government_ids.UNIT,  # ID numbers and passport MRZ lines
    addresses.UNIT,
    phones.UNIT,  # any digit run the shapes before it left
    places.UNIT,
    topics.UNIT,  # sensitive topics, from data/sensitive.*.tsv
    item_fields.UNIT,  # from an item's structured fields (findings/record_fields.py)
    conclusions.UNIT,  # across items (inferences/)
)


@dataclass(frozen=True)
class Catalogue:
    """The units' declarations, assembled: the severity table, the texts and the overlap priorities."""

    units: tuple[Unit, ...]
    rules: tuple[Rule, ...] = ()
    texts: dict[tuple[str, str | None], Texts] = field(default_factory=dict)
    priority: dict[str, int] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)  # kind -> the unit that declares it


def assemble(units: Iterable[Unit]) -> Catalogue:
    """Build the lookups; a kind or unit name declared twice is refused here, before any scan."""
    units = tuple(units)
    owner: dict[str, str] = {}
    names: set[str] = set()
    for unit in units:
        if unit.name in names:
            raise ValueError(f"detector unit {unit.name!r} is registered twice")
        names.add(unit.name)
        for spec in unit.kinds:
            if spec.kind in owner:
                raise ValueError(f"kind {spec.kind!r} is declared by both {owner[spec.kind]!r} and {unit.name!r}")
            owner[spec.kind] = unit.name
    return Catalogue(
        units=units,
        rules=tuple(rule for unit in units for rule in unit.rules),
        texts={
            (spec.kind, subtype): texts
            for unit in units
            for spec in unit.kinds
            for subtype, texts in spec.texts.items()
        },
        priority={spec.kind: spec.priority for unit in units for spec in unit.kinds},
        owner=owner,
    )


CATALOGUE = assemble(UNITS)
