"""End to end in a real headless Chromium (Debian's), driven by Playwright.

A person's path: open the app, add the exports, wait while they are read, see the summary and
the map, open an item, switch to Spanish, tick a cleanup step, save the report, open the report
with the network off. Screenshots go to artifacts/screenshots/ for people to look at.
Playwright's own browser download is never used: Chromium is the system one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_report import HOSTILE, SECTIONS, assert_inert, hostile_workspace
from test_web import stop

from conftest import db
from cuidado.store import open_store
from cuidado.web.app import start

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).parents[1] / "artifacts" / "screenshots"
SCAN_TIMEOUT_MS = 240_000

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield chromium
        chromium.close()


class Watch:
    """Everything the page tried that it should not: outside requests, errors, dialogs (alert())."""

    def __init__(self, context, allowed_prefix: str):
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.allowed = allowed_prefix

        def route(r):
            if r.request.url.startswith((allowed_prefix, "data:", "file:")):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)

    def page(self, context):
        page = context.new_page()
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        return page


def _add(page, selector: str, files) -> None:
    """Pick files (or a folder) and wait until they are read and the page shows the result."""
    with page.expect_navigation(url=re.compile(r"/\?scanned=1"), timeout=SCAN_TIMEOUT_MS):
        page.set_input_files(selector, files)
        page.wait_for_selector("#progress:not([hidden])", timeout=30_000)
    _photos_checked(page)


def _photos_checked(page) -> None:
    """The first results show while the photos are checked ("still checking photos: N of M"); the
    page reloads itself when they are done."""
    page.wait_for_selector("#photos-progress", state="detached", timeout=SCAN_TIMEOUT_MS)


def test_person_uses_the_app_end_to_end(browser, tmp_path, tiny_exports):
    out, labels = tiny_exports
    workspace = tmp_path / "ws"
    app, server, thread = start(workspace, 0)
    origin = f"http://127.0.0.1:{app.guard.port}"
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        watch = Watch(context, origin)
        page = watch.page(context)
        page.goto(app.launch_file().as_uri())  # what `cuidado open` gives the browser
        page.wait_for_url(origin + "/")
        assert "token" not in page.url, "the secret leaves the address bar"
        assert not app.launch_files, "the launch file is deleted once used"
        page.wait_for_selector("#add")

        exports = {name: out / entry["path"] for name, entry in labels["platforms"].items()}
        files = [p for p in exports.values() if p.is_file()]
        with page.expect_navigation(url=re.compile(r"/\?scanned=1"), timeout=SCAN_TIMEOUT_MS):
            page.set_input_files("#pick-files", files)
            page.wait_for_selector("#progress:not([hidden])", timeout=30_000)
            page.screenshot(path=SHOTS / "01-adding-exports.png")
        _photos_checked(page)
        for folder in (p for p in exports.values() if p.is_dir()):
            _add(page, "#pick-folder", folder)

        page.wait_for_selector(".notice")
        for section in SECTIONS + ("export",):
            assert page.locator(f"#{section}").is_visible(), section
        assert page.locator("#summary .conclusions li").count() >= 3
        page.screenshot(path=SHOTS / "02-summary.png")
        dots = page.locator("#map svg.map circle.pt")
        assert dots.count() >= 2
        page.locator("#map").screenshot(path=SHOTS / "03-map.png")
        store = open_store(workspace)
        try:
            platforms = {p for (p,) in db(store).execute("SELECT DISTINCT platform FROM records")}
        finally:
            store.close()
        assert platforms == set(labels["platforms"]), "every export was uploaded and read"

        page.locator("#findings a[href^='/item/']").first.click()
        # The item itself: its text and what is around it, or for a photo or video (the first
        # finding may be one) its picture or what it gives away.
        page.wait_for_selector("#item-text, .around, img.thumb-large, article.finding")
        page.screenshot(path=SHOTS / "04-item-in-context.png", full_page=True)
        page.go_back()

        page.select_option("select[name=severity]", "high")
        page.locator(".filters button[type=submit]").click()
        page.wait_for_url(re.compile(r"severity=high"))

        page.locator("button[name=lang][value=es]").click()
        page.wait_for_selector("html[lang=es]", state="attached")
        assert page.locator("h1").first.inner_text() == "Lo que revelan sus exportaciones"
        assert page.locator("#map h2").inner_text() == "Dónde lo pueden ubicar"
        page.screenshot(path=SHOTS / "05-espanol.png")

        first = page.locator("#plan li.action:not(.done)").first
        action_id = first.get_attribute("id")[2:]
        first.locator("input[type=checkbox]").check()  # saved as it is ticked
        page.wait_for_selector(f"#a-{action_id}.done")
        page.locator(f"#a-{action_id}").scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / "06-plan-step-done.png")
        store = open_store(workspace)
        try:
            assert db(store).execute("SELECT 1 FROM actions_done WHERE action = ?", (action_id,)).fetchone()
        finally:
            store.close()

        with page.expect_download() as download:
            page.locator("#export-link").click()
        report = tmp_path / "report.html"
        download.value.save_as(report)
        assert 'lang="es"' in report.read_text(encoding="utf-8")

        phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        watch_phone = Watch(phone, origin)
        small = watch_phone.page(phone)
        small.goto(app.launch_url())
        small.wait_for_selector("#summary")
        width = small.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] + 1, f"no sideways scrolling on a phone: {width}"
        small.screenshot(path=SHOTS / "07-phone.png")
        _keyboard_reaches(small, "pick-files")
        phone.close()

        assert not watch.outside and not watch_phone.outside, watch.outside + watch_phone.outside
        errors = [e for e in watch.errors + watch_phone.errors if "favicon" not in e]
        assert not errors, f"console errors (a CSP violation shows here): {errors}"
        context.close()
    finally:
        stop(server, thread)
    _report_offline(browser, report, "08-report-offline.png")


def _keyboard_reaches(page, element_id: str, presses: int = 400) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    for _ in range(presses):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} cannot be reached with the keyboard")


def _report_offline(browser, report: Path, shot: str) -> None:
    """The saved report with the network off shows every section and asks for nothing, even with
    its CSP removed (so it is the file itself, not only the policy, that references nothing)."""
    html = report.read_text(encoding="utf-8")
    assert_inert(html)
    stripped = report.with_name("report-no-csp.html")
    stripped.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html), encoding="utf-8")
    for path in (report, stripped):
        context = browser.new_context(offline=True, viewport={"width": 1100, "height": 900})
        requests: list[str] = []
        context.on("request", lambda r, requests=requests: requests.append(r.url))
        watch = Watch(context, "file:")
        page = watch.page(context)
        page.goto(path.as_uri())
        for section in SECTIONS:
            assert page.locator(f"#{section}").is_visible(), section
        assert page.locator("#map svg.map circle.pt").count() >= 2
        assert page.evaluate("document.styleSheets.length") == 1
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui"), (
            "the inline stylesheet applies (allowed by its CSP hash)"
        )
        if path == report:
            page.screenshot(path=SHOTS / shot)
        outside = [u for u in requests if not u.startswith(("file:", "data:"))]
        assert not outside and not watch.outside, outside + watch.outside
        assert not watch.dialogs and not watch.errors, watch.dialogs + watch.errors
        context.close()


HOSTILE_CHAT = f"""14/3/25, 9:30 p. m. - Tía Rosa: {HOSTILE["script"]}
14/3/25, 9:31 p. m. - Tía Rosa: {HOSTILE["img"]} mi número es +1 213 555 0199
14/3/25, 9:32 p. m. - Jorge López: [mira](javascript:alert(3)) vivo en 1450 E 65th St, Los Angeles, CA 90001
14/3/25, 9:33 p. m. - Jorge López: {HOSTILE["svg"]} {HOSTILE["style"]} {HOSTILE["title"]}
"""


def test_hostile_export_is_harmless_in_the_app_and_the_report(browser, tmp_path):
    ids = hostile_workspace(tmp_path / "ws")
    chat = tmp_path / f"WhatsApp Chat with {HOSTILE['img']}.txt"
    chat.write_text(HOSTILE_CHAT, encoding="utf-8")
    app, server, thread = start(tmp_path / "ws", 0)
    origin = f"http://127.0.0.1:{app.guard.port}"
    try:
        context = browser.new_context(accept_downloads=True)
        watch = Watch(context, origin)
        page = watch.page(context)
        page.goto(app.launch_url())
        page.wait_for_url(origin + "/")
        _add(page, "#pick-files", [chat])
        store = open_store(tmp_path / "ws")
        try:
            chat_items = [
                i
                for (i,) in db(store).execute(
                    "SELECT id FROM records WHERE platform = 'whatsapp' AND text LIKE '%alert%'"
                )
            ]
        finally:
            store.close()
        assert chat_items, "the hostile chat was read"
        assert page.get_by_text("<script>alert('xss')</script>").first.is_visible()
        for item in [ids["post"], ids["message"], *chat_items]:
            page.goto(f"{origin}/item/{item}")
            page.wait_for_selector("h1")
            assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0
            assert page.evaluate("document.querySelectorAll('[onerror],[onload],[onmouseover]').length") == 0
        page.screenshot(path=SHOTS / "09-hostile-item.png", full_page=True)
        page.goto(origin + "/")
        with page.expect_download() as download:
            page.locator("#export-link").click()
        report = tmp_path / "hostile-report.html"
        download.value.save_as(report)
        page.goto(report.as_uri())
        page.wait_for_selector("#findings")
        assert page.evaluate("document.querySelectorAll('script').length") == 0
        assert not watch.dialogs, f"a script from the export ran: {watch.dialogs}"
        assert not watch.outside, watch.outside
        context.close()
    finally:
        stop(server, thread)
