"""`cuidado plan`, `mark` and `timeline`: the cleanup plan, marking it done, and the dated record."""

from __future__ import annotations

from pathlib import Path

import click

from cuidado.cli.i18n import N_, command, translator
from cuidado.cli.options import json_option, lang_option, workspace_option
from cuidado.cli.output import echo_json, out
from cuidado.cli.workspace import open_existing
from cuidado.remediation.plan import build_plan
from cuidado.remediation.progress import mark_done
from cuidado.remediation.timeline import build_timeline, to_csv
from cuidado.safety import markup_safe, printable


@command(help=N_("A cleanup plan, ranked by how much each action reduces what can be learned about you."))
@json_option(N_("The plan as JSON."))
@click.option(
    "--limit",
    type=click.IntRange(0),
    default=25,
    show_default=True,
    metavar=N_("NUMBER"),
    help=N_("Show at most this many actions (0: all)."),
)
@lang_option
@workspace_option
def plan(as_json: bool, limit: int, lang: str, workspace: Path | None) -> None:
    store = open_existing(workspace, lang)
    try:
        data = build_plan(store, lang)
        verified = {action.action: action.verified for action in store.actions_done()}
    finally:
        store.close()
    if as_json:
        echo_json(data)
        return
    _, ngettext = translator(lang)
    verdicts = {"done": _("really done"), "still_there": _("still in the export")}
    score = _("Exposure score: {before} → {after} (after all actions)").format(
        before=data["score_before"], after=data["score_after_all"]
    )
    out.print(f"[bold]{score}[/bold]\n", markup=True)
    warning = data["warning"]
    out.print(f"[bold yellow]⚠ {warning['title']}[/bold yellow]", markup=True)
    for paragraph in warning["text"]:
        out.print(f"  {paragraph}")
    if warning["untouched_exports"]:
        out.print("  " + _("Your untouched exports:"))
    for path in warning["untouched_exports"]:
        out.print(f"    {printable(path)}")
    out.print("")
    shown = data["actions"][:limit] if limit else data["actions"]
    for action in shown:
        tick = "☑" if action["done"] else "☐"
        status = verified.get(action["id"])
        note = f" [{verdicts[status]}]" if status else ""
        gain = f"  (−{action['reduces']})" if action["reduces"] else ""
        out.print(
            f"{tick} {action['rank']}. {markup_safe(action['title'])}{gain}  [dim]id {action['id']}{note}[/dim]",
            markup=True,
        )
        for item in action["items"][:5]:
            link = item["permalink"] or item["where"]
            out.print(
                f"     · {(item['time'] or '')[:10]} {printable(item['text_start'], 50)} — {printable(link, 120)}"
            )
        if len(action["items"]) > 5:
            out.print(f"     · … +{len(action['items']) - 5}")
        for step in action["steps"]:
            out.print(f"     → {step}")
    more = len(data["actions"]) - len(shown)
    if more:
        out.print(
            "\n"
            + ngettext(
                "… and {count} more action ({total} in all): cuidado plan --limit 0 shows them all.",
                "… and {count} more actions ({total} in all): cuidado plan --limit 0 shows them all.",
                more,
            ).format(count=more, total=len(data["actions"]))
        )
    if data["not_listed"]:
        out.print(
            ngettext(
                "{count} more item still reveals something but has no action of its own here: "
                "cuidado findings lists them all.",
                "{count} more items still reveal something but have no action of their own here: "
                "cuidado findings lists them all.",
                data["not_listed"],
            ).format(count=data["not_listed"])
        )


@command(help=N_("Mark plan actions as done (a later scan of a fresh export checks they really are)."))
@click.argument("action_ids", nargs=-1, required=True, metavar=N_("ACTION_IDS..."))
@lang_option
@workspace_option
def mark(action_ids: tuple[str, ...], lang: str, workspace: Path | None) -> None:
    _, ngettext = translator(lang)
    store = open_existing(workspace, lang)
    try:
        plan = build_plan(store, lang)
        known = {action["id"] for action in plan["actions"]}
        unknown = [action for action in action_ids if action not in known]
        if unknown:  # nothing is marked when one id is wrong (a typo must not pass unnoticed)
            raise click.ClickException(
                ngettext(
                    "no such action in the plan: {ids}. Nothing was marked; cuidado plan --limit 0 lists every action.",
                    "no such actions in the plan: {ids}. Nothing was marked; cuidado plan --limit 0 lists every action.",
                    len(unknown),
                ).format(ids=", ".join(unknown))
            )
        mark_done(store, list(action_ids), plan)
    finally:
        store.close()
    out.print(_("Marked done: {ids}").format(ids=", ".join(action_ids)))


@command(help=N_("Dated places, addresses, trips, employers and identity details your exports show (for your lawyer)."))
@click.option("--csv", "as_csv", is_flag=True, help=N_("CSV instead of text."))
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar=N_("FILE"),
    help=N_("Write to this file."),
)
@lang_option
@workspace_option
def timeline(as_csv: bool, out_file: Path | None, lang: str, workspace: Path | None) -> None:
    store = open_existing(workspace, lang)
    try:
        entries = build_timeline(store, lang)
    finally:
        store.close()
    if as_csv:
        # Values come from the exports: no terminal escapes or line breaks, on screen or in the file.
        content = to_csv(
            [{k: printable(v, 100_000) if isinstance(v, str) else v for k, v in e.items()} for e in entries], lang
        )
    else:
        content = "".join(
            f"{e['date'] or '????-??-??'} {e['time'] or '     '} {printable(e['zone'], 40):<28} "
            f"{e['category']:<20} {printable(e['value'], 80)}"
            f"{'  @ ' + printable(e['place'], 80) if e['place'] else ''}  "
            f"[{e['platform']}: {printable(e['source'], 60)}]\n"
            for e in entries
        )
    if out_file:
        out_file.write_text(content, encoding="utf-8")
    else:
        click.echo(content, nl=False)
