"""Hostile input (issue 8 §5): exports built to hurt — zip bombs (flat, nested, lying about their
size), zip slip, links, odd zips (Deflate64, encryption, a nameless entry, a future zip version),
decompression-bomb images, JSON nested 100,000 deep (loaded whole and streamed), giant strings,
broken encodings and lone surrogates, truncated and polyglot media, megabyte WhatsApp lines, absurd
timestamps.

Each case is built here, beside members that are fine (copies of the generated tiny exports), and
scanned twice: through `cuidado.scan.pipeline.scan` (in a forked child, so a hang or a memory blow-up
fails the test instead of the test run) and through the command line. Every scan must end with no
traceback, in bounded time and memory, with each hostile member either read harmlessly or listed
with a clear reason — and every item of the good members beside it read exactly as in a clean scan.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import resource
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import traceback
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import SHARED_SAMPLES, db, hash_tree, list_tree

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="measures memory through /proc (Linux)")

MB = 1 << 20
SCAN_SECONDS = 180  # per scan; the slowest case takes a few seconds
PEAK_MB = 700  # memory a hostile scan may add on top of what the process held before it
CLI_BASE_MB = 300  # what `cuidado scan` itself holds, libraries included, before reading anything big
# An exception type in a skip reason means an importer met something it did not expect.
UNEXPECTED = re.compile(
    r"\((?:Overflow|UnicodeEncode|UnicodeDecode|Type|Attribute|Key|Index|ZeroDivision|Assertion|"
    r"Name|Unbound|Recursion|Memory|OS|Runtime)Error\b|Traceback"
)


# --- building hostile members ---------------------------------------------------------------


def _copy_zip(src: Path, dst: Path, add: dict[str, bytes | tuple] | None = None, drop: set[str] = frozenset()) -> Path:
    """Copy a zip, leaving out `drop` and adding `add` (name -> bytes, or (ZipInfo, bytes))."""
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in drop:
                new.writestr(info, old.read(info))
        for name, value in (add or {}).items():
            if isinstance(value, tuple):
                new.writestr(*value)
            else:
                new.writestr(name, value)
    return dst


def _symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o120777 << 16
    info.create_system = 3
    return info


def _lie_about_sizes(path: Path, name: str, *, file_size: int, compress_size: int | None = None) -> None:
    """Rewrite a member's declared sizes in the local header and the central directory."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<I", data, offset + 22, file_size)
    if compress_size is not None:
        struct.pack_into("<I", data, offset + 18, compress_size)
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == encoded:
            struct.pack_into("<I", data, pos + 24, file_size)
            if compress_size is not None:
                struct.pack_into("<I", data, pos + 20, compress_size)
        pos += 4
    path.write_bytes(bytes(data))


def _sample(name: str) -> bytes:
    """A real camera file from shared/samples, or a generated one with GPS when the samples are absent."""
    if (SHARED_SAMPLES / "media" / name).is_file():
        return (SHARED_SAMPLES / "media" / name).read_bytes()
    from cuidado.fixtures import media

    gps = {"lat": 29.75302, "lon": -95.331883, "make": "Apple", "model": "iPhone 13", "taken": "2024:05:01 18:22:03"}
    maker = {".jpg": media.make_jpeg, ".png": media.make_png, ".mov": media.make_mov, ".heic": media.make_heic}[
        Path(name).suffix.lower()
    ]
    try:
        return maker(**gps)
    except (TypeError, ValueError):
        return maker(lat=gps["lat"], lon=gps["lon"])


def _png(width: int, height: int, extra: bytes = b"") -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + extra
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


def _jpeg(width: int, height: int) -> bytes:
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + sof + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x00" * 32 + b"\xff\xd9"


def _webp(width: int, height: int) -> bytes:
    vp8x = (
        b"VP8X"
        + struct.pack("<I", 10)
        + b"\x00\x00\x00\x00"
        + (width - 1).to_bytes(3, "little")
        + (height - 1).to_bytes(3, "little")
    )
    return b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x


def _gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00;"


def _retime_jpeg(data: bytes, when: bytes) -> bytes:
    """Overwrite every EXIF date ("YYYY:MM:DD HH:MM:SS") in a JPEG with `when` (same length)."""
    return re.sub(rb"\d{4}:\d\d:\d\d \d\d:\d\d:\d\d", when, data)


def _fb_posts(items: list) -> bytes:
    return json.dumps(items).encode()


def _fb_post(text: str, timestamp=1767225600) -> dict:
    return {"timestamp": timestamp, "data": [{"post": text}], "title": "Maria updated her status."}


def _tweets(tweets: list[tuple[str, str, str]], part: int = 1) -> bytes:
    body = [
        {"tweet": {"id_str": i, "id": i, "full_text": text, "created_at": when, "lang": "es"}}
        for i, text, when in tweets
    ]
    return f"window.YTD.tweets.part{part} = ".encode() + json.dumps(body).encode()


def _chat(lines: list[str]) -> bytes:
    return "\n".join(lines).encode() + b"\n"


# --- the cases ------------------------------------------------------------------------------


