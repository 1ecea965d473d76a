"""The report as PDF, printed by headless Chromium (Debian's `chromium`), else WeasyPrint if installed.

Chromium reads a copy of the report from a private folder inside the workspace, with its
profile there too, and both are deleted afterwards: nothing about the person is left in /tmp
or in a browser profile. The report's CSP already forbids every request; the flags below also
turn off Chromium's own background traffic.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from pathlib import Path

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--no-default-browser-check", "--no-pdf-header-footer",
                  "--print-to-pdf-no-header"]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 180


class PdfError(RuntimeError):
    """No way to make a PDF here, or the printer failed; the message says what to install."""


def find_chromium() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def write_pdf(html: str, out: Path, workspace: Path) -> str:
    """Write `out`; returns the engine used ("chromium" or "weasyprint")."""
    chromium = find_chromium()
    if chromium:
        _chromium_pdf(chromium, html, Path(out), Path(workspace))
        return "chromium"
    try:
        from weasyprint import HTML
    except ImportError:
        raise PdfError("making a PDF needs Chromium (apt-get install chromium) or WeasyPrint; "
                       "the HTML report prints to PDF from any browser too") from None
    HTML(string=html).write_pdf(str(out))
    os.chmod(out, 0o600)
    return "weasyprint"


def _chromium_pdf(chromium: str, html: str, out: Path, workspace: Path) -> None:
    cache = workspace / "cache"
    cache.mkdir(mode=0o700, parents=True, exist_ok=True)
    private = cache / f"pdf-{secrets.token_hex(6)}"
    private.mkdir(mode=0o700)
    try:
        page = private / "report.html"
        fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        target = private / "report.pdf"
        # Chromium's profile, crash, cache and temporary files all stay in here too.
        env = {**os.environ, "HOME": str(private), "TMPDIR": str(private)}
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={private / 'profile'}",
                   f"--print-to-pdf={target}", page.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not finish printing within {TIMEOUT} s") from None
        if not target.exists() or target.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise PdfError(f"Chromium could not print the report ({detail[0][:200]})")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(target), str(out))
        os.chmod(out, 0o600)
    finally:
        shutil.rmtree(private, ignore_errors=True)
