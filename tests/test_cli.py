"""The command line as a person uses it: real subprocesses, real files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import db, export_paths, hash_tree
from cuidado.detectors.registry import CATALOGUE

CONTRACT = {
    "id",
    "kind",
    "severity",
    "confidence",
    "platform",
    "source",
    "item",
    "time",
    "value",
    "lat",
    "lon",
    "place",
    "excerpt",
    "why",
    "advice",
}


def cuidado(*args, check=True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "cuidado", *map(str, args)], capture_output=True, text=True, timeout=600
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def test_scan_summary_findings_and_purge(tiny_exports, tmp_path):
    out, labels = tiny_exports
    inputs = export_paths(out, labels)
    before = {p: hash_tree(p) for p in inputs}
    ws = tmp_path / "ws"
    proc = cuidado("scan", "--quiet", "--workspace", ws, *inputs)
    assert "What cuidado read" in proc.stdout
    summary = json.loads(cuidado("summary", "--json", "--workspace", ws).stdout)
    # The documented keys stay exactly as they were; issue 14 added "files", "inputs" and, per
    # skipped entry, "status" and "about"; issue 18 "photos_not_checked" (0: every photo checked).
    assert set(summary) == {"platforms", "skipped", "files", "inputs", "photos_not_checked"}
    assert summary["photos_not_checked"] == 0
    assert set(summary["files"]) == {"read", "not_analysed", "unknown", "unreadable", "refused", "input_not_read"}
    assert summary["files"]["read"] == sum(i["read"] for i in summary["inputs"]) > 0
    assert len(summary["inputs"]) == len(inputs)
    assert summary["skipped"] and all(
        set(s) == {"file", "input", "member", "reason", "status", "about"} for s in summary["skipped"]
    )
    assert set(summary["platforms"]) == {"facebook", "instagram", "x", "tiktok", "youtube", "whatsapp", "files"}
    for name, entry in summary["platforms"].items():
        if name != "files":
            assert {"posts", "comments", "messages", "media", "profile_fields", "connections", "first", "last"} <= set(
                entry
            )
    lines = cuidado("findings", "--json", "--workspace", ws).stdout.splitlines()
    findings = [json.loads(line) for line in lines]
    assert findings and all(CONTRACT <= set(f) for f in findings)
    assert {f["kind"] for f in findings} <= set(CATALOGUE.owner)  # every kind made is a registered unit's
    order = {"high": 0, "medium": 1, "low": 2}
    assert [order[f["severity"]] for f in findings] == sorted(order[f["severity"]] for f in findings)
    spanish = [
        json.loads(line)
        for line in cuidado("findings", "--json", "--lang", "es", "--workspace", ws).stdout.splitlines()
    ]
    assert [f["id"] for f in spanish] == [f["id"] for f in findings]
    assert any(f["why"] != e["why"] for f, e in zip(spanish, findings))
    high = [
        json.loads(line)
        for line in cuidado(
            "findings", "--json", "--severity", "high", "--kind", "location", "--workspace", ws
        ).stdout.splitlines()
    ]
    assert high and all(f["severity"] == "high" and f["kind"].startswith("location.") for f in high)
    assert "HIGH" in cuidado("findings", "--workspace", ws).stdout
    assert "ALTO" in cuidado("findings", "--lang", "es", "--workspace", ws).stdout
    assert {p: hash_tree(p) for p in inputs} == before
    cuidado("purge", "--yes", "--workspace", ws)
    assert not ws.exists()


def test_bad_input_gives_a_clear_line_not_a_traceback(tmp_path):
    junk = tmp_path / "holiday.docx"
    junk.write_bytes(b"\x00\x01 not an export")
    before = hash_tree(junk)
    proc = cuidado("scan", "--quiet", "--workspace", tmp_path / "ws", junk, check=False)
    assert hash_tree(junk) == before
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert f"{junk}: not an export cuidado can read" in proc.stderr


def test_purge_leaves_files_it_did_not_write(tmp_path):
    ws = tmp_path / "ws"
    chat = tmp_path / "WhatsApp Chat with Ana.txt"
    chat.write_text("1/2/24, 10:00 - Ana: hola\n", encoding="utf-8")
    cuidado("scan", "--quiet", "--workspace", ws, chat)
    (ws / "mine.txt").write_text("keep me")
    proc = cuidado("purge", "--yes", "--workspace", ws)
    assert (ws / "mine.txt").exists() and not (ws / "cuidado.db").exists()
    assert "Left in place" in proc.stdout


def test_scan_without_photo_checks_reads_the_metadata_but_not_the_pixels(tmp_path):
    """--no-ocr --no-faces reach the library as an argument: the photo's GPS is read, its pixels are
    not analysed; a scan without them then analyses the pixels of the same photo."""
    from cuidado.fixtures.media import make_jpeg
    from cuidado.store import open_store

    folder = tmp_path / "photos"
    folder.mkdir()
    make_jpeg(folder / "beach.jpg", lat=19.4326, lon=-99.1332)
    ws = tmp_path / "ws"

    def media_extra() -> dict:
        store = open_store(ws)
        try:
            [extra] = [json.loads(e) for (e,) in db(store).execute("SELECT extra FROM records WHERE kind = 'media'")]
        finally:
            store.close()
        return extra

    cuidado("scan", "--quiet", "--no-ocr", "--no-faces", "--workspace", ws, folder)
    first = media_extra()
    assert "image" not in first and first["meta"]["lat"] == pytest.approx(19.4326, abs=1e-4)
    cuidado("scan", "--quiet", "--workspace", ws, folder)
    assert "phash" in media_extra()["image"]


def test_the_cli_reads_the_documented_environment_variables_and_the_library_does_not(tmp_path, monkeypatch):
    from cuidado.cli.options import person_language
    from cuidado.cli.workspace import workspace_folder
    from cuidado.locales import first_language
    from cuidado.store import default_workspace

    monkeypatch.setenv("CUIDADO_WORKSPACE", str(tmp_path / "from-env"))
    monkeypatch.setenv("CUIDADO_LANG", "es")
    assert workspace_folder(None) == tmp_path / "from-env"
    assert workspace_folder(tmp_path / "given") == tmp_path / "given"
    assert default_workspace() != tmp_path / "from-env"
    assert person_language() == "es" and person_language("en") == "en"
    monkeypatch.delenv("CUIDADO_LANG")
    monkeypatch.setenv("LC_ALL", "es_MX.UTF-8")
    assert person_language() == "es"
    assert first_language(None, "C.UTF-8", "es_MX.UTF-8") == "es" and first_language(None, "C") == "en"
    assert first_language("de") == "en"  # a language with no catalog
