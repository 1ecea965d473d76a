"""Never tell a person they are safe when they are not (issue 13): each way cuidado used to say
"all is well" when it was not, tried the way a person meets it — the demo export, `make demo`'s
relative paths, an HTML-format export, Tesseract absent and then present."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import db, export_paths, hash_tree
from cuidado.fixtures.exports.meta_html import html_twin
from cuidado.inputs.sources import absolute_input
from cuidado.media.ocr import tesseract_available
from cuidado.remediation.check import check_file, check_text
from cuidado.scan.pipeline import scan
from cuidado.store import open_store

needs_tesseract = pytest.mark.skipif(not tesseract_available(), reason="tesseract not installed")
VENUE_ID = re.compile(r"(?=[a-f]*\d)[0-9a-f]{12,}")


def cuidado(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cuidado", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=cwd,
        env=env,
    )


@pytest.fixture(scope="module")
def without_tesseract(tmp_path_factory) -> dict:
    """The environment of a machine where Tesseract is not installed: every program on PATH but it."""
    tools = tmp_path_factory.mktemp("bin")
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not Path(folder).is_dir():
            continue
        for program in Path(folder).iterdir():
            if program.name != "tesseract" and not (tools / program.name).exists():
                (tools / program.name).symlink_to(program)
    env = {**os.environ, "PATH": str(tools)}
    assert shutil.which("tesseract", path=env["PATH"]) is None and shutil.which("exiftool", path=env["PATH"])
    return env


def photo(out: Path, labels: dict, value: str) -> Path:
    planted = next(
        p for p in labels["platforms"]["files"]["planted"] if p["what"] == "document_photo" and p["value"] == value
    )
    return out / labels["platforms"]["files"]["path"] / planted["source"]


def finding_keys(findings) -> set[tuple]:
    return {(f["kind"], f["subtype"], f["value"]) for f in findings}


# --- 1. `cuidado check PHOTO` runs the scan's analysis -----------------------------------------


@needs_tesseract
def test_check_and_scan_agree_on_the_labeled_image_set(tmp_path):
    """Every document type of the labeled set once (11 pictures, with both passports), and a few
    ordinary and group photos. The full set (40 + 60 + 30) takes minutes of OCR twice over; one of
    each document type is what can differ between document paths, and it keeps the test near a minute."""
    from cuidado.fixtures.images import write_image_set

    folder = tmp_path / "photos"
    items = write_image_set(folder, seed=3, documents=11, photos=4, faces=3)
    store = open_store(tmp_path / "ws")
    scan([folder], store, jobs=1)
    documents = 0
    for item in items:
        name = f"{item.name}.jpg"
        scanned = set(
            db(store).execute(
                "SELECT kind, subtype, value FROM findings WHERE source = ? AND kind NOT LIKE 'inference.%'", (name,)
            )
        )
        checked = check_file(folder / name, store)
        assert finding_keys(checked["findings"]) == scanned, name
        assert checked["problems"] == []
        if item.kind == "document":
            documents += any(f["kind"] == "identity.document_photo" for f in checked["findings"])
    assert documents >= 10, "the labeled documents were not found by check"
    store.close()


@needs_tesseract
@pytest.mark.parametrize("lang, clean", [("en", "Nothing identifying found"), ("es", "No se encontró nada")])
def test_check_finds_the_passport_and_the_work_permit_of_the_demo(demo_exports, tmp_path, lang, clean):
    out, labels = demo_exports
    passport, permit = photo(out, labels, "passport"), photo(out, labels, "work_permit")
    before = hash_tree(passport)
    proc = cuidado("check", "--lang", lang, "--workspace", tmp_path / "ws", passport)
    assert proc.returncode == 0, proc.stderr
    assert clean not in proc.stdout
    from cuidado.findings.labels import kind_label
    from cuidado.locales import gettext

    # The kind and its severity as the person reads them ("[Riesgo alto] Foto de un documento…: passport").
    assert f"{kind_label('identity.document_photo', gettext(lang))}: passport" in proc.stdout
    assert "N37333690" in proc.stdout
    proc = cuidado("check", "--json", "--workspace", tmp_path / "ws", permit)
    kinds = {(f["kind"], f["subtype"]) for f in json.loads(proc.stdout)["findings"]}
    assert {("identity.document_photo", "work_permit"), ("identity.government_id", "a_number")} <= kinds
    assert hash_tree(passport) == before


@needs_tesseract
def test_check_says_a_document_was_not_read_without_tesseract(demo_exports, tmp_path, without_tesseract):
    out, labels = demo_exports
    proc = cuidado("check", "--workspace", tmp_path / "ws", photo(out, labels, "passport"), env=without_tesseract)
    assert proc.returncode == 1
    assert "Nothing identifying found." not in proc.stdout
    assert "was NOT read" in proc.stdout and "Tesseract" in proc.stdout
    report = json.loads(
        cuidado(
            "check",
            "--json",
            "--lang",
            "es",
            "--workspace",
            tmp_path / "ws",
            photo(out, labels, "passport"),
            env=without_tesseract,
        ).stdout
    )
    assert report["problems"] and "NO se" in report["problems"][0]


def test_check_text_finds_what_a_scan_finds_in_every_language(tmp_path):
    corpus = Path(__file__).parent / "data" / "text_corpus"
    texts = []
    for name in ("hard_en", "hard_es", "hard_fr", "hard_pt", "hard_ar", "fresh_mixed"):
        for line in (corpus / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.startswith("{"):
                text = json.loads(line)["text"]
                if "\n" not in text and text.strip() == text and text:
                    texts.append(text)
    chat = tmp_path / "WhatsApp Chat with Rosa.txt"
    chat.write_text(
        "".join(f"01/02/2024, 10:{i % 60:02d} - Rosa: {t}\n" for i, t in enumerate(texts)), encoding="utf-8"
    )
    store = open_store(tmp_path / "ws")
    scan([chat], store)
    rows = db(store).execute("SELECT id, text FROM records WHERE kind = 'message'").fetchall()
    assert len(rows) == len(texts)
    languages_with_findings = set()
    for item, text in rows:
        scanned = {
            (k, s, v)
            for k, s, v in db(store).execute("SELECT kind, subtype, value FROM findings WHERE item = ?", (item,))
        }
        checked = finding_keys(check_text(text)["findings"])
        assert checked == scanned, text
        if checked:
            languages_with_findings.add(text)
    assert len(languages_with_findings) > 100
    store.close()


# --- 2. An export nothing could be read from is a failure -------------------------------------


@pytest.fixture(scope="module")
def html_exports(demo_exports, tmp_path_factory):
    out, labels = demo_exports
    folder = tmp_path_factory.mktemp("html")
    facebook = html_twin(out / labels["platforms"]["facebook"]["path"], folder / "facebook-html.zip", media=False)
    instagram = html_twin(out / labels["platforms"]["instagram"]["path"], folder / "instagram-html.zip")
    return facebook, instagram


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ("in HTML format", "NOT checked", "choose JSON", "Format: JSON", "could not be read")),
        ("es", ("en formato HTML", "NO se revisaron", "elija JSON", "Formato: JSON", "no se pudieron leer")),
    ],
)
def test_an_html_export_is_a_failure_that_says_how_to_ask_for_json(html_exports, demo_exports, tmp_path, lang, words):
    facebook, instagram = html_exports
    out, labels = demo_exports
    tiktok = out / labels["platforms"]["tiktok"]["path"]
    ws = tmp_path / "ws"
    for _attempt in range(2):  # scanning it again must not turn the failure into "unchanged"
        proc = cuidado("scan", "--quiet", "--lang", lang, "--workspace", ws, facebook, instagram, tiktok)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        failed = [line for line in proc.stderr.splitlines() if line.startswith("✗")]
        assert len(failed) == 2 and all(w in proc.stderr for w in words), proc.stderr
        assert any("facebook-html.zip" in line for line in failed)
        assert any("instagram-html.zip" in line and "79" in line for line in failed)  # its photos were read
        assert re.search(r"✓ .*TikTok_Data", proc.stdout)
    summary = json.loads(cuidado("summary", "--json", "--workspace", ws).stdout)
    whole = [s for s in summary["skipped"] if s["member"] is None]
    assert {Path(s["input"]).name for s in whole} == {"facebook-html.zip", "instagram-html.zip"}
    findings = cuidado("findings", "--workspace", ws)
    assert "2 exports you scanned could not be read" in findings.stderr


def test_an_export_whose_files_all_fail_is_a_failure(tmp_path):
    """A download cut short: every data file in it is damaged, so nothing is read."""
    broken = tmp_path / "facebook-ana-2026-11-02.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", '[{"timest')
        archive.writestr("your_facebook_activity/messages/inbox/ana_1/message_1.json", '{"participants": [')
    proc = cuidado("scan", "--quiet", "--workspace", tmp_path / "ws", broken)
    assert proc.returncode == 1
    assert f"✗ {broken}: nothing could be read from it" in proc.stderr
    assert "(2 could not be read: `cuidado summary` lists why)" in proc.stderr
    assert "✓" not in proc.stdout


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", ("Nothing could be read from what you added", "in HTML format", "choose JSON")),
        ("es", ("No se pudo leer nada de lo que añadió", "en formato HTML", "elija JSON")),
    ],
)
def test_the_web_app_says_an_html_export_was_not_read(html_exports, tmp_path, lang, words):
    from test_web import Client, run_app, stop, wait_for_scan

    facebook, _ = html_exports
    app, server, thread = run_app(tmp_path / "ws")
    try:
        app.lang = lang
        client = Client(app)
        batch = json.loads(client.request("POST", "/api/batch")[2])["batch"]
        assert client.upload(batch, facebook.name, facebook.read_bytes())[0] == 200
        assert client.request("POST", f"/api/scan?batch={batch}")[0] == 200
        state = wait_for_scan(client)
        assert state["state"] == "done" and state["inputs"][0]["problem"]["key"] == "html_export"
        page = client.html("/?scanned=1")
        assert all(w in page for w in words), page[:3000]
        assert "Done: your exports were read" not in page and "Listo: se leyeron" not in page
    finally:
        stop(server, thread)


# --- 3. A check that could not run is done again when it can -----------------------------------


@needs_tesseract
def test_photos_not_read_without_tesseract_are_read_once_it_is_installed(demo_exports, tmp_path, without_tesseract):
    out, labels = demo_exports
    photos = out / labels["platforms"]["files"]["path"]
    ws = tmp_path / "ws"
    before = hash_tree(photos)

    def ids():
        return {
            f["value"]
            for f in map(
                json.loads, cuidado("findings", "--json", "--kind", "identity", "--workspace", ws).stdout.splitlines()
            )
        }

    for _attempt in range(2):  # the re-scan without Tesseract still says so, and still reads nothing new
        proc = cuidado("scan", "--quiet", "--workspace", ws, photos, env=without_tesseract)
        assert proc.returncode == 0, proc.stderr
        assert "2 photos may show a document" in proc.stderr and "NOT checked" in proc.stderr
        skipped = json.loads(cuidado("summary", "--json", "--workspace", ws).stdout)["skipped"]
        assert {s["member"] for s in skipped if "Tesseract" in s["reason"]} == {
            p["source"] for p in labels["platforms"]["files"]["planted"] if p["what"] == "document_photo"
        }
        assert "N37333690" not in ids()
    proc = cuidado("scan", "--quiet", "--workspace", ws, photos)
    # Every file unchanged since the metadata was read; the two photos' checks run again (phase 2).
    assert "58 unchanged" in proc.stdout and "✓ 2 photos checked" in proc.stdout, proc.stdout
    assert "NOT checked" not in proc.stderr
    assert {"N37333690", "passport", "work_permit"} <= ids()
    skipped = json.loads(cuidado("summary", "--json", "--workspace", ws).stdout)["skipped"]
    assert not [s for s in skipped if "Tesseract" in s["reason"]]
    assert "unchanged" in cuidado("scan", "--quiet", "--workspace", ws, photos).stdout
    assert hash_tree(photos) == before


# --- 4. Commands before any scan create nothing ------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["findings"],
        ["plan"],
        ["report", "--out", "r.html"],
        ["summary"],
        ["profile"],
        ["timeline"],
        ["mark", "abc"],
        ["findings", "--lang", "es"],
    ],
)
def test_commands_before_any_scan_say_so_and_create_nothing(tmp_path, command):
    ws = tmp_path / "ws"
    proc = cuidado(*command, "--workspace", ws, cwd=tmp_path)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    said = "Todavía no se ha analizado nada" if "es" in command else "Nothing has been scanned yet"
    assert said in proc.stderr and "cuidado scan" in proc.stderr
    assert "No findings" not in proc.stdout and "Traceback" not in proc.stderr
    assert not ws.exists() and sorted(p.name for p in tmp_path.iterdir()) == []


# --- 5. Input paths are stored in full -------------------------------------------------------


def test_make_demo_relative_paths_work_from_any_folder(demo_exports, tmp_path):
    out, labels = demo_exports
    here = tmp_path / "project"
    shutil.copytree(out, here / "demo-export")
    exports = [p.relative_to(here) for p in export_paths(here / "demo-export", labels)]
    proc = cuidado("scan", "--quiet", "--no-ocr", "--workspace", "demo-workspace", *exports, cwd=here)
    assert proc.returncode == 0, proc.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ws = here / "demo-workspace"
    plan = json.loads(cuidado("plan", "--json", "--workspace", ws, cwd=elsewhere).stdout)
    untouched = plan["warning"]["untouched_exports"]
    assert untouched and all(Path(p).is_absolute() and Path(p).exists() for p in untouched)
    store = open_store(ws)
    inputs = {i for (i,) in db(store).execute("SELECT DISTINCT input FROM records")}
    paths = store.input_paths()
    store.close()
    assert inputs and inputs <= set(paths) and all(p.is_absolute() for i in inputs for p in paths[i])
    proc = cuidado("report", "--out", "report.html", "--workspace", ws, cwd=elsewhere)
    html = (elsewhere / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/jpeg;base64,") >= 10 and "no longer where" not in proc.stderr
    # The person moves the exports: the report says so instead of silently losing the photos.
    (here / "demo-export").rename(tmp_path / "moved")
    proc = cuidado("report", "--out", "report.html", "--workspace", ws, cwd=elsewhere)
    assert proc.returncode == 0 and proc.stderr.count("is no longer where it was scanned") == len(untouched)
    html = (elsewhere / "report.html").read_text(encoding="utf-8")
    assert "These exports are no longer where they were scanned" in html and "data:image/jpeg" not in html
    es = cuidado("report", "--lang", "es", "--out", "r.html", "--workspace", ws, cwd=elsewhere)
    assert "ya no está donde se analizó" in es.stderr


def test_an_older_workspace_with_relative_paths_takes_the_full_path_on_a_rescan(tiny_exports, tmp_path):
    out, labels = tiny_exports
    chats = out / labels["platforms"]["whatsapp"]["path"]
    store = open_store(tmp_path / "ws")
    scan([chats], store)
    count = db(store).execute("SELECT count(*) FROM records").fetchone()[0]
    full = str(chats)
    relative = os.path.relpath(full, tmp_path)
    for table in ("records", "inputs", "members_done", "skipped"):  # as cuidado stored it before
        db(store).execute(f"UPDATE {table} SET input = ? WHERE input = ?", (relative, full))
    db(store).execute("DROP TABLE input_parts")  # from before inputs' files were stored
    db(store).execute("DELETE FROM migrations WHERE name = '0006_input_parts'")
    store.close()
    store = open_store(tmp_path / "ws")
    assert store.input_paths() == {relative: (Path(relative),)}, "the migration takes the files from the label"
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        results = scan([Path(relative)], store)
    finally:
        os.chdir(cwd)
    assert results[0].read == 0 and results[0].already > 0  # nothing read again
    labels_now = {
        i
        for t in ("records", "inputs", "members_done")
        for (i,) in db(store).execute(f"SELECT DISTINCT input FROM {t}")
    }
    assert labels_now == {full}
    assert store.input_paths() == {full: (absolute_input(chats),)}
    assert db(store).execute("SELECT count(*) FROM records").fetchone()[0] == count
    store.close()


def test_web_uploads_are_named_as_copies_that_purge_deletes(tiny_exports, tmp_path):
    from cuidado.remediation.plan import build_plan

    out, labels = tiny_exports
    ws = tmp_path / "ws"
    store = open_store(ws)  # the workspace exists (and is marked as cuidado's) before the web app copies into it
    copy = ws / "uploads" / "20260101-000000-abcdef" / "chat"
    shutil.copytree(out / labels["platforms"]["whatsapp"]["path"], copy)
    original = out / labels["platforms"]["x"]["path"]
    scan([copy, original], store)
    for lang, word in (("en", "cuidado purge"), ("es", "cuidado purge")):
        warning = build_plan(store, lang)["warning"]
        assert warning["untouched_exports"] == [str(original)]
        assert warning["uploaded_copies"] == ["chat"]
        assert word in warning["text"][-1]
    store.close()


# --- 6. The plan's directions fit where the item is -------------------------------------------


@pytest.fixture(scope="module")
def demo_store(demo_exports, tmp_path_factory):
    out, labels = demo_exports
    store = open_store(tmp_path_factory.mktemp("ws"))
    scan(export_paths(out, labels), store)
    yield store, labels
    store.close()


@pytest.mark.parametrize(
    "lang, message_words, keeps",
    [
        ("en", ("Unsend", "Delete for you", "Delete for everyone", "Delete."), ("keeps their", "delete theirs")),
        (
            "es",
            ("Anular envío", "Eliminar para ti", "Eliminar para todos", "Eliminar."),
            ("conserva", "borren la suya"),
        ),
    ],
)
def test_ids_in_messages_rank_near_the_top_with_message_directions(demo_store, lang, message_words, keeps):
    from cuidado.remediation.plan import build_plan

    store, _ = demo_store
    plan = build_plan(store, lang)
    actions = plan["actions"]
    id_messages = [
        a
        for a in actions
        if a["items"]
        and all(i["kind"] == "message" for i in a["items"])
        and any(
            r[0] == "identity.government_id"
            for r in db(store).execute("SELECT kind FROM findings WHERE item = ?", (a["items"][0]["item"],))
        )
    ]
    assert len(id_messages) >= 4  # the A-numbers sent on Messenger, Instagram, X and WhatsApp
    assert max(a["rank"] for a in id_messages) <= 15, [(a["rank"], a["title"]) for a in id_messages]
    for action in id_messages:
        steps = " ".join(action["steps"])
        assert any(w in steps for w in message_words) and any(k in steps for k in keeps), steps
        for item in action["items"]:
            assert "Activity log" not in item["where"] and "Registro de actividad" not in item["where"]
            assert "from:" not in item["where"] and "inbox/" not in item["where"], item["where"]
    # Making an account private is not the last thing to do.
    private = [
        a for a in actions if a["kind"] == "setting" and any("rivate" in s or "privada" in s for s in a["steps"])
    ]
    assert private and max(a["rank"] for a in private) <= len(actions) // 2
    reductions = [a["reduces"] for a in actions]
    assert reductions == sorted(reductions, reverse=True)
    assert plan["not_listed"] >= 0


def test_plan_says_how_many_actions_are_past_the_first_page(demo_store, tmp_path):
    store, _ = demo_store
    total = len(__import__("cuidado.remediation.plan", fromlist=["build_plan"]).build_plan(store)["actions"])
    proc = cuidado("plan", "--limit", "5", "--workspace", store.directory)
    assert f"… and {total - 5} more actions ({total} in all)" in proc.stdout
    proc = cuidado("plan", "--limit", "5", "--lang", "es", "--workspace", store.directory)
    assert f"… y {total - 5} acciones más ({total} en total)" in proc.stdout
    everything = cuidado("plan", "--limit", "0", "--workspace", store.directory).stdout
    assert f"☐ {total}." in everything and "more action" not in everything


# --- 7. The lawyer's timeline --------------------------------------------------------------------


def test_timeline_in_local_time_with_places_named(demo_store):
    from cuidado.remediation.timeline import build_timeline

    store, labels = demo_store
    entries = build_timeline(store, "en")
    trip_photos = [
        e
        for e in entries
        if e["source"].endswith(
            ("IMG_20250822_112001.jpg", "IMG_20250823_162001.jpg", "IMG_20250824_192001.jpg", "IMG_20250825_182001.jpg")
        )
    ]
    # Taken at 16:20 at UTC-08:00 (00:20 UTC the next day): listed on its own day, zone said.
    taken = next(e for e in trip_photos if e["source"].endswith("IMG_20250823_162001.jpg"))
    assert (taken["date"], taken["time"], taken["zone"]) == ("2025-08-23", "16:20", "UTC-08:00")
    trip = next(e for e in entries if e["category"] == "trip")
    days = sorted({e["date"] for e in trip_photos})
    assert trip["value"].endswith(f"({days[0]}..{days[-1]})")
    assert all(e["zone"] for e in entries if e["date"])
    coordinates = [e for e in entries if re.fullmatch(r"-?\d+\.\d+,-?\d+\.\d+", e["value"])]
    assert coordinates and all(e["place"] for e in coordinates)
    assert not [e for e in entries if VENUE_ID.fullmatch(e["value"]) or VENUE_ID.search(e["place"])]


@pytest.mark.parametrize(
    "lang, header", [("en", "date,time,zone,category"), ("es", "fecha,hora,zona horaria,categoría")]
)
def test_timeline_csv_opens_right_in_a_spreadsheet(demo_store, tmp_path, lang, header):
    store, _ = demo_store
    target = tmp_path / "timeline.csv"
    proc = cuidado("timeline", "--csv", "--lang", lang, "--out", target, "--workspace", store.directory)
    assert proc.returncode == 0, proc.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + header.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) > 50 and not [cell for row in rows for cell in row if cell == "'"]
    assert any(cell == "" for row in rows for cell in row)  # empty cells are really empty


def test_the_reports_timeline_is_the_dated_list(demo_store):
    from cuidado.report.render import build_html

    store, _ = demo_store
    for lang, heading in (("en", "Dated list"), ("es", "Lista con fechas")):
        html = build_html(store, lang, thumbnails=False)
        section = html[html.index('id="timeline"') : html.index('id="findings"')]
        assert heading in section and "UTC-08:00" in section and "16:20" in section
        assert "Tijuana" in section


# --- 8. No false findings on real-format files -----------------------------------------------


def test_only_real_ip_addresses_are_findings(tiny_exports, tmp_path):
    out, labels = tiny_exports
    source = out / labels["platforms"]["tiktok"]["path"]
    with zipfile.ZipFile(source) as archive:
        (member,) = [n for n in archive.namelist() if n.endswith(".json")]
        data = json.loads(archive.read(member))
    logins = (data.get("Your Activity") or data["Activity"])["Login History"]["LoginHistoryList"]
    assert len(logins) >= 3
    bad = ["860.44.116.876", "N/A"]
    logins[0]["IP"], logins[1]["IP"], logins[2]["IP"] = *bad, "2001:db8::1"
    copy = tmp_path / source.name
    with zipfile.ZipFile(copy, "w") as archive:
        archive.writestr(member, json.dumps(data))
    store = open_store(tmp_path / "ws")
    scan([copy], store)
    ips = {v for (v,) in db(store).execute("SELECT value FROM findings WHERE kind = 'identity.ip'")}
    assert not ips & set(bad) and "2001:db8::1" in ips
    assert len(ips) == len({login["IP"] for login in logins} - set(bad))
    store.close()


def test_a_venue_id_is_never_a_place(demo_store):
    store, _ = demo_store
    values = [
        v
        for (v,) in db(store).execute(
            "SELECT value FROM findings WHERE kind LIKE 'location.%' OR kind LIKE 'inference.%'"
        )
    ]
    places = [p for (p,) in db(store).execute("SELECT place FROM findings WHERE place IS NOT NULL")]
    assert values and not [v for v in values + places if VENUE_ID.fullmatch(v.lower())]
    shared = (
        db(store)
        .execute("SELECT count(*) FROM records WHERE json_extract(extra, '$.place_url') LIKE '%foursquare.com/v/%'")
        .fetchone()[0]
    )
    assert shared, "the demo shares a Foursquare venue: the test would prove nothing"


def test_same_photo_links_name_the_photos_and_blank_pictures_never_link(tmp_path):
    import random

    from PIL import Image

    from cuidado.fixtures.image_scenes import ordinary_photo

    picture, _ = ordinary_photo(random.Random(4), 1)
    folder = tmp_path / "phone"
    (folder / "DCIM").mkdir(parents=True)
    picture.save(folder / "DCIM" / "IMG_0001.jpg", quality=90)
    Image.new("RGB", (640, 480), (255, 255, 255)).save(folder / "DCIM" / "IMG_0002.jpg")
    chats = tmp_path / "chats"
    chats.mkdir()
    picture.resize((480, 360)).save(chats / "IMG-20240101-WA0001.jpg", quality=70)
    Image.new("RGB", (800, 600), (30, 30, 30)).save(chats / "IMG-20240101-WA0002.jpg")
    Image.new("RGB", (800, 600), (250, 250, 250)).save(chats / "IMG-20240101-WA0003.jpg")
    (chats / "WhatsApp Chat with Ana.txt").write_text(
        "01/01/2024, 10:00 - Ana: IMG-20240101-WA0001.jpg (file attached)\n"
        "01/01/2024, 10:01 - Ana: IMG-20240101-WA0002.jpg (file attached)\n"
        "01/01/2024, 10:02 - Ana: IMG-20240101-WA0003.jpg (file attached)\n",
        encoding="utf-8",
    )
    store = open_store(tmp_path / "ws")
    scan([folder, chats], store, jobs=1)
    links = (
        db(store)
        .execute("SELECT value, extra FROM findings WHERE kind = 'inference.account_link' AND subtype = 'same_photo'")
        .fetchall()
    )
    assert len(links) == 1, links
    value, extra = links[0]
    assert "IMG_0001.jpg (files)" in value and "IMG-20240101-WA0001.jpg (whatsapp)" in value
    assert "0000000000" not in value
    blank = {
        i
        for (i,) in db(store).execute(
            "SELECT id FROM records WHERE source IN ('DCIM/IMG_0002.jpg', 'IMG-20240101-WA0002.jpg', "
            "'IMG-20240101-WA0003.jpg')"
        )
    }
    assert len(blank) == 3 and not blank & set(json.loads(extra)["evidence"])
    store.close()
