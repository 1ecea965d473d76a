"""Media metadata reader: real samples against ExifTool, planted fixtures, zip members, hostile input."""

from __future__ import annotations

import io
import json
import random
import shutil
import struct
import subprocess
import time
import zipfile
import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import shared_sample
from cuidado.fixtures import media as fx
from cuidado.media import MediaError, MediaMeta, read_metadata, read_metadata_path
from cuidado.media.quicktime import parse_iso6709
from cuidado.media.stream import Stream
from cuidado.media.xmp import gps_coordinate

SAMPLE_NAMES = [
    "Apple.jpg",
    "GPS.jpg",
    "GoPro.jpg",
    "Google.jpg",
    "XMP.jpg",
    "PNG.png",
    "QuickTime.heic",
    "QuickTime.mov",
]
# What ExifTool 12.57 reads (shared/samples/SOURCES.md), so these hold without ExifTool too.
KNOWN_GPS = {
    "Apple.jpg": (53.3828472222222, -1.45667777777778),
    "Google.jpg": (40.4000694444444, -3.71464722222222),
    "GoPro.jpg": (40.6584191999722, -73.9933542999722),
    "GPS.jpg": (54.9896666666667, -1.91416666666667),
}
SERIAL_TAGS = (
    "SerialNumber",
    "LensSerialNumber",
    "ImageUniqueID",
    "InternalSerialNumber",
    "CameraSerialNumber",
    "ContentIdentifier",
)
MOVIE_FORMATS = {"mp4", "mov", "3gp"}
EXIFTOOL = shutil.which("exiftool")

CEST = timezone(timedelta(hours=2))
PLANTED = dict(
    lat=48.858370, lon=2.294481, taken=datetime(2022, 7, 14, 21, 30, 5, tzinfo=CEST), make="FixtureCam", model="FC-1"
)


def sample(name: str) -> Path:
    return shared_sample(f"media/{name}")


def exiftool_read(*paths: Path) -> dict[str, dict]:
    if not EXIFTOOL:
        pytest.skip("exiftool is not installed")
    out = subprocess.run([EXIFTOOL, "-j", "-n", *map(str, paths)], capture_output=True, check=True)
    return {Path(item["SourceFile"]).name: item for item in json.loads(out.stdout)}


def assert_matches_exiftool(meta: MediaMeta, et: dict) -> None:
    lat, lon = et.get("GPSLatitude"), et.get("GPSLongitude")
    if lat is not None and lon is not None and (lat, lon) != (0, 0):
        assert meta.lat == pytest.approx(lat, abs=1e-6)
        assert meta.lon == pytest.approx(lon, abs=1e-6)
    else:
        assert meta.lat is None and meta.lon is None
    # ExifTool names Android's keys apart; we file them as the make and model they are.
    for ours, theirs, android in ((meta.make, "Make", "AndroidManufacturer"), (meta.model, "Model", "AndroidModel")):
        expected = et.get(theirs, et.get(android))
        assert ours == (str(expected).strip() if expected is not None else None), theirs
    when = et.get("DateTimeOriginal") or et.get("CreateDate")
    if when and not str(when).startswith("0000"):
        assert meta.taken is not None
        if meta.format in MOVIE_FORMATS:  # ExifTool shows QuickTime dates as stored: UTC
            ours = datetime.fromisoformat(meta.taken).astimezone(UTC).strftime("%Y:%m:%d %H:%M:%S")
            assert ours == when
        else:
            assert meta.taken[:19] == when[:10].replace(":", "-") + "T" + when[11:19]
    else:
        assert meta.taken is None
    theirs = {str(et[tag]) for tag in SERIAL_TAGS if tag in et}
    assert set(meta.serials.values()) == theirs
    if "ImageWidth" in et:
        assert (meta.width, meta.height) == (et["ImageWidth"], et["ImageHeight"])


# --- real samples ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_reads_without_warnings(name):
    meta = read_metadata_path(sample(name))
    assert meta.format == name.rsplit(".", 1)[1].replace("jpg", "jpeg")
    assert meta.warnings == []
    if name in KNOWN_GPS:
        lat, lon = KNOWN_GPS[name]
        assert meta.lat == pytest.approx(lat, abs=1e-6)
        assert meta.lon == pytest.approx(lon, abs=1e-6)
        assert meta.sources == ["exif"]
    else:
        assert meta.lat is None and meta.sources == []


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_matches_exiftool(name):
    path = sample(name)
    assert_matches_exiftool(read_metadata_path(path), exiftool_read(path)[name])


