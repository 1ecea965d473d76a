"""The HTML report: every section, nothing loaded from anywhere, hostile text inert, EN/ES, thumbnails."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import stat
import zipfile
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw, ImageFilter, ImageStat

from conftest import db
from cuidado.models import Finding, Record
from cuidado.report.charts import timeline_chart
from cuidado.report.mapsvg import build_maps
from cuidado.report.model import build_report, safe_link
from cuidado.report.render import build_html, mask
from cuidado.report.thumbs import Thumbnailer
from cuidado.scan.pipeline import scan
from cuidado.store import open_store

SECTIONS = ("summary", "map", "timeline", "findings", "plan", "skipped")
HOSTILE = {
    "script": "<script>alert('xss')</script>",
    "img": "<img src=x onerror=alert(1)>",
    "svg": '"><svg onload=alert(2)>',
    "style": "</style><script>alert(4)</script>",
    "title": "</title><script>alert(5)</script>",
}


# --- helpers shared with test_web*.py and test_e2e_browser.py --------------------------------


class Page(HTMLParser):
    """Every tag with its attributes, the text, and the raw contents of <style> and <script>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self._in: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data
        else:
            self.text.append(data)

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}

    def plain(self) -> str:
        return "".join(self.text)


def assert_inert(html: str, allowed_scripts: tuple[str, ...] = ()) -> Page:
    """No script but ours, no event handler attribute, no javascript: URL; hostile text shown as text."""
    page = Page(html)
    for tag, attrs in page.tags:
        if tag == "script":
            assert attrs.get("src") in allowed_scripts, f"unexpected script {attrs}"
        for name, value in attrs.items():
            assert not name.lower().startswith("on"), f"event handler attribute {name} on <{tag}>"
            if name in ("href", "src", "action", "xlink:href", "formaction"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text", "vbscript:")), value
        assert tag not in ("iframe", "object", "embed", "base"), tag
    assert not any("alert" in s for s in page.raw["script"])
    return page


def hostile_workspace(directory: Path) -> dict:
    """A workspace whose items carry script tags, event attributes and javascript: links."""
    store = open_store(directory)
    when = datetime(2025, 3, 14, 21, 30, tzinfo=UTC)
    post = Record(
        platform="facebook",
        kind="post",
        source="posts/" + HOSTILE["img"] + ".json",
        native_id="p1",
        time=when,
        by_self=True,
        author=HOSTILE["svg"],
        text=HOSTILE["script"] + " " + HOSTILE["img"],
        audience="public",
        place=HOSTILE["title"],
        lat=34.05,
        lon=-118.25,
        permalink="javascript:alert(3)",
        thread=None,
    )
    message = Record(
        platform="whatsapp",
        kind="message",
        source="chat.txt",
        native_id="m1",
        time=when,
        by_self=False,
        author=HOSTILE["style"],
        text="mi numero <b>+1 213 555 0100</b> " + HOSTILE["svg"],
        thread=HOSTILE["title"],
        permalink='https://www.facebook.com/x" onmouseover="alert(9)',
    )
    with store.member("k1", "/tmp/" + HOSTILE["script"] + ".zip", "posts.json") as writer:
        for record in (post, message):
            writer.add(record)
        writer.add_finding(
            Finding(
                kind="location.geotag",
                severity="high",
                confidence=0.95,
                platform="facebook",
                source=post.source,
                item=post.id,
                value=HOSTILE["img"],
                time=when,
                lat=34.05,
                lon=-118.25,
                place=HOSTILE["svg"],
                excerpt=HOSTILE["script"],
            )
        )
        writer.add_finding(
            Finding(
                kind="identity.phone",
                severity="medium",
                confidence=0.9,
                platform="whatsapp",
                source="chat.txt",
                item=message.id,
                value="+12135550100",
                time=when,
                excerpt=HOSTILE["style"],
                terms=(HOSTILE["title"],),
            )
        )
        writer.add_finding(
            Finding(
                kind="sensitive." + "immigration",
                severity="high",
                confidence=0.8,
                platform="facebook",
                source=post.source,
                item=post.id,
                value=HOSTILE["title"],
                time=when,
                terms=(HOSTILE["img"],),
            )
        )
    from cuidado.models import Skipped

    store.add_skipped([Skipped("/tmp/" + HOSTILE["svg"] + ".zip", HOSTILE["img"], HOSTILE["script"])])
    store.close()
    return {"post": post.id, "message": message.id}


def hostile_plan(ids: dict) -> dict:
    return {
        "score_before": 10.0,
        "score_after_all": 1.0,
        "lang": "en",
        "warning": {"title": HOSTILE["title"], "text": [HOSTILE["script"]], "untouched_exports": [HOSTILE["img"]]},
        "actions": [
            {
                "id": "a1",
                "rank": 1,
                "kind": "remove_items",
                "title": HOSTILE["script"],
                "platform": "facebook",
                "reduces": 9.0,
                "score_after": 1.0,
                "removes_inferences": [],
                "deletion": True,
                "done": False,
                "steps": [HOSTILE["img"]],
                "items": [
                    {
                        "item": ids["post"],
                        "time": None,
                        "text_start": HOSTILE["svg"],
                        "permalink": "javascript:alert(7)",
                        "source": "x",
                        "where": HOSTILE["style"],
                    }
                ],
            }
        ],
    }


@pytest.fixture(scope="module")
def scanned(tmp_path_factory, tiny_exports):
    out, labels = tiny_exports
    workspace = tmp_path_factory.mktemp("ws")
    store = open_store(workspace)
    scan([out / entry["path"] for entry in labels["platforms"].values()], store)
    yield store
    store.close()


# --- the report --------------------------------------------------------------------------------


def test_report_has_every_section_map_timeline_and_thumbnails(scanned):
    html = build_html(scanned, "en")
    page = Page(html)
    assert set(SECTIONS) <= page.ids()
    maps = [a for t, a in page.tags if t == "svg" and "map" in a.get("class", "")]
    assert maps, "no map"
    assert any(t == "circle" and "pt" in a.get("class", "") for t, a in page.tags)
    assert any(t == "path" and "land" in a.get("class", "") for t, a in page.tags), "no basemap"
    assert any(t == "rect" and a.get("class", "").startswith("bar-") for t, a in page.tags), "no timeline"
    thumbs = [a["src"] for t, a in page.tags if t == "img"]
    assert thumbs and all(src.startswith("data:image/jpeg;base64,") for src in thumbs)
    assert any(t == "input" and a.get("type") == "checkbox" for t, a in page.tags), "no cleanup checkboxes"
    assert "What someone could conclude about you" in page.plain()


def test_report_references_nothing_but_permalinks(scanned):
    """Text may mention a URL (someone pasted a map link); only <a href> to the person's own items
    may point at one, and nothing is ever loaded: no src, no CSS url(), no script."""
    html = build_html(scanned, "en")
    page = assert_inert(html)
    permalinks = {p for (p,) in db(scanned).execute("SELECT permalink FROM records WHERE permalink IS NOT NULL")}
    links = 0
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "video", "audio", "source")
        for name, value in attrs.items():
            if value and re.search(r"https?:", value, re.I):
                assert (tag, name) == ("a", "href") and value in permalinks, (tag, name, value)
                links += 1
            if name == "src":
                assert value.startswith("data:image/"), value
    assert links, "expected the permalinks to the person's posts"
    css = "".join(page.raw["style"])
    assert "url(" not in css and "@import" not in css
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src 'none'" in csp and "img-src data:" in csp
    digest = base64.b64encode(hashlib.sha256(page.raw["style"][0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp, "the stylesheet must be allowed by hash, not 'unsafe-inline'"


def test_report_in_spanish_and_rtl_ready(scanned):
    es = Page(build_html(scanned, "es", thumbnails=False))
    assert ("html", {"lang": "es", "dir": "ltr"}) in es.tags
    text = es.plain()
    for words in (
        "Lo que revelan sus exportaciones",
        "Dónde lo pueden ubicar",
        "Su plan de limpieza",
        "Hallazgos, primero los más graves",
        "Lo que cuidado no pudo leer",
    ):
        assert words in text
    assert "Where you can be placed" not in text
    ar = Page(build_html(scanned, "ar", thumbnails=False))
    assert ar.tags[0][1]["dir"] == "rtl"


def test_hostile_export_text_is_inert_in_the_report(tmp_path):
    ids = hostile_workspace(tmp_path / "ws")
    store = open_store(tmp_path / "ws")
    try:
        html = build_html(store, "en", plan=hostile_plan(ids))
    finally:
        store.close()
    page = assert_inert(html)
    text = page.plain()
    for value in HOSTILE.values():
        assert value in text, f"{value!r} should be shown as text"
    assert "javascript:" not in " ".join(a.get("href", "") for _, a in page.tags)
    assert not any(a.get("href", "").startswith("https://www.facebook.com/x") for _, a in page.tags), (
        "a permalink with quotes in it is not a link"
    )
    for value in HOSTILE.values():
        assert value not in html, f"{value!r} reached the HTML unescaped"


def test_report_shows_an_injected_plan_with_done_actions(scanned):
    plan = hostile_plan({"post": "x"})
    plan["actions"][0].update(title="Remove the photos that show your home", done=True)
    page = Page(build_html(scanned, "en", plan=plan, thumbnails=False))
    boxes = [a for t, a in page.tags if t == "input" and a.get("type") == "checkbox"]
    assert len(boxes) == 1 and "checked" in boxes[0]
    assert "Remove the photos that show your home" in page.plain()


def test_report_survives_a_plan_that_fails(scanned, monkeypatch):
    def broken(store, lang):
        return None, "cleanup plan could not be built (boom)"

    monkeypatch.setattr("cuidado.report.model.load_plan", broken)
    page = Page(build_html(scanned, "en", thumbnails=False))
    assert "The cleanup plan is not available." in page.plain()
    assert set(SECTIONS) <= page.ids()


def test_cli_report_writes_private_html_and_pdf(scanned, tmp_path):
    from cuidado.cli.report import report

    out = tmp_path / "report.html"
    result = CliRunner().invoke(report, ["--out", str(out), "--lang", "es", "--workspace", str(scanned.directory)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert 'lang="es"' in out.read_text(encoding="utf-8")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("PDF needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    result = CliRunner().invoke(
        report, ["--out", str(out), "--pdf", "--no-thumbnails", "--workspace", str(scanned.directory)]
    )
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert not list((scanned.directory / "cache").glob("pdf-*")), "the private print folder is removed"


# --- parts ---------------------------------------------------------------------------------------


def _photo_zip(path: Path) -> None:
    """A zip holding a sharp, text-like photo with GPS in its EXIF."""
    picture = Image.new("RGB", (640, 400), "white")
    draw = ImageDraw.Draw(picture)
    for row in range(0, 400, 16):
        draw.text((10, row), "A123456789 PASSPORT 0123456789 " * 3, fill="black")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (34.0, 3.0, 0.0), 3: "W", 4: (118.0, 15.0, 0.0)}
    data = io.BytesIO()
    picture.save(data, "JPEG", exif=exif.tobytes())
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("media/id.jpg", data.getvalue())


def _gps_photo(lat: float, colour: str) -> bytes:
    picture = Image.new("RGB", (320, 200), colour)
    ImageDraw.Draw(picture).ellipse((60, 40, 200, 160), fill="black")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (lat, 0.0, 0.0), 3: "W", 4: (99.0, 8.0, 0.0)}
    data = io.BytesIO()
    picture.save(data, "JPEG", exif=exif.tobytes())
    return data.getvalue()


def test_a_split_export_is_found_again_by_its_parts_not_its_name(tmp_path):
    """Photos of a split export show in the report from every part: the workspace keeps the parts
    (input_parts) and opens them again, never working them out from the input's name."""
    from cuidado.inputs.sources import absolute_input

    one, two = tmp_path / "photos-1.zip", tmp_path / "photos-2.zip"
    for path, name, lat, colour in ((one, "a.jpg", 19.0, "white"), (two, "b.jpg", 20.0, "yellow")):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(f"DCIM/{name}", _gps_photo(lat, colour))
    store = open_store(tmp_path / "ws")
    try:
        (result,) = scan([two, one], store)
        parts = (absolute_input(one), absolute_input(two))
        assert result.label == f"{parts[0]} (+1 parts)" and result.paths == [str(p) for p in parts]
        assert store.input_paths() == {result.label: parts}
        assert len(store.findings(kinds=("location.media_gps",))) == 2
        html = build_html(store)
    finally:
        store.close()
    assert html.count("data:image/jpeg;base64,") == 2, "a thumbnail from each part"


def test_thumbnails_are_small_without_metadata_and_documents_are_blurred(tmp_path):
    _photo_zip(tmp_path / "export.zip")
    with Thumbnailer() as thumbs:
        clear = Image.open(io.BytesIO(thumbs.jpeg([tmp_path / "export.zip"], "media/id.jpg", False)))
        hidden = Image.open(io.BytesIO(thumbs.jpeg([tmp_path / "export.zip"], "media/id.jpg", True)))
        assert thumbs.jpeg([tmp_path / "export.zip"], "media/missing.jpg", False) is None
        assert thumbs.jpeg([tmp_path / "gone.zip"], "media/id.jpg", False) is None
    assert max(clear.size) <= 160 and clear.size == hidden.size
    assert not clear.getexif() and "exif" not in clear.info, "no metadata (GPS) in a thumbnail"

    def edges(im):
        return ImageStat.Stat(im.convert("L").filter(ImageFilter.FIND_EDGES)).mean[0]

    assert edges(hidden) < edges(clear) / 4, "an identity document must be unreadable"


def test_model_groups_findings_and_links_only_to_platforms(scanned):
    model = build_report(scanned, "en", plan={"actions": []}, per_group=2)
    assert model["groups"] and all(len(g["findings"]) <= 2 for g in model["groups"])
    order = [g["severity"] for g in model["groups"]]
    assert order == sorted(order, key=["high", "medium", "low"].index)
    assert (
        sum(g["count"] for g in model["groups"]) == db(scanned).execute("SELECT count(*) FROM findings").fetchone()[0]
    )
    assert safe_link("https://www.facebook.com/123/posts/4") == "https://www.facebook.com/123/posts/4"
    for bad in (
        "javascript:alert(1)",
        "https://evil.example/x",
        "https://facebook.com.evil.example/",
        "data:text/html,x",
        "https://user@facebook.com/",
        "//facebook.com/x",
        None,
        "",
    ):
        assert safe_link(bad) is None, bad
    assert mask("A123456789", "identity.government_id").endswith("6789")
    assert "12345" not in mask("A123456789", "identity.government_id")


def test_map_overview_close_up_and_clusters():
    home = [
        {
            "lat": 33.9731 + i * 1e-4,
            "lon": -118.2479,
            "item": f"h{i}",
            "finding": f"f{i}",
            "severity": "high",
            "place": "Mi casa",
        }
        for i in range(6)
    ]
    trip = [{"lat": 19.43, "lon": -99.13, "item": "t", "finding": "ft", "severity": "medium", "place": "CDMX"}]
    places = [{"kind": "inference.home", "lat": 33.9731, "lon": -118.2479, "radius_m": 50, "label": "Home?"}]
    maps = build_maps(home + trip, places)
    assert [m["name"] for m in maps] == ["overview", "closeup"]
    overview, closeup = maps
    layers = {s["layer"] for s in overview["shapes"]}
    assert {"world", "us-states", "mx-states"} <= layers
    assert sum(c["count"] for c in overview["clusters"]) == 7
    assert overview["clusters"][0]["count"] == 6 and overview["clusters"][0]["label"] == "Mi casa"
    assert closeup["count"] == 6 and closeup["places"][0]["label"] == "Home?"
    assert all(0 <= c["x"] <= 960 and 0 <= c["y"] <= 540 for m in maps for c in m["clusters"])
    assert build_maps([], []) == []
    assert build_maps([{"lat": 0, "lon": 0, "item": "null-island"}], []) == []


def test_timeline_fills_missing_months():
    chart = timeline_chart(
        [{"month": "2024-11", "high": 2, "medium": 1, "all": 5}, {"month": "2025-02", "high": 0, "medium": 0, "all": 1}]
    )
    assert [b["month"] for b in chart["bars"]] == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert chart["bars"][1]["stack"] == []
    assert [s["level"] for s in chart["bars"][0]["stack"]] == ["high", "medium", "low"]
    assert timeline_chart([]) is None


def test_catalogs_are_complete_and_compiled():
    """Every string in the templates and Python has a Spanish translation, and the .mo matches the .po."""
    import gettext

    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    root = Path(__file__).parents[1] / "src" / "cuidado"
    method_map = [
        ("**/findings/labels.py", "python"),
        ("**/cli/**.py", "python"),
        ("**/inputs/guide.py", "python"),
        ("**/report/**.py", "python"),
        ("**/web/**.py", "python"),
        ("**/templates/**.html", "jinja2"),
    ]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    wanted = {
        m[2] if isinstance(m[2], str) else m[2][0] for m in extract_from_dir(str(root), method_map, options_map=options)
    }
    po_path = root / "locales" / "es" / "LC_MESSAGES" / "cuidado.po"
    catalog = read_po(po_path.open("rb"))
    # Plural messages are keyed by their singular; every plural form must be written.
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0]): (
            m.string if isinstance(m.string, str) else m.string if all(m.string) else ""
        )
        for m in catalog
        if m.id
    }
    missing = sorted(w for w in wanted if not translated.get(w))
    assert not missing, f"untranslated (run the pybabel steps in cuidado/locales/__init__.py): {missing}"
    mo = gettext.GNUTranslations((po_path.with_suffix(".mo")).open("rb"))
    stale = [
        m.id
        for m in catalog
        if m.id
        and isinstance(m.id, str)
        and m.string
        and (mo.pgettext(m.context, m.id) if m.context else mo.gettext(m.id)) != m.string
    ]
    stale += [m.id[0] for m in catalog if m.id and not isinstance(m.id, str) and mo.ngettext(*m.id, 1) != m.string[0]]
    assert not stale, f"the .mo is older than the .po; run pybabel compile: {stale[:5]}"


def test_report_model_is_json_ready(scanned):
    model = build_report(scanned, "es", plan={"actions": []})
    assert json.loads(json.dumps(model)) == json.loads(json.dumps(model, default=str))  # nothing needed str()
    assert model["lang"] == "es" and model["dossier"]["title"].startswith("Lo que")
