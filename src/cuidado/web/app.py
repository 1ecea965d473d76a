"""`cuidado open`: a small WSGI app on 127.0.0.1, served by the standard library.

No framework: a dozen routes, every request through the Guard (security.py) before any view.
"""

from __future__ import annotations

import html
import os
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from cuidado.locales import LANGUAGES, normalise
from cuidado.store import open_store
from cuidado.store.folder import claim
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
    lang: str = "en"  # the page's language: the person's choice, else their browser's

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
    def __init__(
        self,
        workspace: Path,
        port: int,
        *,
        passphrase: str | None = None,
        lang: str = "en",
        plan_builder: Callable | None = None,
        mark_done: Callable | None = None,
        token: str | None = None,
    ):
        from cuidado.web import views

        self.workspace, self.passphrase = Path(workspace), passphrase
        self.lang = normalise(lang)  # until the person picks one (POST /lang), their browser's language wins
        self.lang_chosen = False
        self.guard = Guard(port, token=token)
        self.uploads = Uploads(self.workspace)
        self.job = ScanJob(self.workspace, passphrase)
        self.launch_files: list[Path] = []
        if passphrase is not None:  # an encrypted workspace keeps no readable upload, even from a crash
            self.uploads.discard_all()
        self.plan_builder, self.mark_done = plan_builder, mark_done  # tests inject these
        self.on_quit: Callable[[], None] | None = None
        self.thumbs: dict[str, bytes] = {}  # thumbnails made this run, in memory only
        self.routes = views.routes()

    @property
    def url(self) -> str:
        """The app's address, without any secret."""
        return f"http://{HOST}:{self.guard.port}/"

    def launch_url(self) -> str:
        """A link that opens the app once: its token is spent on first use."""
        return f"{self.url}?token={self.guard.new_launch_token()}"

    def launch_file(self) -> Path:
        """A private (0600) page in the workspace that forwards the browser to a fresh launch link,
        so the secret never appears on the browser's command line."""
        claim(self.workspace)  # a cuidado workspace, private
        folder = self.workspace / "run"
        folder.mkdir(mode=0o700, exist_ok=True)
        path = folder / f"open-{secrets.token_hex(8)}.html"
        link = html.escape(self.launch_url())
        page = (
            f'<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer">'
            f'<meta http-equiv="refresh" content="0;url={link}"><title>cuidado</title>'
            f'<p><a href="{link}">cuidado</a></p>\n'
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(page)
        self.launch_files.append(path)
        return path

    def forget_launch_files(self) -> None:
        """Launch files hold a token: gone once one is used, and when the app stops."""
        for path in self.launch_files:
            path.unlink(missing_ok=True)
        self.launch_files.clear()

    def store(self):
        """A store per request: SQLite connections stay in the thread that made them."""
        return open_store(self.workspace, self.passphrase)

    def language(self, environ: dict) -> str:
        """The person's choice (POST /lang), else the browser's Accept-Language, else the default."""
        if self.lang_chosen:
            return self.lang
        return browser_language(environ.get("HTTP_ACCEPT_LANGUAGE") or "") or self.lang

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
            if method == "GET" and path == "/" and "token" in query and not self.guard.authenticated(environ):
                if not self.guard.redeem(query):
                    raise Refused("unknown, spent or expired launch token")
                # The link cuidado opened (from the launch file, so "cross-site"): trade the token
                # for a cookie and move on with a same-origin navigation, which carries the
                # SameSite=Strict cookie where a redirect from a cross-site start would not.
                self.forget_launch_files()
                return Response(_LANDING, headers=[self.guard.session_cookie()])
            self.guard.check_request(environ)
            if not self.guard.authenticated(environ):
                raise Refused("no session")
        except Refused:
            return _refused()
        request = Request(method, path, query, environ, lang=self.language(environ))
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


def browser_language(header: str) -> str | None:
    """The supported language the browser prefers most ("es-MX,es;q=0.9,en;q=0.8" -> "es")."""
    ranked = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = tag.strip().split("-")[0].lower()
        if code in LANGUAGES and quality > 0:
            ranked.append((-quality, position, code))
    return min(ranked)[2] if ranked else None


_LANDING = (
    b'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/">'
    b'<title>cuidado</title><p><a href="/">cuidado</a></p>'
)


_FORBIDDEN = (
    b"Forbidden. A cuidado link works once: press Enter in the terminal where `cuidado open` runs "
    b"for a new one.\n"
    b"Prohibido. Un enlace de cuidado funciona una sola vez: presione Enter en la terminal donde corre "
    b"`cuidado open` para recibir uno nuevo.\n"
)


def _refused() -> Response:
    return Response(_FORBIDDEN, "403 Forbidden", "text/plain; charset=utf-8")


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
        pass  # never log URLs: the first one carries a launch token

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
