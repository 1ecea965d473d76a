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
