"""Cross-item conclusions on a generated persona: home and work where the persona lives and works,
linked accounts, and nothing invented for a person who exposes no places."""

from __future__ import annotations

import json

import pytest

from conftest import export_paths
from cuidado.inferences.geo import haversine_m
from cuidado.inferences.run import refresh_inferences
from cuidado.pipeline import scan
from cuidado.store import open_store


@pytest.fixture(scope="module")
def demo_workspace(demo_exports, tmp_path_factory):
    out, labels = demo_exports
    ws = tmp_path_factory.mktemp("ws")
    store = open_store(ws)
    scan(export_paths(out, labels), store)
    yield store, labels
    store.close()


def _one(store, kind):
    rows = [dict(r) for r in store.findings(kinds=(kind,))]
    assert len(rows) == 1, (kind, rows)
    return rows[0]


def test_home_and_work_are_found_within_250_m(demo_workspace):
    store, labels = demo_workspace
    persona = labels["persona"]
    for kind, (lat, lon, _) in (("inference.home", persona["home"]), ("inference.work", persona["work"])):
        found = _one(store, kind)
        assert haversine_m(found["lat"], found["lon"], lat, lon) < 250, kind
        extra = json.loads(found["extra"])
        assert extra["evidence_count"] >= 3 and extra["radius_m"] < 1000
        assert found["place"]  # named offline


def test_each_inference_lists_evidence_items_that_exist(demo_workspace):
    store, _ = demo_workspace
    for row in store.findings(kinds=("inference",)):
        evidence = json.loads(row["extra"])["evidence"]
        assert evidence
        present = store.conn.execute(
            f"SELECT count(*) FROM records WHERE id IN ({', '.join('?' * len(evidence))})", evidence).fetchone()[0]
        assert present == len(evidence), row["kind"]


def test_accounts_tied_by_the_persona_phone_and_email(demo_workspace):
    store, labels = demo_workspace
    links = {row["subtype"]: json.loads(row["extra"]) for row in store.findings(kinds=("inference.account_link",))}
    assert set(links["phone"]["platforms"]) >= {"facebook", "instagram", "x"}
    assert len(links["email"]["platforms"]) >= 2
    values = [row["value"] for row in store.findings(kinds=("inference.account_link",))]
    assert any(labels["persona"]["phone"] in v for v in values)


def test_removing_the_evidence_removes_the_inference(demo_workspace, tmp_path):
    store, _ = demo_workspace
    home = _one(store, "inference.home")
    evidence = json.loads(home["extra"])["evidence"]
    copy = open_store(tmp_path / "copy")
    store.conn.execute(f"VACUUM INTO '{copy.path}.tmp'")
    copy.close()
    (tmp_path / "copy" / "cuidado.db.tmp").replace(tmp_path / "copy" / "cuidado.db")
    copy = open_store(tmp_path / "copy")
    marks = ", ".join("?" * len(evidence))
    copy.conn.execute(f"DELETE FROM findings WHERE item IN ({marks})", evidence)
    copy.conn.execute(f"DELETE FROM records WHERE id IN ({marks})", evidence)
    refresh_inferences(copy)
    assert not list(copy.findings(kinds=("inference.home",)))
    copy.close()


def test_no_false_home_without_located_items(tiny_exports, tmp_path):
    out, labels = tiny_exports
    store = open_store(tmp_path / "ws")
    # YouTube and TikTok's own records only, with every location finding dropped: nothing to place anyone.
    scan([out / labels["platforms"]["youtube"]["path"]], store)
    store.conn.execute("DELETE FROM findings WHERE lat IS NOT NULL")
    refresh_inferences(store)
    assert not list(store.findings(kinds=("inference.home", "inference.work", "inference.routine")))
    store.close()
