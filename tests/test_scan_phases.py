"""Answer first, detail after (issue 18): a scan shows what posts, messages and the photos' metadata
reveal before it checks the photos' pixels; a stopped photo check continues where it stopped; and
until every photo is checked, every view says how many are not."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import db
from cuidado.fixtures.generate import generate
from cuidado.fixtures.media import make_jpeg
from cuidado.report.model import build_report
from cuidado.report.render import build_html
from cuidado.report.summary import build_summary
from cuidado.scan.pipeline import Progress, scan
from cuidado.store import open_store


@pytest.fixture
def photo_folder(tmp_path):
    """A generated photo folder (GPS photos, documents, a group photo) and its photo count."""
    out = tmp_path / "export"
    labels = generate(out, seed=5, size="tiny", platforms=("files",))
    folder = out / labels["platforms"]["files"]["path"]
    photos = [p for p in folder.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")]
    assert len(photos) >= 4
    return folder, len(photos)


def _faces(store) -> int:
    return len(store.findings(kinds=("identity.face",)))


def _media_gps(store) -> int:
    return len(store.findings(kinds=("location.media_gps",)))


def _photo_ids(store) -> set[str]:
    return {row[0] for row in db(store).execute("SELECT id FROM records WHERE kind = 'media'")}


class _Watch(Progress):
    """Records what the workspace holds when phase 1 ends, and stops phase 2 after `stop_after` photos."""

    def __init__(self, store, stop_after: int | None = None):
        self.store, self.stop_after = store, stop_after
        self.at_first: dict | None = None
        self.calls: list[tuple[int, int]] = []

    def first_results(self, results) -> None:
        assert not self.calls, "phase 1's results come before any photo is checked"
        self.at_first = {
            "gps": _media_gps(self.store),
            "faces": _faces(self.store),
            "unchecked": build_summary(self.store)["photos_not_checked"],
            "inferences": len(self.store.findings(kinds=("inference",))),
            "ids": _photo_ids(self.store),
        }

    def photos(self, done: int, total: int) -> None:
        self.calls.append((done, total))
        if self.stop_after is not None and done >= self.stop_after:
            raise KeyboardInterrupt


def test_first_results_exist_before_the_photos_are_checked(photo_folder, tmp_path):
    folder, photos = photo_folder
    store = open_store(tmp_path / "ws")
    watch = _Watch(store)
    [result] = scan([folder], store, progress=watch, jobs=1)
    first = watch.at_first
    assert first is not None
    # Phase 1: the GPS in the photos' metadata is found, nothing from their pixels yet, and said so.
    assert first["gps"] >= 5 and first["faces"] == 0 and first["unchecked"] == photos
    # Phase 2: every photo counted, with a total known from the start.
    assert watch.calls[0] == (0, photos) and watch.calls[-1] == (photos, photos)
    assert result.photos_checked == photos
    assert build_summary(store)["photos_not_checked"] == 0
    assert _media_gps(store) == first["gps"]
    # The photos keep their ids: a link or a picture shown after phase 1 still works after phase 2.
    assert _photo_ids(store) == first["ids"] and len(first["ids"]) >= photos
    if _faces_available():
        assert _faces(store) > 0
    store.close()


def test_a_stopped_photo_check_continues_where_it_stopped(photo_folder, tmp_path):
    folder, photos = photo_folder
    store = open_store(tmp_path / "ws")
    with pytest.raises(KeyboardInterrupt):
        scan([folder], store, progress=_Watch(store, stop_after=2), jobs=1)
    # Stopped after two photos: those are kept, the rest are counted as not checked.
    assert build_summary(store)["photos_not_checked"] == photos - 2
    assert _media_gps(store) >= 5  # phase 1's findings are kept

    read = []
    watch = _Watch(store)
    [result] = scan([folder], store, progress=watch, jobs=1, on_member=lambda m: read.append(m.path))
    assert len(read) == photos - 2, "the two photos checked before are not checked again"
    assert result.read == 0 and result.photos_checked == photos - 2
    assert watch.calls[0] == (0, photos - 2)
    assert build_summary(store)["photos_not_checked"] == 0
    media = db(store).execute("SELECT source, count(*) FROM records WHERE kind = 'media' GROUP BY source").fetchall()
    assert all(n == 1 for _, n in media)  # each photo is still one item

    read.clear()
    scan([folder], store, jobs=1, on_member=lambda m: read.append(m.path))
    assert read == []  # all done: nothing is read again
    store.close()


def test_photos_not_checked_are_said_in_the_summary_findings_profile_and_report(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    for n in range(3):
        make_jpeg(folder / f"beach-{n}.jpg", lat=19.4326 + n / 1000, lon=-99.1332)
    ws = tmp_path / "ws"
    _cli("scan", "--quiet", "--no-faces", "--no-ocr", "--workspace", ws, folder)
    for lang, words in (
        ("en", "3 photos not yet checked for faces and documents"),
        ("es", "3 fotos aún sin revisar en busca de rostros y documentos"),
    ):
        for command in ("summary", "findings", "profile"):
            proc = _cli(command, "--lang", lang, "--workspace", ws)
            assert words in proc.stderr, (command, lang, proc.stderr)
        store = open_store(ws)
        try:
            assert words in build_report(store, lang)["photos_not_checked_text"]
            assert words in build_html(store, lang)  # the report's first page
        finally:
            store.close()
    assert '"photos_not_checked": 3' in _cli("summary", "--json", "--workspace", ws).stdout
    _cli("scan", "--quiet", "--workspace", ws, folder)
    assert '"photos_not_checked": 0' in _cli("summary", "--json", "--workspace", ws).stdout
    assert "not yet checked" not in _cli("summary", "--workspace", ws).stderr


def test_the_scan_command_prints_first_results_then_checks_the_photos(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    for n in range(3):
        make_jpeg(folder / f"beach-{n}.jpg", lat=19.4326 + n / 1000, lon=-99.1332)
    proc = _cli("scan", "--quiet", "--workspace", tmp_path / "ws", folder)
    first = proc.stdout.index("First results")
    assert proc.stdout.index("Now checking 3 photos") > first
    assert proc.stdout.index("3 photos checked for faces and documents") > first
    assert "not yet checked" not in proc.stderr


def _cli(*args) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "cuidado", *map(str, args)], capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def _faces_available() -> bool:
    from cuidado.fixtures.image_scenes import faces_available

    return faces_available()


def test_the_web_app_shows_the_first_results_while_the_photos_are_checked(tmp_path):
    """While phase 2 runs, the page shows phase 1's findings with a "still checking photos: N of M"
    notice and says how many photos are not checked; at the end, neither."""
    from test_web import Client, run_app, stop

    from cuidado.web.jobs import ScanJob

    folder = tmp_path / "photos"
    folder.mkdir()
    for n in range(3):
        make_jpeg(folder / f"beach-{n}.jpg", lat=19.4326 + n / 1000, lon=-99.1332)
    app, server, thread = run_app(tmp_path / "ws")
    client = Client(app)
    seen = []
    original = ScanJob.photos

    def photos(job, done, total):
        original(job, done, total)
        if done == 1:  # the page as the person sees it in the middle of phase 2
            seen.append((client.html("/?scanned=1"), json.loads(client.get("/api/progress")[2])))

    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ScanJob, "photos", photos)
            assert app.job.launch([folder])
            app.job.thread.join(120)
        [(page, state)] = seen
        assert state["state"] == "scanning" and state["phase"] == "photos"
        assert (state["photos_done"], state["photos_total"]) == (1, 3)
        assert "Still checking photos: 1 of 3" in page
        assert "Location saved inside a photo or video" in page  # phase 1's findings, readable
        assert "2 photos not yet checked for faces and documents" in page
        final = client.html("/?scanned=1")
        assert app.job.status()["state"] == "done"
        assert "photos-progress" not in final and "not yet checked" not in final
    finally:
        stop(server, thread)
