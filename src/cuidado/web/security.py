"""Who may talk to the local app: only the browser tab cuidado opened, on this computer.

- The server listens on 127.0.0.1 only (app.serve has no host parameter on purpose).
- A random token, new each run, is in the link cuidado opens; the first visit trades it for an
  HttpOnly, SameSite=Strict cookie and the token leaves the address bar.
- The Host header must name 127.0.0.1 or localhost on our port: a web page on evil.example
  that re-points its DNS name to 127.0.0.1 (DNS rebinding) sends Host: evil.example.
- Requests from other sites (Origin, Sec-Fetch-Site) are refused; every state change needs
  the per-run CSRF token as well, so even another app on this machine cannot submit forms.
"""

from __future__ import annotations

import hmac
import secrets
from http.cookies import SimpleCookie

SAFE_METHODS = ("GET", "HEAD")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'")

HEADERS = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form posts,
    # and the Origin check needs the real one. Links out carry rel="noreferrer" anyway.
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
    ("Server", "cuidado"),  # no software versions for anyone probing the port
]


class Refused(Exception):
    """A request that must get 403; the message is for the log, never echoed with details."""


class Guard:
    def __init__(self, port: int, token: str | None = None, csrf: str | None = None):
        self.port = port
        self.token = token or secrets.token_urlsafe(32)
        self.csrf = csrf or secrets.token_urlsafe(32)
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    @property
    def cookie_name(self) -> str:
        # Cookies ignore ports: name ours by port so two runs (or other local apps) never collide.
        return f"cuidado_{self.port}"

    def check_host(self, environ: dict) -> None:
        host = (environ.get("HTTP_HOST") or "").lower()
        if host not in self.hosts:
            raise Refused(f"wrong Host header {host!r}")

    def check_request(self, environ: dict) -> None:
        """Host, cross-site and Origin checks; raises Refused."""
        self.check_host(environ)
        site = environ.get("HTTP_SEC_FETCH_SITE")
        if site and site not in ("same-origin", "none"):
            raise Refused(f"request from another site ({site})")
        origin = environ.get("HTTP_ORIGIN")
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if origin is not None and origin not in self.origins:
            raise Refused(f"wrong Origin {origin!r}")
        if method not in SAFE_METHODS and origin is None:
            raise Refused("state change without an Origin header")

    def token_in_query(self, query: dict) -> bool:
        return _same(query.get("token", [""])[0], self.token)

    def authenticated(self, environ: dict, query: dict) -> bool:
        if self.token_in_query(query):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(environ.get("HTTP_COOKIE") or "")
        except Exception:  # a malformed cookie header is just not our cookie
            return False
        morsel = cookie.get(self.cookie_name)
        return morsel is not None and _same(morsel.value, self.token)

    def session_cookie(self) -> tuple[str, str]:
        return ("Set-Cookie", f"{self.cookie_name}={self.token}; Path=/; HttpOnly; SameSite=Strict")

    def check_csrf(self, environ: dict, form: dict | None) -> None:
        sent = environ.get("HTTP_X_CSRF_TOKEN") or ((form or {}).get("csrf") or [""])[0]
        if not _same(sent, self.csrf):
            raise Refused("missing or wrong CSRF token")


def _same(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))
