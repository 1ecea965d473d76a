"""Exposure score: one number for "how much an analyst could learn", so actions can be ranked by
how much they reduce it. The weights are judgement calls, written down here in one place."""

from __future__ import annotations

# A conclusion across items weighs more than any single item: it is what gets people found.
INFERENCE_WEIGHTS = {
    "inference.home": 40.0,
    "inference.work": 25.0,
    "inference.routine": 12.0,
    "inference.account_link": 15.0,
    "inference.travel": 6.0,
    "inference.others_exposed": 4.0,
    "audience.group": 4.0,
}
SEVERITY_WEIGHTS = {"high": 5.0, "medium": 1.5, "low": 0.2}
# Kinds that only describe who could see an item add a little: the item's content is what matters.
LIGHT_KINDS = {"audience.public": 0.3, "audience.wide": 0.5, "audience.stranger": 0.1}


def finding_weight(kind: str, severity: str, confidence: float) -> float:
    if kind in INFERENCE_WEIGHTS:
        return INFERENCE_WEIGHTS[kind] * confidence
    if kind in LIGHT_KINDS:
        return LIGHT_KINDS[kind]
    return SEVERITY_WEIGHTS.get(severity, 0.2) * confidence
