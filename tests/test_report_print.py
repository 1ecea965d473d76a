"""The printed report (issue 17): it prints from ordinary workspace paths, and the demo's PDF is a
document a lawyer reads: at most 25 pages in English and in Spanish, the conclusions first, the
person's name, the date and the page number on every page, emoji drawn with a font that has them.

The PDFs are made by the real Chromium, as `cuidado report --pdf` makes them, and read with pypdf.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import export_paths
from cuidado.cli.report import report
from cuidado.models import Record
from cuidado.report.render import build_html, css_string
from cuidado.scan.pipeline import scan
from cuidado.store import open_store

pypdf = pytest.importorskip("pypdf", reason="the test extra installs pypdf (pip install -e '.[test]')")
needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(),
    reason="PDF needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
)
MAX_PAGES = 25
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


def _scanned(folder: Path, tiny_exports) -> Path:
    out, labels = tiny_exports
    store = open_store(folder)
    scan(export_paths(out, labels), store)
    store.close()
    return folder


@pytest.fixture
def private_tmp(monkeypatch):
    """A short, fresh system temporary folder, to see what printing leaves in it."""
    folder = Path(tempfile.mkdtemp(prefix="c17-"))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    for child in folder.iterdir():
        child.rmdir()
    folder.rmdir()


def _printed(result, pdf: Path, workspace: Path, private_tmp: Path) -> None:
    assert result.exit_code == 0, result.output + (result.stderr or "")
    assert "Traceback" not in result.output
    assert pdf.read_bytes()[:5] == b"%PDF-" and len(pypdf.PdfReader(pdf).pages) >= 1
    assert not list((workspace / "cache").glob("pdf-*")), "the private print folder is removed"
    assert not list(private_tmp.iterdir()), "the short link to it is removed too"


@needs_chromium
def test_pdf_prints_from_a_relative_workspace(tmp_path, tiny_exports, monkeypatch, private_tmp):
    """As `make demo` leaves it: `report --pdf --workspace demo-workspace`, from the folder above."""
    _scanned(tmp_path / "demo-workspace", tiny_exports)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(report, ["--pdf", "--no-thumbnails", "--workspace", "demo-workspace"])
    _printed(result, tmp_path / "cuidado-report.pdf", tmp_path / "demo-workspace", private_tmp)


@needs_chromium
def test_pdf_prints_from_a_workspace_under_a_150_character_path(tmp_path, tiny_exports, private_tmp):
    """Chromium's sockets live under its temporary folder, and a socket path is at most 107 bytes."""
    filler = 150 - len(str(tmp_path)) - len("/") - len("/ws")
    assert filler > 0
    workspace = tmp_path / ("long-folder-name-" * 10)[:filler] / "ws"
    assert len(str(workspace)) == 150
    _scanned(workspace, tiny_exports)
    out = tmp_path / "report.pdf"
    result = CliRunner().invoke(report, ["--out", str(out), "--no-thumbnails", "--workspace", str(workspace)])
    _printed(result, out, workspace, private_tmp)


def test_a_hostile_name_in_a_profile_is_inert_in_the_page_margins(tmp_path):
    """The name printed on every page comes from an export and is written into the stylesheet."""
    import base64
    import hashlib

    from test_report import assert_inert

    name = '</style><script>alert(1)</script>"; } @import x; {'
    store = open_store(tmp_path / "ws")
    with store.member("k1", str(tmp_path / "profile.zip"), "profile.json") as writer:
        writer.add(
            Record(
                platform="facebook",
                kind="profile_field",
                source="profile.json",
                native_id="n",
                text=name,
                extra={"field": "full_name"},
            )
        )
    try:
        html = build_html(store, "en", thumbnails=False)
    finally:
        store.close()
    page = assert_inert(html)
    assert name in page.plain(), "the name is shown as text in the title"
    (css,) = page.raw["style"]
    assert "<" not in css and "@import" not in css
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert f"'sha256-{digest}'" in csp, "the stylesheet with the margins is allowed by its hash"
    assert css_string(name)[1:-1] in css, "the name is in the margins, escaped"


def test_css_strings_cannot_end_the_string_the_rule_or_the_style_element():
    hostile = 'Ana "x"; } </style><script>alert(1)</script> \\ \n'
    quoted = css_string(hostile)
    assert quoted[0] == quoted[-1] == '"' and '"' not in quoted[1:-1]
    assert not set(quoted) & set("<>;{}\n") and "\\\\" not in quoted
    decoded = re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m[1], 16)), quoted[1:-1])
    assert decoded == hostile


# --- the demo export's report ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_workspace(demo_exports, tmp_path_factory) -> tuple[Path, str]:
    out, labels = demo_exports
    folder = tmp_path_factory.mktemp("demo-ws")
    store = open_store(folder)
    scan(export_paths(out, labels), store)
    store.close()
    return folder, labels["persona"]["full_name"]


def _font_types(reader) -> set[str]:
    types = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            types.add(str(ref.get_object().get("/Subtype", "")))
    return types


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_demo_report_prints_in_at_most_25_pages(demo_workspace, tmp_path, lang):
    workspace, name = demo_workspace
    out = tmp_path / f"report-{lang}.html"
    result = CliRunner().invoke(report, ["--out", str(out), "--pdf", "--lang", lang, "--workspace", str(workspace)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    reader = pypdf.PdfReader(out.with_suffix(".pdf"))
    pages = [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]  # "ﬁ" → "fi"
    print(f"{lang}: {len(pages)} pages")
    assert 3 <= len(pages) <= MAX_PAGES, f"{len(pages)} pages"
    words = {
        "en": (
            "What someone could conclude about you",
            "Where you can be located",
            "Identifiers",
            "First steps of the cleanup plan",
            "Page {n} of {total}",
        ),
        "es": (
            "Lo que alguien podría concluir sobre usted",
            "Dónde lo pueden ubicar",
            "Identificadores",
            "Primeros pasos del plan de limpieza",
            "Página {n} de {total}",
        ),
    }[lang]
    first = " ".join(pages[0].split())
    for heading in words[:4]:
        assert heading in first, f"{heading!r} is not on the first page"
    date = re.search(r"\d{4}-\d{2}-\d{2}", first)[0]
    for number, text in enumerate(pages, 1):
        flat = " ".join(text.split())
        assert name in flat and date in flat, f"page {number} has no name or date"
        assert words[4].format(n=number, total=len(pages)) in flat, f"page {number} has no page number"
    # Low-risk items are counted in a table, not one card each.
    assert html.count('class="finding"') < 200
    assert 'class="counted"' in html
    if EMOJI.search(html):
        # Chromium draws colour emoji glyphs as Type 3 fonts; with no emoji font it draws empty boxes
        # from the text font instead, and the PDF has no Type 3 font at all.
        assert "/Type3" in _font_types(reader), (
            "the report holds emoji but the PDF has no emoji glyphs: they print as empty boxes"
        )
