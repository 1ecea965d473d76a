"""The workspace: encrypted at rest with a passphrase, nothing in clear in the temp dir, purge removes all."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from conftest import db
from cuidado.models import Record
from cuidado.store import WorkspaceError, is_encrypted, open_store
from cuidado.store.purge import purge_workspace

SECRET = "Calle Secreta 123, vivo aquí con mi familia"


def _write(store, text=SECRET):
    with store.member("k1", "input.zip", "posts.json") as writer:
        writer.add(Record(platform="facebook", kind="post", source="posts.json", native_id="1", text=text))


def _all_bytes(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in directory.rglob("*") if p.is_file())


def test_plain_workspace_is_private_to_the_user(tmp_path):
    store = open_store(tmp_path / "ws")
    _write(store)
    store.close()
    assert (tmp_path / "ws").stat().st_mode & 0o077 == 0
    assert (tmp_path / "ws" / "cuidado.db").stat().st_mode & 0o077 == 0


def test_encrypted_workspace_holds_no_clear_text_and_reopens_with_passphrase(tmp_path):
    ws = tmp_path / "ws"
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    store = open_store(ws, passphrase="correct horse")
    _write(store)
    store.close()
    assert is_encrypted(ws / "cuidado.db")
    assert SECRET.encode() not in _all_bytes(ws) and b"Secreta" not in _all_bytes(ws)
    reopened = open_store(ws, passphrase="correct horse")
    assert [text for (text,) in db(reopened).execute("SELECT text FROM records")] == [SECRET]
    reopened.close()
    new_temp = set(Path(tempfile.gettempdir()).iterdir()) - temp_before
    assert not any(p.is_file() and b"Secreta" in p.read_bytes() for p in new_temp)


def test_wrong_or_missing_passphrase_is_a_clear_message(tmp_path):
    ws = tmp_path / "ws"
    store = open_store(ws, passphrase="right")
    _write(store)
    store.close()
    with pytest.raises(WorkspaceError, match="wrong passphrase"):
        open_store(ws, passphrase="wrong")
    with pytest.raises(WorkspaceError, match="encrypted"):
        open_store(ws)


def test_purge_removes_every_file_the_workspace_wrote(tmp_path):
    ws = tmp_path / "ws"
    before = set(tmp_path.rglob("*"))
    store = open_store(ws, passphrase="x")
    _write(store)
    store.close()
    (ws / "thumbs").mkdir()
    (ws / "thumbs" / "a.bin").write_bytes(b"x")
    purged = purge_workspace(ws)
    assert purged.removed >= 2 and purged.left == [] and purged.failed == []
    assert set(tmp_path.rglob("*")) == before
