"""The store's own contract: one transaction() for writes that belong together, typed questions
(order, families of kinds, long id lists), an input's files kept apart from its label, and older
workspaces given those files from their labels."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import db
from cuidado.inputs.sources import group_inputs, input_label
from cuidado.models import Finding, Record, Skipped
from cuidado.store import open_store
from cuidado.store.sql import CHUNK


def _record(n: int, **fields) -> Record:
    return Record(
        platform=fields.pop("platform", "x"),
        kind=fields.pop("kind", "post"),
        source="tweets.js",
        native_id=str(n),
        time=datetime(2024, 1, 1 + n % 28, tzinfo=UTC),
        text=f"item {n}",
        **fields,
    )


def _finding(record: Record, kind: str, severity: str, confidence: float, **fields) -> Finding:
    return Finding(
        kind=kind,
        severity=severity,
        confidence=confidence,
        platform=record.platform,
        source=record.source,
        item=record.id,
        value=f"{kind} in {record.native_id}",
        time=record.time,
        **fields,
    )


def _write(store, label: str, records: list[Record], findings: list[Finding] = (), member: str = "tweets.js"):
    with store.member(f"{label}:{member}", label, member) as writer:
        for record in records:
            writer.add(record)
        for finding in findings:
            writer.add_finding(finding)


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "ws")
    yield store
    store.close()


def test_a_failed_transaction_leaves_nothing_and_a_failed_inner_one_only_its_own_part(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_skipped([Skipped("/a.zip", "x.json", "damaged")])
            raise RuntimeError("interrupted")
    assert store.skipped() == []
    with store.transaction():
        store.add_skipped([Skipped("/a.zip", "kept.json", "damaged")])
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add_skipped([Skipped("/a.zip", "undone.json", "damaged")])
                raise RuntimeError("inner")
        store.add_skipped([Skipped("/a.zip", "after.json", "damaged")])
    assert [s.member for s in store.skipped()] == ["after.json", "kept.json"]
    assert not db(store).in_transaction


def test_a_member_that_fails_midway_writes_nothing_and_is_not_done(store):
    records = [_record(n) for n in range(3)]
    with pytest.raises(ValueError):
        with store.member("key", "/a.zip", "tweets.js") as writer:
            writer.add(records[0])
            raise ValueError("bad file")
    assert not store.has_records() and not store.is_done("key")
    _write(store, "/a.zip", records)
    assert store.records_span()[0] == 3 and store.is_done("/a.zip:tweets.js")


def test_long_id_lists_are_read_in_chunks(store):
    records = [_record(n) for n in range(CHUNK * 2 + 7)]
    _write(store, "/a.zip", records, [_finding(r, "identity.phone", "medium", 0.9) for r in records[::2]])
    ids = [r.id for r in records] + ["inference:home:1,2", "not-an-item"]
    assert set(store.records(ids)) == {r.id for r in records}
    assert store.items_with_findings(ids, ("identity.phone",)) == {r.id for r in records[::2]}
    store.delete_items(ids[: CHUNK + 1])
    assert store.records_span()[0] == CHUNK + 6
    assert len(store.findings()) == len([r for r in records[CHUNK + 1 :] if r in records[::2]])


def test_findings_come_most_severe_first_and_a_kind_names_its_family(store):
    records = [_record(n) for n in range(4)]
    _write(
        store,
        "/a.zip",
        records,
        [
            _finding(records[0], "location.geotag", "medium", 0.9, lat=1.0, lon=2.0),
            _finding(records[1], "location.address", "high", 0.6),
            _finding(records[2], "identity.phone", "low", 0.99),
            _finding(records[3], "locationless.kind", "high", 0.7),
            _finding(records[2], "location.geotag", "high", 0.8, lat=3.0, lon=4.0),
        ],
    )
    rows = store.findings(kinds=("location",))
    assert [(r["kind"], r["severity"], r["confidence"]) for r in rows] == [
        ("location.geotag", "high", 0.8),
        ("location.address", "high", 0.6),
        ("location.geotag", "medium", 0.9),
    ]
    assert [r["lat"] for r in store.findings(kinds=("location",), located=True)] == [3.0, 1.0]
    assert [r["confidence"] for r in store.findings(order="confidence", limit=2)] == [0.99, 0.9]
    assert [r["kind"] for r in store.findings(items=(records[2].id,))] == ["location.geotag", "identity.phone"]
    assert store.has_findings(("identity",)) and not store.has_findings(("inference",))
    store.delete_findings(("location",))
    assert {r["kind"] for r in store.findings()} == {"identity.phone", "locationless.kind"}


def test_a_newer_export_of_the_same_account_replaces_the_older_one(store):
    old, new = [_record(1), _record(2)], [_record(2), _record(3)]
    _write(store, "/old.zip", old, [_finding(old[0], "identity.phone", "medium", 0.9)])
    store.note_input("/old.zip", "x", "f1", 1, "x:username:ana")
    _write(store, "/new.zip", new)
    store.note_input("/new.zip", "x", "f2", 1, "x:username:ana")
    assert store.supersede_older_inputs("/new.zip", "x", None) == []  # an export that names no account
    assert store.supersede_older_inputs("/new.zip", "x", "x:username:ana") == ["/old.zip"]
    assert set(store.records(r.id for r in old + new)) == {new[0].id, new[1].id}
    assert store.findings() == []  # the older export's finding went with its item
    assert [(i.label, i.current) for i in store.inputs()] == [("/new.zip", True), ("/old.zip", False)]


def test_an_input_is_named_by_its_label_and_found_by_its_files(store, tmp_path):
    parts = [tmp_path / "takeout-001.zip", tmp_path / "takeout-002.zip"]
    label = input_label(parts)
    store.note_input_parts(label, parts)
    store.note_input(label, "youtube", "f", 3)
    assert label.endswith("(+1 parts)")
    assert store.input_paths() == {label: tuple(parts)}
    (given,) = store.inputs()
    assert (given.label, given.paths, given.platform, given.current) == (label, tuple(parts), "youtube", True)
    store.note_input_parts(label, parts[:1])  # noted again: the files it has now
    assert store.input_paths()[label] == (parts[0],)


def test_an_older_workspace_gets_each_inputs_files_from_its_label(tmp_path):
    """Before `input_parts`, a split export was known only as "first.zip (+N parts)"."""
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("takeout-001.zip", "takeout-002.zip", "takeout-003.zip", "other.zip"):
        with zipfile.ZipFile(exports / name, "w") as archive:
            archive.writestr("a.txt", name)
    parts = group_inputs(sorted(exports.glob("*.zip")))
    split = next(g for g in parts if len(g) == 3)
    store = open_store(tmp_path / "ws")
    for label in (input_label(split), str(exports / "other.zip"), "relative/chat.txt"):
        store.note_input(label, "youtube", "f", 1)
    db(store).execute("DROP TABLE input_parts")
    db(store).execute("DELETE FROM migrations WHERE name = '0006_input_parts'")
    store.close()
    store = open_store(tmp_path / "ws")  # migrates
    assert store.input_paths() == {
        input_label(split): tuple(split),
        str(exports / "other.zip"): (exports / "other.zip",),
        "relative/chat.txt": (Path("relative/chat.txt"),),
    }
    store.close()


def test_marked_actions_keep_what_they_covered_and_their_verdict(store):
    covered = [{"platform": "x", "kind": "post", "time": None, "text": "hola", "source": "tweets.js"}]
    store.mark_actions_done({"a1": covered, "a2": []})
    store.set_actions_verified({"a1": "done"})
    done = {a.action: a for a in store.actions_done()}
    assert done["a1"].items == covered and done["a1"].verified == "done" and done["a2"].verified is None
    assert done["a1"].marked_at.endswith("Z")
