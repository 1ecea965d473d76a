"""scrub: every supported format comes out with no GPS, serial, owner or date that ExifTool (or our
reader) can find; lossless formats keep identical pixels; originals are never touched."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import hash_tree, shared_sample
from cuidado.fixtures import media
from cuidado.media.metadata import read_metadata_path
from cuidado.scrub import ScrubError, scrub_file
from cuidado.scrub.verify import leftovers_exiftool

PLANTED = dict(
    lat=33.9731,
    lon=-118.2479,
    taken="2024:05:01 21:14:09",
    make="Apple",
    model="iPhone 12",
    serial="F2LXK1ABCD",
    owner="Maria Garcia",
)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    b'exif:GPSLatitude="33,58.386N" exif:GPSLongitude="118,14.874W" photoshop:City="Los Angeles"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
needs_exiftool = pytest.mark.skipif(shutil.which("exiftool") is None, reason="ExifTool is not installed")


def _heic(path: Path) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path, exif=media.exif_bytes(**PLANTED))


MAKERS = {
    "exif+thumbnail.jpg": lambda p: media.make_jpeg(p, thumbnail=True, xmp=XMP, **PLANTED),
    "plain.png": lambda p: media.make_png(p, xmp=XMP, raw_profile=True, **PLANTED),
    "photo.webp": lambda p: media.make_webp(p, xmp=XMP, **PLANTED),
    "phone.heic": _heic,
    "clip.mp4": lambda p: media.make_mp4(
        p, lat=33.9731, lon=-118.2479, taken="2024:05:01 21:14:09", make="Apple", model="iPhone 12"
    ),
    "late-moov.mov": lambda p: media.make_mov(
        p, lat=33.9731, lon=-118.2479, make="Apple", model="iPhone 12", moov_first=False
    ),
    "android.mp4": lambda p: media.make_mp4(p, lat=19.43, lon=-99.13, android=True, apple_keys=False),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
@needs_exiftool
def test_generated_files_come_out_clean(name, tmp_path):
    source = tmp_path / "in" / name
    source.parent.mkdir()
    MAKERS[name](source)
    assert read_metadata_path(source).lat is not None, "the planted GPS must be there to begin with"
    before = hash_tree(source)
    result = scrub_file(source, tmp_path / "out")
    assert hash_tree(source) == before
    assert leftovers_exiftool(result.output) == []
    meta = read_metadata_path(result.output)
    assert meta.lat is None and not meta.serials and not meta.owner and not meta.taken
    if name.endswith((".jpg", ".png", ".webp", ".heic")):
        assert result.pixels_unchanged
        with Image.open(source) as a, Image.open(result.output) as b:
            assert a.convert("RGB").tobytes() == b.convert("RGB").tobytes()


@needs_exiftool
@pytest.mark.parametrize(
    "sample",
    ["Apple.jpg", "Google.jpg", "GoPro.jpg", "GPS.jpg", "XMP.jpg", "PNG.png", "QuickTime.mov", "QuickTime.heic"],
)
def test_real_camera_files_come_out_clean(sample, tmp_path):
    result = scrub_file(shared_sample(f"media/{sample}"), tmp_path)
    assert leftovers_exiftool(result.output) == []
    proc = subprocess.run(
        ["exiftool", "-n", "-GPSLatitude", "-SerialNumber", "-DateTimeOriginal", "-s3", str(result.output)],
        capture_output=True,
        text=True,
    )
    assert proc.stdout.strip() == ""


def test_jpeg_orientation_is_kept_so_the_photo_stays_upright(tmp_path):
    source = tmp_path / "rotated.jpg"
    data = media.make_jpeg(lat=1.0, lon=2.0, serial="X1")
    with Image.open(__import__("io").BytesIO(data)) as im:
        exif = im.getexif()
        exif[0x0112] = 6
        im.save(source, exif=exif, quality=95)
    result = scrub_file(source, tmp_path / "out")
    with Image.open(result.output) as im:
        assert dict(im.getexif()) == {0x0112: 6}


def test_not_media_and_broken_files_are_errors_naming_the_file(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(ScrubError, match="notes.txt"):
        scrub_file(text, tmp_path / "out")
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(media.make_jpeg(lat=1.0, lon=1.0)[:30])
    with pytest.raises(ScrubError, match="broken.jpg"):
        scrub_file(broken, tmp_path / "out")
    assert not any((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else True


def test_cli_scrub_folder(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    media.make_jpeg(folder / "a.jpg", **PLANTED)
    media.make_png(folder / "b.png", **PLANTED)
    before = hash_tree(folder)
    proc = subprocess.run(
        [sys.executable, "-m", "cuidado", "scrub", str(folder), "--out", str(tmp_path / "clean")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "clean").iterdir()) == ["a.jpg", "b.png"]
    assert hash_tree(folder) == before
