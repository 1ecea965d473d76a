"""The report as PDF, printed by headless Chromium (Debian's `chromium`), else WeasyPrint if installed.

Chromium reads a copy of the report from a private folder inside the workspace, with its
profile and temporary files there too, and all of it is deleted afterwards: nothing about the
person is left in /tmp or in a browser profile.

Chromium is given that folder through a short path: a private (0700) folder in the system's
temporary folder holding only a link to it, removed with it. Chromium binds a unix socket inside
its temporary folder, and a socket path longer than 107 bytes fails ("zygote … Broken pipe"), so
a workspace under a long path could not print otherwise. The link holds no data of the person:
what Chromium writes through it lands in the workspace.

Chromium must not reach the network while it holds the report. Left alone it looks up Google's
update and account hosts and probes for IPv6 even when printing a local file. So:
- it runs in a network namespace of its own (`unshare`), which has no network at all, where the
  system allows one (Linux with user namespaces, or root); and
- its background services are switched off by flags (updates, sync, field trials, DNS
  prefetch, safe browsing, metrics…) and every host name resolves to nothing.
Where namespaces are not available only the flags apply, and `write_pdf` says so.
tests/test_trust.py traces Chromium's connect() calls to prove it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cuidado.locales import N_, TranslatableError

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pdf-header-footer",
    "--print-to-pdf-no-header",
    "--disable-extensions",
    # No background traffic: updates, sync, metrics, experiments, prefetching, safe browsing.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--disable-field-trial-config",
    "--metrics-recording-only",
    "--no-pings",
    "--dns-prefetch-disable",
    "--disable-quic",
    "--no-service-autorun",
    "--password-store=basic",
    "--use-mock-keychain",
    "--disable-features=AsyncDns,DnsOverHttps,UseDnsHttpsSvcb,NetworkTimeServiceQuerying,OptimizationHints,"
    "MediaRouter,DialMediaRouteProvider,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,"
    "InterestFeedContentSuggestions,PrivacySandboxSettings4",
    # The report needs no host name at all: any lookup fails here, before it reaches a DNS server.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=direct://",
    "--proxy-bypass-list=*",
]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180
SHORT_ROOT = 40  # longest temporary folder that leaves Chromium's socket path (<108 bytes) room
# Run a command with no network: a new network namespace (only a loopback, down). The first
# works for any user where user namespaces are allowed; the second only for root.
ISOLATORS = (("unshare", "--user", "--map-root-user", "--net", "--"), ("unshare", "--net", "--"))


@dataclass
class PdfResult:
    engine: str  # "chromium" or "weasyprint"
    isolated: bool  # Chromium ran in a network namespace of its own (no network at all)


class PdfError(TranslatableError, RuntimeError):
    """No way to make a PDF here, or the printer failed; the message says what to install."""


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def write_pdf(html: str, out: Path, workspace: Path) -> PdfResult:
    """Write `out`; says which engine was used and whether Chromium was cut off from the network."""
    chromium = find_chromium()
    if chromium:
        isolator = network_isolator()
        _chromium_pdf(chromium, html, Path(out), Path(workspace), list(isolator or ()))
        return PdfResult("chromium", isolator is not None)
    try:
        from weasyprint import HTML
    except ImportError:
        raise PdfError(
            N_(
                "making a PDF needs Chromium (apt-get install chromium) or WeasyPrint; "
                "the HTML report prints to PDF from any browser too"
            )
        ) from None
    HTML(string=html).write_pdf(str(out))  # WeasyPrint fetches nothing the report does not embed
    os.chmod(out, 0o600)
    return PdfResult("weasyprint", False)


@lru_cache(maxsize=1)
def network_isolator() -> tuple[str, ...] | None:
    """The command prefix that runs a program with no network here, or None when there is none."""
    if shutil.which("unshare") is None:
        return None
    for prefix in ISOLATORS:
        try:
            probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=20, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return prefix
    return None


def chromium_command(chromium: str, page: Path, target: Path, profile: Path, isolator: list[str]) -> list[str]:
    return [
        *isolator,
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--print-to-pdf={target}",
        page.as_uri(),
    ]


def _chromium_pdf(chromium: str, html: str, out: Path, workspace: Path, isolator: list[str]) -> None:
    cache = workspace.resolve() / "cache"  # absolute: a file:// address needs one
    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    private = cache / f"pdf-{secrets.token_hex(6)}"
    private.mkdir(mode=0o700)
    try:
        with short_path(private) as short:
            page = short / "report.html"
            fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(html)
            target = short / "report.pdf"
            (short / "tmp").mkdir(mode=0o700)
            # Chromium's profile, crash, cache and temporary files all stay in here too.
            env = {**os.environ, "HOME": str(short), "TMPDIR": str(short / "tmp")}
            command = chromium_command(chromium, page, target, short / "profile", isolator)
            try:
                done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, env=env, check=False)
            except subprocess.TimeoutExpired:
                raise PdfError(N_("Chromium did not finish printing within {seconds} s"), seconds=TIMEOUT) from None
        target = private / "report.pdf"
        if not target.exists() or target.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise PdfError(N_("Chromium could not print the report ({reason})"), reason=detail[0][:200])
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), str(out))
        os.chmod(out, 0o600)
    finally:
        shutil.rmtree(private, ignore_errors=True)


@contextmanager
def short_path(folder: Path) -> Iterator[Path]:
    """`folder` under a path short enough for Chromium's sockets: a link in a private temporary
    folder (0700, only this user can follow it), removed on the way out."""
    root = tempfile.gettempdir()
    if len(root) > SHORT_ROOT and os.path.isdir("/tmp"):
        root = "/tmp"  # a long $TMPDIR would bring the socket's path limit back
    holder = Path(tempfile.mkdtemp(prefix="cuidado-", dir=root))
    try:
        link = holder / "w"
        link.symlink_to(folder, target_is_directory=True)
        yield link
    finally:
        shutil.rmtree(holder, ignore_errors=True)  # removes the link, never what it points to
