"""Offline by construction (issue 8 §1): the network guard works, a whole session of cuidado runs
under it without one attempt, and no module outside the web app even imports a networking module."""

from __future__ import annotations

import ast
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import network_guard
from conftest import export_paths, hash_tree
from network_guard import NetworkBlocked, expect_network_attempts

SRC = Path(__file__).resolve().parents[1] / "src" / "cuidado"

# Standard-library and common third-party modules that open connections (or exist to).
# urllib.parse is only string handling and stays allowed.
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "urllib.request",
    "urllib.error",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "nntplib",
    "telnetlib",
    "xmlrpc",
    "socketserver",
    "asyncio",
    "webbrowser",
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "websocket",
    "websockets",
    "paramiko",
    "pycurl",
    "dns",
    "grpc",
    "boto3",
    "botocore",
    "google.cloud",
    "tornado",
    "twisted",
    "uvicorn",
    "flask",
    "fastapi",
    "starlette",
    "wsgiref",
}
ALLOWED = {"urllib.parse"}


@pytest.fixture(scope="module", autouse=True)
def _guard():
    """The session fixture from conftest normally installed it; make this module work on its own too."""
    here = not network_guard.installed()
    network_guard.install()
    yield
    if here:
        network_guard.uninstall()


# --- the guard itself ------------------------------------------------------------------------


def test_connecting_outside_loopback_is_refused_and_recorded():
    with expect_network_attempts() as attempts:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            with pytest.raises(NetworkBlocked):
                sock.connect(("203.0.113.1", 443))
            with pytest.raises(OSError):  # NetworkBlocked is an OSError: code sees "no network"
                sock.connect_ex(("203.0.113.1", 80))
        with pytest.raises(NetworkBlocked):
            socket.create_connection(("203.0.113.1", 80), timeout=1)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp, pytest.raises(NetworkBlocked):
            udp.sendto(b"\x00" * 12, ("198.51.100.53", 53))  # a hand-made DNS query
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as six, pytest.raises(NetworkBlocked):
            six.connect(("2001:db8::1", 443, 0, 0))
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener, pytest.raises(NetworkBlocked):
            listener.bind(("0.0.0.0", 0))  # a listener on every interface
    assert len(attempts) == 6
    assert "203.0.113.1" in attempts[0] and "test_connecting_outside_loopback" in attempts[0]
    assert "sendto" in attempts[3] and "2001:db8::1" in attempts[4] and "bind" in attempts[5]


def test_name_lookups_are_refused():
    with expect_network_attempts() as attempts:
        for lookup in (
            lambda: socket.getaddrinfo("example.com", 443),
            lambda: socket.gethostbyname("example.com"),
            lambda: socket.gethostbyname_ex("example.com"),
            lambda: socket.gethostbyaddr("203.0.113.1"),
            lambda: socket.create_connection(("example.com", 80), timeout=1),
        ):
            with pytest.raises(NetworkBlocked):
                lookup()
    assert len(attempts) == 5 and all("example.com" in a or "203.0.113.1" in a for a in attempts)


def test_loopback_and_unix_sockets_still_work(tmp_path):
    with expect_network_attempts() as attempts:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            port = server.getsockname()[1]
            accepted = []
            thread = threading.Thread(target=lambda: accepted.append(server.accept()[0].recv(5)))
            thread.start()
            with socket.create_connection(("localhost", port), timeout=5) as client:
                client.sendall(b"hello")
            thread.join(5)
        assert accepted == [b"hello"]
        assert socket.getaddrinfo("localhost", 80) and socket.getaddrinfo(None, 80)
        path = tmp_path / "s.sock"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix_server:
            unix_server.bind(str(path))
            unix_server.listen(1)
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as unix_client:
                unix_client.connect(str(path))
    assert attempts == []