def test_sample_known_values():
    gopro = read_metadata_path(sample("GoPro.jpg"))
    assert (gopro.make, gopro.model, gopro.taken) == ("GoPro", "HERO6 Black", "2017-10-03T10:58:29")
    assert gopro.serials == {"BodySerialNumber": "C3221324657219"}
    assert gopro.altitude == pytest.approx(-3.983)  # GPSAltitudeRef 1: below sea level
    google = read_metadata_path(sample("Google.jpg"))
    assert google.taken == "2023-10-06T22:53:51+02:00"  # OffsetTimeOriginal applied
    assert google.has_thumbnail
    gps = read_metadata_path(sample("GPS.jpg"))
    assert gps.owner == {"Artist": "Ian Britton", "Copyright": "ian Britton - FreeFoto.com"}
    xmp = read_metadata_path(sample("XMP.jpg"))  # UTF-16 XMP packet
    assert xmp.owner["Creator"] == "Phil Harvey"
    assert xmp.xmp_location == "Kingston, Ont, Canada"
    assert not xmp.has_thumbnail  # IFD1 present but ThumbnailLength 0
    mov = read_metadata_path(sample("QuickTime.mov"))
    assert mov.taken == "2005-08-11T14:03:54+00:00"
    assert mov.owner["Artist"] == "årtist"
    assert (mov.width, mov.height) == (320, 240)
    heic = read_metadata_path(sample("QuickTime.heic"))
    assert (heic.width, heic.height) == (1596, 1064)


def test_png_trailing_xmp_needs_deep():
    assert read_metadata_path(sample("PNG.png")).owner == {}
    assert read_metadata_path(sample("PNG.png"), deep=True).owner == {"Creator": "Phil Harvey"}


def test_samples_read_the_same_from_a_zip(tmp_path):
    archive = tmp_path / "samples.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in SAMPLE_NAMES:
            zf.write(sample(name), f"media/{name}")
    with zipfile.ZipFile(archive) as zf:
        for name in SAMPLE_NAMES:
            with zf.open(f"media/{name}") as fp:
                assert read_metadata(fp, name).to_dict() == read_metadata_path(sample(name)).to_dict()


# --- generated fixtures ---------------------------------------------------------------------


def _generated(tmp_path: Path) -> dict[str, Path]:
    files = {
        "plain.jpg": lambda p: fx.make_jpeg(
            p,
            serial="BODY-77",
            lens_serial="LENS-5",
            unique_id="U1",
            owner="Ana Example",
            artist="Ana",
            altitude=35.5,
            software="FirmWare 2",
            thumbnail=True,
            **PLANTED,
        ),
        "exif.png": lambda p: fx.make_png(p, serial="BODY-77", **PLANTED),
        "raw_profile.png": lambda p: fx.make_png(p, raw_profile=True, **PLANTED),
        "photo.webp": lambda p: fx.make_webp(p, owner="Ana Example", **PLANTED),
        "photo.heic": lambda p: fx.make_heic(p, serial="BODY-77", **PLANTED),
        "clip.mp4": lambda p: fx.make_mp4(p, software="7.1", **PLANTED),
        "late_moov.mov": lambda p: fx.make_mov(p, moov_first=False, altitude=12.0, **PLANTED),
        "android.mp4": lambda p: fx.make_mp4(p, android=True, software="14", moov_first=False, **PLANTED),
    }
    out = {}
    for name, make in files.items():
        make(tmp_path / name)
        out[name] = tmp_path / name
    return out


