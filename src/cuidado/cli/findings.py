"""`cuidado findings` and `cuidado profile`: what an analyst could learn, item by item and as a whole."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cuidado.cli.options import json_option, lang_option, workspace_option
from cuidado.cli.output import echo_json, err, out
from cuidado.cli.workspace import open_existing
from cuidado.findings.render import finding_dict
from cuidado.models import Platform
from cuidado.report.dossier import build_dossier, dossier_words
from cuidado.report.photo_checks import not_checked_text, photos_not_checked
from cuidado.safety import markup_safe, printable


@click.command()
@click.option("--kind", "kinds", multiple=True, help="Only this kind, or a family: location, identity.phone, sensitive…")
@click.option("--platform", "platforms", multiple=True, type=click.Choice([p.value for p in Platform]))
@click.option("--severity", "severities", multiple=True, type=click.Choice(["high", "medium", "low"]))
@json_option("JSON Lines, one finding per line (the README's contract).")
@lang_option
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@workspace_option
def findings(kinds: tuple[str, ...], platforms: tuple[str, ...], severities: tuple[str, ...], as_json: bool,
             lang: str, limit: int | None, workspace: Path | None) -> None:
    """What an analyst could learn from each item, most severe first."""
    store = open_existing(workspace, lang)
    try:
        rows = store.findings(kinds=kinds, platforms=platforms, severities=severities)
        failed = store.unread_input_count()
        unchecked = photos_not_checked(store)
    finally:
        store.close()
    rows = rows[:limit] if limit else rows
    if as_json:
        for row in rows:
            click.echo(json.dumps(finding_dict(row, lang), ensure_ascii=False))
        return
    _print_findings([finding_dict(row, lang) for row in rows], lang)
    if failed:  # an empty or short list must not read as "all clear" when exports were not read
        err.print(f"[bold yellow]⚠[/bold yellow] {_WORDS[lang]['inputs_unread'].format(count=failed)}", markup=True)
    if unchecked:  # nor when photos were not looked at yet
        err.print(f"[bold yellow]⚠[/bold yellow] {not_checked_text(unchecked, lang, command=True)}", markup=True)


@click.command()
@json_option("The same as JSON.")
@lang_option
@workspace_option
def profile(as_json: bool, lang: str, workspace: Path | None) -> None:
    """What someone could conclude about you, each line with its confidence and evidence."""
    store = open_existing(workspace, lang)
    try:
        dossier = build_dossier(store, lang)
        unchecked = photos_not_checked(store)
    finally:
        store.close()
    if as_json:
        echo_json(dossier)
        return
    if unchecked:  # a profile drawn without the photos' faces and documents says so
        err.print(f"[bold yellow]⚠[/bold yellow] {not_checked_text(unchecked, lang, command=True)}", markup=True)
    words = dossier_words(lang)
    out.print(f"[bold]{dossier['title']}[/bold]", markup=True)
    if not dossier["lines"]:
        out.print(words["nothing"])
    for line in dossier["lines"]:
        out.print(f"• {markup_safe(line['text'], 200)}  [dim]({words['confidence']} {line['confidence']:.0%}; "
                  f"{words['evidence'].format(count=line['evidence_count'])})[/dim]", markup=True)
    if dossier["worst_months"]:
        months = ", ".join(f"{m['month']} ({m['high']})" for m in dossier["worst_months"])
        out.print(words["worst_months"].format(months=months))


def _print_findings(items: list[dict], lang: str) -> None:
    words = _WORDS[lang]
    if not items:
        out.print(words["none"])
        return
    colours = {"high": "red", "medium": "yellow", "low": "cyan"}
    for item in items:
        head = f"[{colours[item['severity']]}]{words[item['severity']]}[/] {markup_safe(item['kind'])}"
        if item.get("subtype"):
            head += f" ({markup_safe(item['subtype'])})"
        out.print(head + f"  {markup_safe(item['value'], 80)}  [dim]{markup_safe(item['platform'])} · "
                         f"{markup_safe(item['source'], 60)} · {(item['time'] or '')[:10]} · "
                         f"{words['sure']} {item['confidence']:.0%}[/]", markup=True)
        if item.get("excerpt"):
            out.print(f"    “{printable(item['excerpt'], 160)}”")
        out.print(f"    {words['why']}: {printable(item['why'], 2000)}")
        out.print(f"    {words['todo']}: {printable(item['advice'], 2000)}")
    out.print(f"\n{len(items)} {words['count']}")


_WORDS = {
    "en": {"high": "HIGH", "medium": "MEDIUM", "low": "LOW", "why": "Why it matters", "todo": "What to do",
           "sure": "confidence", "count": "finding(s)", "none": "No findings.",
           "inputs_unread": "{count} export(s) you scanned could not be read: what they hold is NOT in these "
                            "findings (cuidado summary says why)."},
    "es": {"high": "ALTO", "medium": "MEDIO", "low": "BAJO", "why": "Por qué importa", "todo": "Qué hacer",
           "sure": "certeza", "count": "hallazgo(s)", "none": "No hay hallazgos.",
           "inputs_unread": "{count} exportación(es) que analizó no se pudieron leer: lo que contienen NO está en "
                            "estos hallazgos (cuidado summary dice por qué)."},
}
