"""Who may talk to the local app: only the browser tab cuidado opened, on this computer.

- The server listens on 127.0.0.1 only (app.serve has no host parameter on purpose).
- `cuidado open` hands the browser a one-time launch token, through a private (0600) launch
  file rather than the browser's command line (which every local user can read in /proc). The
  first visit trades the token for a session cookie and the token is spent: a second use, or a
  copy from the browser's history, gets 403. An unused token expires after 10 minutes.
- The session cookie is a different random value, under a cookie name new each run. It is
  HttpOnly (page scripts cannot read it) and SameSite=Strict (other sites' pages cannot send it).
  Browsers send cookies for 127.0.0.1 to every port (even `__Host-` cookies: Chromium accepts
  that prefix on http loopback but still sends it to other ports, and `Secure` cookies over plain
  http are refused by some browsers), so the cookie is checked here, by this run only, together
  with the Host header's port: another cuidado run, or anything else on another port, never
  accepts it, and it is worthless once this run stops.
- The Host header must name 127.0.0.1 or localhost on our port: a web page on evil.example
  that re-points its DNS name to 127.0.0.1 (DNS rebinding) sends Host: evil.example.
- Requests from other sites (Origin, Sec-Fetch-Site) are refused; every state change needs
  the per-run CSRF token as well, so even another app on this machine cannot submit forms.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time

SAFE_METHODS = ("GET", "HEAD")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"
)

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
    LAUNCH_TTL = 600  # seconds a launch token stays usable if nobody uses it

    def __init__(self, port: int, token: str | None = None, csrf: str | None = None):
        self.port = port
        self.session = secrets.token_urlsafe(32)  # the cookie's value: never in a URL, never printed
        self.csrf = csrf or secrets.token_urlsafe(32)
        # New each run: two runs (or other local apps) never collide or read each other's cookie.
        self.cookie_name = f"cuidado_{port}_{secrets.token_hex(4)}"
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}
        self._launch: dict[str, float] = {}  # one-time launch token -> when it expires
        self._lock = threading.Lock()
        if token:
            self.new_launch_token(token)

    def new_launch_token(self, token: str | None = None) -> str:
        token = token or secrets.token_urlsafe(32)
        with self._lock:
            self._launch[token] = time.monotonic() + self.LAUNCH_TTL
        return token

    def redeem(self, query: dict) -> bool:
        """True once for each launch token: it is spent on its first use."""
        given = query.get("token", [""])[0]
        now = time.monotonic()
        with self._lock:
            for token, expires in list(self._launch.items()):
                if expires < now:
                    del self._launch[token]
                elif _same(given, token):
                    del self._launch[token]
                    return True
        return False

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

    def authenticated(self, environ: dict) -> bool:
        """The session cookie of this run, sent to this run's port (check_host has the port)."""
        if (environ.get("HTTP_HOST") or "").lower() not in self.hosts:
            return False
        # Split by hand: one malformed cookie from another local app must not hide ours.
        for part in (environ.get("HTTP_COOKIE") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == self.cookie_name and _same(value, self.session):
                return True
        return False

    def session_cookie(self) -> tuple[str, str]:
        # No Max-Age: the browser forgets it when it closes; the server forgets it when cuidado stops.
        return ("Set-Cookie", f"{self.cookie_name}={self.session}; Path=/; HttpOnly; SameSite=Strict")

    def check_csrf(self, environ: dict, form: dict | None) -> None:
        sent = environ.get("HTTP_X_CSRF_TOKEN") or ((form or {}).get("csrf") or [""])[0]
        if not _same(sent, self.csrf):
            raise Refused("missing or wrong CSRF token")


def _same(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))