def test_generated_files_round_trip(tmp_path):
    files = _generated(tmp_path)
    expected_format = {
        "plain.jpg": "jpeg",
        "exif.png": "png",
        "raw_profile.png": "png",
        "photo.webp": "webp",
        "photo.heic": "heic",
        "clip.mp4": "mp4",
        "late_moov.mov": "mov",
        "android.mp4": "mp4",
    }
    for name, path in files.items():
        meta = read_metadata_path(path)
        assert meta.format == expected_format[name], name
        assert meta.lat == pytest.approx(PLANTED["lat"], abs=1e-6), name
        assert meta.lon == pytest.approx(PLANTED["lon"], abs=1e-6), name
        assert (meta.make, meta.model) == ("FixtureCam", "FC-1"), name
        assert (meta.width, meta.height) == (64, 48), name
        assert meta.warnings == [], name
        if name == "android.mp4":  # only the UTC movie header carries the time
            assert meta.taken == "2022-07-14T19:30:05+00:00"
            assert meta.software == "Android 14"
        else:
            assert meta.taken == "2022-07-14T21:30:05+02:00", name
    jpeg = read_metadata_path(files["plain.jpg"])
    assert jpeg.serials == {"BodySerialNumber": "BODY-77", "LensSerialNumber": "LENS-5", "ImageUniqueID": "U1"}
    assert jpeg.owner == {"Artist": "Ana", "CameraOwnerName": "Ana Example"}
    assert jpeg.has_thumbnail and jpeg.altitude == pytest.approx(35.5) and jpeg.software == "FirmWare 2"
    assert read_metadata_path(files["photo.heic"]).serials == {"BodySerialNumber": "BODY-77"}
    assert read_metadata_path(files["late_moov.mov"]).altitude == pytest.approx(12.0)
    assert read_metadata_path(files["clip.mp4"]).sources == ["quicktime"]


def test_generated_files_read_the_same_from_a_zip_member(tmp_path):
    files = _generated(tmp_path)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, path in files.items():
            zf.write(path, f"photos/{name}")
    with zipfile.ZipFile(archive) as zf:
        for name, path in files.items():
            with zf.open(f"photos/{name}") as fp:
                assert read_metadata(fp, name).to_dict() == read_metadata_path(path).to_dict(), name


def test_exiftool_reads_planted_values(tmp_path):
    files = _generated(tmp_path)
    found = exiftool_read(*files.values())
    for name, path in files.items():
        et = found[name]
        assert et["GPSLatitude"] == pytest.approx(PLANTED["lat"], abs=1e-6), name
        assert et["GPSLongitude"] == pytest.approx(PLANTED["lon"], abs=1e-6), name
        assert et.get("Make", et.get("AndroidManufacturer")) == "FixtureCam", name
        assert_matches_exiftool(read_metadata_path(path), et)


def test_real_heic_from_pillow_heif(tmp_path):
    pillow_heif = pytest.importorskip("pillow_heif")
    from PIL import Image

    pillow_heif.register_heif_opener()
    exif = fx.exif_bytes(serial="H-1", **PLANTED)
    path = tmp_path / "real.heic"
    Image.new("RGB", (64, 48), "teal").save(path, format="HEIF", exif=exif, quality=50)
    meta = read_metadata_path(path)
    assert meta.lat == pytest.approx(PLANTED["lat"], abs=1e-6)
    assert meta.serials == {"BodySerialNumber": "H-1"}
    assert_matches_exiftool(meta, exiftool_read(path)["real.heic"])


def test_xmp_gps_and_text(tmp_path):
    packet = fx.xmp_packet(
        lat=-33.8568, lon=151.2153, creator="Sam &amp; Co", city="Sydney", country="Australia", serial="X-9"
    )
    meta = read_metadata(io.BytesIO(fx.make_jpeg(None, xmp=packet)))
    assert meta.lat == pytest.approx(-33.8568, abs=1e-6)
    assert meta.lon == pytest.approx(151.2153, abs=1e-6)
    assert meta.sources == ["xmp"]
    assert meta.owner == {"Creator": "Sam & Co"}
    assert meta.serials == {"SerialNumber": "X-9"}
    assert meta.xmp_location == "Sydney, Australia"
    # EXIF wins over XMP; both sources are still recorded.
    both = read_metadata(io.BytesIO(fx.make_jpeg(None, xmp=packet, **PLANTED)))
    assert both.lat == pytest.approx(PLANTED["lat"], abs=1e-6)
    assert both.sources == ["exif", "xmp"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("51,30.12N", 51.502),
        ("51,30,7.2N", 51.502),
        ("0,7.65W", -0.1275),
        ("33,51.408S", -33.8568),
        ("-12.5", -12.5),
        ("12.5E", 12.5),
        ("nonsense", None),
        ("", None),
    ],
)
def test_xmp_coordinate_forms(text, expected):
    value = gps_coordinate(text)
    assert value == (pytest.approx(expected, abs=1e-9) if expected is not None else None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("+51.5012-000.1275+010.000/", (51.5012, -0.1275, 10.0)),
        ("+37.4219-122.0840/", (37.4219, -122.084, None)),
        ("+5130.072-00007.65/", (51.5012, -0.1275, None)),
        ("+513004.32-0000745.9/", (51.5012, -0.12941666666666668, None)),
        ("garbage", None),
    ],
)
def test_iso6709_forms(text, expected):
    got = parse_iso6709(text)
    if expected is None:
        assert got is None
    else:
        assert got[:2] == pytest.approx(expected[:2], abs=1e-9)
        assert got[2] == expected[2]


