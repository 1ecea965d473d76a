"""Trust, second pass (issue 15): each promise of SECURITY.md, tried the way an attacker (or a typo)
would. One test per item of the issue; each failed on the code before the fix.

Where root bypasses a check (file permissions), the test checks what root still sees: the modes
cuidado sets are the same for root and for a normal user.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import resource
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from deep_folders import deep_folder, remove_deep
from test_web import Client, stop, wait_for_scan

from conftest import db, hash_tree

MB = 1 << 20
SECRET = "Calle Escondida 4417, apartamento 9"
CHAT = (
    "14/3/25, 9:30 p. m. - Ana: vivo en 1450 E 65th St, Los Angeles, CA 90001\n"
    "14/3/25, 9:31 p. m. - Ana: mi número es +1 213 555 0199\n"
    f"14/3/25, 9:32 p. m. - Ana: {SECRET}\n"
)


def cuidado(*args, env: dict | None = None, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """`python -m cuidado …` as a person runs it (never with a passphrase from the test's environment)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("CUIDADO_PASSPHRASE", "CUIDADO_WORKSPACE")}
    environ.update({"CUIDADO_LANG": "en", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "cuidado", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environ,
        **kw,
    )


def chat_file(folder: Path, name: str = "WhatsApp Chat with Ana.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(CHAT, encoding="utf-8")
    return path


def summary(ws: Path, env: dict | None = None) -> dict:
    proc = cuidado("summary", "--json", "--workspace", ws, env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def a_photo(tiny_exports) -> Path:
    out, labels = tiny_exports
    return sorted((out / labels["platforms"]["files"]["path"]).rglob("*.jpg"))[0]


# --- 1. only folders cuidado created --------------------------------------------------------


def test_1_purge_and_writing_commands_refuse_a_folder_cuidado_did_not_create(tmp_path, tiny_exports):
    documents = tmp_path / "Documents"
    for name in ("taxes.pdf", "cache/a.txt", "uploads/asylum-letter.pdf", "clean/photo.jpg", "run/x", "thumbs/y"):
        (documents / name).parent.mkdir(parents=True, exist_ok=True)
        (documents / name).write_bytes(b"the person's own file " + name.encode())
    before = hash_tree(documents)
    chat = chat_file(tmp_path / "in")

    for how in (["--workspace", documents], []):  # a typo in --workspace, or in $CUIDADO_WORKSPACE
        proc = cuidado("purge", "--yes", *how, env={"CUIDADO_WORKSPACE": str(documents)})
        assert proc.returncode == 1 and "not a cuidado workspace" in proc.stderr, proc.stdout + proc.stderr
    proc = cuidado("purge", "--yes", "--workspace", documents, env={"CUIDADO_LANG": "es"})
    assert proc.returncode == 1 and "no es una carpeta de trabajo de cuidado" in proc.stderr
    for command in (
        ["scan", "--quiet", chat],
        ["check", a_photo(tiny_exports)],
        ["mark", "abc"],
        ["report", "--out", tmp_path / "r.html"],
        ["open", "--no-browser"],
    ):
        proc = cuidado(*command, "--workspace", documents, timeout=120)
        assert proc.returncode == 1 and "not a cuidado workspace" in proc.stderr, (command, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert hash_tree(documents) == before, "not one of the person's files was touched"
    assert not (documents / "cuidado.db").exists() and not (tmp_path / "r.html").exists()

    # A workspace made by an earlier version (a cuidado database, no marker) is still recognised.
    from cuidado.store.schema import migrate

    old = tmp_path / "old-ws"
    old.mkdir(mode=0o755)
    conn = sqlite3.connect(old / "cuidado.db", isolation_level=None)
    migrate(conn)
    conn.close()
    (old / "thumbs").mkdir()
    # Recognised as cuidado's (nothing scanned in it yet, which is said plainly), not refused.
    proc = cuidado("summary", "--workspace", old)
    assert proc.returncode == 3 and "Nothing has been scanned yet" in proc.stderr, proc.stderr
    assert (old / "cuidado-workspace.txt").is_file(), "it now carries the marker"
    # An encrypted one from an earlier version: only its passphrase proves it is cuidado's.
    from cuidado.store import open_store

    locked = tmp_path / "old-encrypted"
    open_store(locked, passphrase="pw").close()
    (locked / "cuidado-workspace.txt").unlink()
    (locked / "uploads").mkdir()
    (locked / "uploads" / "export.zip").write_bytes(b"PK")
    proc = cuidado("purge", "--yes", "--workspace", locked, env={"CUIDADO_PASSPHRASE": "wrong"})
    assert proc.returncode == 1 and "wrong passphrase" in proc.stderr and (locked / "uploads" / "export.zip").exists()
    assert cuidado("purge", "--yes", "--workspace", locked, env={"CUIDADO_PASSPHRASE": "pw"}).returncode == 0
    assert not locked.exists()
    # Another program's SQLite file that happens to be called cuidado.db is not a workspace.
    other = tmp_path / "other-app"
    other.mkdir()
    sqlite3.connect(other / "cuidado.db").execute("CREATE TABLE notes (t)").connection.commit()
    (other / "cache").mkdir()
    (other / "cache" / "keep.txt").write_text("mine")
    theirs = hash_tree(other)
    for command in (["purge", "--yes"], ["summary"], ["scan", "--quiet", chat]):
        proc = cuidado(*command, "--workspace", other)
        assert proc.returncode == 1 and "not a cuidado workspace" in proc.stderr, (command, proc.stderr)
    assert hash_tree(other) == theirs
    # A new one carries it from the start; purge then removes everything, marker included.
    ws = tmp_path / "ws"
    assert cuidado("scan", "--quiet", "--workspace", ws, chat).returncode == 0
    assert (ws / "cuidado-workspace.txt").is_file()
    for workspace in (old, ws):
        proc = cuidado("purge", "--yes", "--workspace", workspace)
        assert proc.returncode == 0 and not workspace.exists(), proc.stderr


def test_1_purge_survives_a_deep_upload_and_leaves_nothing(tmp_path):
    from cuidado.store import open_store

    ws = tmp_path / "ws"
    open_store(ws).close()
    deep_folder(ws / "uploads" / "20260101-000000-abcdef", 2000)
    (ws / "uploads" / "20260101-000000-abcdef" / "facebook.zip").write_bytes(b"PK the export")
    try:
        proc = cuidado("purge", "--yes", "--workspace", ws)
    finally:
        remove_deep(ws / "uploads")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert not ws.exists(), "the workspace, uploads included, is gone"


# --- 2. the PDF printer reaches no network --------------------------------------------------

_ADDRESS = re.compile(
    r'sa_family=(AF_INET6?), sin6?_port=htons\((\d+)\).*?inet_(?:addr|pton)\((?:AF_INET6?, )?"([^"]+)"'
)


def network_calls(trace: str) -> list[dict]:
    """connect/sendto/sendmsg calls to IP addresses in `strace -f` output, with their results."""
    calls, pending = [], {}
    for line in trace.splitlines():
        pid, _, rest = line.strip().partition(" ")
        rest = rest.strip()
        if "resumed>" in rest:
            if pid in pending:
                call = pending.pop(pid)
                call["result"] = rest.rsplit("=", 1)[-1].strip()
                calls.append(call)
            continue
        found = _ADDRESS.search(rest)
        if not found:
            continue
        call = {
            "call": rest.split("(", 1)[0],
            "family": found[1],
            "port": int(found[2]),
            "host": found[3],
            "result": None,
            "line": line,
        }
        if rest.endswith("<unfinished ...>"):
            pending[pid] = call
        else:
            call["result"] = rest.rsplit("=", 1)[-1].strip()
            calls.append(call)
    return calls


def _loopback(host: str) -> bool:
    import ipaddress

    return ipaddress.ip_address(host).is_loopback


def _namespace_prefix() -> list[str] | None:
    """How this system runs a program with no network (a user namespace, or root), or None."""
    for prefix in (["unshare", "--user", "--map-root-user", "--net", "--"], ["unshare", "--net", "--"]):
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=20).returncode == 0:
                return prefix
        except (OSError, subprocess.TimeoutExpired):
            pass
    return None


@pytest.mark.skipif(
    not (shutil.which("chromium") and shutil.which("strace")),
    reason="needs chromium and strace (make deps installs both)",
)
@pytest.mark.parametrize("isolation", ["namespace", "flags only"])
def test_2_pdf_printing_makes_no_network_connection(tmp_path, monkeypatch, isolation):
    """`report --pdf` with every connect() of Chromium and its children traced by strace."""
    from cuidado.cli.report import report
    from cuidado.report import pdf
    from cuidado.scan.pipeline import scan
    from cuidado.store import open_store

    if isolation == "namespace":
        prefix = _namespace_prefix()
        if prefix is None:
            pytest.skip("this system allows no network namespace (no user namespaces, not root)")
        # Such a namespace has no network at all: only a loopback, and it is down.
        inside = subprocess.run(
            [
                *prefix,
                sys.executable,
                "-c",
                "import socket\n"
                "print(sorted(name for _, name in socket.if_nameindex()))\n"
                "s = socket.socket(); s.settimeout(3)\n"
                "print(s.connect_ex(('203.0.113.1', 443)) != 0)\n",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        )
        assert inside.stdout.split() == ["['lo']", "True"], inside.stdout + inside.stderr
    else:  # as on a system without namespaces
        monkeypatch.setattr(pdf, "network_isolator", lambda: None, raising=False)
    # A short workspace path: Chromium's profile lives inside it, and a long one breaks Chromium's
    # singleton socket (issue 17), which is not what this test is about.
    short = Path(tempfile.mkdtemp(prefix="c15-"))
    ws = short / "ws"
    store = open_store(ws)
    scan([chat_file(tmp_path / "in")], store)  # a report needs something scanned
    store.close()
    trace = tmp_path / "trace.txt"
    run = subprocess.run

    def traced(command, *args, **kwargs):
        if any(Path(str(part)).name.startswith("chromium") for part in command):
            command = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", str(trace), *command]
        return run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", traced)
    try:
        result = CliRunner().invoke(report, ["--out", str(tmp_path / "r.pdf"), "--workspace", str(ws)])
    finally:
        shutil.rmtree(short)
    assert result.exit_code == 0, result.output + result.stderr
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    calls = network_calls(trace.read_text(errors="replace"))
    outside = [c for c in calls if not _loopback(c["host"])]
    assert not [c for c in outside if c["port"] == 53], "no DNS query: every host name resolves to nothing"
    assert not [c for c in outside if c["call"] != "connect"], "no packet sent to any address"
    if isolation == "namespace":
        assert "no network at all" in result.stderr, "the person is told Chromium was cut off"
        assert all(c["result"].startswith("-1") for c in outside), [c["line"] for c in outside]
    else:
        assert "switched off instead" in result.stderr, "the person is told Chromium was not cut off"
        # Chromium's IPv6 reachability check connects a UDP socket (no packet is sent); no flag
        # turns it off, which is why the namespace is used wherever the system allows one.
        assert {(c["host"], c["port"]) for c in outside} <= {("2001:4860:4860::8888", 443)}, outside


# --- 3. an encrypted workspace keeps nothing readable ---------------------------------------


def _readable_anywhere(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_3_encrypted_workspace_keeps_no_upload_or_clean_copy_in_the_clear(tmp_path, tiny_exports):
    from cuidado.store import open_store
    from cuidado.web.app import start

    ws = tmp_path / "ws"
    open_store(ws, passphrase="correct horse").close()
    chat = chat_file(tmp_path / "in")
    photo = a_photo(tiny_exports)
    app, server, thread = start(ws, 0, passphrase="correct horse")
    try:
        client = Client(app)
        batch = json.loads(client.request("POST", "/api/batch")[2])["batch"]
        assert client.upload(batch, chat.name, chat.read_bytes())[0] == 200
        assert client.upload(batch, "phone/" + photo.name, photo.read_bytes())[0] == 200
        assert client.request("POST", f"/api/scan?batch={batch}")[0] == 200
        state = wait_for_scan(client)
        assert state["state"] == "done" and not [i for i in state["inputs"] if i["error"]], state
        assert SECRET in client.html("/?all=1"), "what was read is shown"
    finally:
        stop(server, thread)
    store = open_store(ws, passphrase="correct horse")
    try:
        assert db(store).execute("SELECT count(*) FROM records WHERE text LIKE ?", (f"%{SECRET}%",)).fetchone()[0] == 1
    finally:
        store.close()
    assert not [p for p in (ws / "uploads").rglob("*") if p.is_file()], "the uploaded copies are deleted"
    assert not _readable_anywhere(ws, SECRET.encode()), "no readable copy of the export anywhere"
    assert not _readable_anywhere(ws, photo.read_bytes()[-4096:]), "nor of the photo"

    env = {"CUIDADO_PASSPHRASE": "correct horse"}
    proc = cuidado("check", photo, "--json", "--workspace", ws, env=env)
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert "clean_copy" not in answer and "encrypted" in answer["clean_copy_skipped"]
    assert not (ws / "clean").exists() or not any((ws / "clean").iterdir()), "no clean copy in the clear"
    out = tmp_path / "to-post"
    proc = cuidado("check", photo, "--json", "--out", out, "--workspace", ws, env=env)
    assert proc.returncode == 0 and Path(json.loads(proc.stdout)["clean_copy"]).parent == out.resolve()


# --- 4. deep folders ------------------------------------------------------------------------


def test_4_a_deep_folder_is_refused_and_the_other_inputs_are_still_read(tmp_path):
    photos = deep_folder(tmp_path / "phone-backup", 1500)
    (photos / "IMG_0002.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    chat = chat_file(tmp_path / "in")
    ws = tmp_path / "ws"
    try:
        proc = cuidado("scan", "--quiet", "--no-ocr", "--no-faces", "--workspace", ws, photos, chat)
    finally:
        remove_deep(photos)
    assert "Traceback" not in proc.stderr and "RecursionError" not in proc.stdout + proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 0, proc.stderr
    data = summary(ws)
    assert data["platforms"]["whatsapp"]["messages"] == 3, "the input after the deep folder was read"
    assert data["platforms"]["files"]["media"] == 1, "the photo at the top of the deep folder was read"
    refused = [s for s in data["skipped"] if s["input"] == str(photos)]
    assert len(refused) == 1 and "nested more than 64" in refused[0]["reason"], refused
    assert refused[0]["member"].count("/") == 64, "folders 64 deep are read; the 65th level is not"


# --- 5. one huge JSON value -----------------------------------------------------------------


def test_5_one_huge_json_value_is_refused_quickly_and_the_rest_is_read(tmp_path, tiny_exports):
    out, labels = tiny_exports
    fb = tmp_path / "facebook-export"
    with zipfile.ZipFile(out / labels["platforms"]["facebook"]["path"]) as archive:
        archive.extractall(fb)
    # Over 32 MB, so it is streamed: one post's text is 34 MB (escaped quotes, ijson's worst case).
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.write(
            b'[{"timestamp": 1767225600, "data": [{"post": "hola"}], "title": "x"},\n'
            b' {"timestamp": 1767225601, "data": [{"post": "'
        )
        for _ in range(17):
            fh.write(b'\\"' * MB)
        fh.write(b'"}], "title": "y"}]')
    shutil.move(huge, fb / "your_facebook_activity/posts/your_posts_2.json")
    ws = tmp_path / "ws"
    started = time.monotonic()
    proc = cuidado("scan", "--quiet", "--no-ocr", "--no-faces", "--jobs", "1", "--workspace", ws, fb)
    seconds = time.monotonic() - started
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    data = summary(ws)
    refused = [s for s in data["skipped"] if s["member"] and s["member"].endswith("your_posts_2.json")]
    assert len(refused) == 1 and "longer than 2 MB" in refused[0]["reason"], data["skipped"]
    assert data["platforms"]["facebook"]["posts"] > 0 and data["platforms"]["facebook"]["messages"] > 0, (
        "the other members of the export were read"
    )
    print(f"scan with a 34 MB JSON string: {seconds:.1f} s")


# --- 6. the web launch secret ---------------------------------------------------------------

FAKE_BROWSER = """#!{python}
import json, sys
with open({record!r}, "w") as fh:
    json.dump(sys.argv, fh)
"""


def test_6_the_launch_secret_is_off_argv_single_use_and_not_the_session_cookie(tmp_path):
    from cuidado.web.app import start

    record = tmp_path / "argv.json"
    browser = tmp_path / "fake-browser"
    browser.write_text(FAKE_BROWSER.format(python=sys.executable, record=str(record)))
    browser.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k not in ("CUIDADO_PASSPHRASE",)}
    environ.update(BROWSER=str(browser))
    proc = subprocess.Popen(
        [sys.executable, "-m", "cuidado", "open", "--workspace", str(tmp_path / "ws")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=environ,
    )
    try:
        deadline = time.monotonic() + 60
        while not record.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        argv = json.loads(record.read_text())
        launch = Path(unquote(urlsplit(argv[1]).path))
        assert argv[1].startswith("file://") and "token" not in " ".join(argv), argv
        assert stat.S_IMODE(launch.stat().st_mode) == 0o600
        link = re.search(r"url=(http://127\.0\.0\.1:(\d+)/\?token=[\w-]+)", launch.read_text())
        port, path = int(link[2]), link[1].split(str(link[2]), 1)[1]
        token = path.split("token=")[1]

        def get(path: str, cookie: str | None = None):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = conn.getresponse()
            response.read()
            conn.close()
            return response.status, response.getheader("Set-Cookie") or ""

        status, set_cookie = get(path)
        assert status == 200 and token not in set_cookie
        assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie and "Path=/" in set_cookie
        cookie = set_cookie.split(";")[0]
        assert get("/", cookie)[0] == 200
        assert get(path)[0] == 403, "the launch token is spent"
        assert not launch.exists(), "the launch file is deleted once used"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        assert token not in out + err, "the secret is never printed when the browser got it"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    # Cookies reach every port on 127.0.0.1: one run's session is worthless to another.
    first, server_a, thread_a = start(tmp_path / "ws-a", 0)
    second, server_b, thread_b = start(tmp_path / "ws-b", 0)
    try:
        theirs = Client(second)
        for name, value in (
            (first.guard.cookie_name, first.guard.session),
            (second.guard.cookie_name, first.guard.session),
        ):
            assert theirs.get("/api/progress", auth=False, headers={"Cookie": f"{name}={value}"})[0] == 403
        assert theirs.get("/api/progress")[0] == 200
    finally:
        stop(server_a, thread_a)
        stop(server_b, thread_b)


def test_6_enter_in_the_terminal_gives_a_new_one_time_link(tmp_path):
    """A spent launch token cannot be reused: a person who closed the browser asks for a new link."""
    import pty

    controller, terminal = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "CUIDADO_PASSPHRASE"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cuidado", "open", "--no-browser", "--workspace", str(tmp_path / "ws")],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**environ, "CUIDADO_LANG": "en"},
    )
    os.close(terminal)
    link = re.compile(r"http://127\.0\.0\.1:(\d+)(/\?token=[\w-]+)")
    try:
        first = link.search(proc.stdout.readline())
        assert first, "the first link"

        def status(path: str) -> int:
            conn = http.client.HTTPConnection("127.0.0.1", int(first[1]), timeout=30)
            conn.request("GET", path)
            code = conn.getresponse().status
            conn.close()
            return code

        assert status(first[2]) == 200 and status(first[2]) == 403
        os.write(controller, b"\n")
        for _ in range(5):
            second = link.search(proc.stdout.readline())
            if second:
                break
        assert second and second[2] != first[2]
        assert status(second[2]) == 200 and status(second[2]) == 403
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
        os.close(controller)


# --- 7. permissions -------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_7_everything_written_is_private_even_with_a_permissive_umask(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir(mode=0o755)  # an existing --workspace folder
    os.chmod(ws, 0o755)
    chat = chat_file(tmp_path / "in")
    open022 = {"preexec_fn": lambda: os.umask(0o022)}
    assert cuidado("scan", "--quiet", "--workspace", ws, chat, **open022).returncode == 0
    assert (
        cuidado("timeline", "--csv", "--out", tmp_path / "timeline.csv", "--workspace", ws, **open022).returncode == 0
    )
    assert cuidado("report", "--out", tmp_path / "report.html", "--workspace", ws, **open022).returncode == 0
    assert _mode(ws) == 0o700
    for path in (ws / "cuidado.db", ws / "cuidado-workspace.txt", tmp_path / "timeline.csv", tmp_path / "report.html"):
        assert _mode(path) == 0o600, path
    # SQLite's -wal and -shm, while a connection has them open (the library alone, no CLI umask).
    code = (
        "import os, stat, sys\nfrom pathlib import Path\nfrom cuidado.store import open_store\n"
        "from cuidado.models import Skipped\ns = open_store(Path(sys.argv[1]))\ns.add_skipped([Skipped('a', None, 'b')])\n"
        "print([oct(stat.S_IMODE(os.stat(sys.argv[1] + '/cuidado.db' + x).st_mode)) for x in ('-wal', '-shm')])\n"
    )
    probe = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "ws2")], capture_output=True, text=True, timeout=60, **open022
    )
    assert probe.stdout.strip() == "['0o600', '0o600']", probe.stdout + probe.stderr


# --- 8. output hygiene ----------------------------------------------------------------------

FORGED = (
    "WhatsApp Chat with Ana\n✓ forged: facebook export, 999 file(s) read [link=mailto:a@evil.example]x \x1b]0;t\x07.txt"
)


def test_8_names_from_exports_cannot_forge_lines_or_escape_the_terminal(tmp_path):
    chat = chat_file(tmp_path / "in", FORGED)
    ws = tmp_path / "ws"
    terminal = {"FORCE_COLOR": "1", "COLUMNS": "200"}  # rich writes as to a terminal
    outputs = [cuidado("scan", "--quiet", "--workspace", ws, chat, env=terminal)]
    outputs += [
        cuidado(*c, "--workspace", ws, env=terminal)
        for c in (["summary"], ["findings"], ["timeline"], ["timeline", "--csv"])
    ]
    for proc in outputs:
        assert proc.returncode == 0, proc.stderr
        text = proc.stdout + proc.stderr
        assert not [line for line in text.splitlines() if line.lstrip().startswith("✓ forged")], text
        assert "\x07" not in text and "\x1b]" not in text, repr(text[:3000])  # no BEL, no OSC (title, hyperlink)
    assert "⏎" in outputs[0].stdout and "[link=mailto:a@evil.example]" in outputs[0].stdout, "shown, not obeyed"


def test_8_language_switch_goes_back_only_to_a_page_of_the_app(tmp_path):
    from cuidado.web.app import start

    app, server, thread = start(tmp_path / "ws", 0)
    try:
        client = Client(app)
        for target in (
            "/\r\nSet-Cookie: evil=1",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "/%0d%0aX: y\r\n",
        ):
            status, headers, _ = client.post_form("/lang", [("csrf", app.guard.csrf), ("lang", "en"), ("next", target)])
            assert status == 303 and headers["location"] == "/", (target, headers)
            assert "evil" not in headers.get("set-cookie", ""), target
        status, headers, _ = client.post_form(
            "/lang", [("csrf", app.guard.csrf), ("lang", "en"), ("next", "/?severity=high&kind=location#map")]
        )
        assert headers["location"] == "/?severity=high&kind=location#map"
    finally:
        stop(server, thread)


# --- 9. inputs that never end ---------------------------------------------------------------


def test_9_a_pipe_or_a_device_given_to_scan_is_refused_not_read(tmp_path):
    fifo = tmp_path / "export.zip"
    os.mkfifo(fifo)
    chat = chat_file(tmp_path / "in")
    ws = tmp_path / "ws"

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    try:
        proc = cuidado("scan", "--quiet", "--workspace", ws, fifo, "/dev/zero", chat, timeout=120, preexec_fn=limit)
    except subprocess.TimeoutExpired:
        pytest.fail("scan hung on a pipe or a device")
    # The chat is read; the pipe and the device are refused, which is a failure said plainly (exit 1).
    assert "Traceback" not in proc.stderr and proc.returncode == 1, proc.stderr
    assert "could not be read" in proc.stderr
    data = summary(ws)
    refused = {s["input"]: s["reason"] for s in data["skipped"]}
    assert "not a regular file or folder" in refused[str(fifo)]
    assert "not a regular file or folder" in refused["/dev/zero"]
    assert data["platforms"]["whatsapp"]["messages"] == 3


# --- 10. plain messages, no tracebacks ------------------------------------------------------


def test_10_a_taken_port_and_a_wrong_passphrase_are_plain_messages(tmp_path):
    from cuidado.store import open_store

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = cuidado("open", "--no-browser", "--port", port, "--workspace", tmp_path / "ws", timeout=60)
        spanish = cuidado(
            "open", "--no-browser", "--port", port, "--lang", "es", "--workspace", tmp_path / "ws", timeout=60
        )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert f"port {port} is already in use" in proc.stderr and "--port" in proc.stderr
    assert f"el puerto {port} ya está en uso" in spanish.stderr

    ws = tmp_path / "enc"
    open_store(ws, passphrase="right").close()
    proc = cuidado("summary", "--workspace", ws, env={"CUIDADO_PASSPHRASE": "wrong"})
    assert proc.returncode == 1 and "wrong passphrase" in proc.stderr
    assert "ERROR CORE" not in proc.stderr and "sqlcipher" not in proc.stderr.lower(), proc.stderr


# --- 11. scrub never writes among the originals ---------------------------------------------


def test_11_scrub_refuses_an_out_folder_among_the_originals(tmp_path, tiny_exports):
    pictures = tmp_path / "Pictures"
    (pictures / "trip").mkdir(parents=True)
    shutil.copy(a_photo(tiny_exports), pictures / "trip" / "IMG_0001.jpg")
    before = hash_tree(pictures)
    for paths, out in (
        ([pictures], pictures),
        ([pictures], pictures / "trip"),
        ([pictures], pictures / "clean"),
        ([pictures / "trip" / "IMG_0001.jpg"], pictures / "trip"),
    ):
        proc = cuidado("scrub", *paths, "--out", out)
        assert proc.returncode == 1 and "next to your originals" in proc.stderr, (paths, out, proc.stderr)
    assert hash_tree(pictures) == before and not (pictures / "clean").exists()
    proc = cuidado("scrub", pictures, "--out", tmp_path / "clean")
    assert proc.returncode == 0 and (tmp_path / "clean" / "IMG_0001.jpg").is_file(), proc.stderr


def test_security_md_names_tests_that_exist():
    """SECURITY.md says which test proves each promise: those tests exist (in both languages)."""
    root = Path(__file__).resolve().parents[1]
    text = (root / "SECURITY.md").read_text(encoding="utf-8")
    english, spanish = text.split("## Español")
    for part in (english, spanish):
        named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", part)
        assert len(named) >= 12
        for path, name in named:
            assert (root / path).is_file(), path
            if name:
                assert f"def {name}(" in (root / path).read_text(encoding="utf-8"), name
        for short in re.findall(r"`(test_\d+_\w+)`", part):
            assert f"def {short}(" in (root / "tests/test_trust.py").read_text(encoding="utf-8"), short
