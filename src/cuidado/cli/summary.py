"""`cuidado summary`: what the workspace holds, per platform, and every file not read, and why."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from cuidado.cli.options import json_option, lang_option, workspace_option
from cuidado.cli.output import echo_json, err, out
from cuidado.cli.workspace import open_existing
from cuidado.importers.known import ABOUT
from cuidado.report.photo_checks import not_checked_text, scan_words
from cuidado.report.summary import build_summary
from cuidado.safety import printable


@click.command()
@json_option("Machine-readable output (documented in the README).")
@lang_option
@workspace_option
def summary(as_json: bool, lang: str, workspace: Path | None) -> None:
    """What the workspace holds, per platform, and every file that was not read, and why."""
    store = open_existing(workspace, lang)
    try:
        data = build_summary(store)
    finally:
        store.close()
    if as_json:
        echo_json(data)
    else:
        print_summary(data, lang)


def print_summary(data: dict, lang: str = "en") -> None:
    """The summary as a table and lists (also printed at the end of a scan)."""
    words = _SUMMARY_WORDS[lang]
    table = Table(title=words["title"], show_lines=False)
    for column in words["columns"]:
        table.add_column(column, justify="left" if column in words["columns"][:1] + words["columns"][-2:]
                         else "right")
    for platform, entry in data["platforms"].items():
        if platform == "files":
            continue
        other = sum(entry["other"].values())
        table.add_row(platform, *(str(entry[k]) for k in ("posts", "comments", "messages", "media",
                                                          "profile_fields", "connections")),
                      str(other), (entry["first"] or "")[:10], (entry["last"] or "")[:10])
    table.add_row(words["folders"], "", "", "", str(data["platforms"]["files"]["media"]), "", "", "", "", "")
    out.print(table)
    files = data["files"]
    out.print(words["files"].format(**files))
    skipped = data["skipped"]
    shown = 0
    for status in ("unreadable", "input_not_read", "refused", "unknown", "not_analysed"):
        group = [item for item in skipped if item["status"] == status]
        if not group:
            continue
        out.print(f"\n{words[status].format(count=len(group))}")
        for item in group[:max(0, 200 - shown)]:
            why = _about(item["about"], lang) if status == "not_analysed" else item["reason"]
            out.print(f"  - {printable(item['file'])}" + ("" if status == "unknown" else f": {printable(why)}"))
        shown += len(group)
    if shown > 200:
        out.print(words["more"].format(count=shown - 200))
    if data.get("photos_not_checked"):
        err.print(f"[bold yellow]⚠[/bold yellow] {not_checked_text(data['photos_not_checked'], lang, command=True)}",
                  markup=True)


def print_first_results(store, lang: str = "en") -> None:
    """What a scan shows before its photo checks: findings by severity and the profile's first lines."""
    from cuidado.report.dossier import build_dossier
    from cuidado.report.model import first_screen

    words = scan_words(lang)
    counts = store.severity_counts()
    out.print("\n" + words["first"])
    out.print(words["findings"].format(high=counts.get("high", 0), medium=counts.get("medium", 0),
                                       low=counts.get("low", 0)))
    for line in first_screen(build_dossier(store, lang)["lines"])["lines"]:
        out.print(f"• {printable(line['text'], 200)}")


def _about(key: str | None, lang: str) -> str:
    return ABOUT.get(key or "", {}).get(lang) or key or ""


_SUMMARY_WORDS = {
    "en": {"title": "What cuidado read", "folders": "photo folders",
           "columns": ("platform", "posts", "comments", "messages", "media", "profile", "connections", "other",
                       "from", "to"),
           "files": "Files: {read} read, {not_analysed} known but not analysed, {unknown} not read yet (unknown), "
                    "{unreadable} could not be read, {refused} refused for safety, {input_not_read} input(s) not read.",
           "unreadable": "{count} file(s) could not be read (what they hold is not in the results):",
           "input_not_read": "{count} input(s) not read at all:",
           "refused": "{count} archive entries refused for safety:",
           "unknown": "{count} file(s) cuidado does not read yet (not analysed; open them yourself to check):",
           "not_analysed": "{count} known file(s) cuidado does not analyse (what each holds):",
           "more": "  … and {count} more (cuidado summary --json lists them all)"},
    "es": {"title": "Lo que cuidado leyó", "folders": "carpetas de fotos",
           "columns": ("plataforma", "publicaciones", "comentarios", "mensajes", "fotos/videos", "perfil",
                       "contactos", "otros", "desde", "hasta"),
           "files": "Archivos: {read} leídos, {not_analysed} conocidos pero no analizados, {unknown} que aún no lee "
                    "(desconocidos), {unreadable} que no se pudieron leer, {refused} rechazados por seguridad, "
                    "{input_not_read} entrada(s) sin leer.",
           "unreadable": "{count} archivo(s) no se pudieron leer (lo que contienen no está en los resultados):",
           "input_not_read": "{count} entrada(s) que no se leyeron en absoluto:",
           "refused": "{count} elementos del archivo comprimido rechazados por seguridad:",
           "unknown": "{count} archivo(s) que cuidado aún no lee (no analizados; ábralos usted para revisar):",
           "not_analysed": "{count} archivo(s) conocidos que cuidado no analiza (qué contiene cada uno):",
           "more": "  … y {count} más (cuidado summary --json los lista todos)"},
}

