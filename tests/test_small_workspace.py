"""Conclusions, the plan and the report, each against a workspace of a dozen items written here.

No export and no scan: the items go into a real (temporary) workspace through the store's own
member writer, with what the scan's detectors find in them, so each test shows exactly which
items lead to which home, action or total.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cuidado.findings.analyzer import Analyzer
from cuidado.inferences.geo import haversine_m
from cuidado.inferences.places import place_inferences
from cuidado.inferences.run import refresh_inferences
from cuidado.models import Record
from cuidado.remediation.plan import build_plan
from cuidado.report.model import build_report
from cuidado.store import Store, open_store

pytest.importorskip("sklearn", reason="home and work need the [places] extra (scikit-learn, reverse_geocoder)")

INPUT = "/exports/facebook-ana.zip"
HOME = (19.4326, -99.1332)  # Mexico City (UTC-6 all year): nights here
WORK = (19.4270, -99.1677)  # 3.7 km west: weekday mornings here
A_NUMBER = "A123456789"


def _post(
    n: int, when: datetime, at: tuple[float, float] | None, text: str = "Saliendo", audience: str = "friends"
) -> Record:
    return Record(
        platform="facebook",
        kind="post",
        source="your_posts.json",
        native_id=f"p{n}",
        time=when,
        by_self=True,
        text=text,
        audience=audience,
        lat=at[0] if at else None,
        lon=at[1] if at else None,
    )


def _nights(days: tuple[int, ...]) -> list[Record]:
    """22:30 in Mexico City (04:30 UTC the next day), a few metres apart."""
    return [
        _post(i, datetime(2024, 6, day + 1, 4, 30, tzinfo=UTC), (HOME[0] + 0.0002 * i, HOME[1]))
        for i, day in enumerate(days)
    ]


def _workdays(days: tuple[int, ...]) -> list[Record]:
    """11:00 on Tuesdays in Mexico City (17:00 UTC)."""
    return [
        _post(10 + i, datetime(2024, 6, day, 17, 0, tzinfo=UTC), (WORK[0], WORK[1] + 0.0002 * i))
        for i, day in enumerate(days)
    ]


MESSAGE = Record(
    platform="facebook",
    kind="message",
    source="your_posts.json",
    native_id="m1",
    time=datetime(2024, 6, 20, 18, 0, tzinfo=UTC),
    by_self=True,
    thread="Abogado",
    text=f"Mi A-Number es {A_NUMBER}, ¿me ayuda con el caso de asilo?",
)
PUBLIC = _post(99, datetime(2024, 6, 21, 18, 0, tzinfo=UTC), None, text="Buen día a todos", audience="public")


def small_workspace(directory: Path, records: list[Record]) -> Store:
    """The items as one file of one export, with the scan's findings, then the conclusions."""
    store = open_store(directory)
    analyzer = Analyzer()
    store.note_input_parts(INPUT, [Path(INPUT)])
    with store.member("your_posts", INPUT, "your_posts.json") as writer:
        for record in records:
            writer.add(record)
            for finding in analyzer.findings(record):
                writer.add_finding(finding)
    store.note_input(INPUT, "facebook", "fingerprint", 1)
    refresh_inferences(store)
    return store


@pytest.fixture
def workspace(tmp_path):
    store = small_workspace(tmp_path / "ws", _nights((3, 10, 17, 24)) + _workdays((4, 11, 18)) + [MESSAGE, PUBLIC])
    yield store
    store.close()


def _ids(records: list[Record]) -> list[str]:
    return sorted(r.id for r in records)


def test_home_is_where_the_nights_are_and_work_where_the_weekday_mornings_are(workspace):
    found = {f.kind: f for f in place_inferences(workspace)}
    home, work = found["inference.home"], found["inference.work"]
    assert haversine_m(home.lat, home.lon, *HOME) < 100 and haversine_m(work.lat, work.lon, *WORK) < 100
    assert home.extra["evidence"] == _ids(_nights((3, 10, 17, 24)))
    assert work.extra["evidence"] == _ids(_workdays((4, 11, 18)))
    assert home.confidence > work.confidence  # four nights against three mornings
    assert home.place.endswith("MX") and work.place.endswith("MX")  # named offline


