"""Recompute every cross-item conclusion after a scan (they depend on all items, so they are replaced)."""

from __future__ import annotations

from cuidado.inferences.audience import wide_audience_findings
from cuidado.inferences.linkage import linkage_inferences
from cuidado.inferences.people import group_exposure, stranger_connections
from cuidado.inferences.places import place_inferences
from cuidado.models import Finding
from cuidado.store import Store

# Kinds this module owns (a kind, or a family of kinds): deleted and recomputed on every refresh.
DERIVED_KINDS = ("inference", "audience.stranger", "audience.group", "audience.wide")


def compute_inferences(store: Store) -> list[Finding]:
    return (
        place_inferences(store)
        + linkage_inferences(store)
        + stranger_connections(store)
        + group_exposure(store)
        + wide_audience_findings(store)
    )


def refresh_inferences(store: Store) -> int:
    findings = compute_inferences(store)
    with store.transaction():
        store.delete_findings(DERIVED_KINDS)
        store.add_findings(findings)
    return len(findings)
