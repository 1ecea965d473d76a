"""Findings as the documented JSON objects, with why/advice in the reader's language."""

from __future__ import annotations

import json
import sqlite3

from cuidado.detectors.explain import explain

CONTRACT_FIELDS = ("id", "kind", "subtype", "severity", "confidence", "platform", "source", "item", "time",
                   "value", "lat", "lon", "place", "excerpt")


def finding_dict(row: sqlite3.Row, lang: str = "en") -> dict:
    data = {name: row[name] for name in CONTRACT_FIELDS}
    data["terms"] = json.loads(row["terms"]) if row["terms"] else []
    extra = json.loads(row["extra"]) if row["extra"] else {}
    if extra:
        data["extra"] = extra
    data["why"], data["advice"] = explain(row["kind"], row["subtype"], lang)
    return data


def explain_finding(finding, lang: str = "en") -> dict:
    """A Finding not (yet) stored, as the same contract dict (used by `cuidado check`)."""
    data = {"id": finding.id, "kind": finding.kind, "subtype": finding.subtype, "severity": finding.severity,
            "confidence": finding.confidence, "platform": finding.platform, "source": finding.source,
            "item": finding.item, "time": finding.time.isoformat() if finding.time else None,
            "value": finding.value, "lat": finding.lat, "lon": finding.lon, "place": finding.place,
            "excerpt": finding.excerpt, "terms": list(finding.terms)}
    data["why"], data["advice"] = explain(finding.kind, finding.subtype, lang)
    return data