def test_two_nights_are_not_a_home(tmp_path):
    """Fewer than three items at home-like hours is not a pattern (places.MIN_EVIDENCE)."""
    store = small_workspace(tmp_path / "ws", _nights((3, 10)) + _workdays((4, 11, 18)))
    kinds = {f.kind for f in place_inferences(store)}
    store.close()
    assert "inference.home" not in kinds and "inference.work" in kinds


def test_the_plan_breaks_the_home_first_and_every_action_lowers_the_score(workspace):
    plan = build_plan(workspace)
    actions = plan["actions"]
    assert [a["rank"] for a in actions] == list(range(1, len(actions) + 1))
    assert [a["reduces"] for a in actions] == sorted((a["reduces"] for a in actions), reverse=True)
    first = actions[0]
    assert first["removes_inferences"] == ["inference.home"] and first["kind"] == "remove_items"
    assert sorted(i["item"] for i in first["items"]) == _ids(_nights((3, 10, 17, 24)))
    by_item = {a["items"][0]["item"]: a for a in actions if len(a["items"]) == 1}
    message, public = by_item[MESSAGE.id], by_item[PUBLIC.id]
    # An A-number sent to a lawyer weighs far more than a public "good morning".
    assert message["rank"] < public["rank"] and message["reduces"] > public["reduces"]
    assert message["items"][0]["text_start"] == MESSAGE.text[:60]
    after = [a["score_after"] for a in actions if a["kind"] != "setting"]
    assert after == sorted(after, reverse=True) and plan["score_before"] > after[0]
    assert any(a["kind"] == "setting" and a["platform"] == "facebook" for a in actions)
    assert plan["warning"]["untouched_exports"] == [INPUT] and plan["not_listed"] == 0


def test_the_report_counts_what_the_items_give_away(workspace):
    model = build_report(workspace, "en")
    totals = model["totals"]
    assert totals["records"] == 9 and totals["located"] == 7
    assert (totals["first"], totals["last"]) == ("2024-06-04", "2024-06-25")
    # Items' findings only: 7 positions, the A-number and asylum in the message, 1 public post.
    stored = [dict(r) for r in workspace.findings() if not r["kind"].startswith("inference.")]
    assert totals["findings"] == len(stored) and totals["high"] == sum(r["severity"] == "high" for r in stored)
    assert {"identity.government_id", "sensitive.immigration", "audience.public"} <= {r["kind"] for r in stored}
    assert model["groups"][0]["severity"] == "high"
    severities = [g["severity"] for g in model["groups"]]
    assert severities == sorted(severities, key=("high", "medium", "low").index)
    ids = next(g for g in model["groups"] if g["kind"] == "identity.government_id")["findings"]
    assert ids[0]["record"]["id"] == MESSAGE.id and ids[0]["record"]["thread"] == "Abogado"
    assert model["conclusions"]["lines"][0]["kind"] == "inference.home"
    assert "Where you live" in model["conclusions"]["lines"][0]["text"]
    assert model["moved"] == [INPUT], "the export is not on this machine: the report says so"


def test_the_report_map_marks_each_located_item_once_and_the_home(workspace):
    from cuidado.report.model import map_places, map_points

    points = map_points(workspace)
    located = _nights((3, 10, 17, 24)) + _workdays((4, 11, 18))
    assert len(points) == 7 and {p["item"] for p in points} == set(_ids(located))
    places = {p["kind"]: p for p in map_places(workspace, lambda s: s)}
    assert places["inference.home"]["label"] == "Home?" and places["inference.home"]["radius_m"] > 0
    assert json.loads(json.dumps(places))  # plain data, ready for the template