def test_zero_zero_position_is_unset():
    meta = read_metadata(io.BytesIO(fx.make_jpeg(None, lat=0.0, lon=0.0, make="X")))
    assert meta.lat is None and meta.lon is None and meta.sources == []
    movie = read_metadata(io.BytesIO(fx.make_mp4(None, lat=0.0, lon=0.0)))
    assert movie.lat is None and movie.sources == []


def test_text_lines_are_drawn():
    from PIL import Image

    plain = Image.open(io.BytesIO(fx.make_png(None, size=(200, 60)))).convert("L")
    text = Image.open(io.BytesIO(fx.make_png(None, size=(200, 60), text_lines=["Hello"]))).convert("L")
    assert text.getextrema()[0] < 80 and text.getpixel((199, 59)) > 240  # dark ink on white
    assert plain.tobytes() != text.tobytes()
    assert fx.make_jpeg(None, seed=3, **PLANTED) == fx.make_jpeg(None, seed=3, **PLANTED)


# --- reading discipline ---------------------------------------------------------------------


class Spy(io.RawIOBase):
    """A file that records how it is read: bytes returned and backward seeks."""

    def __init__(self, data: bytes, seekable: bool = True):
        self.data, self.pos, self._seekable = data, 0, seekable
        self.bytes_read = 0
        self.backward_seeks = 0

    def readable(self):
        return True

    def seekable(self):
        return self._seekable

    def tell(self):
        return self.pos

    def seek(self, offset, whence=0):
        if not self._seekable:
            raise io.UnsupportedOperation("seek")
        target = offset if whence == 0 else self.pos + offset if whence == 1 else len(self.data) + offset
        if target < self.pos:
            self.backward_seeks += 1
        self.pos = target
        return target

    def read(self, n=-1):
        n = len(self.data) - self.pos if n is None or n < 0 else n
        chunk = self.data[self.pos : self.pos + n]
        self.pos += len(chunk)
        self.bytes_read += len(chunk)
        return chunk


def test_moov_after_large_mdat_is_reached_by_skipping():
    data = fx.make_mov(None, moov_first=False, mdat_size=8 * 1024 * 1024, **PLANTED)
    spy = Spy(data)
    meta = read_metadata(spy)
    assert meta.lat == pytest.approx(PLANTED["lat"], abs=1e-6)
    assert spy.backward_seeks == 0
    assert spy.bytes_read < 200 * 1024  # the 8 MiB mdat was skipped, not read
    unseekable = Spy(data, seekable=False)
    assert read_metadata(unseekable).to_dict() == meta.to_dict()


def test_stream_serves_ranges_in_any_order():
    data = bytes(range(256)) * 1024
    for make in (
        lambda: Stream(None, data),
        lambda: Stream(io.BytesIO(data)),
        lambda: Stream(Spy(data)),
        lambda: Stream(Spy(data, seekable=False)),
    ):
        s = make()
        assert s.get(1000, 4) == data[1000:1004]
        assert s.get(65530, 100) == data[65530:65630]  # straddles a chunk boundary
        assert s.get(200_000, 10) == data[200_000:200_010]  # a forward jump
        assert s.get(len(data) - 3, 10) == data[-3:]  # short at the end
        assert s.get(len(data) + 5, 10) == b""
        if not isinstance(s.fp, Spy) or s.fp.seekable():
            assert s.get(0, 4) == data[:4]  # backwards: allowed where the file can seek
        else:
            with pytest.raises(MediaError):
                s.get(0, 4)


