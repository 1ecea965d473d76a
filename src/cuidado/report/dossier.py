""""What someone could conclude about you": the dossier behind `cuidado profile`, in EN or ES."""

from __future__ import annotations

import json

from cuidado.inferences.timeline import exposure_by_month
from cuidado.store import Store

_TEXT = {
    "en": {
        "inference.home": "Where you live: {place}, within about {radius} m",
        "inference.work": "Where you work: {place}, within about {radius} m",
        "inference.routine": "Your routine: {value}",
        "inference.travel": "A trip: {value}",
        "inference.account_link": "Your accounts can be tied together: {value}",
        "inference.others_exposed": "Other people you expose: {value}",
        "audience.group": "A big group saw sensitive things: {value}",
        "identity": "Who you are: {kind} {value}",
        "sensitive": "Topics an analyst would note: {topic} ({count} items)",
        "public": "{count} of your items were public",
        "stranger": "{count} recent connections you never interacted with (could be fake accounts)",
        "evidence": "{count} item(s) give it away",
        "confidence": "confidence",
        "title": "What someone could conclude about you",
        "worst_months": "Months with the most high-severity items: {months}",
        "nothing": "Nothing yet: scan your exports first (cuidado scan …).",
        "routine": "{day} around {hour:02d}:00 near {place}",
        "phones": "{thread}: {count} other people's phone numbers",
        "kinds": {"identity.government_id": "ID number", "identity.phone": "phone", "identity.email": "e-mail",
                  "identity.device": "device"},
        "weekdays": ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"),
    },
    "es": {
        "inference.home": "Dónde vive: {place}, en un radio de unos {radius} m",
        "inference.work": "Dónde trabaja: {place}, en un radio de unos {radius} m",
        "inference.routine": "Su rutina: {value}",
        "inference.travel": "Un viaje: {value}",
        "inference.account_link": "Sus cuentas se pueden vincular: {value}",
        "inference.others_exposed": "Otras personas que usted expone: {value}",
        "audience.group": "Un grupo grande vio cosas delicadas: {value}",
        "identity": "Quién es usted: {kind} {value}",
        "sensitive": "Temas que un analista anotaría: {topic} ({count} elementos)",
        "public": "{count} de sus publicaciones eran públicas",
        "stranger": "{count} conexiones recientes con las que nunca interactuó (podrían ser cuentas falsas)",
        "evidence": "{count} elemento(s) lo delatan",
        "confidence": "certeza",
        "title": "Lo que alguien podría concluir sobre usted",
        "worst_months": "Meses con más elementos de gravedad alta: {months}",
        "nothing": "Todavía nada: primero analice sus exportaciones (cuidado scan …).",
        "routine": "los {day} hacia las {hour:02d}:00 cerca de {place}",
        "phones": "{thread}: {count} números de teléfono de otras personas",
        "kinds": {"identity.government_id": "número de identificación", "identity.phone": "teléfono",
                  "identity.email": "correo", "identity.device": "aparato"},
        "weekdays": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábados", "domingos"),
    },
}
_ORDER = ("inference.home", "inference.work", "inference.routine", "inference.account_link", "inference.travel",
          "audience.group", "inference.others_exposed")
_IDENTITY_KINDS = ("identity.government_id", "identity.phone", "identity.email", "identity.device")
_IDENTITIES_SHOWN = 20  # identifiers listed, the most often found first


def build_dossier(store: Store, lang: str = "en") -> dict:
    words = _TEXT.get(lang, _TEXT["en"])
    lines: list[dict] = []
    for kind in _ORDER:
        for row in store.findings(kinds=(kind,), order="confidence"):
            fid, value, place, confidence = row["id"], row["value"], row["place"], row["confidence"]
            data = json.loads(row["extra"] or "{}")
            if kind == "inference.others_exposed" and "phones" in data:
                value = words["phones"].format(thread=data.get("thread", ""), count=len(data["phones"]))
            if kind == "inference.routine" and "weekday" in data:
                value = words["routine"].format(day=words["weekdays"][data["weekday"]], hour=data["hour"],
                                                place=place or "")
            text = words[kind].format(place=place or value, value=value, radius=data.get("radius_m", "?"))
            lines.append(_line(kind, text, confidence, data.get("evidence", []), fid))
    for kind, value, confidence, count, items in store.value_totals(_IDENTITY_KINDS, limit=_IDENTITIES_SHOWN):
        text = words["identity"].format(kind=words["kinds"].get(kind, kind) + ":", value=value)
        lines.append(_line(kind, text, confidence, items, None))
    for total in store.kind_totals(("sensitive",)):
        lines.append(_line(total.kind, words["sensitive"].format(topic=total.kind.split(".")[1], count=total.count),
                           total.confidence, total.items, None))
    for kind, key in (("audience.public", "public"), ("audience.stranger", "stranger")):
        for total in store.kind_totals((kind,)):
            lines.append(_line(kind, words[key].format(count=total.count), 0.9, total.items, None))
    months = sorted(exposure_by_month(store), key=lambda m: -m["high"])[:3]
    return {
        "title": words["title"], "lang": lang, "lines": lines,
        "worst_months": [m for m in months if m["high"]],
        "timeline": exposure_by_month(store),
    }


def _line(kind: str, text: str, confidence: float, evidence: list, finding_id: str | None) -> dict:
    evidence = sorted(set(evidence))
    return {"kind": kind, "text": text, "confidence": round(float(confidence), 2),
            "evidence_count": len(evidence), "evidence": evidence[:100], "finding": finding_id}


def dossier_words(lang: str) -> dict:
    return _TEXT.get(lang, _TEXT["en"])
