"""The format registry holds together, and media reading and scrubbing see a file as the same format."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image

from cuidado.fixtures import media
from cuidado.media import formats
from cuidado.media.metadata import read_metadata_path
from cuidado.models import MEDIA_EXTENSIONS
from cuidado.scrub import ScrubError, scrub_file

TAKEN = "2024:05:01 21:14:09"
WRITERS = {  # one real file per format that the fixture writers make, with planted metadata
    "jpeg": ("a.jpg", lambda: media.make_jpeg(lat=19.43, lon=-99.13, taken=TAKEN, serial="X1")),
    "png": ("b.png", lambda: media.make_png(lat=19.43, lon=-99.13, taken=TAKEN)),
    "webp": ("c.webp", lambda: media.make_webp(lat=19.43, lon=-99.13, taken=TAKEN)),
    "heic": ("d.heic", lambda: media.make_heic(lat=19.43, lon=-99.13, taken=TAKEN)),
    "mp4": ("e.mp4", lambda: media.make_mp4(lat=19.43, lon=-99.13, taken=TAKEN)),
    "mov": ("f.mov", lambda: media.make_mov(lat=19.43, lon=-99.13, taken=TAKEN, moov_first=False)),
}


def _pillow(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (10, 200, 30)).save(out, fmt)
    return out.getvalue()


def test_names_and_extensions_are_declared_once():
    names = [f.name for f in formats.FORMATS]
    extensions = [ext for f in formats.FORMATS for ext in f.extensions]
    assert len(names) == len(set(names))
    assert len(extensions) == len(set(extensions))
    assert all(f.extensions and f.mimetypes for f in formats.FORMATS)
    assert all(ext.startswith(".") and ext == ext.lower() for ext in extensions)


def test_every_extension_read_as_media_is_a_registered_format():
    assert MEDIA_EXTENSIONS <= {ext for f in formats.FORMATS for ext in f.extensions}


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda f: f.name)
def test_a_cleaner_has_exactly_one_way_to_clean(fmt):
    if fmt.clean is not None:
        ways = [fmt.clean.in_memory is not None, fmt.clean.streamed is not None, fmt.clean.exiftool]
        assert sum(ways) == 1, fmt.name
        assert fmt.clean.method == ("exiftool" if fmt.clean.exiftool else "lossless")


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_reading_and_scrubbing_agree_on_the_format(name, tmp_path):
    filename, write = WRITERS[name]
    source = tmp_path / filename
    source.write_bytes(write())
    fmt = formats.sniff(source.read_bytes()[: formats.HEAD_SIZE])
    assert fmt is not None and fmt.name == name and source.suffix in fmt.extensions
    assert read_metadata_path(source).format == name
    if fmt.clean.exiftool and shutil.which("exiftool") is None:
        pytest.skip("ExifTool is not installed: the HEIC cleaner needs it")
    result = scrub_file(source, tmp_path / "out")
    assert (result.format, result.method) == (name, fmt.clean.method)
    assert read_metadata_path(result.output).format == name  # still the same format after cleaning


@pytest.mark.parametrize("pillow_format, name", [("GIF", "gif"), ("BMP", "bmp"), ("TIFF", "tiff")])
def test_formats_read_but_not_cleaned_are_refused_by_scrub_naming_the_file(pillow_format, name, tmp_path):
    source = tmp_path / f"picture.{name}"
    source.write_bytes(_pillow(pillow_format))
    assert read_metadata_path(source).format == name
    assert formats.by_name(name).clean is None
    with pytest.raises(ScrubError, match="picture"):
        scrub_file(source, tmp_path / "out")


def test_unknown_bytes_are_no_format():
    assert formats.sniff(b"hello, this is text, not a photo") is None
    assert formats.sniff(b"") is None