def test_the_guard_reaches_python_subprocesses():
    """The CLI tests run `python -m cuidado` in subprocesses: the guard is installed there too."""
    if network_guard.ENV_MODULE not in os.environ:
        pytest.skip("the session guard (conftest) is not active")
    code = (
        "import socket\n"
        "try:\n    socket.getaddrinfo('example.com', 80)\nexcept OSError as e:\n    print(type(e).__name__)\n"
    )
    log_dir = Path(os.environ[network_guard.ENV_LOG])
    before = {p: p.read_text() for p in log_dir.glob("*.log")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "NetworkBlocked", proc.stderr
    new = [p for p in log_dir.glob("*.log") if p not in before]
    assert len(new) == 1 and "example.com" in new[0].read_text()
    new[0].unlink()  # this one was on purpose: do not fail the session for it
    # and a worker forked from this process, as the scan's process pool does
    ctx = multiprocessing.get_context("fork")
    with expect_network_attempts():  # in the worker, this collector is lost: it must log instead
        worker = ctx.Process(target=_lookup_in_worker)
        worker.start()
        worker.join(30)
    assert worker.exitcode == 0
    new = [p for p in log_dir.glob("*.log") if p not in before]
    assert len(new) == 1 and "forked.example" in new[0].read_text()
    new[0].unlink()


def _lookup_in_worker():
    try:
        socket.getaddrinfo("forked.example", 80)
    except OSError:
        pass


# --- cuidado under the guard -----------------------------------------------------------------


def test_a_whole_session_of_cuidado_makes_no_network_attempt(tmp_path, monkeypatch):
    """scan, summary, findings, plan, profile and timeline of every generated export, in this process
    (the `small` size, so the scan also starts its worker processes)."""
    from cuidado.cli import main
    from cuidado.fixtures.generate import generate

    out = tmp_path / "exports"
    labels = generate(out, seed=3, size="small")
    inputs = [str(p) for p in export_paths(out, labels)]
    before = {p: hash_tree(p) for p in inputs}
    ws = str(tmp_path / "ws")
    monkeypatch.delenv("CUIDADO_PASSPHRASE", raising=False)
    runner = CliRunner()
    log_dir = Path(os.environ.get(network_guard.ENV_LOG, tmp_path / "no-log"))
    logged_before = set(log_dir.glob("*.log")) if log_dir.is_dir() else set()
    with expect_network_attempts() as attempts:
        scan = runner.invoke(
            main, ["scan", "--quiet", "--jobs", "2", "--workspace", ws, *inputs], catch_exceptions=False
        )
        assert scan.exit_code == 0, scan.output
        summary = json.loads(runner.invoke(main, ["summary", "--json", "--workspace", ws]).output)
        findings = runner.invoke(main, ["findings", "--json", "--workspace", ws], catch_exceptions=False)
        plan = runner.invoke(main, ["plan", "--json", "--workspace", ws], catch_exceptions=False)
        profile = runner.invoke(main, ["profile", "--json", "--lang", "es", "--workspace", ws], catch_exceptions=False)
        timeline = runner.invoke(main, ["timeline", "--csv", "--workspace", ws], catch_exceptions=False)
    assert attempts == []
    if log_dir.is_dir():  # the scan's worker processes
        assert set(log_dir.glob("*.log")) == logged_before
    assert sum(v for p in summary["platforms"].values() for v in p.values() if isinstance(v, int)) > 0
    assert findings.exit_code == 0 and len(findings.output.splitlines()) > 0
    assert plan.exit_code == 0 and json.loads(plan.output)["actions"]
    assert profile.exit_code == 0 and "lines" in json.loads(profile.output)
    assert timeline.exit_code == 0
    assert {p: hash_tree(p) for p in inputs} == before


# --- no networking code at all ---------------------------------------------------------------


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call):
            # __import__("socket"), importlib.import_module("socket")
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if (
                name in ("__import__", "import_module")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((node.lineno, node.args[0].value))
    return found


def _networking(module: str) -> bool:
    if module in ALLOWED or any(module.startswith(a + ".") for a in ALLOWED):
        return False
    parts = module.split(".")
    return any(".".join(parts[:i]) in NETWORK_MODULES for i in range(1, len(parts) + 1)) and not (
        parts[0] == "urllib" and len(parts) > 1 and parts[1] == "parse"
    )


def test_no_module_outside_the_web_app_imports_a_networking_module():
    offenders = []
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 20
    for path in files:
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("web/"):
            continue  # the web app's loopback listener is the one allowed exception
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offenders += [
            f"src/cuidado/{rel}:{line}: {module}" for line, module in _imported_modules(tree) if _networking(module)
        ]
    assert offenders == [], "cuidado works offline; these modules import networking code:\n" + "\n".join(offenders)


def test_the_import_check_catches_what_it_should():
    sample = ast.parse(
        "import socket\nfrom urllib.request import urlopen\nfrom urllib.parse import quote\n"
        "import http.client as h\nimportlib.import_module('requests')\n__import__('ssl')\n"
        "from email import message\nimport json\n"
    )
    flagged = sorted({m for _, m in _imported_modules(sample) if _networking(m)})
    assert flagged == ["http.client", "requests", "socket", "ssl", "urllib.request", "urllib.request.urlopen"]
