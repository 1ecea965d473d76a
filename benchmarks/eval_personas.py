"""Home and work inference, measured on generated personas with a known home, workplace, routine and trip.

    python -m benchmarks.eval_personas [--personas 12] [--quiet 4]

For each persona: generate every platform's export ("small"), scan it, and compare the inferred
home and work with the persona's real ones. Target (issue 5): within 250 m for >= 90 % of personas
that expose >= 5 located items at each; no home at all for personas that expose none (their
camera has location off and they post no places: only a photo folder without GPS).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from cuidado.fixtures.generate import generate
from cuidado.inferences.geo import haversine_m
from cuidado.scan.pipeline import scan
from cuidado.store import open_store

EXPOSED_RADIUS_M = 250


def evaluate(seed: int, tmp: Path, **generate_options) -> dict:
    out = tmp / f"persona-{seed}"
    labels = generate(out, seed=seed, **generate_options)
    store = open_store(tmp / f"ws-{seed}")
    try:
        scan([out / entry["path"] for entry in labels["platforms"].values()], store)
        found = {
            row["kind"]: dict(row)
            for row in store.findings(kinds=("inference.home", "inference.work", "inference.routine"))
        }
    finally:
        store.close()
    persona = labels["persona"]
    planted = [p for entry in labels["platforms"].values() for p in entry["planted"] if p.get("lat") is not None]
    row = {"seed": seed, "name": persona["full_name"]}
    for kind, spot in (("home", persona["home"]), ("work", persona["work"])):
        row[f"{kind}_exposed"] = sum(
            1 for p in planted if haversine_m(p["lat"], p["lon"], spot[0], spot[1]) < EXPOSED_RADIUS_M
        )
        inferred = found.get(f"inference.{kind}")
        row[f"{kind}_error_m"] = (
            round(haversine_m(inferred["lat"], inferred["lon"], spot[0], spot[1])) if inferred else None
        )
    row["routine"] = bool(found.get("inference.routine"))
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personas", type=int, default=12)
    parser.add_argument("--quiet", type=int, default=4)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cuidado-personas-") as tmp:
        # Half the personas have a short history (fewer located items), half a longer one.
        rows = [evaluate(seed, Path(tmp), size=("small", "tiny")[seed % 2]) for seed in range(args.personas)]
        quiet = [
            evaluate(1000 + seed, Path(tmp), size="small", platforms=("files",), located=False)
            for seed in range(args.quiet)
        ]
    print(
        f"{'seed':>5} {'persona':22} {'home items':>10} {'home err m':>10} {'work items':>10} "
        f"{'work err m':>10} {'routine':>8}"
    )
    for r in rows + quiet:
        print(
            f"{r['seed']:>5} {r['name'][:22]:22} {r['home_exposed']:>10} {str(r['home_error_m']):>10} "
            f"{r['work_exposed']:>10} {str(r['work_error_m']):>10} {str(r['routine']):>8}"
        )
    summary = {}
    for kind in ("home", "work"):
        eligible = [r for r in rows if r[f"{kind}_exposed"] >= 5]
        hits = [r for r in eligible if r[f"{kind}_error_m"] is not None and r[f"{kind}_error_m"] <= 250]
        summary[kind] = f"{len(hits)}/{len(eligible)} within 250 m"
    false_homes = sum(1 for r in quiet if r["home_error_m"] is not None)
    summary["quiet personas with a (false) home"] = f"{false_homes}/{len(quiet)}"
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