@dataclass
class Case:
    inputs: list[Path]
    # input path -> (platform it copies, member paths of that copy whose items may differ from the clean scan)
    copies: dict[Path, tuple[str, set[str]]] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (member ends with, reason regex)
    records: dict[str, int] = field(default_factory=dict)  # member ends with -> at least this many items
    errors: dict[str, str | None] = field(default_factory=dict)  # input name -> regex of its whole-input error
    # (None: read or refused, either is right)
    check: Callable[[dict], None] | None = None  # anything else, on the outcome


class Builder:
    def __init__(self, tiny: Path, labels: dict, root: Path):
        self.tiny, self.labels, self.root = tiny, labels, root
        root.mkdir(parents=True, exist_ok=True)

    def source(self, platform: str) -> Path:
        return self.tiny / self.labels["platforms"][platform]["path"]

    def zip_copy(
        self, platform: str, add: dict | None = None, drop: set[str] = frozenset(), name: str | None = None
    ) -> Path:
        return _copy_zip(self.source(platform), self.root / (name or self.source(platform).name), add, drop)

    def folder_copy(self, platform: str, name: str | None = None) -> Path:
        dst = self.root / (name or self.source(platform).name)
        shutil.copytree(self.source(platform), dst, symlinks=True)
        return dst

    def unpacked(self, platform: str, name: str) -> Path:
        dst = self.root / name
        with zipfile.ZipFile(self.source(platform)) as archive:
            archive.extractall(dst)
        return dst


def case_zip_bombs(b: Builder) -> Case:
    posts = "your_facebook_activity/posts/"
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.json", b"\x00" * (32 * MB))
    fb = b.zip_copy(
        "facebook",
        add={
            posts + "your_posts_7.json": b"\x00" * (64 * MB),  # flat: inflates about 1,000 times
            posts + "your_posts_8.json": _fb_posts([_fb_post("small, but its header says 3.9 GB")]),
            posts + "your_posts_9.json": _fb_posts([_fb_post("both sizes in its header lie")]),
            "archive/nested.zip": inner.getvalue(),  # a bomb inside a zip inside the export
        },
    )
    _lie_about_sizes(fb, posts + "your_posts_8.json", file_size=3_900_000_000)
    _lie_about_sizes(fb, posts + "your_posts_9.json", file_size=3_900_000_000, compress_size=3_900_000_000)
    bomb = b.root / "WhatsApp Chat - Bomba.zip"  # a whole input that is a bomb
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_chat.txt", b"\x00" * (64 * MB))
    return Case(
        inputs=[fb, bomb],
        copies={fb: ("facebook", set())},
        # your_posts_9.json, whose sizes both lie, is read: deflate data says where it ends
        skipped=[("your_posts_7.json", "zip bomb"), ("your_posts_8.json", "zip bomb"), ("nested.zip", ".")],
        errors={bomb.name: "not an export.*zip bomb"},
    )


