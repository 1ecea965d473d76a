""" "What someone could conclude about you": the dossier behind `cuidado profile`, in the reader's language."""

from __future__ import annotations

import json

from cuidado.findings.labels import kind_label
from cuidado.findings.render import display_value
from cuidado.inferences.timeline import exposure_by_month
from cuidado.locales import Counted, gettext, ngettext_in
from cuidado.store import Store

_ORDER = (
    "inference.home",
    "inference.work",
    "inference.routine",
    "inference.account_link",
    "inference.travel",
    "audience.group",
    "inference.others_exposed",
)
_IDENTITY_KINDS = ("identity.government_id", "identity.phone", "identity.email", "identity.device")
_IDENTITIES_SHOWN = 20  # identifiers listed, the most often found first


def _line_text(kind: str, row, data: dict, lang: str) -> str:
    """One conclusion as a sentence in `lang`, from its stored data (findings/render.py)."""
    _ = gettext(lang)
    value = display_value(kind, row["subtype"], row["value"], row["place"], data, lang)
    place, radius = row["place"] or value, data.get("radius_m", "?")
    if kind == "inference.home":
        return _("Where you live: {place}, within about {radius} m").format(place=place, radius=radius)
    if kind == "inference.work":
        return _("Where you work: {place}, within about {radius} m").format(place=place, radius=radius)
    return {
        "inference.routine": _("Your routine: {value}"),
        "inference.travel": _("A trip: {value}"),
        "inference.account_link": _("Your accounts can be tied together: {value}"),
        "inference.others_exposed": _("Other people you expose: {value}"),
        "audience.group": _("A big group saw sensitive things: {value}"),
    }[kind].format(value=value)


def build_dossier(store: Store, lang: str = "en") -> dict:
    _, ngettext = gettext(lang), ngettext_in(lang)
    lines: list[dict] = []
    for kind in _ORDER:
        for row in store.findings(kinds=(kind,), order="confidence"):
            data = json.loads(row["extra"] or "{}")
            lines.append(
                _line(
                    kind,
                    _line_text(kind, row, data, lang),
                    row["confidence"],
                    data.get("evidence", []),
                    row["id"],
                    lang,
                )
            )
    kinds = {
        "identity.government_id": _("ID number"),
        "identity.phone": _("phone"),
        "identity.email": _("e-mail"),
        "identity.device": _("device"),
    }
    for kind, value, confidence, _count, items in store.value_totals(_IDENTITY_KINDS, limit=_IDENTITIES_SHOWN):
        text = _("Who you are: {kind}: {value}").format(kind=kinds.get(kind, kind), value=value)
        lines.append(_line(kind, text, confidence, items, None, lang))
    for total in store.kind_totals(("sensitive",)):
        text = ngettext(
            "Topics an analyst would note: {topic} ({count} item)",
            "Topics an analyst would note: {topic} ({count} items)",
            total.count,
        ).format(topic=kind_label(total.kind, _), count=total.count)
        lines.append(_line(total.kind, text, total.confidence, total.items, None, lang))
    for total in store.kind_totals(("audience.public",)):
        text = ngettext("{count} of your items was public", "{count} of your items were public", total.count).format(
            count=total.count
        )
        lines.append(_line("audience.public", text, 0.9, total.items, None, lang))
    for total in store.kind_totals(("audience.stranger",)):
        text = ngettext(
            "{count} recent connection you never interacted with (could be a fake account)",
            "{count} recent connections you never interacted with (could be fake accounts)",
            total.count,
        ).format(count=total.count)
        lines.append(_line("audience.stranger", text, 0.9, total.items, None, lang))
    months = sorted(exposure_by_month(store), key=lambda m: -m["high"])[:3]
    return {
        "title": _("What someone could conclude about you"),
        "lang": lang,
        "lines": lines,
        "worst_months": [m for m in months if m["high"]],
        "timeline": exposure_by_month(store),
    }


def evidence_text(count: int, lang: str = "en") -> str:
    """ "3 items give it away", in `lang` and its grammar for `count`."""
    ngettext = ngettext_in(lang)
    return ngettext("{count} item gives it away", "{count} items give it away", count).format(count=count)


def _line(kind: str, text: str, confidence: float, evidence: list, finding_id: str | None, lang: str) -> dict:
    evidence = sorted(set(evidence))
    return {
        "kind": kind,
        "text": text,
        "confidence": round(float(confidence), 2),
        "evidence_count": len(evidence),
        "evidence_text": evidence_text(len(evidence), lang),
        "evidence": evidence[:100],
        "finding": finding_id,
    }


def dossier_words(lang: str) -> dict:
    """The words `cuidado profile` prints around the lines, in `lang` ("evidence" takes
    `.format(count=n)` and picks the plural form)."""
    _ = gettext(lang)
    return {
        "confidence": _("confidence"),
        "nothing": _("Nothing yet: scan your exports first (cuidado scan …)."),
        "worst_months": _("Months with the most high-severity items: {months}"),
        "title": _("What someone could conclude about you"),
        "evidence": Counted(lambda count, **_values: evidence_text(count, lang)),
    }
