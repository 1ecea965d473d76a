"""`cuidado open`: a small WSGI app on 127.0.0.1, served by the standard library.

No framework: a dozen routes, every request through the Guard (security.py) before any view.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from cuidado.locales import normalise
from cuidado.store import open_store
from cuidado.web.jobs import ScanJob, Uploads
from cuidado.web.security import HEADERS, SAFE_METHODS, Guard, Refused

HOST = "127.0.0.1"  # loopback only, and not configurable: the app must never be reachable from the network
MAX_FORM = 256 * 1024


@dataclass
class Request:
    method: str
    path: str
    query: dict
    environ: dict
    form: dict = field(default_factory=dict)
    params: tuple = ()

    def arg(self, name: str, default: str = "") -> str:
        return (self.query.get(name) or [default])[0]


@dataclass
class Response:
    body: bytes = b""
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    headers: list = field(default_factory=list)


def redirect(location: str, headers: list | None = None) -> Response:
    return Response(b"", "303 See Other", headers=[("Location", location)] + (headers or []))


class App:
    def __init__(self, workspace: Path, port: int, *, passphrase: str | None = None, lang: str = "en",
                 plan_builder: Callable | None = None, mark_done: Callable | None = None,
                 token: str | None = None):
        from cuidado.web import views

        self.workspace, self.passphrase = Path(workspace), passphrase
        self.lang = normalise(lang)
        self.guard = Guard(port, token=token)
        self.uploads = Uploads(self.workspace)
        self.job = ScanJob(self.workspace, passphrase)
        self.plan_builder, self.mark_done = plan_builder, mark_done  # tests inject these
        self.on_quit: Callable[[], None] | None = None
        self.thumbs: dict[str, bytes] = {}  # thumbnails made this run, in memory only
        self.routes = views.routes()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.guard.port}/?token={self.guard.token}"

    def store(self):
        """A store per request: SQLite connections stay in the thread that made them."""
        return open_store(self.workspace, self.passphrase)

    def __call__(self, environ: dict, start_response):
        response = self.handle(environ)
        headers = [("Content-Type", response.content_type), ("Content-Length", str(len(response.body)))]
        start_response(response.status, headers + HEADERS + response.headers)
        return [response.body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    def handle(self, environ: dict) -> Response:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = environ.get("PATH_INFO") or "/"
        query = parse_qs(environ.get("QUERY_STRING") or "", keep_blank_values=True)
        try:
            self.guard.check_host(environ)
            if method == "GET" and path == "/" and self.guard.token_in_query(query):
                # The link cuidado opened (perhaps from a launcher file, so "cross-site"): trade the
                # token for a cookie and move on with a same-origin navigation, which carries the
                # SameSite=Strict cookie where a redirect from a cross-site start would not.
                return Response(_LANDING, headers=[self.guard.session_cookie()])
            self.guard.check_request(environ)
            if not self.guard.authenticated(environ, query):
                raise Refused("no token")
        except Refused:
            return _refused()
        request = Request(method, path, query, environ)
        if method not in SAFE_METHODS:
            try:
                request.form = _read_form(environ)
                self.guard.check_csrf(environ, request.form)
            except Refused:
                return _refused()
        for route_method, pattern, view in self.routes:
            match = re.fullmatch(pattern, path)
            if match and (route_method == method or (route_method == "GET" and method == "HEAD")):
                request.params = match.groups()
                return view(self, request)
        return Response(b"Not found", "404 Not Found", "text/plain; charset=utf-8")


_LANDING = (b'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/">'
            b'<title>cuidado</title><p><a href="/">cuidado</a></p>')


def _refused() -> Response:
    return Response(b"Forbidden. Open cuidado with the link that `cuidado open` printed.", "403 Forbidden",
                    "text/plain; charset=utf-8")


def _read_form(environ: dict) -> dict:
    """Only url-encoded forms are parsed here; uploads stream their body in their own view."""
    kind = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return {}
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise Refused("bad Content-Length") from None
    if length > MAX_FORM:
        raise Refused("form too large")
    body = environ["wsgi.input"].read(length).decode("utf-8", "replace") if length else ""
    return parse_qs(body, keep_blank_values=True)


class _Handler(WSGIRequestHandler):
    server_version, sys_version = "cuidado", ""

    def log_message(self, format, *args):  # noqa: A002 - the signature is the stdlib's
        pass  # never log URLs: the first one carries the token

    def address_string(self) -> str:
        return HOST


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = False


def make_server(port: int = 0) -> WSGIServer:
    """Listen on 127.0.0.1 only. Set the app afterwards (it needs the port for its Host check)."""
    return _Server((HOST, port), _Handler)


def start(workspace: Path, port: int = 0, **options) -> tuple[App, WSGIServer, threading.Thread]:
    """Run the app in a background thread (the CLI waits on it; tests stop it with server.shutdown())."""
    server = make_server(port)
    app = App(workspace, server.server_port, **options)
    server.set_app(app)
    app.on_quit = lambda: threading.Thread(target=server.shutdown, daemon=True).start()
    thread = threading.Thread(target=server.serve_forever, name="cuidado-web", daemon=True)
    thread.start()
    return app, server, thread


def open_browser(url: str) -> bool:
    """Show the app in the person's browser (it only ever points at 127.0.0.1)."""
    import webbrowser

    try:
        return webbrowser.open(url)
    except Exception:  # no browser at all (a server, a container): the link is printed anyway
        return False
