"""The documented schema and the real one agree: every table and column is in docs/workspace-schema.md."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import db
from cuidado.store import open_store

DOC = Path(__file__).parent.parent / "docs" / "workspace-schema.md"
README = Path(__file__).parent.parent / "README.md"


def _documented() -> dict[str, set[str]]:
    tables: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+)$", line)
        if heading:
            current = heading.group(1)
            tables[current] = set()
        elif current and line.startswith("| ") and not line.startswith("| column") and not line.startswith("|---"):
            cell = line.split("|")[1].strip()
            tables[current].update(c.strip() for c in cell.split(","))
    return tables


def test_every_table_and_column_is_documented(tmp_path):
    store = open_store(tmp_path / "ws")
    real = {}
    for (name,) in db(store).execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        real[name] = {row[1] for row in db(store).execute(f"PRAGMA table_info({name})")}
    store.close()
    documented = _documented()
    assert set(real) == set(documented)
    for table, columns in real.items():
        assert columns == documented[table], table


def test_readme_documents_summary_json_and_findings_contract():
    text = README.read_text(encoding="utf-8")
    for key in ('"platforms"', '"skipped"', '"profile_fields"', '"connections"', '"files"'):
        assert key in text
    for field in ("`id`", "`kind`", "`severity`", "`confidence`", "`excerpt`", "`why`", "`advice`"):
        assert field in text
