"""A photo folder with planted GPS photos, located videos, photos of documents and a group photo
yields each planted finding when scanned (the media issue's end-to-end check)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from deep_folders import deep_folder, remove_deep

from conftest import db, hash_tree
from cuidado.fixtures.generate import generate
from cuidado.importers.media_record import PhotoChecks
from cuidado.scan import pipeline
from cuidado.scan.pipeline import scan
from cuidado.scan.workers import PARALLEL_MIN_MEMBERS
from cuidado.store import open_store


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    out = tmp_path_factory.mktemp("media-export")
    labels = generate(out, seed=5, size="tiny", platforms=("files",))
    folder = out / labels["platforms"]["files"]["path"]
    before = hash_tree(folder)
    store = open_store(tmp_path_factory.mktemp("ws"))
    scan([folder], store)
    yield store, labels["platforms"]["files"]["planted"]
    assert hash_tree(folder) == before
    store.close()


def _findings(store, kind):
    return [dict(r) for r in store.findings(kinds=(kind,))]


def test_every_planted_position_is_found_in_the_media_files(scanned):
    store, planted = scanned
    gps = [p for p in planted if p["what"] == "gps" and p.get("in") in ("exif", "quicktime")]
    found = _findings(store, "location.media_gps")
    assert len(gps) >= 5
    for p in gps:
        assert any(
            f["source"] == p["source"] and abs(f["lat"] - p["lat"]) < 1e-5 and abs(f["lon"] - p["lon"]) < 1e-5
            for f in found
        ), p["source"]
    videos = [p for p in gps if p["in"] == "quicktime"]
    assert videos, "a located video is planted"


def test_device_serial_and_owner_tie_photos_together(scanned):
    store, planted = scanned
    values = {f["value"] for f in _findings(store, "identity.device")}
    for p in planted:
        if p["what"] in ("device_serial", "owner_name"):
            assert p["value"] in values


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract OCR is not installed")
def test_photos_of_documents_are_read_and_their_numbers_found(scanned):
    store, planted = scanned
    docs = {f["source"]: f for f in _findings(store, "identity.document_photo")}
    planted_docs = [p for p in planted if p["what"] == "document_photo"]
    assert planted_docs
    for p in planted_docs:
        assert p["source"] in docs  # found as a document; the exact type is measured in eval_images
        if p["value"] == "passport":
            assert docs[p["source"]]["subtype"] == "passport"  # the MRZ makes a passport certain
        assert "•" in (docs[p["source"]]["excerpt"] or "") or "*" in (docs[p["source"]]["excerpt"] or "")
    ids = {(f["source"], f["subtype"]) for f in _findings(store, "identity.government_id")}
    assert any(subtype in ("passport", "mrz", "a_number") for _, subtype in ids)


def test_group_photo_exposes_other_peoples_faces(scanned):
    store, planted = scanned
    groups = [p for p in planted if p["what"] == "faces"]
    if not groups:
        pytest.skip("no real face images available (scikit-image sample data)")
    found = {f["source"]: f for f in _findings(store, "identity.face")}
    for p in groups:
        boxes = json.loads(found[p["source"]]["extra"])["boxes"]
        assert len(boxes) == p["value"]


def test_perceptual_hashes_are_kept_for_every_photo(scanned):
    store, _ = scanned
    rows = (
        db(store)
        .execute(
            "SELECT json_extract(extra, '$.image.phash') FROM records WHERE kind = 'media' AND source LIKE '%.jpg'"
        )
        .fetchall()
    )
    assert rows and all(r[0] and len(r[0]) == 16 for r in rows)


def test_a_scan_without_photo_checks_is_completed_by_a_later_scan_with_them(tmp_path):
    """--no-faces/--no-ocr then a full scan: the photos are read again (not skipped as unchanged),
    their faces appear, and each photo is still one record; a later --no-faces scan re-reads nothing."""
    out = tmp_path / "export"
    labels = generate(out, seed=5, size="tiny", platforms=("files",))
    if not any(p["what"] == "faces" for p in labels["platforms"]["files"]["planted"]):
        pytest.skip("no real face images available (scikit-image sample data)")
    folder = out / labels["platforms"]["files"]["path"]
    store = open_store(tmp_path / "ws")

    def media_rows():
        return db(store).execute("SELECT source, count(*) FROM records WHERE kind = 'media' GROUP BY source").fetchall()

    first = scan([folder], store, checks=PhotoChecks(faces=False, ocr=False))[0]
    assert first.read > 0 and not _findings(store, "identity.face")
    photos = len(media_rows())

    second = scan([folder], store)[0]
    # Phase 1 finds every member read; phase 2 checks the photos' pixels.
    assert second.photos_checked >= sum(
        1 for s, _ in media_rows() if s.lower().endswith((".jpg", ".png", ".webp", ".heic"))
    )
    assert _findings(store, "identity.face")
    assert len(media_rows()) == photos and all(n == 1 for _, n in media_rows())

    third = scan([folder], store, checks=PhotoChecks(faces=False))[0]
    assert third.read == 0 and third.photos_checked == 0 and _findings(store, "identity.face")
    store.close()


def test_worker_processes_do_the_photo_checks_the_scan_asked_for(tmp_path, monkeypatch):
    """The photo checks reach worker processes as an argument, not through the environment: on a
    folder big enough to be read in parallel, faces are looked for in every photo when asked, and
    in none when not (the other check still on, so the photos still go to the workers)."""
    import random

    from cuidado.fixtures.image_scenes import face_scene, faces_available

    if not faces_available():
        pytest.skip("no real face images available (scikit-image sample data)")
    folder = tmp_path / "photos"
    folder.mkdir()
    scene, _ = face_scene(random.Random(1), 0)
    for n in range(PARALLEL_MIN_MEMBERS):
        scene.convert("RGB").save(folder / f"photo-{n:02d}.jpg", quality=85)
    in_workers = []
    map_members = pipeline._Pool.map_members

    def spy(self, parts, label, platform, batches, checks):
        in_workers.append((len(batches), checks))
        return map_members(self, parts, label, platform, batches, checks)

    monkeypatch.setattr(pipeline._Pool, "map_members", spy)

    def faces_per_photo(workspace, checks: PhotoChecks) -> list[int]:
        store = open_store(workspace)
        try:
            result = scan([folder], store, jobs=2, checks=checks)[0]
            images = [
                json.loads(extra or "{}").get("image")
                for (extra,) in db(store).execute("SELECT extra FROM records WHERE kind = 'media' ORDER BY time, id")
            ]
        finally:
            store.close()
        assert result.read == PARALLEL_MIN_MEMBERS and not result.skipped and all(images)
        return [len(image.get("faces", ())) for image in images]

    assert faces_per_photo(tmp_path / "without", PhotoChecks(faces=False)) == [0] * PARALLEL_MIN_MEMBERS
    with_faces = faces_per_photo(tmp_path / "with", PhotoChecks(ocr=False))
    assert len(with_faces) == PARALLEL_MIN_MEMBERS and min(with_faces) > 0 and len(set(with_faces)) == 1
    assert in_workers == [
        (PARALLEL_MIN_MEMBERS, PhotoChecks(faces=False)),
        (PARALLEL_MIN_MEMBERS, PhotoChecks(ocr=False)),
    ]


def test_photos_read_by_older_pixel_checks_are_read_again_and_nothing_else(tmp_path, monkeypatch):
    """When the pixel checks change (PIXEL_CHECKS_VERSION), a re-scan reads the photos again, and
    only them: other files keep their earlier reading."""
    import cuidado.importers.media_record as media_record

    out = tmp_path / "export"
    labels = generate(out, seed=5, size="tiny", platforms=("files",))
    folder = out / labels["platforms"]["files"]["path"]
    store = open_store(tmp_path / "ws")
    monkeypatch.setattr(media_record, "PIXEL_CHECKS_VERSION", "older")
    first = scan([folder], store)[0]
    photos = sum(
        1
        for (source,) in db(store).execute("SELECT source FROM records WHERE kind = 'media'")
        if media_record.is_photo_path(source)
    )
    assert first.read > photos > 0
    monkeypatch.setattr(media_record, "PIXEL_CHECKS_VERSION", "newer")
    second = scan([folder], store)[0]
    # Phase 1 (metadata) finds every member read; phase 2 checks the photos' pixels again, only them.
    assert second.read == 0 and second.already == first.read and second.photos_checked == photos
    third = scan([folder], store)[0]
    assert third.read == 0 and third.photos_checked == 0
    store.close()


def test_photos_read_for_metadata_alone_go_to_the_workers_by_the_batch(tmp_path, monkeypatch):
    """Without pixel checks a photo costs less than handing it to a worker alone: a folder stays in
    the main process unless the workers run already or it holds LIGHT_ALONE_MIN photos, and then
    goes to them LIGHT_BATCH photos at a time; every photo is read either way, and with a pixel
    check on each photo is a task of its own."""
    from cuidado.fixtures import media as fx

    def folder_of(name: str, count: int) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for i in range(count):
            fx.make_jpeg(folder / f"IMG_{i:04d}.jpg", lat=40.0 + i / 1000, lon=-3.7, seed=i)
        return folder

    tasks: list[list[str]] = []
    real_map = pipeline._Pool.map_members

    def spy(self, parts, label, platform, batches, checks):
        tasks.extend(batches)
        return real_map(self, parts, label, platform, batches, checks)

    monkeypatch.setattr(pipeline._Pool, "map_members", spy)
    small = folder_of("small", pipeline.PARALLEL_MIN_MEMBERS + 5)  # one batch: not worth a worker
    store = open_store(tmp_path / "ws")
    result = scan([small], store, jobs=2, checks=PhotoChecks(faces=False, ocr=False))[0]
    assert result.read == pipeline.PARALLEL_MIN_MEMBERS + 5 and tasks == []
    assert len(_findings(store, "location.media_gps")) == result.read
    store.close()

    monkeypatch.setattr(pipeline, "LIGHT_ALONE_MIN", 2 * pipeline.LIGHT_BATCH)  # not 5,000 photos in a test
    big = folder_of("big", 2 * pipeline.LIGHT_BATCH + 3)
    store = open_store(tmp_path / "ws-big")
    result = scan([big], store, jobs=2, checks=PhotoChecks(faces=False, ocr=False))[0]
    assert result.read == 2 * pipeline.LIGHT_BATCH + 3 and not result.skipped
    assert sorted(len(t) for t in tasks) == [3, pipeline.LIGHT_BATCH, pipeline.LIGHT_BATCH]
    assert sorted(p for t in tasks for p in t) == sorted(p.name for p in big.iterdir())
    assert len(_findings(store, "location.media_gps")) == result.read
    store.close()

    tasks.clear()  # with a pixel check on, phase 2 hands each photo over alone
    store = open_store(tmp_path / "ws-checked")
    assert scan([small], store, jobs=2, checks=PhotoChecks(faces=False))[0].photos_checked == len(list(small.iterdir()))
    assert len(tasks) == pipeline.PARALLEL_MIN_MEMBERS + 5 and all(len(t) == 1 for t in tasks)
    store.close()


def test_a_big_scan_starts_its_fork_server_before_reading_and_a_small_one_does_not(tmp_path, monkeypatch):
    """The workers' fork server takes about a second to import: a scan of at least WARM_UP_BYTES
    starts it before reading its first input (which the main process reads meanwhile); a small
    scan never starts one it may not need."""
    from cuidado.fixtures import media as fx

    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    for i in range(3):
        fx.make_jpeg(folder / "sub" / f"IMG_{i:04d}.jpg", lat=40.0, lon=-3.7, seed=i)
    size = sum(p.stat().st_size for p in folder.rglob("*.jpg"))
    assert pipeline._at_least(size, [folder]) and not pipeline._at_least(size + 1, [folder])
    assert not pipeline._at_least(1, [tmp_path / "missing"])
    deep = deep_folder(tmp_path / "deep", 1200)  # deeper than Python's recursion limit
    try:
        # Counted as the scan reads it: the sources' walk, which refuses files that deep.
        assert not pipeline._at_least(4, [deep])
    finally:
        remove_deep(deep)

    warmed = []
    monkeypatch.setattr(pipeline._Pool, "warm_up", lambda self: warmed.append(self.jobs))
    for threshold, expected in ((size + 1, []), (size, [2])):
        monkeypatch.setattr(pipeline, "WARM_UP_BYTES", threshold)
        warmed.clear()
        store = open_store(tmp_path / f"ws-{threshold}")
        assert scan([folder], store, jobs=2, checks=PhotoChecks(faces=False, ocr=False))[0].read == 3
        store.close()
        assert warmed == expected

    monkeypatch.undo()  # the real warm-up: a fork server started and never used ends with the scan
    monkeypatch.setattr(pipeline, "WARM_UP_BYTES", 1)
    store = open_store(tmp_path / "ws-real")
    result = scan([folder], store, jobs=2, checks=PhotoChecks(faces=False, ocr=False))[0]
    store.close()
    assert result.read == 3 and not result.skipped
