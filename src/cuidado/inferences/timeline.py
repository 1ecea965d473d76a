"""Exposure over time: how many high-severity findings each month, so the person cleans the worst periods first."""

from __future__ import annotations

from cuidado.store import Store


def exposure_by_month(store: Store) -> list[dict]:
    rows = store.conn.execute(
        "SELECT substr(time, 1, 7) AS month, "
        "sum(severity = 'high'), sum(severity = 'medium'), count(*) FROM findings "
        "WHERE time IS NOT NULL AND kind NOT LIKE 'inference.%' GROUP BY month ORDER BY month").fetchall()
    return [{"month": m, "high": h, "medium": md, "all": n} for m, h, md, n in rows]
