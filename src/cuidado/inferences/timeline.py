"""Exposure over time: how many high-severity findings each month, so the person cleans the worst periods first."""

from __future__ import annotations

from cuidado.store import Store


def exposure_by_month(store: Store) -> list[dict]:
    return [{"month": m, "high": h, "medium": md, "all": n} for m, h, md, n in store.monthly_severity()]
