"""Shared test helpers: hashing inputs to prove they are never modified, generated exports."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

# A suite started in the background by a shell without job control inherits SIGINT ignored, and
# so would every `cuidado open` the tests start (and then stop with Ctrl+C): give it back.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# Real sample exports (shared/samples/SOURCES.md): beside the repository, or where $CUIDADO_SAMPLES says.
SHARED_SAMPLES = (
    Path(os.environ["CUIDADO_SAMPLES"])
    if os.environ.get("CUIDADO_SAMPLES")
    else Path(__file__).resolve().parents[1].parent / "shared" / "samples"
)


# CI sets CUIDADO_REQUIRE_SAMPLES=1 (.ci/run): there a missing sample fails the test instead of
# skipping it, so the real-sample tests cannot quietly vanish from the run.
REQUIRE_SAMPLES = os.environ.get("CUIDADO_REQUIRE_SAMPLES", "") not in ("", "0")


def shared_sample(relative: str) -> Path:
    """One real sample (file or folder); the test is skipped, saying so and why, when it is absent
    (and fails instead where CUIDADO_REQUIRE_SAMPLES is set)."""
    path = SHARED_SAMPLES / relative
    if not path.exists():
        reason = (
            f"real sample {relative!r} not found in {SHARED_SAMPLES} "
            "(it sits in ../shared/samples beside the repository; or set CUIDADO_SAMPLES)"
        )
        if REQUIRE_SAMPLES:
            pytest.fail(reason + "; CUIDADO_REQUIRE_SAMPLES is set, so this is a failure", pytrace=False)
        pytest.skip(reason)
    return path


def hash_tree(root: Path) -> dict[str, str]:
    """Every file under root (or root itself) with its SHA-256: compare before and after a scan."""
    root = Path(root)
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a small export folder: {relative path: text or bytes}."""
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


def list_tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in Path(root).rglob("*")}


@pytest.fixture(autouse=True)
def inputs_never_modified(monkeypatch):
    """Every importer run in the tests hashes its inputs before and after (the trust issue's rule)."""
    import cuidado.importers.run as run

    original = run.read_all

    def checked(source, importer):
        paths = [Path(p) for p in getattr(source, "paths", [])]
        before = {p: hash_tree(p) for p in paths}
        result = original(source, importer)
        assert {p: hash_tree(p) for p in paths} == before, "an input was modified"
        return result

    monkeypatch.setattr(run, "read_all", checked)
    for module in list(sys.modules.values()):  # test modules that imported read_all by name
        if getattr(module, "read_all", None) is original and module is not run:
            monkeypatch.setattr(module, "read_all", checked)


@pytest.fixture(scope="session")
def tiny_exports(tmp_path_factory) -> tuple[Path, dict]:
    """Every platform's generated export at the tiny size, written once per session."""
    from cuidado.fixtures.generate import generate

    out = tmp_path_factory.mktemp("exports")
    labels = generate(out, seed=3, size="tiny")
    return out, labels


@pytest.fixture(scope="session")
def demo_exports(tmp_path_factory) -> tuple[Path, dict]:
    from cuidado.fixtures.generate import generate

    out = tmp_path_factory.mktemp("demo")
    labels = generate(out, seed=7, size="demo")
    return out, labels


def export_paths(out: Path, labels: dict) -> list[Path]:
    return [out / entry["path"] for entry in labels["platforms"].values()]


def load_labels(out: Path) -> dict:
    return json.loads((out / "labels.json").read_text(encoding="utf-8"))


# After the run, no test may have left a folder deep enough to crash pytest's clean-up of its
# temporary folders in a later run (tests/deep_folders.py).
from deep_folders import no_deep_folder_left  # noqa: E402,F401

# Every test runs under the network guard: any attempt to reach a non-loopback address, in this
# process or a `python -m cuidado` child, fails the run (tests/network_guard.py).
from network_guard import network_guard  # noqa: E402,F401


def db(store) -> sqlite3.Connection:
    """The workspace's own connection, for a test that checks (or plants) rows itself. cuidado's
    code never does this: everything goes through the Store's methods (see cuidado.store)."""
    return store._conn
