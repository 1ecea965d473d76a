"""`cuidado findings` and `cuidado profile`: what an analyst could learn, item by item and as a whole."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cuidado.cli.i18n import N_, command, translator
from cuidado.cli.kinds import UnknownKind, kind_name, resolve
from cuidado.cli.options import json_option, lang_option, workspace_option
from cuidado.cli.output import echo_json, err, out
from cuidado.cli.workspace import open_existing
from cuidado.findings.labels import kind_label, severity_labels
from cuidado.findings.render import finding_dict
from cuidado.models import Platform
from cuidado.report.dossier import build_dossier, dossier_words
from cuidado.report.photo_checks import not_checked_text, photos_not_checked
from cuidado.safety import markup_safe, printable


@command(help=N_("What an analyst could learn from each item, most severe first."))
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar=N_("KIND"),
    help=N_(
        "Only this kind, or a family: location, identity.phone, sensitive… "
        "(in English or Spanish: ubicacion, identidad.telefono, sensible…)."
    ),
)
@click.option(
    "--platform",
    "platforms",
    multiple=True,
    type=click.Choice([p.value for p in Platform]),
    help=N_("Only findings from this platform."),
)
@click.option(
    "--severity",
    "severities",
    multiple=True,
    type=click.Choice(["high", "medium", "low"]),
    help=N_("Only findings of this severity."),
)
@json_option(N_("JSON Lines, one finding per line (the README's contract)."))
@lang_option
@click.option("--limit", type=int, default=None, metavar=N_("NUMBER"), help=N_("Show at most this many."))
@workspace_option
def findings(
    kinds: tuple[str, ...],
    platforms: tuple[str, ...],
    severities: tuple[str, ...],
    as_json: bool,
    lang: str,
    limit: int | None,
    workspace: Path | None,
) -> None:
    kinds = _resolve_kinds(kinds, lang)
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
        _, ngettext = translator(lang)
        text = ngettext(
            "{count} export you scanned could not be read: what it holds is NOT in these findings "
            "(cuidado summary says why).",
            "{count} exports you scanned could not be read: what they hold is NOT in these findings "
            "(cuidado summary says why).",
            failed,
        )
        err.print(f"[bold yellow]⚠[/bold yellow] {text.format(count=failed)}", markup=True)
    if unchecked:  # nor when photos were not looked at yet
        err.print(f"[bold yellow]⚠[/bold yellow] {not_checked_text(unchecked, lang, command=True)}", markup=True)


def _resolve_kinds(typed: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Typed kinds (any language) as the contract names them; an unknown one stops with the list."""
    try:
        return tuple(resolve(kind, lang) for kind in typed)
    except UnknownKind as exc:
        _, _n = translator(lang)
        raise click.BadParameter(
            _("there is no kind “{kind}”. The kinds are:").format(kind=exc.typed) + "\n  " + "\n  ".join(exc.valid),
            param_hint="'--kind'",
        ) from None


@command(help=N_("What someone could conclude about you, each line with its confidence and evidence."))
@json_option(N_("The same as JSON."))
@lang_option
@workspace_option
def profile(as_json: bool, lang: str, workspace: Path | None) -> None:
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
        out.print(
            f"• {markup_safe(line['text'], 200)}  [dim]({words['confidence']} {line['confidence']:.0%}; "
            f"{words['evidence'].format(count=line['evidence_count'])})[/dim]",
            markup=True,
        )
    if dossier["worst_months"]:
        months = ", ".join(f"{m['month']} ({m['high']})" for m in dossier["worst_months"])
        out.print(words["worst_months"].format(months=months))


def _print_findings(items: list[dict], lang: str) -> None:
    _, ngettext = translator(lang)
    if not items:
        out.print(_("No findings."))
        return
    colours = {"high": "red", "medium": "yellow", "low": "cyan"}
    severities = severity_labels(_)
    sure = _("confidence {percent}%")
    for item in items:
        head = (
            f"[{colours[item['severity']]}]{severities[item['severity']].upper()}[/] "
            f"{markup_safe(kind_label(item['kind'], _))} [dim]({markup_safe(kind_name(item['kind'], lang))})[/]"
        )
        if item.get("subtype"):
            head += f" ({markup_safe(item['subtype'])})"
        out.print(
            head + f"  {markup_safe(item['value'], 80)}  [dim]{markup_safe(item['platform'])} · "
            f"{markup_safe(item['source'], 60)} · {(item['time'] or '')[:10]} · "
            f"{sure.format(percent=round(item['confidence'] * 100))}[/]",
            markup=True,
        )
        if item.get("excerpt"):
            out.print(f"    “{printable(item['excerpt'], 160)}”")
        out.print("    " + _("Why it matters: {text}").format(text=printable(item["why"], 2000)))
        out.print("    " + _("What to do: {text}").format(text=printable(item["advice"], 2000)))
    out.print("\n" + ngettext("{count} finding", "{count} findings", len(items)).format(count=len(items)))
