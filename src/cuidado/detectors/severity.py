"""How serious a finding is: "high", "medium" or "low".

All rules are in one table, read top to bottom; the first rule that fits decides. A rule
fits when the kind starts with `kind`, the subtype is one of `subtypes` (or any), the
confidence is at least `min_confidence`, and the audience / author conditions hold.

Each unit declares its own lines of the table next to its detector (`UNIT.rules` in
detectors/<unit>.py) and `registry.UNITS` puts them together. A unit's rules fit only its own
kinds (the registry test checks it), so the order between units never changes a rating.
Change a rating there and every report follows.

Audience: exports say "public", "friends", "only me"...; None means the export did
not say. Unknown counts as visible, because the person cannot check it either.
"""

from __future__ import annotations

from .registry import CATALOGUE
from .unit import ANY, HIGH, LOW, MEDIUM, PRIVATE, VISIBLE, Rule

__all__ = ["ANY", "HIGH", "LOW", "MEDIUM", "PRIVATE", "RULES", "VISIBLE", "Rule", "severity"]

_PUBLIC = frozenset({"public", "everyone", "anyone", "open", "público", "publico", "public_everyone"})
_PRIVATE = frozenset({"private", "only me", "only_me", "self", "privado", "solo yo", "just me"})

# The table: each unit's rules (declared in its module), in registry order.
RULES: tuple[Rule, ...] = CATALOGUE.rules


def _audience_fits(rule_audience: str, audience: str | None) -> bool:
    if rule_audience == ANY:
        return True
    value = (audience or "").strip().lower()
    is_private = value in _PRIVATE
    if rule_audience == PRIVATE:
        return is_private
    return not is_private and (not value or value in _PUBLIC)  # VISIBLE: public or unknown


def severity(
    kind: str,
    subtype: str | None,
    confidence: float,
    *,
    audience: str | None = None,
    by_self: bool | None = None,
    rules: tuple[Rule, ...] = RULES,
) -> str:
    """The rating of the first rule that fits; LOW when none does."""
    for rule in rules:
        if not kind.startswith(rule.kind) or confidence < rule.min_confidence:
            continue
        if rule.subtypes is not None and subtype not in rule.subtypes:
            continue
        if rule.by_self is not None and by_self is not None and by_self != rule.by_self:
            continue
        if not _audience_fits(rule.audience, audience):
            continue
        return rule.rating
    return LOW
