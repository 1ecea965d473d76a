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


# What gets a person identified and found by the authorities weighs like a conclusion, wherever it is
# (a post, a private message, a photo): an immigration or identity document number, a photo of one.
HARM_WEIGHTS: dict[tuple[str, str | None], float] = {
    ("identity.document_photo", None): 25.0,
    **{
        ("identity.government_id", subtype): 22.0
        for subtype in (
            "a_number",
            "passport",
            "mrz",
            "uscis_receipt",
            "i94",
            "sevis",
            "ssn",
            "itin",
            "consular_id",
            "drivers_license",
            "curp",
            "dpi",
            "dui",
            "dni",
            "nie",
            "cedula",
        )
    },
}
# Account settings (a private account, location off) stop exposure the plan cannot list item by item.
SETTING_BASE = 3.0  # every platform's settings: new posts stop leaking
SETTING_PER_OPEN_ITEM = 1.0  # and per item the export says was public or seen by very many
SETTING_MAX = 20.0
# What a platform tracked (ad interests, activity other businesses reported) is held by the platform
# and its advertisers, not shown to people: undoing it weighs like a setting, under the items that
# give away a home or an ID, however many interests a platform listed.
TRACKING_MAX = 8.0


def setting_weight(open_items: int) -> float:
    return SETTING_BASE + min(SETTING_MAX - SETTING_BASE, SETTING_PER_OPEN_ITEM * open_items)


def tracking_weight(items_weight: float) -> float:
    return min(TRACKING_MAX, items_weight)


def finding_weight(kind: str, severity: str, confidence: float, subtype: str | None = None) -> float:
    if kind in INFERENCE_WEIGHTS:
        return INFERENCE_WEIGHTS[kind] * confidence
    harm = HARM_WEIGHTS.get((kind, subtype)) or HARM_WEIGHTS.get((kind, None))
    if harm:
        return harm * confidence
    if kind in LIGHT_KINDS:
        return LIGHT_KINDS[kind]
    return SEVERITY_WEIGHTS.get(severity, 0.2) * confidence
