"""Scanning end to end: counts match the generated labels, re-scans add nothing, bad input is skipped
with a reason, inputs are never modified and nothing is written outside the workspace."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from conftest import db, export_paths, hash_tree, list_tree
from cuidado.report.summary import build_summary
from cuidado.scan.pipeline import scan
from cuidado.store import open_store

KEYS = {
    "post": "posts",
    "comment": "comments",
    "message": "messages",
    "media": "media",
    "profile_field": "profile_fields",
    "connection": "connections",
}


def _scan(paths, workspace: Path, **kwargs):
    """Scan, and prove the inputs were not modified (hashed before and after)."""
    before = {p: hash_tree(p) for p in paths if Path(p).exists()}
    store = open_store(workspace)
    try:
        results = scan(list(paths), store, **kwargs)
        return results, build_summary(store), db(store).execute("SELECT count(*) FROM records").fetchone()[0]
    finally:
        store.close()
        assert {p: hash_tree(p) for p in paths if Path(p).exists()} == before


def test_generated_exports_import_exactly_the_labelled_counts(tiny_exports, tmp_path):
    out, labels = tiny_exports
    inputs = export_paths(out, labels)
    before = {p: hash_tree(p) for p in inputs}
    tree_before = list_tree(out)
    results, summary, _ = _scan(inputs, tmp_path / "ws")
    assert [r.error for r in results] == [None] * len(inputs)
    for platform, expected in labels["platforms"].items():
        if platform == "files":
            assert summary["platforms"]["files"]["media"] == expected["counts"].get("media", 0)
            continue
        got = summary["platforms"][platform]
        for kind, count in expected["counts"].items():
            key = KEYS.get(kind)
            actual = got[key] if key else got["other"].get(kind, 0)
            assert actual == count, (platform, kind)
        assert got["first"] == _z(expected["first"]) and got["last"] == _z(expected["last"]), platform
    # inputs untouched, and nothing new appeared next to them
    assert {p: hash_tree(p) for p in inputs} == before
    assert list_tree(out) == tree_before


def _z(iso: str | None) -> str | None:
    """Labels keep sub-second precision; the workspace stores whole seconds (UTC, "Z")."""
    if not iso:
        return None
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_rescanning_adds_nothing_twice(tiny_exports, tmp_path):
    out, labels = tiny_exports
    inputs = export_paths(out, labels)
    _, first, n_first = _scan(inputs, tmp_path / "ws")
    results, second, n_second = _scan(inputs, tmp_path / "ws")
    assert n_first == n_second > 0
    assert first == second
    assert all(r.read == 0 and r.records == 0 for r in results)
    store = open_store(tmp_path / "ws")
    findings = db(store).execute("SELECT count(*), count(DISTINCT id) FROM findings").fetchone()
    store.close()
    assert findings[0] == findings[1] > 0


def test_not_an_export_gives_one_clear_line(tmp_path):
    junk = tmp_path / "notes.pdf"
    junk.write_bytes(b"%PDF-1.4 nothing to see")
    results, summary, _ = _scan([junk], tmp_path / "ws")
    assert results[0].error.startswith(f"{junk}: not an export cuidado can read. Supported: ")
    assert summary["skipped"][0]["input"] == str(junk)


def _x_archive(path: Path, tweets_js: bytes, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Your archive.html", "<html></html>")
        archive.writestr(
            "data/account.js",
            'window.YTD.account.part0 = [{"account": {"email": "maria@example.com", '
            '"username": "maria", "accountId": "42", '
            '"createdAt": "2020-01-01T00:00:00.000Z"}}]',
        )
        archive.writestr("data/tweets.js", tweets_js)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def test_invalid_and_truncated_json_members_are_skipped_and_the_rest_goes_on(tmp_path):
    good = b'[{"follower": {"accountId": "7", "userLink": "https://twitter.com/intent/user?user_id=7"}}]'
    archive = _x_archive(
        tmp_path / "twitter-archive.zip",
        b'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1",',
        {
            "data/follower.js": b"window.YTD.follower.part0 = " + good,
            "data/following.js": b"window.YTD.following.part0 = [not json at all",
        },
    )
    results, summary, _ = _scan([archive], tmp_path / "ws")
    reasons = {s["member"]: s["reason"] for s in summary["skipped"]}
    assert "JSON" in reasons["data/tweets.js"]
    assert "JSON" in reasons["data/following.js"]
    assert summary["platforms"]["x"]["connections"] == 1  # the good follower file still read
    assert summary["platforms"]["x"]["profile_fields"] > 0


def test_corrupt_zip_member_is_skipped_with_reason(tmp_path):
    archive = _x_archive(
        tmp_path / "twitter.zip",
        b"window.YTD.tweets.part0 = "
        + json.dumps(
            [
                {"tweet": {"id_str": str(i), "full_text": "hola " * 50, "created_at": "Wed Sep 04 13:51:55 +0000 2019"}}
                for i in range(50)
            ]
        ).encode(),
    )
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo("data/tweets.js")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + 60):  # scribble over the compressed bytes
        data[i] ^= 0x5A
    archive.write_bytes(bytes(data))
    results, summary, _ = _scan([archive], tmp_path / "ws")
    reasons = {s["member"]: s["reason"] for s in summary["skipped"]}
    assert "damaged" in reasons["data/tweets.js"] or "JSON" in reasons["data/tweets.js"]
    assert summary["platforms"]["x"]["profile_fields"] > 0


def test_hostile_zip_entries_are_listed_and_never_written(tmp_path):
    archive = tmp_path / "twitter.zip"
    _x_archive(archive, b"window.YTD.tweets.part0 = []", {"../../evil.js": b"x", "/etc/cron.d/evil": b"x"})
    before = list_tree(tmp_path)
    _, summary, _ = _scan([archive], tmp_path / "ws")
    reasons = {s["member"]: s["reason"] for s in summary["skipped"]}
    assert "outside the export" in reasons["../../evil.js"]
    assert "outside the export" in reasons["/etc/cron.d/evil"]
    assert {p for p in list_tree(tmp_path) if not p.startswith("ws")} == before


def test_truncated_zip_download_is_named(tmp_path):
    archive = _x_archive(tmp_path / "twitter.zip", b"window.YTD.tweets.part0 = []")
    archive.write_bytes(archive.read_bytes()[:-40])
    results, _, _ = _scan([archive], tmp_path / "ws")
    assert "twitter.zip" in results[0].error and "zip" in results[0].error


def test_one_bad_input_does_not_stop_the_others(tiny_exports, tmp_path):
    out, labels = tiny_exports
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04broken")
    good = out / labels["platforms"]["tiktok"]["path"]
    results, summary, _ = _scan([junk, good], tmp_path / "ws")
    assert results[0].error and results[1].error is None
    assert sum(summary["platforms"]["tiktok"][k] for k in KEYS.values()) > 0
