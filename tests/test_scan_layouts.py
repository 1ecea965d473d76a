"""Issue 14 end to end: what a scan of each year's layout gives a person — the summary tells read,
known-but-not-analysed and unknown files apart (text, JSON, report), and the new exposures are
findings that explain themselves (interests, off-platform activity, device ids, IPs, GPS in
old albums, other people's numbers), and national phone formats are found in a real scan."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from conftest import db, hash_tree, shared_sample
from cuidado.detectors.explain import explain
from cuidado.findings.render import finding_dict
from cuidado.fixtures.exports import facebook_partial, whatsapp_merged
from cuidado.fixtures.persona import make_persona
from cuidado.report.model import build_report
from cuidado.report.render import render_report
from cuidado.report.summary import build_summary
from cuidado.scan.pipeline import scan
from cuidado.store import open_store

PERSONA = make_persona(12, years=2)


def scanned(paths: list[Path], workspace: Path):
    before = {p: hash_tree(p) for p in paths}
    store = open_store(workspace)
    results = scan(paths, store, jobs=1)
    assert [r.error for r in results] == [None] * len(paths)
    assert {p: hash_tree(p) for p in paths} == before
    return store


def findings(store, kind: str) -> list[dict]:
    return [finding_dict(row, "en") for row in store.findings(kinds=(kind,))]


def test_partial_download_summary_says_what_was_read_and_what_was_not(tmp_path):
    labels = facebook_partial.build_partial(tmp_path, random.Random(1), PERSONA)
    store = scanned([tmp_path / labels.path], tmp_path / "ws")
    try:
        summary = build_summary(store)
        assert summary["files"] == {
            "read": 3,
            "not_analysed": 3,
            "unknown": 1,
            "unreadable": 0,
            "refused": 0,
            "input_not_read": 0,
        }
        [entry] = summary["inputs"]
        assert entry["platform"] == "facebook" and (entry["read"], entry["not_analysed"], entry["unknown"]) == (3, 3, 1)
        got = {s["member"]: f"{s['status']}:{s['about']}" if s["about"] else s["status"] for s in summary["skipped"]}
        assert got == labels.skipped
        assert summary["platforms"]["facebook"]["other"] == {"interest": 6, "off_platform": 4}

        interests = findings(store, "tracking.interest")
        assert sorted(f["value"] for f in interests) == sorted(facebook_partial.INTERESTS)
        off = findings(store, "tracking.off_platform")
        assert sorted(f["value"] for f in off) == sorted(facebook_partial.BUSINESSES)
        assert all(f["why"] and f["advice"] and f["severity"] == "low" for f in interests + off)
        # The exposures an analyst looks for: an immigration-law interest, an immigration lawyer's site.
        immigration = {f["excerpt"] for f in findings(store, "sensitive.immigration")}
        assert {"Immigration law", "Abogados de Inmigración Ruiz"} <= immigration

        report_es = render_report(build_report(store, "es"))
        assert "Archivo conocido, no analizado" in report_es and "Un archivo que cuidado aún no lee" in report_es
        assert "anuncios que vio o en los que hizo clic" in report_es  # what the known file holds, in Spanish
        assert "Un interés que la plataforma le asignó" in report_es
    finally:
        store.close()


def test_summary_cli_in_both_languages(tmp_path):
    labels = facebook_partial.build_partial(tmp_path, random.Random(2), PERSONA)
    ws = tmp_path / "ws"

    def run(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "cuidado", *args, "--workspace", str(ws)],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        ).stdout

    run("scan", "--quiet", str(tmp_path / labels.path))
    english, spanish = run("summary"), run("summary", "--lang", "es")
    assert "Files read: 3; known but not analysed: 3; not read yet (unknown): 1" in english
    assert "ads you saw or clicked" in english and "your_new_meta_feature/feature_history.json" in english
    assert "Archivos leídos: 3; conocidos pero no analizados: 3; que cuidado aún no lee (desconocidos): 1" in spanish
    assert "aplicaciones y sitios web en los que entró con esta cuenta" in spanish
    data = json.loads(run("summary", "--json"))
    assert data["files"]["read"] == 3 and {"platforms", "skipped"} <= set(data)


def test_2018_album_sample_gives_gps_ip_findings(tmp_path):
    store = scanned([shared_sample("facebook-2018-albums")], tmp_path / "ws")
    try:
        gps = findings(store, "location.media_gps")
        assert sorted(f["value"] for f in gps) == ["29.925028,-90.088072"] * 2
        ips = findings(store, "identity.ip")
        assert len(ips) == 5 and {f["value"] for f in ips} == {"167.161.108.51"}
        assert build_summary(store)["platforms"]["facebook"]["posts"] == 5
    finally:
        store.close()


def test_tiktok_device_and_advertising_ids_are_findings(tmp_path):
    store = scanned([shared_sample("tiktok/user_data.json")], tmp_path / "ws")
    try:
        devices = {(f["subtype"], f["value"]) for f in findings(store, "identity.device")}
        assert devices == {("advertising_id", "GAID 1"), ("device_id", "android ID 1")}
        assert explain("identity.device", "advertising_id", "es")[0].startswith("Un identificador")
    finally:
        store.close()


def test_unsaved_numbers_in_a_mixed_format_chat_are_reported(tmp_path):
    labels = whatsapp_merged.build_merged(tmp_path, random.Random(3), PERSONA)
    store = scanned([tmp_path / labels.path], tmp_path / "ws")
    try:
        [exposed] = findings(store, "inference.others_exposed")
        phones = json.loads(
            db(store).execute("SELECT extra FROM findings WHERE id = ?", (exposed["id"],)).fetchone()[0]
        )["phones"]
        assert sorted(phones) == sorted(p["value"] for p in labels.planted)
        assert build_summary(store)["platforms"]["whatsapp"]["messages"] == 18
    finally:
        store.close()


def test_a_real_scan_reads_national_phone_formats_by_the_post_language(tmp_path):
    chat = tmp_path / "WhatsApp Chat with Camille.txt"
    chat.write_text(
        "12/03/2024 18:02 - Camille: Appelle-moi au 06 12 34 56 78 après le travail\n"
        "12/03/2024 18:05 - Rita: Me liga no (11) 98765-4321 que eu te explico\n"
        "12/03/2024 18:07 - Camille: Rendez-vous le 06/12/2024 à 14h\n",
        encoding="utf-8",
    )
    store = scanned([chat], tmp_path / "ws")
    try:
        phones = sorted(f["value"] for f in findings(store, "identity.phone"))
        assert phones == ["+33612345678", "+5511987654321"]
    finally:
        store.close()
