"""Every page of the app, at a computer's width (1280 px) and a phone's (390 px), in English and
in Spanish, in Debian's Chromium driven by Playwright (as test_e2e_browser.py).

On every page: nothing scrolls sideways, everything a finger taps is at least 24 × 24 px, the
map's words are readable, and a Spanish page shows no English text from the catalogs. The
language comes from the browser (Accept-Language), as it would for a person. A screenshot of each
page goes to artifacts/screenshots/pages/.
"""

from __future__ import annotations

import re
import time
import zipfile

import pytest
from test_e2e_browser import CHROMIUM, SHOTS, Watch, browser  # noqa: F401 - browser is a fixture
from test_web import stop
from untranslated import english_left

from conftest import db, export_paths
from cuidado.scrub.verify import leftovers
from cuidado.store import open_store
from cuidado.web.app import start

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
)

PAGES = SHOTS / "pages"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
LOCALES = {"en": "en-US", "es": "es-MX"}
MIN_TARGET = 24  # px, WCAG 2.2 target size (minimum)

# Every control a person can tap, with its box; inline links in a sentence are measured too.
# Map dots are left out: each opens an item also reached from "See it in context" in the
# findings (WCAG's "equivalent" exception), and their names are checked on their own.
_TARGETS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, label.button')) {
    if (el.closest('svg') || el.type === 'hidden' || el.classList.contains('visually-hidden')) continue;
    if (el.closest('.visually-hidden')) continue;
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.display === 'none' || r.width === 0 || r.height === 0) continue;
    out.push({what: el.outerHTML.slice(0, 120), w: r.width, h: r.height});
  }
  return out.filter(t => t.w < 24 || t.h < 24);
}"""

# Each word on the map is at least 11 px tall and inside the map (not cut off at its edge).
_MAP_WORDS = """() => Array.from(document.querySelectorAll('svg.map text')).map(t => {
    const r = t.getBoundingClientRect(), m = t.closest('svg').getBoundingClientRect();
    return {text: t.textContent, px: r.height, inside: r.left >= m.left - 1 && r.right <= m.right + 1};
  }).filter(t => t.text.trim() && (t.px < 11 || !t.inside))"""


def _wait_for_scan(app, timeout: float = 240) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        state = app.job.status()
        if state["state"] in ("done", "error"):
            return state
        time.sleep(0.3)
    raise AssertionError("the scan did not finish")


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory, tiny_exports):
    """The app after a person added every export of the demo flow, and one file that is not an export."""
    out, labels = tiny_exports
    workspace = tmp_path_factory.mktemp("pages") / "ws"
    app, server, thread = start(workspace, 0)
    broken = tmp_path_factory.mktemp("broken") / "facebook-maria.zip"
    broken.write_bytes(b"PK\x03\x04 this download stopped half way")
    start_page = app.launch_url()
    assert app.job.launch(export_paths(out, labels) + [broken])
    state = _wait_for_scan(app)
    assert state["state"] == "done", state
    yield app, start_page
    stop(server, thread)


def _pages(app) -> dict[str, str]:
    """Pages of the demo flow: the results, an item, an unknown item (the test adds a step's page
    and each long list's second page, from the links on the page)."""
    store = open_store(app.workspace)
    try:
        item = (
            db(store)
            .execute(
                "SELECT item FROM findings f JOIN records r ON r.id = f.item "
                "WHERE r.text IS NOT NULL AND r.thread IS NOT NULL LIMIT 1"
            )
            .fetchone()[0]
        )
    finally:
        store.close()
    return {
        "results": "/?scanned=1",
        "guide": "/guide",
        "guide-facebook": "/guide/facebook",
        "item": f"/item/{item}",
        "not-found": "/item/nosuchitem",
    }


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_page_fits_is_tappable_and_in_one_language(browser, demo_app, lang, size, tmp_path):  # noqa: F811
    app, _ = demo_app
    origin = f"http://127.0.0.1:{app.guard.port}"
    width, height = WIDTHS[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale=LOCALES[lang],
        is_mobile=size == "phone",
        accept_downloads=True,
    )
    watch = Watch(context, "http://127.0.0.1:")  # this test's two apps (the first visit's and the demo's), nothing else
    page = watch.page(context)
    page.goto(app.launch_url())
    page.wait_for_url(origin + "/")
    PAGES.mkdir(parents=True, exist_ok=True)
    first_app, first_server, first_thread = start(tmp_path / "new", 0)  # a person's first visit: nothing added yet
    first_origin = f"http://127.0.0.1:{first_app.guard.port}"
    page.goto(first_app.launch_url())
    page.wait_for_url(first_origin + "/")
    pages = {"start": first_origin + "/", **{name: origin + path for name, path in _pages(app).items()}}
    page.goto(origin + "/")
    second = page.eval_on_selector_all(
        "nav.pager a[href*='_page=2']", "links => links.map(a => a.getAttribute('href'))"
    )
    assert second, "the demo's long lists come in pages"
    first_step = page.locator("#plan li.action").first.get_attribute("id")[2:]
    pages["step"] = f"{origin}/step/{first_step}"  # one step with every item it covers
    for href in dict.fromkeys(second):  # each list's second page, by the link the page itself gives
        pages[re.search(r"(\w+)_page=2", href).group(1) + "-page-2"] = origin + href
    for name, url in pages.items():
        errors_before = len(watch.errors)
        page.goto(url)
        page.wait_for_selector("h1")
        where = f"{name} ({lang}, {size})"
        assert page.evaluate("document.documentElement.lang") == lang, f"{where}: follows the browser's language"
        scroll, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{where}: the page scrolls sideways ({scroll} > {inner})"
        # A phone widens its layout to fit something too wide (then zooms out): the width must stay the phone's.
        assert inner == width, f"{where}: laid out {inner} px wide on a {width} px screen"
        small = page.evaluate(_TARGETS)
        assert not small, f"{where}: tap targets under {MIN_TARGET} px: {small[:5]}"
        unreadable = page.evaluate(_MAP_WORDS)
        assert not unreadable, f"{where}: map words under 11 px or cut off: {unreadable[:5]}"
        if lang == "es":
            text = page.inner_text("body")
            assert not english_left(text), f"{where}: English left: {english_left(text)}"
        page.screenshot(path=PAGES / f"{lang}-{size}-{name}.png", full_page=True)
        if name == "not-found":  # its own 404 is the point of that page
            del watch.errors[errors_before:]
    stop(first_server, first_thread)
    page.goto(origin + "/?scanned=1")
    failed = page.locator(".notice li.failed").first.inner_text()
    assert "facebook-maria.zip" in failed, "an import error names the file"
    assert ("no se pudo abrir" if lang == "es" else "could not be opened") in failed, failed
    links = page.locator("#map svg.map a")
    assert 1 <= links.count() <= 8
    for i in range(links.count()):
        name = links.nth(i).get_attribute("aria-label") or ""
        assert len(name) > 8 and ("elemento" if lang == "es" else "item") in name, name
    assert not watch.outside, watch.outside
    assert not [e for e in watch.errors if "favicon" not in e], watch.errors
    context.close()


def test_plan_steps_save_as_ticked_and_undo_with_and_without_script(browser, demo_app):  # noqa: F811
    app, _ = demo_app
    origin = f"http://127.0.0.1:{app.guard.port}"

    def marked(action: str) -> bool:
        store = open_store(app.workspace)
        try:
            return db(store).execute("SELECT 1 FROM actions_done WHERE action = ?", (action,)).fetchone() is not None
        finally:
            store.close()

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="es-MX", is_mobile=True)
    watch = Watch(context, origin)
    page = watch.page(context)
    page.goto(app.launch_url())
    page.goto(origin + "/#plan")
    step = page.locator("#plan li.action").nth(1)
    action = step.get_attribute("id")[2:]
    assert not step.locator(".save-step").is_visible(), "with script, no Save button: ticking saves"
    step.locator("input[type=checkbox]").check()
    page.wait_for_selector(f"#a-{action}.done", timeout=5000)
    assert not watch.errors, watch.errors
    assert step.locator(".step-status").inner_text() == "Guardado: marcado como hecho."
    assert marked(action)
    step.locator("input[type=checkbox]").uncheck()
    page.wait_for_selector(f"#a-{action}:not(.done)")
    assert not marked(action), "undo"
    page.screenshot(path=PAGES / "es-phone-plan-step-saved.png")
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = Watch(context, origin).page(context)
    page.goto(app.launch_url())
    page.goto(origin + "/?plan_page=2#plan")
    if page.locator("#plan li.action").count() == 0:
        page.goto(origin + "/#plan")
    step = page.locator("#plan li.action").first
    action = step.get_attribute("id")[2:]
    step.locator("input[type=checkbox]").check()
    step.locator(".save-step").click()
    page.wait_for_selector(f"#a-{action}.done")
    assert marked(action) and f"#a-{action}" in page.url
    page.locator(f"#a-{action} input[type=checkbox]").uncheck()
    page.locator(f"#a-{action} .save-step").click()
    page.wait_for_selector(f"#a-{action}:not(.done)")
    assert not marked(action)
    context.close()


def test_clean_copies_of_a_step_download_as_a_zip(browser, demo_app, tmp_path):  # noqa: F811
    app, _ = demo_app
    origin = f"http://127.0.0.1:{app.guard.port}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = Watch(context, origin).page(context)
    page.goto(app.launch_url())
    button = None
    for number in range(1, 20):
        page.goto(origin + f"/?plan_page={number}#plan")
        if page.locator("#plan li.action").count() == 0:
            break
        if page.locator("#plan form.clean button").count():
            button = page.locator("#plan form.clean button").first
            break
    assert button is not None, "a step of the demo says to share clean copies: the app offers them"
    with page.expect_download() as download:
        button.click()
    saved = tmp_path / "clean.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
        assert names
        for name in names:
            copy = tmp_path / name
            copy.write_bytes(archive.read(name))
            assert not leftovers(copy), (name, leftovers(copy))
    assert sorted(p.name for p in (app.workspace / "clean").rglob("*") if p.is_file()) == sorted(names), (
        "an unencrypted workspace keeps the copies, like cuidado scrub --out"
    )
    context.close()
