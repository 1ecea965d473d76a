"""The timeline: findings per month as stacked bars (high, medium, the rest), drawn as SVG data."""

from __future__ import annotations

WIDTH, HEIGHT, BASE = 960, 220, 190  # BASE: the y of the bars' foot, leaving room for year labels


def timeline_chart(months: list[dict]) -> dict | None:
    """months: [{"month": "2024-05", "high", "medium", "all"}] (from the dossier). Gaps are filled
    with empty months so the width of the chart is time."""
    by_month = {m["month"]: m for m in months if m.get("month") and len(m["month"]) == 7}
    if not by_month:
        return None
    keys = _month_range(min(by_month), max(by_month))
    peak = max(m["all"] for m in by_month.values()) or 1
    step = WIDTH / len(keys)
    width = max(1.0, step * 0.8)
    bars, years = [], []
    every = max(1, -(-len(keys) // 12))  # at most 12 month labels, so they never overlap
    for i, key in enumerate(keys):
        m = by_month.get(key, {"high": 0, "medium": 0, "all": 0})
        x = round(i * step, 1)
        scale = (BASE - 10) / peak
        high, medium = m["high"] * scale, m["medium"] * scale
        rest = max(0.0, (m["all"] - m["high"] - m["medium"]) * scale)
        y = BASE
        stack = []
        for height, level in ((high, "high"), (medium, "medium"), (rest, "low")):
            if height > 0:
                y -= height
                stack.append({"level": level, "y": round(y, 1), "h": round(height, 1)})
        bars.append(
            {
                "month": key,
                "x": x,
                "w": round(width, 1),
                "stack": stack,
                "high": m["high"],
                "medium": m["medium"],
                "all": m["all"],
            }
        )
        if len(keys) <= 36 and i % every == 0:
            years.append({"x": x, "label": key})  # few months: label months
        elif len(keys) > 36 and (key.endswith("-01") or i == 0):
            years.append({"x": x, "label": key[:4]})
    return {"width": WIDTH, "height": HEIGHT, "base": BASE, "bars": bars, "years": years, "peak": peak}


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    keys: list = []
    while (year, month) <= end and len(keys) < 1200:  # 100 years is more than any history
        keys.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return keys
