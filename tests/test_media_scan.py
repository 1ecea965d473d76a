"""A photo folder with planted GPS photos, located videos, photos of documents and a group photo
yields each planted finding when scanned (the media issue's end-to-end check)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import db, hash_tree
from cuidado.fixtures.generate import generate
from cuidado.pipeline import scan
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
        assert any(f["source"] == p["source"] and abs(f["lat"] - p["lat"]) < 1e-5 and abs(f["lon"] - p["lon"]) < 1e-5
                   for f in found), p["source"]
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
    rows = db(store).execute("SELECT json_extract(extra, '$.image.phash') FROM records WHERE kind = 'media' "
                              "AND source LIKE '%.jpg'").fetchall()
    assert rows and all(r[0] and len(r[0]) == 16 for r in rows)


def test_a_scan_without_photo_checks_is_completed_by_a_later_scan_with_them(tmp_path, monkeypatch):
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

    monkeypatch.setenv("CUIDADO_FACES", "0")
    monkeypatch.setenv("CUIDADO_OCR", "0")
    first = scan([folder], store)[0]
    assert first.read > 0 and not _findings(store, "identity.face")
    photos = len(media_rows())

    monkeypatch.delenv("CUIDADO_FACES")
    monkeypatch.delenv("CUIDADO_OCR")
    second = scan([folder], store)[0]
    assert second.read >= sum(1 for s, _ in media_rows() if s.lower().endswith((".jpg", ".png", ".webp", ".heic")))
    assert _findings(store, "identity.face")
    assert len(media_rows()) == photos and all(n == 1 for _, n in media_rows())

    monkeypatch.setenv("CUIDADO_FACES", "0")
    third = scan([folder], store)[0]
    assert third.read == 0 and _findings(store, "identity.face")
    store.close()
