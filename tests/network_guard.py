"""The test run fails if anything tries to reach the network (issue 8, "offline by construction").

conftest.py imports the `network_guard` fixture (autouse, whole session). While it is active:

- `socket.socket.connect`, `connect_ex`, `sendto`, `bind`, `socket.create_connection`,
  `socket.getaddrinfo`, `gethostbyname(_ex)` and `gethostbyaddr` allow only loopback addresses
  and unix sockets; anything else is recorded (with the test that did it) and refused with
  `NetworkBlocked`, an OSError, so code behaves as it would on a machine without network.
- Python subprocesses started by tests (`python -m cuidado …`) get the same guard through a
  `sitecustomize` on PYTHONPATH, and worker processes forked by the scan inherit it; both append
  their attempts to a log the session reads at the end.
- At the end of the session, any attempt anywhere fails the run, even one that the code caught
  and swallowed.

CI also runs the whole suite in a network namespace with only loopback (`.ci/run`); this guard
names the culprit and works on a developer's machine too.

A test that attempts a connection on purpose (tests/test_offline.py) wraps it in
`expect_network_attempts()`, which collects those attempts instead of failing the run.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "ATTEMPTS",
    "NetworkBlocked",
    "expect_network_attempts",
    "install",
    "installed",
    "network_guard",
    "uninstall",
]

ENV_LOG = "CUIDADO_NETWORK_GUARD_LOG"  # directory where guarded subprocesses log their attempts
ENV_MODULE = "CUIDADO_NETWORK_GUARD_MODULE"  # this file, for the subprocesses' sitecustomize

ATTEMPTS: list[str] = []  # every attempt outside loopback this process saw (and refused)
_expected: list[list[str]] = []  # stack of collectors opened by expect_network_attempts()
_lock = threading.Lock()
_originals: dict[str, object] = {}

_LOCAL_NAMES = {"localhost", "localhost.", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
_INET = (socket.AF_INET, socket.AF_INET6)


class NetworkBlocked(OSError):
    """cuidado's tests run offline: this connection or name lookup was refused and recorded."""


def _is_loopback_host(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip().lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _address_allowed(family, address) -> bool:
    if family not in _INET:
        return True  # unix sockets, netlink…: not the network
    if isinstance(address, tuple) and address:
        return _is_loopback_host(address[0])
    return False


def _where() -> str:
    test = (
        os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" (", 1)[0]
        or f"pid {os.getpid()} ({' '.join(sys.argv)[:120]})"
    )
    frames = [f for f in traceback.extract_stack()[:-3] if not f.filename.endswith("network_guard.py")]
    caller = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    return f"{test} at {caller}"


def _refuse(what: str):
    message = f"{what} — from {_where()}"
    with _lock:
        # A worker forked from this process: its memory (and any collector) dies with it, so it logs.
        forked = _originals.get("pid") not in (None, os.getpid())
        if _expected and not forked:
            _expected[-1].append(message)
        else:
            ATTEMPTS.append(message)
            log_dir = os.environ.get(ENV_LOG)
            if log_dir and (_originals.get("child") or forked):
                try:
                    with open(Path(log_dir) / f"{os.getpid()}.log", "a", encoding="utf-8") as fh:
                        fh.write(message.replace("\n", " ") + "\n")
                except OSError:
                    pass
    raise NetworkBlocked(f"network access refused in tests: {what}")


def _guarded_connect(self, address):
    if not _address_allowed(self.family, address):
        _refuse(f"connect to {address!r}")
    return _originals["connect"](self, address)


def _guarded_connect_ex(self, address):
    if not _address_allowed(self.family, address):
        _refuse(f"connect_ex to {address!r}")
    return _originals["connect_ex"](self, address)


def _guarded_sendto(self, data, *args):
    address = args[-1] if args else None
    if address is not None and not _address_allowed(self.family, address):
        _refuse(f"sendto {address!r}")
    return _originals["sendto"](self, data, *args)


def _guarded_bind(self, address):
    # A listener on all interfaces would show the person's data to the whole network.
    if not _address_allowed(self.family, address):
        _refuse(f"bind to {address!r} (not loopback)")
    return _originals["bind"](self, address)


def _guarded_create_connection(address, *args, **kwargs):
    if not (isinstance(address, tuple) and address and _is_loopback_host(address[0])):
        _refuse(f"create_connection to {address!r}")
    return _originals["create_connection"](address, *args, **kwargs)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if host not in (None, "", b"") and not _is_loopback_host(host):
        _refuse(f"name lookup of {host!r}")
    return _originals["getaddrinfo"](host, *args, **kwargs)