def test_stream_over_a_first_read_opens_the_rest_only_when_asked_past_it():
    data = bytes(range(256)) * 1024
    head = data[:16384]
    opened = []

    def rest():
        opened.append(True)
        fp = io.BytesIO(data)
        fp.seek(len(head))
        return fp

    s = Stream(None, head, rest)
    assert s.get(0, 4) == data[:4] and s.get(16380, 4) == data[16380:16384]
    assert not opened  # everything asked for was in the first read
    assert s.get(16380, 100) == data[16380:16480]  # straddles the end of the first read
    assert s.get(200_000, 10) == data[200_000:200_010]
    assert s.get(len(data) + 5, 10) == b""
    assert opened == [True]
    assert Stream(None, head, rest).size == len(data)  # asking the size opens the file too


def test_read_metadata_path_reaches_metadata_past_its_first_read(tmp_path):
    path = tmp_path / "late-moov.mov"
    path.write_bytes(fx.make_mov(None, moov_first=False, mdat_size=256 * 1024, **PLANTED))
    meta = read_metadata_path(path)
    assert meta.lat == pytest.approx(PLANTED["lat"], abs=1e-6)
    assert meta.to_dict() == read_metadata(io.BytesIO(path.read_bytes())).to_dict()


def test_jpeg_reading_stops_at_start_of_scan():
    data = fx.make_jpeg(None, size=(1600, 1200), **PLANTED) + bytes(1024 * 1024)  # stand-in for pixels
    spy = Spy(data)
    assert read_metadata(spy).lat is not None
    assert spy.bytes_read <= 64 * 1024 and spy.backward_seeks == 0


# --- hostile input --------------------------------------------------------------------------


def _read_quietly(data: bytes, budget: float = 1.0):
    """read_metadata must return or raise MediaError, and quickly."""
    start = time.perf_counter()
    try:
        result = read_metadata(io.BytesIO(data))
    except MediaError:
        result = None
    assert time.perf_counter() - start < budget
    return result


def _test_files(tmp_path, source: str) -> dict[str, bytes]:
    """The generated files, or the real samples (a separate case, so a clone without them still runs the first)."""
    if source == "real samples":
        return {name: sample(name).read_bytes() for name in SAMPLE_NAMES}
    blobs = {name: path.read_bytes() for name, path in _generated(tmp_path).items()}
    blobs["xmp.jpg"] = fx.make_jpeg(None, xmp=fx.xmp_packet(lat=1.5, lon=2.5, creator="C"), thumbnail=True)
    return blobs


