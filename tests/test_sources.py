"""Archive access: paths are normalised, and hostile members are refused before anything reads them."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from cuidado.inputs.sources import (
    FileSource,
    FolderSource,
    SourceError,
    ZipSource,
    group_inputs,
    normalise_member_path,
    open_source,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("data/tweets.js", "data/tweets.js"),
        ("./data\\tweets.js", "data/tweets.js"),
        ("root//posts/./your_posts_1.json", "root/posts/your_posts_1.json"),
        ("/etc/passwd", None),
        ("C:\\Windows\\evil.json", None),
        ("../../outside.json", None),
        ("posts/../../outside.json", None),
    ],
)
def test_member_paths_are_normalised_or_refused(raw, expected):
    assert normalise_member_path(raw) == expected


def _zip(path: Path, members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_slip_and_absolute_entries_are_refused_unread(tmp_path):
    path = _zip(tmp_path / "evil.zip", {"data/ok.json": b"[]", "../escape.json": b"[]", "/abs.json": b"[]"})
    with ZipSource([path]) as source:
        assert [m.path for m in source.members] == ["data/ok.json"]
        reasons = {s.member: s.reason for s in source.refused}
    assert set(reasons) == {"../escape.json", "/abs.json"}
    assert all("outside the export" in r for r in reasons.values())
    assert not (tmp_path.parent / "escape.json").exists()


def test_symlink_entries_in_zip_are_refused(tmp_path):
    path = tmp_path / "links.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("data/link.json")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
        archive.writestr("data/real.json", "[]")
    with ZipSource([path]) as source:
        assert [m.path for m in source.members] == ["data/real.json"]
        assert "symbolic link" in source.refused[0].reason


def test_flat_zip_bomb_member_is_refused_by_ratio(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("data/bomb.json", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(64):  # 64 MiB of zeros compresses to ~64 KiB
                fh.write(block)
        archive.writestr("data/fine.json", "[]")
    with ZipSource([path]) as source:
        assert [m.path for m in source.members] == ["data/fine.json"]
        assert "zip bomb" in source.refused[0].reason


def test_folder_source_never_follows_links(tmp_path):
    root = tmp_path / "export"
    (root / "posts").mkdir(parents=True)
    (root / "posts" / "a.json").write_text("[]")
    secret = tmp_path / "secret.txt"
    secret.write_text("not yours")
    (root / "posts" / "link.json").symlink_to(secret)
    (root / "linkdir").symlink_to(tmp_path)
    with FolderSource(root) as source:
        assert [m.path for m in source.members] == ["posts/a.json"]
        assert {s.member for s in source.refused} == {"posts/link.json", "linkdir"}


def test_not_a_zip_with_zip_name_gives_clear_error(tmp_path):
    bad = tmp_path / "facebook.zip"
    bad.write_bytes(b"this is not a zip")
    with pytest.raises(SourceError, match=r"facebook\.zip: not a readable zip"):
        open_source([bad])


def test_missing_input_is_named(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        open_source([tmp_path / "nope.zip"])


def test_single_file_source(tmp_path):
    chat = tmp_path / "WhatsApp Chat with Tia Rosa.txt"
    chat.write_text("hola")
    source = open_source([chat])
    assert isinstance(source, FileSource)
    assert [m.path for m in source.members] == ["WhatsApp Chat with Tia Rosa.txt"]
    assert source.open(source.members[0]).read() == b"hola"


def test_split_exports_are_grouped_and_read_as_one_tree(tmp_path):
    one = _zip(tmp_path / "takeout-20261102T000000Z-001.zip", {"Takeout/a.json": b"[1]"})
    two = _zip(tmp_path / "takeout-20261102T000000Z-002.zip", {"Takeout/b.json": b"[2]"})
    other = _zip(tmp_path / "instagram-maria.zip", {"x.json": b"[]"})
    groups = group_inputs([two, other, one])
    assert groups == [[one, two], [other]]
    with open_source(groups[0]) as source:
        assert sorted(m.path for m in source.members) == ["Takeout/a.json", "Takeout/b.json"]
        assert source.open(source.members[1]).read() in (b"[1]", b"[2]")


def test_zip_fingerprint_is_stable_and_changes_with_content(tmp_path):
    a = _zip(tmp_path / "a.zip", {"data/x.json": b"[1]"})
    b = _zip(tmp_path / "b.zip", {"data/x.json": b"[2]"})
    with ZipSource([a]) as first, ZipSource([a]) as again, ZipSource([b]) as other:
        assert first.fingerprint == again.fingerprint != other.fingerprint
