"""The report as one self-contained HTML file: inline CSS, inline SVG, images as data: URIs.

Its Content-Security-Policy forbids every request and every script, so even a hostile string
that slipped past escaping could not load or run anything; the only URLs in the file are the
links to the person's own posts on the platforms, which they click themselves.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from cuidado.findings.labels import family_labels, severity_labels
from cuidado.locales import gettext as gettext_for
from cuidado.locales import translations
from cuidado.report.model import build_report, safe_link
from cuidado.report.thumbs import Thumbnailer, media_path
from cuidado.store import Store

HERE = Path(__file__).parent
PLAN_IN_FULL = 6  # the report's first steps with their instructions; the rest in a table
PLAN_ITEMS = 5  # items listed under each of them (cuidado plan lists all)
PLATFORM_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X (Twitter)",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "whatsapp": "WhatsApp",
}


@cache
def environment(*extra_dirs: str) -> Environment:
    """Templates from extra_dirs first (the web app's), then the report's shared sections."""
    loader = ChoiceLoader([FileSystemLoader(d) for d in extra_dirs] + [FileSystemLoader(str(HERE / "templates"))])
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    env.filters.update(mask=mask, basename=basename, safe_link=safe_link)
    return env


def template_context(lang: str) -> dict:
    """What every template needs in one language: gettext for {% trans %} and _(), labels."""
    trans = translations(lang)
    _ = gettext_for(lang)
    names = {**PLATFORM_NAMES, "files": _("Photos"), "multiple": _("Several platforms")}
    return {
        "gettext": trans.gettext,
        "ngettext": trans.ngettext,
        "platform_names": names,
        "family_labels": family_labels(_),
        "severity_names": severity_labels(_),
    }


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (HERE / "assets" / "cuidado.css").read_text(encoding="utf-8")


def report_csp(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; script-src 'none'; "
        "object-src 'none'; base-uri 'none'; form-action 'none'"
    )


class ReportLinks:
    """Links inside the file: sections and findings are anchors; nothing is interactive."""

    interactive = False

    def __init__(self, model: dict):
        # Low-risk findings are counted in a table, not shown one by one: no anchor to link to.
        self.shown = {f["id"] for g in model["groups"] if g["severity"] != "low" for f in g["findings"]}

    def section(self, name: str) -> str:
        return "#" + name

    def item(self, record_id: str | None, finding_id: str | None) -> str | None:
        return "#f-" + finding_id if finding_id is not None and finding_id in self.shown else None


def render_report(model: dict) -> str:
    css = stylesheet() + report_stylesheet() + page_margins(model)
    template = environment().get_template("report.html")
    return template.render(
        m=model,
        links=ReportLinks(model),
        css=Markup(css),
        csp=report_csp(css),
        plan_in_full=PLAN_IN_FULL,
        plan_items=PLAN_ITEMS,
        **template_context(model["lang"]),
    )


def page_margins(model: dict) -> str:
    """Each printed page's margins: the person's name and the report's date on top, the page number
    below. CSS cannot read them from the page, so they are written into the stylesheet, every
    character escaped (a name comes from an export: it must not end the string or the <style>)."""
    _ = gettext_for(model["lang"])
    who = " · ".join(part for part in (model.get("person") or "", model["generated"][:10]) if part)
    number = " ".join(
        css_string(part) if i % 2 == 0 else f"counter({part})"
        for i, part in enumerate(re.split(r"\{(pages?)\}", _("Page {page} of {pages}")))
    )
    private = _("cuidado · private")
    box = "font: 8pt system-ui, 'DejaVu Sans', sans-serif; color: #555;"
    return (
        "\n@media print { @page { size: letter; margin: 15mm 13mm 14mm;"
        f" @top-left {{ content: {css_string(who)}; {box} }}"
        f" @top-right {{ content: {css_string(private)}; {box} }}"
        f" @bottom-right {{ content: {number}; {box} }} }} }}\n"
    )


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: letters, digits and spaces as they are, anything else as a
    CSS escape, so no character can close the string, the rule or the <style> element."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} " for ch in text) + '"'


@lru_cache(maxsize=1)
def report_stylesheet() -> str:
    return (HERE / "assets" / "report.css").read_text(encoding="utf-8")


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