@pytest.mark.parametrize("source", ["generated", "real samples"])
def test_truncated_files(tmp_path, source):
    for data in _test_files(tmp_path, source).values():
        for cut in sorted({*range(0, min(len(data), 600)), *range(0, len(data), max(1, len(data) // 300))}):
            _read_quietly(data[:cut])


@pytest.mark.parametrize("source", ["generated", "real samples"])
def test_corrupted_files(tmp_path, source):
    rng = random.Random(1234)
    for data in _test_files(tmp_path, source).values():
        for _ in range(150):
            broken = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                at = rng.randrange(min(len(broken), 4096))
                broken[at] = rng.randrange(256)
            _read_quietly(bytes(broken))


def test_random_bytes_behind_every_magic():
    rng = random.Random(99)
    magics = [
        b"",
        b"\xff\xd8\xff",
        b"\x89PNG\r\n\x1a\n",
        b"RIFF\xff\xff\xff\x7fWEBP",
        b"\x00\x00\x00\x18ftypheic",
        b"\x00\x00\x00\x18ftypisom",
        b"\x00\x00\x00\x18ftypqt  ",
        b"II*\x00",
        b"MM\x00*",
        b"GIF89a",
    ]
    for magic in magics:
        for _ in range(200):
            _read_quietly(magic + rng.randbytes(rng.randrange(0, 3000)))
    with pytest.raises(MediaError, match="not a recognised"):
        read_metadata(io.BytesIO(b"hello world, not a picture"))
    with pytest.raises(MediaError, match="empty"):
        read_metadata(io.BytesIO(b""))


def _jpeg_with_tiff(tiff: bytes) -> bytes:
    app1 = b"Exif\x00\x00" + tiff
    return b"\xff\xd8" + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + b"\xff\xda\x00\x02\xff\xd9"


def _tiff(entries: list[tuple[int, int, int, bytes]], next_ifd: int = 0, tail: bytes = b"") -> bytes:
    body = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        body += struct.pack("<HHL", tag, typ, count) + value.ljust(4, b"\x00")
    return b"II*\x00" + struct.pack("<L", 8) + body + struct.pack("<L", next_ifd) + tail


def test_ifd_loops_are_detected():
    # IFD0 at 8 points its Exif IFD, its GPS IFD and its next IFD back at itself.
    tiff = _tiff(
        [(0x010F, 2, 4, b"Cam\x00"), (0x8769, 4, 1, struct.pack("<L", 8)), (0x8825, 4, 1, struct.pack("<L", 8))],
        next_ifd=8,
    )
    meta = _read_quietly(_jpeg_with_tiff(tiff))
    assert meta.make == "Cam"
    assert any("loop" in w for w in meta.warnings)


def test_huge_declared_counts_and_lengths():
    # An IFD claiming 65535 entries, a string claiming 4 GiB, a GPS rational over zero.
    many = b"II*\x00" + struct.pack("<LH", 8, 0xFFFF) + b"\x00" * 24
    assert _read_quietly(_jpeg_with_tiff(many)).warnings == ["EXIF IFD claims 65535 entries"]
    gps_at = 8 + 2 + 3 * 12 + 4
    gps = struct.pack("<H", 2) + struct.pack("<HHL", 1, 2, 2) + b"N\x00\x00\x00"
    gps += struct.pack("<HHLL", 2, 5, 3, gps_at + 2 + 24 + 4) + struct.pack("<L", 0)
    gps += struct.pack("<6L", 51, 0, 30, 1, 0, 1)
    tiff = _tiff(
        [
            (0x010F, 2, 0xFFFFFFFF, struct.pack("<L", 8)),
            (0x0110, 2, 3, b"M1\x00"),
            (0x8825, 4, 1, struct.pack("<L", gps_at)),
        ],
        tail=gps,
    )
    meta = _read_quietly(_jpeg_with_tiff(tiff))
    assert meta.make is None and meta.model == "M1" and meta.lat is None
    # A JPEG segment longer than the file, a PNG chunk of 2 GiB, ISO boxes of absurd sizes.
    assert _read_quietly(b"\xff\xd8\xff\xe1\xff\xff" + b"Exif\x00\x00II*\x00").warnings
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">L4s", 0xFFFFFFF0, b"IHDR")
    assert _read_quietly(png) is None
    ftyp = struct.pack(">L4s4sL", 16, b"ftyp", b"isom", 0)
    big_moov = ftyp + struct.pack(">L4sQ", 1, b"moov", 1 << 62) + b"\x00" * 64
    assert _read_quietly(big_moov) is not None  # runs past the file: read what is there
    huge_mdat = ftyp + struct.pack(">L4s", 0xFFFFFFFF, b"mdat")
    assert _read_quietly(huge_mdat).warnings
    tiny_box = ftyp + struct.pack(">L4s", 3, b"moov")
    assert _read_quietly(tiny_box) is None


def test_unknown_size_stream_with_huge_boxes():
    """Without a known file size, huge declared boxes must not turn into huge reads."""
    ftyp = struct.pack(">L4s4sL", 16, b"ftyp", b"isom", 0)
    udta = struct.pack(">L4sQ", 1, b"udta", 1 << 40) + b"\x00" * 64
    data = ftyp + struct.pack(">L4sQ", 1, b"moov", 1 << 41) + udta
    spy = Spy(data, seekable=False)
    meta = read_metadata(spy)
    assert any("too large" in w for w in meta.warnings)
    assert spy.bytes_read == len(data)


def test_compression_bombs_are_capped():
    bomb = zlib.compress(b"0" * (64 * 1024 * 1024), 9)
    text = b"Raw profile type exif\x00\x00" + bomb
    chunk = struct.pack(">L4s", len(text), b"zTXt") + text + b"\x00" * 4
    png = fx.make_png(None)
    data = png[:33] + chunk + png[33:]
    start = time.perf_counter()
    meta = read_metadata(io.BytesIO(data))
    assert meta.width == 64 and time.perf_counter() - start < 2.0


def test_pathological_xmp_is_linear():
    packet = b"<x:xmpmeta>" + b"<photoshop:City " * 4000 + b"<exif:GPSLatitude>" * 4000
    data = fx.make_jpeg(None, xmp=packet[:60000])
    start = time.perf_counter()
    read_metadata(io.BytesIO(data))
    assert time.perf_counter() - start < 0.5