def _guarded_gethostbyname(host):
    if not _is_loopback_host(host):
        _refuse(f"name lookup of {host!r}")
    return _originals["gethostbyname"](host)


def _guarded_gethostbyname_ex(host):
    if not _is_loopback_host(host):
        _refuse(f"name lookup of {host!r}")
    return _originals["gethostbyname_ex"](host)


def _guarded_gethostbyaddr(host):
    if not _is_loopback_host(host):
        _refuse(f"reverse lookup of {host!r}")
    return _originals["gethostbyaddr"](host)


_SOCKET_METHODS = {
    "connect": _guarded_connect,
    "connect_ex": _guarded_connect_ex,
    "sendto": _guarded_sendto,
    "bind": _guarded_bind,
}
_MODULE_FUNCTIONS = {
    "create_connection": _guarded_create_connection,
    "getaddrinfo": _guarded_getaddrinfo,
    "gethostbyname": _guarded_gethostbyname,
    "gethostbyname_ex": _guarded_gethostbyname_ex,
    "gethostbyaddr": _guarded_gethostbyaddr,
}


def install(*, child: bool = False) -> None:
    """Put the guards in place (idempotent)."""
    if "connect" in _originals:
        return
    for name, guard in _SOCKET_METHODS.items():
        _originals[name] = getattr(socket.socket, name)
        setattr(socket.socket, name, guard)
    for name, guard in _MODULE_FUNCTIONS.items():
        _originals[name] = getattr(socket, name)
        setattr(socket, name, guard)
    _originals["child"], _originals["pid"] = child, os.getpid()


def installed() -> bool:
    return "connect" in _originals


def uninstall() -> None:
    if "connect" not in _originals:
        return
    for name in _SOCKET_METHODS:
        setattr(socket.socket, name, _originals.pop(name))
    for name in _MODULE_FUNCTIONS:
        setattr(socket, name, _originals.pop(name))
    _originals.pop("child", None)
    _originals.pop("pid", None)


@contextmanager
def expect_network_attempts():
    """Collect the attempts made inside the block (a test of the guard itself) instead of failing the run."""
    collected: list[str] = []
    with _lock:
        _expected.append(collected)
    try:
        yield collected
    finally:
        with _lock:
            _expected.remove(collected)


_SITECUSTOMIZE = """\
# Written by tests/network_guard.py: guard this Python subprocess of the test run as well.
import importlib.util as _u, os as _os
_path = _os.environ.get("{module_env}")
if _path and _os.path.exists(_path):
    _spec = _u.spec_from_file_location("_cuidado_network_guard", _path)
    _mod = _u.module_from_spec(_spec)
    _spec.loader.exec_module(_mod)
    _mod.install(child=True)
"""


def _child_attempts(log_dir: Path) -> list[str]:
    lines = []
    for log in sorted(log_dir.glob("*.log")):
        lines += [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line]
    return lines


try:
    import pytest
except ImportError:  # imported by a guarded subprocess that has no pytest: the fixture is not needed
    pytest = None

if pytest is not None:

    @pytest.fixture(scope="session", autouse=True)
    def network_guard(tmp_path_factory):
        """Refuse and record every network attempt of the session; fail the run if there was any."""
        base = tmp_path_factory.mktemp("network-guard")
        site_dir, log_dir = base / "site", base / "log"
        site_dir.mkdir()
        log_dir.mkdir()
        (site_dir / "sitecustomize.py").write_text(_SITECUSTOMIZE.format(module_env=ENV_MODULE), encoding="utf-8")
        saved = {key: os.environ.get(key) for key in ("PYTHONPATH", ENV_LOG, ENV_MODULE)}
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(site_dir), saved["PYTHONPATH"]) if p)
        os.environ[ENV_LOG] = str(log_dir)
        os.environ[ENV_MODULE] = str(Path(__file__).resolve())
        install()
        try:
            yield ATTEMPTS
        finally:
            uninstall()
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        attempts = ATTEMPTS + _child_attempts(log_dir)
        if attempts:
            pytest.fail(
                "cuidado must work offline, but the test run tried to reach the network:\n  "
                + "\n  ".join(attempts[:50]),
                pytrace=False,
            )
