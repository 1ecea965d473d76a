"""The local web app over real HTTP on 127.0.0.1: upload, scan with progress, browse, act, export."""

from __future__ import annotations

import http.client
import json
import re
import stat
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from test_report import HOSTILE, SECTIONS, Page, assert_inert, hostile_plan, hostile_workspace

from conftest import db
from cuidado.store import open_store
from cuidado.web.app import start


class Client:
    """Talks to the app like its own page does: cookie, same Origin, CSRF token on changes."""

    def __init__(self, app):
        self.app = app
        self.port = app.guard.port
        self.origin = f"http://127.0.0.1:{self.port}"
        self.cookie = f"{app.guard.cookie_name}={app.guard.session}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict | None = None,
        auth: bool = True,
        csrf: bool = True,
        origin: bool = True,
    ) -> tuple[int, dict, bytes]:
        sent = {}
        if auth:
            sent["Cookie"] = self.cookie
        if method != "GET" and origin:
            sent["Origin"] = self.origin
        if method != "GET" and csrf:
            sent["X-CSRF-Token"] = self.app.guard.csrf
        sent.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def get(self, path: str, **kw):
        return self.request("GET", path, **kw)

    def post_form(self, path: str, fields: list[tuple[str, str]], **kw):
        headers = {"Content-Type": "application/x-www-form-urlencoded", **kw.pop("headers", {})}
        return self.request("POST", path, urlencode(fields).encode(), headers=headers, **kw)

    def upload(self, batch: str, name: str, data: bytes):
        return self.request(
            "POST",
            f"/api/upload?batch={quote(batch)}&name={quote(name)}",
            data,
            {"Content-Type": "application/octet-stream"},
        )

    def html(self, path: str) -> str:
        status, _, body = self.get(path)
        assert status == 200, (path, status, body[:200])
        return body.decode("utf-8")


def run_app(workspace: Path, **options):
    app, server, thread = start(workspace, 0, **options)
    return app, server, thread


def stop(server, thread):
    server.shutdown()
    server.server_close()
    thread.join(5)


def upload_exports(client: Client, out: Path, labels: dict) -> list[str]:
    """Upload every export like the page does: files as they are, folders file by file."""
    status, _, body = client.request("POST", "/api/batch")
    assert status == 200, body
    batch = json.loads(body)["batch"]
    for entry in labels["platforms"].values():
        path = out / entry["path"]
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            name = file.relative_to(out).as_posix()
            status, _, body = client.upload(batch, name, file.read_bytes())
            assert status == 200, (name, body)
    return [batch]


