"""The report as one self-contained HTML file: inline CSS, inline SVG, images as data: URIs.

Its Content-Security-Policy forbids every request and every script, so even a hostile string
that slipped past escaping could not load or run anything; the only URLs in the file are the
links to the person's own posts on the platforms, which they click themselves.
"""

from __future__ import annotations

import base64
import hashlib
import os
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from cuidado.locales import gettext as gettext_for, translations
from cuidado.findings.labels import family_labels, severity_labels
from cuidado.report.model import build_report, safe_link
from cuidado.report.thumbs import Thumbnailer, media_path
from cuidado.store import Store

HERE = Path(__file__).parent
PLATFORM_NAMES = {"facebook": "Facebook", "instagram": "Instagram", "x": "X (Twitter)", "tiktok": "TikTok",
                  "youtube": "YouTube", "whatsapp": "WhatsApp"}


@lru_cache(maxsize=None)
def environment(*extra_dirs: str) -> Environment:
    """Templates from extra_dirs first (the web app's), then the report's shared sections."""
    loader = ChoiceLoader([FileSystemLoader(d) for d in extra_dirs] + [FileSystemLoader(str(HERE / "templates"))])
    env = Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True),
                      extensions=["jinja2.ext.i18n"], undefined=StrictUndefined, trim_blocks=False)
    env.filters.update(mask=mask, basename=basename, safe_link=safe_link)
    return env


def template_context(lang: str) -> dict:
    """What every template needs in one language: gettext for {% trans %} and _(), labels."""
    trans = translations(lang)
    _ = gettext_for(lang)
    names = {**PLATFORM_NAMES, "files": _("Photos"), "multiple": _("Several platforms")}
    return {"gettext": trans.gettext, "ngettext": trans.ngettext, "platform_names": names,
            "family_labels": family_labels(_), "severity_names": severity_labels(_)}


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (HERE / "assets" / "cuidado.css").read_text(encoding="utf-8")


def report_csp(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; script-src 'none'; "
            "object-src 'none'; base-uri 'none'; form-action 'none'")


class ReportLinks:
    """Links inside the file: sections and findings are anchors; nothing is interactive."""

    interactive = False

    def __init__(self, model: dict):
        self.shown = {f["id"] for g in model["groups"] for f in g["findings"]}

    def section(self, name: str) -> str:
        return "#" + name

    def item(self, record_id: str | None, finding_id: str | None) -> str | None:
        return "#f-" + finding_id if finding_id in self.shown else None


def render_report(model: dict) -> str:
    css = stylesheet()
    template = environment().get_template("report.html")
    return template.render(m=model, links=ReportLinks(model), css=Markup(css), csp=report_csp(css),
                           **template_context(model["lang"]))


def build_html(store: Store, lang: str = "en", *, plan: dict | None = None, thumbnails: bool = True) -> str:
    inputs = store.input_paths()
    with Thumbnailer() as thumbnailer:
        def thumb(record: dict, redact: bool) -> str | None:
            path = media_path(record)
            return thumbnailer.data_uri(inputs.get(record["input"], ()), path, redact) if path and thumbnails else None

        model = build_report(store, lang, plan=plan, thumb=thumb)
    return render_report(model)


def write_private(path: Path, data: bytes) -> None:
    """The report is as sensitive as the workspace: readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o600)


def mask(value: str | None, kind: str | None = None) -> str:
    """Government ID numbers show only their last four characters."""
    value = value or ""
    if kind == "identity.government_id" and len(value) > 4:
        return "•" * min(len(value) - 4, 6) + value[-4:]
    return value


def basename(path: str | None) -> str:
    return (path or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
