"""Bypass attempts on the local app (issue 8 §6): every one must get 403, and nothing may change."""

from __future__ import annotations

import inspect
import socket
from urllib.parse import quote

import pytest
from test_web import Client, stop

from cuidado.web import app as web_app
from cuidado.web.app import HOST, make_server, start

ROUTES = [
    ("GET", "/"),
    ("GET", "/api/progress"),
    ("GET", "/static/app.js"),
    ("GET", "/report.html"),
    ("GET", "/item/abc"),
    ("GET", "/thumb/abc"),
    ("POST", "/api/batch"),
    ("POST", "/api/upload?batch=x&name=y"),
    ("POST", "/api/scan?batch=x"),
    ("POST", "/actions"),
    ("POST", "/clean"),
    ("POST", "/lang"),
    ("POST", "/quit"),
]


@pytest.fixture()
def running(tmp_path):
    marked: list = []

    def mark(store, ids):
        marked.extend(ids)
        return ids

    app, server, thread = start(tmp_path / "ws", 0, mark_done=mark, plan_builder=lambda store, lang: {"actions": []})
    yield app, Client(app), marked
    stop(server, thread)


def raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        chunks = []
        while True:
            data = conn.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


def test_no_token_or_a_wrong_token_is_refused(running):
    app, client, marked = running
    for method, path in ROUTES:
        assert client.request(method, path, auth=False)[0] == 403, (method, path)
        bad = {"Cookie": f"{app.guard.cookie_name}={'x' * len(app.guard.session)}"}
        assert client.request(method, path, auth=False, headers=bad)[0] == 403, (method, path)
        other_port = {"Cookie": f"cuidado_1={app.guard.session}"}  # the right secret under another app's name
        assert client.request(method, path, auth=False, headers=other_port)[0] == 403, (method, path)
    assert client.get("/?token=wrong", auth=False)[0] == 403
    assert client.get("/api/progress?token=" + app.guard.new_launch_token(), auth=False)[0] == 403
    assert marked == []


def test_the_token_link_sets_a_strict_cookie_and_leaves_the_address_bar(running):
    app, client, _ = running
    token = app.guard.new_launch_token()
    status, headers, body = client.get("/?token=" + quote(token), auth=False)
    assert status == 200
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"{app.guard.cookie_name}={app.guard.session};") and token not in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert token.encode() not in body and b'url=/"' in body
    assert app.guard.csrf.encode() not in body


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1",
        "127.0.0.1:1",
        "localhost.evil.example:{port}",
        "127.0.0.1:{port}.evil.example",
        "[::1]:{port}",
        "0.0.0.0:{port}",
    ],
)
def test_dns_rebinding_wrong_host_is_refused(running, host):
    app, client, marked = running
    host = host.format(port=app.guard.port)
    for method, path in ROUTES:
        assert client.request(method, path, headers={"Host": host})[0] == 403, (host, method, path)
    # Not even the first visit with the right token: a rebinding page may have learned nothing else.
    assert client.get("/?token=" + app.guard.new_launch_token(), auth=False, headers={"Host": host})[0] == 403
    assert marked == []


def test_localhost_by_name_is_accepted(running):
    app, client, _ = running
    assert client.get("/api/progress", headers={"Host": f"localhost:{app.guard.port}"})[0] == 200


def test_missing_host_header_is_refused(running):
    app, *_ = running
    cookie = f"{app.guard.cookie_name}={app.guard.session}".encode()
    answer = raw(app.guard.port, b"GET /api/progress HTTP/1.0\r\nCookie: " + cookie + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 403")


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "null",
        "http://127.0.0.1:1",
        "https://127.0.0.1:{port}",
        "http://127.0.0.1:{port}.evil.example",
        "http://localhost.evil.example:{port}",
    ],
)
def test_cross_origin_posts_are_refused(running, origin):
    app, client, marked = running
    origin = origin.format(port=app.guard.port)
    for method, path in ROUTES:
        if method == "POST":
            status = client.post_form(
                path, [("csrf", app.guard.csrf), ("action", "a1"), ("lang", "es")], headers={"Origin": origin}
            )[0]
            assert status == 403, (origin, path)
    assert client.get("/api/progress", headers={"Origin": origin})[0] == 403, "cross-origin reads too"
    assert marked == [] and app.lang == "en" and not app.lang_chosen


def test_state_changes_without_origin_or_from_another_site_are_refused(running):
    app, client, marked = running
    fields = [("csrf", app.guard.csrf), ("action", "a1")]
    assert client.post_form("/actions", fields, origin=False)[0] == 403
    for site in ("cross-site", "same-site"):
        assert client.post_form("/actions", fields, headers={"Sec-Fetch-Site": site})[0] == 403
        assert client.get("/", headers={"Sec-Fetch-Site": site})[0] == 403
    assert client.get("/", headers={"Sec-Fetch-Site": "same-origin"})[0] == 200
    assert client.get("/", headers={"Sec-Fetch-Site": "none"})[0] == 200
    assert marked == []


def test_csrf_token_is_required_on_every_state_change(running):
    app, client, marked = running
    for method, path in ROUTES:
        if method != "POST":
            continue
        assert client.request(method, path, csrf=False)[0] == 403, path
        assert client.request(method, path, csrf=False, headers={"X-CSRF-Token": "wrong"})[0] == 403, path
        assert client.request(method, path, csrf=False, headers={"X-CSRF-Token": app.guard.session})[0] == 403, (
            "the session token is not the CSRF token"
        )
    assert client.post_form("/actions", [("action", "a1")], csrf=False)[0] == 403
    assert client.post_form("/actions", [("action", "a1"), ("csrf", "")], csrf=False)[0] == 403
    assert marked == []
    status, headers, _ = client.post_form("/actions", [("action", "a1"), ("csrf", app.guard.csrf)], csrf=False)
    assert status == 303 and marked == ["a1"]


def test_binds_to_loopback_only(running):
    app, *_ = running
    assert HOST == "127.0.0.1"
    assert "host" not in inspect.signature(make_server).parameters
    assert "host" not in inspect.signature(start).parameters
    server = make_server(0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
    # Another loopback address reaches the same machine: a server bound to 0.0.0.0 would answer it.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", app.guard.port), timeout=3).close()


def test_security_headers_on_every_answer(running):
    app, client, _ = running
    for method, path, auth in (
        ("GET", "/", True),
        ("GET", "/nope", True),
        ("GET", "/", False),
        ("GET", "/static/app.js", True),
    ):
        _, headers, _ = client.request(method, path, auth=auth)
        csp = headers["content-security-policy"]
        for rule in (
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'",
        ):
            assert rule in csp, (path, rule)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["cache-control"] == "no-store"
        assert "python" not in headers.get("server", "").lower()


def test_no_open_redirect_after_switching_language(running):
    app, client, _ = running
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
        status, headers, _ = client.post_form("/lang", [("csrf", app.guard.csrf), ("lang", "en"), ("next", target)])
        assert status == 303 and headers["location"] == "/", target


def test_the_token_is_never_logged(running, capfd):
    app, client, _ = running
    token = app.guard.new_launch_token()
    client.get("/?token=" + token, auth=False)
    client.get("/api/progress")
    client.get("/?token=wrong", auth=False)
    out, err = capfd.readouterr()
    assert token not in out + err and app.guard.session not in out + err


def test_refusal_reveals_nothing(running):
    app, client, _ = running
    status, _, body = client.get("/", auth=False)
    assert status == 403 and app.guard.csrf.encode() not in body and app.guard.session.encode() not in body
    assert web_app.HOST in web_app.App.url.fget(app)
