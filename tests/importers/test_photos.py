"""Plain photo folders: generated folders read exactly as labelled (EXIF places on the media
records, the Google Photos sidecar as a location record), junk ignored, real test images read,
and a folder of photos never outbids a platform export."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import shared_sample
from cuidado.fixtures.exports import files as files_fixture
from cuidado.fixtures.exports import whatsapp as whatsapp_fixture
from cuidado.fixtures.generate import SIZES
from cuidado.fixtures.media import make_jpeg
from cuidado.fixtures.persona import make_persona
from cuidado.importers.photos import PhotosImporter
from cuidado.importers.run import read_all
from cuidado.importers.whatsapp import WhatsAppImporter
from cuidado.inputs.sources import open_source
from cuidado.models import Kind


def read(path: Path):
    with open_source([path]) as source:
        return read_all(source, PhotosImporter())


def digests(root: Path) -> dict[str, str]:
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def paths(path: Path) -> list[str]:
    with open_source([path]) as source:
        return [m.lower for m in source.members]


def build(tmp_path: Path, size: str, seed: int = 3):
    persona = make_persona(seed, years=SIZES[size].years)
    labels = files_fixture.build(tmp_path, random.Random(f"{seed}-files"), persona, SIZES[size])
    return tmp_path / labels.path, labels


@pytest.mark.parametrize("size", ["tiny", "small"])
def test_generated_folder_reads_exactly_as_labelled(tmp_path, size):
    path, labels = build(tmp_path, size)
    before = digests(path)
    records, skipped = read(path)
    assert digests(path) == before
    assert skipped == []  # .DS_Store and Thumbs.db are neither records nor complaints
    assert dict(Counter(str(r.kind) for r in records)) == labels.counts
    assert not any("ds_store" in r.source.lower() or "thumbs.db" in r.source.lower() for r in records)
    times = sorted(r.time for r in records if r.time)
    assert (times[0].isoformat(), times[-1].isoformat()) == (labels.first, labels.last)
    by_source = {r.source: r for r in records}
    for item in labels.planted:
        record = by_source[item["source"]]
        if "lat" in item:
            assert abs(record.lat - item["lat"]) < 1e-6 and abs(record.lon - item["lon"]) < 1e-6, item
        elif item["what"] in ("device_serial", "owner_name"):  # in the metadata the media reader kept
            assert item["value"] in json.dumps(record.extra), item
        # photos of documents and group photos are checked end to end in tests/test_media_scan.py
    assert sum(1 for item in labels.planted if item.get("in") == "quicktime") == SIZES[size].videos


def test_sidecar_record_points_at_its_photo(tmp_path):
    path, labels = build(tmp_path, "tiny")
    records = read(path)[0]
    (place,) = [r for r in records if r.kind == Kind.LOCATION]
    photo = place.source.removesuffix(".supplemental-metadata.json")
    assert place.media[0].path == photo and place.media[0].size == (path / photo).stat().st_size
    assert place.extra["sidecar"] == "google_photos" and place.by_self is True
    stamp = json.loads((path / place.source).read_text())["photoTakenTime"]["timestamp"]
    assert place.time.timestamp() == int(stamp)


def _sidecar(lat, lon, stamp="1650000000", title=None, exif=None) -> bytes:
    data = {
        "title": title,
        "photoTakenTime": {"timestamp": stamp},
        "geoData": {"latitude": lat, "longitude": lon, "altitude": 0.0},
    }
    if exif:
        data["geoDataExif"] = {"latitude": exif[0], "longitude": exif[1]}
    return json.dumps(data).encode()


def test_sidecar_name_variants_zero_places_and_a_broken_one(tmp_path):
    folder = tmp_path / "Takeout photos"
    folder.mkdir()
    for name in ("IMG_1.jpg", "IMG_1(1).jpg", "IMG_2.JPG", "IMG_3.jpg", "IMG_4.jpg"):
        (folder / name).write_bytes(make_jpeg(seed=len(name), size=(8, 8)))
    (folder / "IMG_1.jpg.json").write_bytes(_sidecar(19.4326, -99.1332, title="IMG_1.jpg"))  # older layout
    (folder / "IMG_1.jpg(1).json").write_bytes(_sidecar(19.5, -99.2, title="IMG_1.jpg"))  # the second IMG_1
    (folder / "IMG_2.JPG.supplemental-metad.json").write_bytes(_sidecar(0.0, 0.0, exif=(34.05, -118.25)))
    (folder / "IMG_3.jpg.supplemental-metadata.json").write_bytes(_sidecar(0.0, 0.0))  # no place at all
    (folder / "IMG_4.jpg.supplemental-metadata.json").write_bytes(b'{"title": "IMG_4.jpg", "geoData": {')
    records, skipped = read(folder)
    assert [(s.member, s.reason.split(" (")[0]) for s in skipped] == [
        ("IMG_4.jpg.supplemental-metadata.json", "invalid JSON")
    ]
    places = {r.source: r for r in records if r.kind == Kind.LOCATION}
    assert sorted(places) == ["IMG_1.jpg(1).json", "IMG_1.jpg.json", "IMG_2.JPG.supplemental-metad.json"]
    assert places["IMG_1.jpg.json"].media[0].path == "IMG_1.jpg"
    assert places["IMG_1.jpg(1).json"].media[0].path == "IMG_1(1).jpg"
    assert (places["IMG_2.JPG.supplemental-metad.json"].lat, places["IMG_2.JPG.supplemental-metad.json"].lon) == (
        34.05,
        -118.25,
    )
    assert places["IMG_1.jpg.json"].time.isoformat() == "2022-04-15T05:20:00+00:00"
    assert Counter(r.kind for r in records)[Kind.MEDIA] == 5


def test_real_test_images_and_a_single_photo(tmp_path):
    folder = shared_sample("media")
    before = digests(folder)
    records, skipped = read(folder)
    assert digests(folder) == before
    assert skipped == []
    assert Counter(r.kind for r in records) == {Kind.MEDIA: 8}
    # What ExifTool reads as GPS from these files (SOURCES.md).
    expected = {
        "Apple.jpg": (53.3828472222222, -1.45667777777778),
        "Google.jpg": (40.4000694444444, -3.71464722222222),
        "GoPro.jpg": (40.6584191999722, -73.9933542999722),
        "GPS.jpg": (54.9896666666667, -1.91416666666667),
    }
    found = {r.source: (r.lat, r.lon) for r in records}
    for name, (lat, lon) in expected.items():
        assert abs(found[name][0] - lat) < 1e-6 and abs(found[name][1] - lon) < 1e-6, name
    single = tmp_path / "one.jpg"
    shutil.copy(folder / "GPS.jpg", single)
    records, skipped = read(single)
    assert skipped == [] and [(r.kind, r.source) for r in records] == [(Kind.MEDIA, "one.jpg")]


def test_macos_junk_in_a_zip_is_ignored(tmp_path):
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photos/IMG_1.jpg", make_jpeg(seed=1, size=(8, 8)))
        archive.writestr("__MACOSX/photos/._IMG_1.jpg", b"\x00\x05\x16\x07")
        archive.writestr("photos/desktop.ini", b"[.ShellClassInfo]")
    records, skipped = read(path)
    assert skipped == [] and [r.source for r in records] == ["photos/IMG_1.jpg"]


def test_sniff_is_low_and_yields_to_real_exports(tmp_path):
    importer = PhotosImporter()
    path, _ = build(tmp_path / "photos", "tiny")
    assert importer.sniff(paths(path)) == 30
    assert importer.sniff(["scan.pdf", "notes.txt", "a.docx", "photo.jpg"]) == 10
    persona = make_persona(3, years=0.5)
    chats = whatsapp_fixture.build(tmp_path / "wa", random.Random("3-whatsapp"), persona, SIZES["tiny"])
    chat_paths = paths(tmp_path / "wa" / chats.path)
    assert importer.sniff(chat_paths) == 0 < WhatsAppImporter().sniff(chat_paths)
    assert importer.sniff(["data/tweets.js", "data/tweets_media/1-a.jpg", "data/tweets_media/2-b.jpg"]) == 0
    assert WhatsAppImporter().sniff(paths(path)) == 0
    # A Takeout of Google Photos alone is a photo folder; one with YouTube belongs to that importer.
    album = "takeout/google photos/photos from 2024/"
    takeout = [album + "img_1.jpg", album + "img_1.jpg.json"]
    assert importer.sniff(takeout) == 30
    assert importer.sniff(takeout + ["takeout/youtube and youtube music/history/watch-history.json"]) == 0


@pytest.mark.parametrize("folder, score", [("media", 30), ("twitter", 0), ("tiktok", 0), ("whatsapp", 0)])
def test_sniff_on_the_real_samples(folder, score):
    assert PhotosImporter().sniff(paths(shared_sample(folder))) == score, folder