def case_nested_whatsapp_zips(b: Builder) -> Case:
    chats = b.folder_copy("whatsapp")
    with zipfile.ZipFile(chats / "WhatsApp Chat - Bomba.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_chat.txt", b"\x00" * (64 * MB))
    doll = io.BytesIO()
    with zipfile.ZipFile(doll, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_chat.txt", _chat(["[3/27/22, 21:41:35] Ana: hola"]))
    with zipfile.ZipFile(chats / "WhatsApp Chat - Muñeca.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("WhatsApp Chat - Dentro.zip", doll.getvalue())
    (chats / "WhatsApp Chat - Roto.zip").write_bytes(b"PK\x03\x04" + os.urandom(300))
    with zipfile.ZipFile(chats / "WhatsApp Chat - Ceros.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_chat.txt", b"\x00" * (15 * MB))  # under the bomb threshold: read, and found not a chat
    return Case(
        inputs=[chats],
        copies={chats: ("whatsapp", set())},
        skipped=[
            ("Bomba.zip", "without a WhatsApp chat"),
            ("Muñeca.zip", "without a WhatsApp chat"),
            ("Roto.zip", "not a readable zip"),
            ("Ceros.zip", "not a WhatsApp chat"),
        ],
    )


def _set_central(
    path: Path, name: str, *, version: int | None = None, method: int | None = None, flags: int | None = None
) -> None:
    """Rewrite one member's 'version needed', compression method or flags (central directory and local header)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        local = archive.getinfo(name).header_offset
    for offset, base in ((local, 4), *((p, 6) for p in _central_entries(data, encoded))):
        if version is not None:
            struct.pack_into("<H", data, offset + base, version)
        if flags is not None:
            struct.pack_into("<H", data, offset + base + 2, flags)
        if method is not None:
            struct.pack_into("<H", data, offset + base + 4, method)
    path.write_bytes(bytes(data))


def _central_entries(data: bytearray, encoded: bytes) -> list[int]:
    found, pos = [], 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == encoded:
            found.append(pos)
        pos += 4
    return found


def case_odd_zips(b: Builder) -> Case:
    """Zips that are valid enough to open but odd: what old tools, Windows or a hex editor make."""
    odd = "your_facebook_activity/posts/your_posts_5.json"
    fb = b.zip_copy(
        "facebook",
        add={
            "nameless": (zipfile.ZipInfo(""), b"a member with no name"),
            odd: _fb_posts([_fb_post("deflate64?")]),
            "your_facebook_activity/posts/your_posts_6.json": _fb_posts([_fb_post("secret")]),
        },
    )
    _set_central(fb, odd, method=9)  # Deflate64, which Windows uses for big zips
    _set_central(fb, "your_facebook_activity/posts/your_posts_6.json", flags=0x1)  # encrypted
    future = b.zip_copy("tiktok", name="TikTok_Data_future.zip")
    _set_central(future, "user_data_tiktok.json", version=99)  # "needs zip 9.9 to extract"
    return Case(
        inputs=[fb, future],
        copies={fb: ("facebook", set())},
        skipped=[(odd, "Deflate64.*scan the folder"), ("your_posts_6.json", "encrypted")],
        errors={future.name: "zip"},
    )


def case_duplicate_names(b: Builder) -> Case:
    """Two entries with one name (a zip tool's append, or a crafted zip): the first is read, the
    second is listed as refused, and stays listed after the first is read."""
    posts = "your_facebook_activity/posts/your_posts_5.json"
    fb = b.zip_copy("facebook", add={posts: _fb_posts([_fb_post("the first entry")])})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        with zipfile.ZipFile(fb, "a") as archive:
            archive.writestr(posts, _fb_posts([_fb_post("the second entry")]))
    return Case(
        inputs=[fb],
        copies={fb: ("facebook", {posts})},
        records={posts: 1},
        skipped=[(posts + " (another entry with this name)", "second file with the same name")],
    )


def case_zip_slip(b: Builder) -> Case:
    evil = b'window.YTD.like.part0 = [{"like": {"tweetId": "1", "fullText": "evil"}}]'
    names = [
        "../../evil.js",
        "/etc/cron.d/evil.js",
        "C:/Windows/evil.js",
        "data/../../../outside.js",
        "..\\..\\evil.js",
        "data/./../../like.js",
    ]
    x = b.zip_copy("x", add={n: evil for n in names})
    return Case(
        inputs=[x],
        copies={x: ("x", set())},
        skipped=[(n, "outside the export") for n in names],
        check=_nothing_written_outside(b.root),
    )


def _nothing_written_outside(root: Path) -> Callable[[dict], None]:
    before = list_tree(root)

    def check(outcome: dict) -> None:
        assert list_tree(root) == before, "the scan wrote next to the export"
        assert not Path("/etc/cron.d/evil.js").exists()

    return check


def case_symlinks(b: Builder) -> Case:
    fb = b.zip_copy(
        "facebook",
        add={
            "link": (_symlink_info("your_facebook_activity/posts/your_posts_5.json"), "/etc/passwd"),
            "link2": (_symlink_info("your_facebook_activity/posts/media/passwd.jpg"), "../../../../etc/passwd"),
        },
    )
    photos = b.folder_copy("files")
    (photos / "DCIM" / "passwd.jpg").symlink_to("/etc/passwd")
    (photos / "DCIM" / "etc").symlink_to("/etc", target_is_directory=True)
    (photos / "DCIM" / "zero.jpg").symlink_to("/dev/zero")
    os.mkfifo(photos / "DCIM" / "pipe.jpg")  # reading it would wait forever
    link = b.root / "link-to-facebook.zip"
    link.symlink_to(fb)
    return Case(
        inputs=[fb, photos, link],
        copies={fb: ("facebook", set()), photos: ("files", set())},
        skipped=[
            ("your_posts_5.json", "symbolic link"),
            ("media/passwd.jpg", "symbolic link"),
            ("DCIM/passwd.jpg", "symbolic link"),
            ("DCIM/etc", "symbolic link"),
            ("DCIM/zero.jpg", "symbolic link"),
        ],
        errors={link.name: "symbolic link"},
    )


def case_image_bombs(b: Builder) -> Case:
    photos = b.folder_copy("files")
    bombs = {
        "bomb.png": _png(100_000, 100_000),
        "bomb.jpg": _jpeg(65_500, 65_500),
        "bomb.webp": _webp(16_384, 16_384),
        "bomb.gif": _gif(65_535, 65_535),
    }
    for name, data in bombs.items():
        (photos / "DCIM" / name).write_bytes(data)
    fb = b.zip_copy("facebook", add={"your_facebook_activity/posts/media/bomb.png": _png(100_000, 100_000)})

    def check(outcome: dict) -> None:
        sizes = {source.rsplit("/", 1)[-1]: meta for (_, source), meta in outcome["media_meta"].items()}
        assert (sizes["bomb.png"].get("width"), sizes["bomb.png"].get("height")) == (100_000, 100_000)
        assert sizes["bomb.jpg"].get("width") == 65_500

    return Case(
        inputs=[photos, fb],
        copies={photos: ("files", set()), fb: ("facebook", set())},
        records={f"DCIM/{name}": 1 for name in bombs} | {"posts/media/bomb.png": 1},
        check=check,
    )


def _deep(levels: int = 100_000) -> bytes:
    return b"[" * levels + b"]" * levels


def case_deep_json(b: Builder) -> Case:
    posts = "your_facebook_activity/posts/"
    fb = b.zip_copy(
        "facebook",
        add={
            posts + "your_posts_5.json": _deep(),
            posts + "your_posts_6.json": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
            posts + "your_posts_7.json": b'[{"timestamp": 1767225600, "data": '
            + _deep(990)
            + b"}]",  # just under the limit
            "your_facebook_activity/comments_and_reactions/comments_3.json": b'{"comments_v2": ' + _deep() + b"}",
        },
    )
    tiktok = b.zip_copy(
        "tiktok",
        add={"extra/user_data.json": b'{"Your Activity": ' + b'{"x":' * 100_000 + b"1" + b"}" * 100_000 + b"}"},
    )
    x = b.zip_copy("x", add={"data/like-part1.js": b"window.YTD.like.part1 = " + _deep()})
    yt = b.zip_copy("youtube", add={"Takeout/YouTube and YouTube Music/history/deep-history.json": _deep()})
    deep = "nested too deeply|invalid JSON"
    return Case(
        inputs=[fb, tiktok, x, yt],
        copies={fb: ("facebook", set()), tiktok: ("tiktok", set()), x: ("x", set()), yt: ("youtube", set())},
        skipped=[
            ("your_posts_5.json", deep),
            ("your_posts_6.json", "."),
            ("comments_3.json", deep),
            ("extra/user_data.json", deep),
            ("data/like-part1.js", deep),
            ("deep-history.json", deep),
        ],
    )


def case_deep_json_streamed(b: Builder) -> Case:
    """Over 32 MB, JSON is streamed (ijson) instead of loaded: deep nesting must be refused there too."""
    fb = b.unpacked("facebook", "facebook-unpacked")
    padding = b" " * (33 * MB)
    (fb / "your_facebook_activity/posts/your_posts_5.json").write_bytes(_deep() + padding)
    yt = b.unpacked("youtube", "takeout-unpacked")
    (yt / "Takeout/YouTube and YouTube Music/history/deep-history.json").write_bytes(
        b'[{"title": "Watched x", "time": "2024-01-01T00:00:00Z", "x": ' + _deep() + b"}]" + padding
    )
    x = b.unpacked("x", "twitter-unpacked")
    (x / "data/like-part1.js").write_bytes(b"window.YTD.like.part1 = " + _deep() + padding)
    tiktok = b.unpacked("tiktok", "tiktok-unpacked")
    (tiktok / "extra").mkdir()
    (tiktok / "extra/user_data.json").write_bytes(b'{"Profile": {"x": ' + _deep() + b"}}" + padding)
    return Case(
        inputs=[fb, yt, x, tiktok],
        copies={fb: ("facebook", set()), yt: ("youtube", set()), x: ("x", set()), tiktok: ("tiktok", set())},
        skipped=[
            ("your_posts_5.json", "nested too deeply|invalid JSON"),
            ("deep-history.json", "nested too deeply|invalid JSON"),
            ("data/like-part1.js", "nested too deeply|invalid JSON"),
            ("extra/user_data.json", "nested too deeply|invalid JSON"),
        ],
    )


def case_big_json(b: Builder) -> Case:
    huge = "Vivo en Houston. " + "a" * (6 * MB)
    x = b.zip_copy(
        "x",
        add={
            "data/tweets-part1.js": _tweets(
                [("901", huge, "Wed Sep 04 13:51:55 +0000 2019"), ("902", "hola", "Wed Sep 04 13:52:55 +0000 2019")]
            )
        },
    )
    fb = b.zip_copy(
        "facebook",
        add={
            "your_facebook_activity/posts/your_posts_5.json": _fb_posts(
                [_fb_post("x" * (5 * MB)), _fb_post("mi número es +1 713 555 0199", 1767225601)]
            )
        },
    )
    yt = b.zip_copy(
        "youtube",
        add={
            "Takeout/YouTube and YouTube Music/history/watch-history-2.json": json.dumps(
                [{"header": "YouTube", "title": "Watched " + "b" * (5 * MB), "time": "2024-01-01T00:00:00.000Z"}]
            ).encode()
        },
    )
    return Case(
        inputs=[x, fb, yt],
        copies={x: ("x", set()), fb: ("facebook", set()), yt: ("youtube", set())},
        records={"data/tweets-part1.js": 2, "posts/your_posts_5.json": 2, "watch-history-2.json": 1},
    )


def case_encodings(b: Builder) -> Case:
    posts = "your_facebook_activity/posts/"
    doc = [_fb_post("hola desde Houston, ñandú 🙂"), _fb_post("segundo", 1767225601)]
    text = json.dumps(doc, ensure_ascii=False)
    fb = b.zip_copy(
        "facebook",
        add={
            posts + "your_posts_5.json": b"\xff\xfe" + text.encode("utf-16-le"),
            posts + "your_posts_6.json": b"\xfe\xff" + text.encode("utf-16-be"),
            posts + "your_posts_7.json": b"\xef\xbb\xbf" + text.encode(),
            posts + "your_posts_8.json": text.encode().replace("ñandú".encode(), b"\xf1and\xfa\xc3\x28\xa0\xa1"),
            posts + "your_posts_9.json": (
                b'[{"timestamp": 1767225600, "data": [{"post": "lone \\ud800 high"}]},'
                b' {"timestamp": 1767225601, "data": [{"post": "lone \\udfff low"}]},'
                b' {"timestamp": 1767225602, "data": [{"post": "reversed \\udc00\\ud800"}]},'
                b' {"timestamp": 1767225603, "data": [{"post": "pair \\ud83d\\ude00 ok"}]}]'
            ),
        },
    )
    x = b.zip_copy(
        "x",
        add={"data/tweets-part1.js": b"\xef\xbb\xbf" + _tweets([("903", "con BOM", "Wed Sep 04 13:51:55 +0000 2019")])},
    )
    chats = b.folder_copy("whatsapp")
    lines = ["[3/27/22, 21:41:35] Ana: hola", "[3/27/22, 21:42:35] Ana: ¿cómo estás?"]
    (chats / "WhatsApp Chat with Ana.txt").write_bytes(
        "\ufeff".encode("utf-16-le") + _chat(lines).decode().encode("utf-16-le")
    )
    (chats / "WhatsApp Chat with Beto.txt").write_bytes(_chat(lines).replace(b"hola", b"h\xffo\xc3la"))
    photos = b.folder_copy("files")
    with open(os.fsencode(photos / "DCIM") + b"/caf\xe9-\xff.jpg", "wb") as fh:  # a name that is not UTF-8
        fh.write(_sample("GPS.jpg"))
    latin = b.root / "WhatsApp Chat - Café.zip"  # member names without the UTF-8 flag (cp437), as old zips have
    with zipfile.ZipFile(latin, "w") as z:
        z.writestr(zipfile.ZipInfo("_chat.txt"), _chat(["[3/27/22, 21:41:35] Ana: <attached: caf\xe9.jpg>"]))
        z.writestr(zipfile.ZipInfo("caf\xe9.jpg"), _sample("GPS.jpg"))
    return Case(
        inputs=[fb, x, chats, photos, latin],
        copies={fb: ("facebook", set()), x: ("x", set()), chats: ("whatsapp", set()), photos: ("files", set())},
        records={posts + f"your_posts_{n}.json": 2 for n in (5, 6, 7, 8)}
        | {
            posts + "your_posts_9.json": 4,
            "data/tweets-part1.js": 1,
            "WhatsApp Chat with Ana.txt": 2,
            "WhatsApp Chat with Beto.txt": 2,
            "_chat.txt": 1,
        },
        check=_odd_file_name_read,
    )


def _odd_file_name_read(outcome: dict) -> None:
    assert any("caf" in source and source.endswith(".jpg") for (_, source) in outcome["ids"]), (
        "the photo whose name is not UTF-8 was not read"
    )


def case_owner_with_lone_surrogate(b: Builder) -> Case:
    """The owner's name (used for the export's key) carries a lone surrogate escape."""
    name = "personal_information/profile_information/profile_information.json"
    with zipfile.ZipFile(b.source("facebook")) as archive:
        profile = json.loads(archive.read(name))
    full = profile["profile_v2"]["name"]
    full["full_name"] = full["full_name"] + " \ud800"
    fb = b.zip_copy("facebook", add={name: json.dumps(profile).encode()}, drop={name})
    # The owner's name is part of many items, so only the counts are compared with the clean scan.
    return Case(inputs=[fb], copies={fb: ("facebook", {"*"})}, records={name: 1})


def case_truncated_and_polyglot_media(b: Builder) -> Case:
    photos = b.folder_copy("files")
    dcim = photos / "DCIM"
    for sample, cut in (
        ("Apple.jpg", 3000),
        ("GPS.jpg", 600),
        ("PNG.png", 100),
        ("QuickTime.mov", 0.2),
        ("QuickTime.heic", 0.3),
        ("XMP.jpg", 0.5),
    ):
        data = _sample(sample)
        keep = cut if isinstance(cut, int) else int(len(data) * cut)
        (dcim / f"cut-{sample}").write_bytes(data[:keep])
    polyglot = io.BytesIO()
    polyglot.write(_sample("GPS.jpg"))
    with zipfile.ZipFile(polyglot, "a") as z:  # a zip appended to a JPEG: valid as both
        z.writestr("data/tweets.js", "window.YTD.tweets.part0 = []")
    (dcim / "polyglot.jpg").write_bytes(polyglot.getvalue())
    (dcim / "empty.jpg").write_bytes(b"")
    (dcim / "noise.jpg").write_bytes(os.urandom(5000))
    (dcim / "json.mp4").write_bytes(b'{"not": "a video"}')
    (dcim / "huge-box.mp4").write_bytes(struct.pack(">I", 0xFFFFFFF0) + b"ftypisom" + b"\x00" * 64)
    (dcim / "box-64.mov").write_bytes(struct.pack(">I", 1) + b"moov" + struct.pack(">Q", 2**63 - 1) + b"\x00" * 64)
    loose = b.root / "vacation.jpg"  # the polyglot given as an input of its own
    loose.write_bytes(polyglot.getvalue())
    fb = b.zip_copy("facebook", add={"your_facebook_activity/posts/media/cut.jpg": _sample("GPS.jpg")[:700]})
    names = [f"cut-{s}" for s in ("Apple.jpg", "GPS.jpg", "PNG.png", "QuickTime.mov", "QuickTime.heic", "XMP.jpg")]
    names += ["polyglot.jpg", "empty.jpg", "noise.jpg", "json.mp4", "huge-box.mp4", "box-64.mov"]
    return Case(
        inputs=[photos, loose, fb],
        copies={photos: ("files", set()), fb: ("facebook", set())},
        records={f"DCIM/{n}": 1 for n in names} | {"posts/media/cut.jpg": 1},
        errors={loose.name: None},
        check=_polyglot_gps_still_found,
    )


def _polyglot_gps_still_found(outcome: dict) -> None:
    meta = {source: m for (_, source), m in outcome["media_meta"].items()}
    assert meta["DCIM/polyglot.jpg"].get("lat") is not None  # a JPEG first: its GPS is read


def case_whatsapp_megabyte_lines(b: Builder) -> Case:
    chats = b.folder_copy("whatsapp")
    head = ["[3/27/22, 21:41:35] Ana: antes", "[3/27/22, 21:41:36] Ana: otra"]
    body = (
        "[3/27/22, 21:41:37] Ana: "
        + "muy largo " * 500_000
        + "\n"  # one 5 MB line
        + "[3/27/22, 21:41:38] Ana: muchas líneas\n"
        + "x\n" * 300_000  # a message of 300,000 lines
        + "[3/27/22, 21:41:39] Ana: después\n"
        + "[3/27/22, 21:41:40] Ana: "
        + "sin fin " * 400_000
    )  # 3 MB, no newline at the end
    (chats / "WhatsApp Chat with Ana.txt").write_bytes(("\n".join(head) + "\n" + body).encode())
    (chats / "WhatsApp Chat with Nadie.txt").write_bytes(b"z" * (8 * MB))  # one line, no message in it
    return Case(
        inputs=[chats],
        copies={chats: ("whatsapp", set())},
        records={"WhatsApp Chat with Ana.txt": 6},
        skipped=[("WhatsApp Chat with Nadie.txt", "not a WhatsApp chat")],
    )


def case_absurd_timestamps(b: Builder) -> Case:
    posts = "your_facebook_activity/posts/your_posts_5.json"
    stamps = [-1, 0, 1e20, 253402300800, -62135596800, "1e20", 1e308, "NaN", -1e20, 1767225600]
    fb = b.zip_copy("facebook", add={posts: _fb_posts([_fb_post(f"post {i}", s) for i, s in enumerate(stamps)])})
    dates = [
        "2026-09-24 18:48:30",
        "0001-01-01 00:00:00",
        "9999-12-31 23:59:59",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        1e20,
        -5,
        "-0001-01-01",
        "99999999999999999999",
    ]
    tiktok = b.zip_copy(
        "tiktok",
        add={
            "extra/user_data.json": json.dumps(
                {
                    "Your Activity": {
                        "Like List": {
                            "ItemFavoriteList": [
                                {"date": d, "link": f"https://www.tiktokv.com/share/video/{i}/"}
                                for i, d in enumerate(dates)
                            ]
                        }
                    }
                }
            ).encode()
        },
    )
    x = b.zip_copy(
        "x",
        add={
            "data/tweets-part1.js": _tweets(
                [
                    ("911", "año uno", "Mon Jan 01 00:00:00 +1400 0001"),
                    ("912", "año 9999", "Fri Dec 31 23:59:59 -1200 9999"),
                    ("913", "normal", "Wed Sep 04 13:51:55 +0000 2019"),
                    ("914", "iso", "0001-01-01T00:00:00.000+05:00"),
                ]
            )
        },
    )
    yt = b.zip_copy(
        "youtube",
        add={
            "Takeout/YouTube and YouTube Music/history/watch-history-2.json": json.dumps(
                [
                    {
                        "header": "YouTube",
                        "title": f"Watched v{i}",
                        "titleUrl": "https://www.youtube.com/watch?v=abc",
                        "time": t,
                    }
                    for i, t in enumerate(
                        [
                            "2024-01-01T00:00:00.000Z",
                            "0001-01-01T00:00:00Z",
                            "9999-12-31T23:59:59Z",
                            "0001-01-01T00:00:00+05:00",
                            "9999-12-31T23:59:59-05:00",
                        ]
                    )
                ]
            ).encode()
        },
    )
    chats = b.folder_copy("whatsapp")
    (chats / "WhatsApp Chat with Tiempo.txt").write_bytes(
        _chat(
            [
                "[3/27/22, 21:41:35] Ana: hola",
                "[12/31/9999, 23:59:59] Ana: lejos",
                "[1/1/0001, 00:00:00] Ana: antiguo",
                "[1/1/70, 00:00:00] Ana: epoch",
                "[3/27/22, 21:42:35] Ana: adiós",
            ]
        )
    )
    photos = b.folder_copy("files")
    gps = _sample("GPS.jpg")
    (photos / "DCIM" / "year-one.jpg").write_bytes(_retime_jpeg(gps, b"0001:01:01 00:00:00"))
    (photos / "DCIM" / "year-9999.jpg").write_bytes(_retime_jpeg(gps, b"9999:12:31 23:59:59"))

    def check(outcome: dict) -> None:
        bad = [t for t in outcome["times"] if t is not None and not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", t)]
        assert bad == [], f"times stored that are not ISO 8601: {bad[:5]}"

    return Case(
        inputs=[fb, tiktok, x, yt, chats, photos],
        copies={
            fb: ("facebook", set()),
            tiktok: ("tiktok", set()),
            x: ("x", set()),
            yt: ("youtube", set()),
            chats: ("whatsapp", set()),
            photos: ("files", set()),
        },
        records={
            posts: len(stamps),
            "extra/user_data.json": len(dates),
            "data/tweets-part1.js": 4,
            "watch-history-2.json": 5,
            "WhatsApp Chat with Tiempo.txt": 3,
            "DCIM/year-one.jpg": 1,
            "DCIM/year-9999.jpg": 1,
        },
        check=check,
    )


CASES = {name[5:]: fn for name, fn in sorted(globals().items()) if name.startswith("case_")}


# --- running a scan and judging it ----------------------------------------------------------


def _vm_kb(field_name: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    return 0


def _outcome_from_db(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        records = conn.execute("SELECT input, source, id, time, extra FROM records").fetchall()
        skipped = conn.execute("SELECT input, member, reason FROM skipped").fetchall()
    finally:
        conn.close()
    ids: dict[tuple[str, str], set[str]] = {}
    media_meta = {}
    for input_label, source, rid, _, extra in records:
        ids.setdefault((input_label, source), set()).add(rid)
        if extra and '"meta"' in extra:
            media_meta[(input_label, source)] = json.loads(extra).get("meta", {})
    return {
        "ids": ids,
        "skipped": [tuple(s) for s in skipped],
        "times": [r[3] for r in records],
        "media_meta": media_meta,
    }


def _forget_the_parents_fork_server() -> None:
    """This child is forked from pytest, which may run a fork server for an earlier test's scan: the
    child inherits its record but is not its parent (waiting on it fails), so it starts its own."""
    from multiprocessing import forkserver

    server = forkserver._forkserver  # no public way to do this: only a forked copy needs it
    server._forkserver_pid = server._forkserver_address = server._forkserver_alive_fd = None


def _pipeline_child(inputs: list[str], ws: str, conn) -> None:
    try:
        _forget_the_parents_fork_server()
        resource.setrlimit(resource.RLIMIT_AS, ((_vm_kb("VmSize") + 2 * 1024 * 1024) * 1024,) * 2)
        rss = _vm_kb("VmRSS")
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # reset the peak, so VmHWM measures this scan
        from cuidado.scan.pipeline import scan
        from cuidado.store import open_store

        started = time.monotonic()
        store = open_store(Path(ws))
        try:
            results = scan([Path(p) for p in inputs], store)
        finally:
            store.close()
        # this process, and the worker processes the scan forked (reaped when it closed its pool)
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        conn.send(
            {
                "ok": True,
                "errors": {r.label: r.error for r in results},
                "seconds": time.monotonic() - started,
                "peak_mb": (max(_vm_kb("VmHWM"), workers) - rss) / 1024,
            }
        )
    except BaseException:
        conn.send({"ok": False, "traceback": traceback.format_exc()})
    finally:
        conn.close()
        os._exit(0)


def scan_in_child(inputs: list[Path], ws: Path) -> dict:
    """cuidado.scan.pipeline.scan in a forked child: a hang or a memory blow-up fails this test only."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_pipeline_child, args=([str(p) for p in inputs], str(ws), child))
    proc.start()
    child.close()
    if not parent.poll(SCAN_SECONDS):
        proc.kill()
        proc.join()
        pytest.fail(f"the scan did not finish within {SCAN_SECONDS}s (a hang?)")
    try:
        report = parent.recv()
    except EOFError:
        report = {"ok": False, "traceback": "the scan process died"}
    proc.join(30)
    assert proc.exitcode == 0, f"the scan process ended with {proc.exitcode} (killed for memory?)"
    assert report["ok"], report["traceback"]
    report.update(_outcome_from_db(ws / "cuidado.db"))
    return report


def scan_with_cli(inputs: list[Path], ws: Path) -> dict:
    """`python -m cuidado scan` as a person runs it, with its memory capped and its peak measured."""
    out, err = ws.parent / f"{ws.name}.out", ws.parent / f"{ws.name}.err"

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))

    with open(out, "w") as stdout, open(err, "w") as stderr:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "cuidado", "scan", "--quiet", "--workspace", str(ws), *map(str, inputs)],
            stdout=stdout,
            stderr=stderr,
            preexec_fn=limit,
            env={k: v for k, v in os.environ.items() if k != "CUIDADO_PASSPHRASE"},
        )
        timer = threading.Timer(SCAN_SECONDS, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    text = out.read_text(errors="replace") + err.read_text(errors="replace")
    assert proc.returncode >= 0, (
        f"the scan was killed (signal {-proc.returncode}) after {seconds:.0f}s:\n{text[-2000:]}"
    )
    assert "Traceback" not in text, text[-3000:]
    assert proc.returncode in (0, 1), text[-2000:]
    summary = subprocess.run(
        [sys.executable, "-m", "cuidado", "summary", "--json", "--workspace", str(ws)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert summary.returncode == 0 and "Traceback" not in summary.stderr, summary.stderr
    # The whole process, Python and its libraries included (a clean scan peaks near 250 MB).
    report = {
        "ok": True,
        "seconds": seconds,
        "peak_mb": usage.ru_maxrss / 1024 - CLI_BASE_MB,
        "output": text,
        "summary": json.loads(summary.stdout),
    }
    report.update(_outcome_from_db(ws / "cuidado.db"))
    return report


@pytest.fixture(scope="module")
def clean_ids(tiny_exports, tmp_path_factory) -> dict[tuple[str, str], set[str]]:
    """What a clean scan of the generated exports reads: (platform, member) -> record ids."""
    from cuidado.scan.pipeline import scan
    from cuidado.store import open_store

    out, labels = tiny_exports
    ws = tmp_path_factory.mktemp("clean") / "ws"
    store = open_store(ws)
    try:
        scan([out / labels["platforms"][p]["path"] for p in labels["platforms"]], store)
        rows = db(store).execute("SELECT platform, source, id FROM records").fetchall()
    finally:
        store.close()
    ids: dict[tuple[str, str], set[str]] = {}
    for platform, source, rid in rows:
        ids.setdefault((platform, source), set()).add(rid)
    return ids


def judge(case: Case, outcome: dict, clean: dict) -> None:
    assert outcome["seconds"] < SCAN_SECONDS
    assert outcome["peak_mb"] < PEAK_MB, f"the scan took {outcome['peak_mb']:.0f} MB more memory"
    skipped = outcome["skipped"]
    reasons = [reason for _, _, reason in skipped]
    unexpected = [s for s in skipped if UNEXPECTED.search(s[2])]
    assert unexpected == [], f"members lost to an unexpected error: {unexpected}"
    for input_path in case.inputs:
        whole = [reason for input_label, member, reason in skipped if input_label == str(input_path) and not member]
        expected = case.errors.get(input_path.name, "")
        if expected is None:
            continue
        if expected == "":
            assert whole == [], f"{input_path.name} was not read: {whole}"
        else:
            assert any(re.search(expected, r, re.IGNORECASE) for r in whole), (input_path.name, whole)
    for member, pattern in case.skipped:
        found = [r for _, m, r in skipped if m and m.endswith(member)]
        assert found, f"{member} is not listed as skipped; skipped: {skipped}"
        assert any(re.search(pattern, r, re.IGNORECASE) for r in found), (member, found)
    for member, count in case.records.items():
        got = sum(len(v) for (_, source), v in outcome["ids"].items() if source.endswith(member))
        assert got >= count, f"{member}: {got} item(s) read, expected at least {count} (skipped: {skipped})"
    for input_path, (platform, changed) in case.copies.items():
        label = str(input_path)
        for (clean_platform, source), wanted in clean.items():
            if clean_platform != platform or source in changed:
                continue
            got = outcome["ids"].get((label, source), set())
            if "*" in changed:
                assert len(got) == len(wanted), (
                    f"{input_path.name}/{source}: {len(got)} items, clean scan {len(wanted)}"
                )
            else:
                assert wanted <= got, (
                    f"{input_path.name}/{source}: {len(wanted - got)} of {len(wanted)} good items "
                    f"were not read beside the hostile ones (reasons: {reasons[:8]})"
                )
    if case.check:
        case.check(outcome)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_export_through_the_pipeline(name, tiny_exports, clean_ids, tmp_path):
    case = CASES[name](Builder(*tiny_exports, tmp_path / "in"))
    before = {p: hash_tree(p) for p in case.inputs if p.exists() and not p.is_symlink()}
    outcome = scan_in_child(case.inputs, tmp_path / "ws")
    judge(case, outcome, clean_ids)
    assert {p: hash_tree(p) for p in before} == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_export_through_the_command_line(name, tiny_exports, clean_ids, tmp_path):
    case = CASES[name](Builder(*tiny_exports, tmp_path / "in"))
    before = {p: hash_tree(p) for p in case.inputs if p.exists() and not p.is_symlink()}
    outcome = scan_with_cli(case.inputs, tmp_path / "ws")
    judge(case, outcome, clean_ids)
    listed = {(s["input"], s["member"]) for s in outcome["summary"]["skipped"]}
    assert listed == {(i, m or None) for i, m, _ in outcome["skipped"]}
    assert {p: hash_tree(p) for p in before} == before


def test_checking_a_decompression_bomb_photo_is_a_clear_message(tmp_path):
    """`cuidado check` looks at one photo closely (OCR, faces): a 100,000 × 100,000 px claim must not hurt."""
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png(100_000, 100_000))
    jpeg = tmp_path / "bomb.jpg"
    jpeg.write_bytes(_jpeg(65_500, 65_500))
    for photo in (bomb, jpeg):
        before = hash_tree(photo)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "cuidado",
                "check",
                str(photo),
                "--json",
                "--workspace",
                str(tmp_path / "ws"),
                "--out",
                str(tmp_path / "clean"),
            ],
            capture_output=True,
            text=True,
            timeout=SCAN_SECONDS,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3,) * 2),
        )
        assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]
        assert proc.returncode in (0, 1), proc.stderr[-2000:]
        assert hash_tree(photo) == before