def wait_for_scan(client: Client, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = json.loads(client.get("/api/progress")[2])
        if state["state"] != "scanning":
            return state
        time.sleep(0.2)
    raise AssertionError("the scan did not finish")


@pytest.fixture(scope="module")
def scanned_app(tmp_path_factory, tiny_exports):
    out, labels = tiny_exports
    workspace = tmp_path_factory.mktemp("webws")
    calls = []
    app, server, thread = run_app(workspace)
    client = Client(app)
    batch = upload_exports(client, out, labels)[0]
    status, _, body = client.request("POST", f"/api/scan?batch={batch}")
    assert status == 200, body
    state = wait_for_scan(client)
    yield app, client, state, labels, calls
    stop(server, thread)


def test_upload_scan_progress_and_summary(scanned_app):
    app, client, state, labels, _ = scanned_app
    assert state["state"] == "done", state
    assert len(state["inputs"]) == len(labels["platforms"])
    assert not [i for i in state["inputs"] if i["error"]], state["inputs"]
    assert {i["platform"] for i in state["inputs"]} == set(labels["platforms"])
    page = Page(client.html("/?scanned=1"))
    assert set(SECTIONS) | {"add", "export"} <= page.ids()
    assert any(t == "svg" and "map" in a.get("class", "") for t, a in page.tags)
    uploads = app.workspace / "uploads"
    assert stat.S_IMODE(uploads.stat().st_mode) == 0o700
    for path in uploads.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_filters_item_in_context_and_thumbnails(scanned_app):
    app, client, *_ = scanned_app
    html = client.html("/?severity=high")
    page = Page(html[html.index('id="findings"') : html.index('id="plan"')])
    badges = {a["class"] for t, a in page.tags if t == "span" and a.get("class", "").startswith("badge ")}
    assert badges == {"badge high"}
    store = open_store(app.workspace)
    try:
        message = (
            db(store)
            .execute(
                "SELECT id, text FROM records WHERE thread IS NOT NULL AND kind = 'message' AND time IS NOT NULL "
                "ORDER BY time LIMIT 1 OFFSET 2"
            )
            .fetchone()
        )
        photo = (
            db(store).execute("SELECT id FROM records WHERE kind = 'media' AND media LIKE '%.jpg%' LIMIT 1").fetchone()
        )
    finally:
        store.close()
    item = Page(client.html(f"/item/{message[0]}"))
    assert any(a.get("class") == "current" for t, a in item.tags if t == "li")
    assert sum(1 for t, a in item.tags if t == "a" and a.get("href", "").startswith("/item/")) >= 2
    status, headers, body = client.get(f"/thumb/{photo[0]}")
    assert status == 200 and headers["content-type"] == "image/jpeg" and body[:2] == b"\xff\xd8"
    assert client.get("/item/doesnotexist")[0] == 404
    assert client.get("/thumb/doesnotexist")[0] == 404


def test_export_report_and_switch_language(scanned_app):
    app, client, *_ = scanned_app
    status, headers, body = client.get("/report.html")
    assert status == 200 and "attachment" in headers["content-disposition"]
    report = Page(body.decode("utf-8"))
    assert set(SECTIONS) <= report.ids()
    status, headers, _ = client.post_form("/lang", [("lang", "es"), ("csrf", app.guard.csrf), ("next", "/#map")])
    assert status == 303 and headers["location"] == "/#map"
    try:
        page = Page(client.html("/"))
        assert page.tags[0] == ("html", {"lang": "es", "dir": "ltr"})
        assert "Lo que revelan sus exportaciones" in page.plain()
        assert "Español" not in page.plain() and "English" in page.plain()
    finally:
        client.post_form("/lang", [("lang", "en"), ("csrf", app.guard.csrf)])


def test_marking_actions_done_with_the_real_plan(scanned_app):
    app, client, *_ = scanned_app
    from cuidado.report.plan import load_plan

    store = open_store(app.workspace)
    try:
        plan, error = load_plan(store, "en")
    finally:
        store.close()
    if plan is None:
        pytest.fail(f"the cleanup plan should build on a scanned workspace: {error}")
    first = plan["actions"][0]["id"]

    def step_done() -> bool:
        page = Page(client.html("/"))
        found = [a for t, a in page.tags if t == "li" and a.get("id") == f"a-{first}"]
        assert found, "the first step is on the plan's first page"
        return "done" in found[0]["class"]

    # Without JavaScript: the step's own form (hidden done=0, the ticked box done=1), back to the step.
    fields = [("csrf", app.guard.csrf), ("action", first), ("next", "/?plan_page=1"), ("done", "0"), ("done", "1")]
    status, headers, _ = client.post_form("/actions", fields)
    assert status == 303 and headers["location"] == f"/?plan_page=1#a-{first}"
    assert step_done()
    # Undo: the box unticked sends only done=0.
    status, headers, _ = client.post_form("/actions", [("csrf", app.guard.csrf), ("action", first), ("done", "0")])
    assert status == 303 and headers["location"] == f"/#a-{first}"
    assert not step_done()
    # The page's script asks for JSON: saved at once, the page stays where it is.
    status, headers, body = client.post_form(
        "/actions", [("csrf", app.guard.csrf), ("action", first), ("done", "1")], headers={"Accept": "application/json"}
    )
    assert status == 200 and json.loads(body) == {"actions": [first], "done": True, "message": "Saved: marked as done."}
    assert step_done()
    status, headers, _ = client.post_form("/actions", [("csrf", app.guard.csrf), ("action", first), ("next", "//evil")])
    assert headers["location"] == f"/#a-{first}", "no open redirect through next"
    status, _, _ = client.post_form("/actions", [("csrf", app.guard.csrf), ("action", "nosuchaction")])
    assert status == 400


def test_injected_plan_and_mark_done(tmp_path):
    ids = hostile_workspace(tmp_path / "ws")
    marked = []

    def mark(store, action_ids):
        if "a1" not in action_ids:
            raise ValueError("unknown")
        marked.extend(action_ids)
        return action_ids

    app, server, thread = run_app(tmp_path / "ws", plan_builder=lambda store, lang: hostile_plan(ids), mark_done=mark)
    try:
        client = Client(app)
        assert client.post_form("/actions", [("csrf", app.guard.csrf), ("action", "a1")])[0] == 303
        assert marked == ["a1"]
        assert client.post_form("/actions", [("csrf", app.guard.csrf), ("action", "zz")])[0] == 400
    finally:
        stop(server, thread)


def test_hostile_export_text_is_inert_in_the_app(tmp_path):
    ids = hostile_workspace(tmp_path / "ws")
    app, server, thread = run_app(tmp_path / "ws", plan_builder=lambda store, lang: hostile_plan(ids))
    try:
        client = Client(app)
        for path in ("/", f"/item/{ids['post']}", f"/item/{ids['message']}"):
            html = client.html(path)
            page = assert_inert(html, allowed_scripts=("/static/app.js",))
            for value in HOSTILE.values():
                assert value not in html, (path, value)
            shown = [v for v in HOSTILE.values() if v in page.plain()]
            assert shown, f"{path}: the hostile text should be visible, as text"
        report = client.get("/report.html")[2].decode("utf-8")
        assert_inert(report)
        assert HOSTILE["script"] not in report
    finally:
        stop(server, thread)


def test_upload_names_cannot_leave_the_batch_folder(tmp_path):
    app, server, thread = run_app(tmp_path / "ws")
    try:
        client = Client(app)
        batch = json.loads(client.request("POST", "/api/batch")[2])["batch"]
        for name in (
            "../../escape.txt",
            "/etc/escape.txt",
            "a/../../escape.txt",
            "",
            "..",
            "C:\\escape.txt",
            "a/\x00b.txt",
            "../" + batch + "/x.txt",
        ):
            status, _, body = client.upload(batch, name, b"x")
            assert status == 400, (name, body)
        for bad_batch in ("..", "../..", "nosuch", "/tmp", ""):
            assert client.upload(bad_batch, "x.txt", b"x")[0] == 400
        assert client.upload(batch, "chat.txt", b"hello")[0] == 200
        assert client.upload(batch, "chat.txt", b"again")[0] == 400, "never overwrite"
        assert client.upload(batch, "photos/2024/a.jpg", b"\xff\xd8")[0] == 200
        written = sorted(
            p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file() and "uploads" in p.parts
        )
        assert written == [f"ws/uploads/{batch}/chat.txt", f"ws/uploads/{batch}/photos/2024/a.jpg"]
        assert not list(tmp_path.rglob("escape.txt"))
        assert stat.S_IMODE((tmp_path / "ws").stat().st_mode) == 0o700, "a new workspace is private"
        assert client.request("POST", "/api/scan?batch=nosuch")[0] == 400
    finally:
        stop(server, thread)


def test_a_file_that_is_not_an_export_is_reported_not_fatal(tmp_path):
    app, server, thread = run_app(tmp_path / "ws")
    try:
        client = Client(app)
        batch = json.loads(client.request("POST", "/api/batch")[2])["batch"]
        assert client.upload(batch, "holiday <b>notes<i>.bin", b"\x00junk" * 100)[0] == 200
        assert client.request("POST", f"/api/scan?batch={batch}")[0] == 200
        state = wait_for_scan(client)
        assert state["state"] == "done" and state["inputs"][0]["error"]
        assert str(tmp_path) not in state["inputs"][0]["error"], "the page names the file, not the upload path"
        html = client.html("/?scanned=1")
        page = assert_inert(html, allowed_scripts=("/static/app.js",))
        assert "Nothing could be read from what you added: nothing was checked." in page.plain()
        assert "holiday <b>notes<i>.bin" in page.plain()
        assert json.loads(client.request("POST", f"/api/scan?batch={batch}")[2]) == {"started": True}
    finally:
        wait_for_scan(client)
        stop(server, thread)


def test_quit_stops_the_server(tmp_path):
    app, server, thread = run_app(tmp_path / "ws")
    client = Client(app)
    status, _, body = client.post_form("/quit", [("csrf", app.guard.csrf)])
    assert status == 200 and b"cuidado has stopped" in body
    thread.join(10)
    assert not thread.is_alive()
    server.server_close()


def test_cli_open_prints_a_loopback_link_and_stops_on_ctrl_c(tmp_path):
    import signal
    import subprocess
    import sys

    code = "import sys; from cuidado.cli.report import open_app; open_app(sys.argv[1:])"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "--no-browser", "--lang", "es", "--workspace", str(tmp_path / "ws")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", line)
        assert match, line + proc.stderr.read()
        conn = http.client.HTTPConnection("127.0.0.1", int(match.group(1)), timeout=10)
        conn.request("GET", "/?token=" + match.group(2))
        response = conn.getresponse()
        cookie = response.getheader("Set-Cookie").split(";")[0]
        response.read()
        conn.request("GET", "/", headers={"Cookie": cookie})
        page = conn.getresponse().read().decode("utf-8")
        conn.close()
        assert 'lang="es"' in page and "Agregue sus exportaciones" in page
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "cuidado se detuvo" in out


def test_the_app_follows_the_browser_language_until_one_is_chosen(tmp_path):
    from cuidado.web.app import browser_language

    assert browser_language("es-MX") == "es"
    assert browser_language("fr-FR,es;q=0.7,en;q=0.5") == "es"
    assert browser_language("en-US,es-MX;q=0.9") == "en"
    assert browser_language("es;q=0, de") is None
    app, server, thread = run_app(tmp_path / "ws")
    client = Client(app)
    try:
        page = client.request("GET", "/", headers={"Accept-Language": "es-MX,es;q=0.9"})
        assert page[0] == 200 and 'lang="es"' in page[2].decode() and page[1]["content-language"] == "es"
        assert 'lang="en"' in client.html("/"), "no header: the language cuidado open was given"
        status, _, _ = client.post_form("/lang", [("lang", "en"), ("csrf", app.guard.csrf)])
        assert status == 303
        page = client.request("GET", "/", headers={"Accept-Language": "es-MX"})
        assert 'lang="en"' in page[2].decode(), "the person's choice wins over the browser's language"
    finally:
        stop(server, thread)


def test_upload_errors_are_said_in_the_pages_language_with_the_files_name(tmp_path):
    app, server, thread = run_app(tmp_path / "ws")
    client = Client(app)
    spanish = {"Accept-Language": "es-MX"}
    try:
        batch = json.loads(client.request("POST", "/api/batch", headers=spanish)[2])["batch"]
        ok = client.request(
            "POST",
            f"/api/upload?batch={batch}&name=chat.txt",
            b"hola",
            {"Content-Type": "application/octet-stream", **spanish},
        )
        assert ok[0] == 200
        again = client.request(
            "POST",
            f"/api/upload?batch={batch}&name=chat.txt",
            b"hola",
            {"Content-Type": "application/octet-stream", **spanish},
        )
        assert again[0] == 400
        assert json.loads(again[2])["error"] == "chat.txt: ya se agregó un archivo con este nombre"
        unknown = client.request(
            "POST", "/api/upload?batch=nope&name=fotos.zip", b"x", {"Content-Type": "application/octet-stream"}
        )
        assert json.loads(unknown[2])["error"].startswith("fotos.zip: unknown upload batch")
    finally:
        stop(server, thread)


def test_long_lists_come_in_pages_with_stable_links(scanned_app):
    from cuidado.web.paging import PER_PAGE, cut, page_url

    items = list(range(23))
    shown, pager = cut(items, {"plan_page": ["3"], "severity": ["high"]}, "plan")
    assert shown == [20, 21, 22] and pager["number"] == 3 and pager["pages"] == 3 and PER_PAGE["plan"] == 10
    assert pager["previous"] == "/?plan_page=2&severity=high#plan" and pager["next"] is None
    assert cut(items, {"plan_page": ["99"]}, "plan")[0] == [20, 21, 22], "past the end: the last page"
    assert cut(items, {"plan_page": ["-1"]}, "plan")[0] == list(range(10))
    assert cut(items[:5], {}, "plan") == (items[:5], None), "one page: no pager"
    assert page_url({"findings_page": ["2"], "plan_page": ["4"]}, "plan", 1) == "/?findings_page=2#plan"

    app, client, *_ = scanned_app
    first = client.html("/")
    links = re.findall(r'<a href="(/\?findings_page=2#findings)"', first)
    assert links, "the findings come in pages"
    second = client.html(links[0].split("#")[0])  # a browser keeps the #part to itself
    ids = lambda html: re.findall(r'<article class="finding" id="(f-[^"]+)"', html)  # noqa: E731
    assert ids(first) and ids(second) and not set(ids(first)) & set(ids(second))
    assert len(ids(first)) == PER_PAGE["findings"]
    assert ids(client.html("/?findings_page=2")) == ids(second), "a page's address always shows the same page"


def test_clean_copies_of_a_step_leave_nothing_in_an_encrypted_workspace(tmp_path, tiny_exports):
    import io
    import zipfile

    from cuidado.remediation.clean_copies import offers_clean_copies
    from cuidado.report.plan import load_plan
    from cuidado.scan.pipeline import scan
    from cuidado.scrub.verify import leftovers

    out, labels = tiny_exports
    photos = out / labels["platforms"]["files"]["path"]
    ws = tmp_path / "ws"
    store = open_store(ws, passphrase="correct horse")
    try:
        scan([photos], store)
        plan, error = load_plan(store, "en")
    finally:
        store.close()
    action = next(a for a in plan["actions"] if offers_clean_copies(a))
    before = {p for p in ws.rglob("*") if p.is_file()}
    app, server, thread = run_app(ws, passphrase="correct horse")
    client = Client(app)
    try:
        status, headers, body = client.post_form("/clean", [("csrf", app.guard.csrf), ("action", action["id"])])
        assert status == 200 and headers["content-type"] == "application/zip", body[:300]
        assert "attachment" in headers["content-disposition"]
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = archive.namelist()
            assert names
            for name in names:
                (tmp_path / name).write_bytes(archive.read(name))
                assert not leftovers(tmp_path / name), name
        assert client.post_form("/clean", [("csrf", app.guard.csrf), ("action", "nosuch")])[0] == 400
    finally:
        stop(server, thread)
    after = {p for p in ws.rglob("*") if p.is_file()}
    new = [p for p in after - before if not p.name.startswith("cuidado.db")]
    assert not new, f"an encrypted workspace keeps no clean copy: {new}"
    assert not (ws / "clean").exists()


def test_a_steps_page_lists_every_item_it_covers_a_page_at_a_time(scanned_app):
    from cuidado.report.plan import load_plan
    from cuidado.web.paging import PER_PAGE

    app, client, *_ = scanned_app
    store = open_store(app.workspace)
    try:
        plan, _ = load_plan(store, "en")
    finally:
        store.close()
    action = max(plan["actions"], key=lambda a: len(a["items"]))
    page = client.html(f"/step/{action['id']}")
    assert action["title"] in page
    shown = re.findall(r'<a href="/item/([^"]+)">See it in context', page)
    assert shown == [i["item"] for i in action["items"][: PER_PAGE["items"]]]
    if len(action["items"]) > PER_PAGE["items"]:
        assert f"/step/{action['id']}?items_page=2#items" in page
    status, headers, _ = client.post_form(
        "/actions",
        [("csrf", app.guard.csrf), ("action", action["id"]), ("next", f"/step/{action['id']}"), ("done", "1")],
    )
    assert headers["location"] == f"/step/{action['id']}#a-{action['id']}", "back to the step's own page"
    client.post_form("/actions", [("csrf", app.guard.csrf), ("action", action["id"]), ("done", "0")])
    assert client.get("/step/nosuchstep")[0] == 404
