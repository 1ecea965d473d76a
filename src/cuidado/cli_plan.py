"""CLI commands for fixing things: plan, mark, timeline, scrub, check."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cuidado.models import is_media_path
from cuidado.remediation.check import check_file, check_text
from cuidado.remediation.plan import build_plan
from cuidado.remediation.progress import mark_done
from cuidado.remediation.timeline import build_timeline, to_csv
from cuidado.safety import markup_safe, printable
from cuidado.scrub import ScrubError, scrub_file, scrub_many
from cuidado.sources import SourceError, walk_files

_WORDS = {
    "en": {"score": "Exposure score", "after": "after all actions", "reduces": "reduces by", "done": "done",
           "id": "id", "where": "where", "steps": "steps", "untouched": "Your untouched exports",
           "marked": "Marked done", "verified": {"done": "really done", "still_there": "still in the export"},
           "more": "… and {count} more action(s) ({total} in all): cuidado plan --limit 0 shows them all.",
           "not_listed": "{count} more item(s) still reveal something but have no action of their own here: "
                         "cuidado findings lists them all."},
    "es": {"score": "Puntuación de exposición", "after": "tras todas las acciones", "reduces": "reduce",
           "done": "hecho", "id": "id", "where": "dónde", "steps": "pasos", "untouched": "Sus exportaciones intactas",
           "marked": "Marcado como hecho",
           "verified": {"done": "hecho de verdad", "still_there": "sigue en la exportación"},
           "more": "… y {count} acción(es) más ({total} en total): cuidado plan --limit 0 las muestra todas.",
           "not_listed": "{count} elemento(s) más todavía revelan algo pero no tienen aquí una acción propia: "
                         "cuidado findings los muestra todos."},
}


def register(main: click.Group, *, workspace_option, lang_option, open_workspace, open_existing, out) -> None:
    @main.command()
    @click.option("--json", "as_json", is_flag=True, help="The plan as JSON.")
    @click.option("--limit", type=click.IntRange(0), default=25, show_default=True,
                  help="Show at most this many actions (0: all).")
    @lang_option
    @workspace_option
    def plan(as_json: bool, limit: int, lang: str, workspace: Path | None) -> None:
        """A cleanup plan, ranked by how much each action reduces what can be learned about you."""
        store = open_existing(workspace, lang)
        try:
            data = build_plan(store, lang)
            verified = {action.action: action.verified for action in store.actions_done()}
        finally:
            store.close()
        if as_json:
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        words = _WORDS[lang]
        out.print(f"[bold]{words['score']}: {data['score_before']} → {data['score_after_all']} "
                  f"({words['after']})[/bold]\n", markup=True)
        warning = data["warning"]
        out.print(f"[bold yellow]⚠ {warning['title']}[/bold yellow]", markup=True)
        for paragraph in warning["text"]:
            out.print(f"  {paragraph}")
        if warning["untouched_exports"]:
            out.print(f"  {words['untouched']}:")
        for path in warning["untouched_exports"]:
            out.print(f"    {printable(path)}")
        out.print("")
        shown = data["actions"][:limit] if limit else data["actions"]
        for action in shown:
            tick = "☑" if action["done"] else "☐"
            status = verified.get(action["id"])
            note = f" [{words['verified'][status]}]" if status else ""
            gain = f"  (−{action['reduces']})" if action["reduces"] else ""
            out.print(f"{tick} {action['rank']}. {markup_safe(action['title'])}{gain}  [dim]{words['id']} "
                      f"{action['id']}{note}[/dim]", markup=True)
            for item in action["items"][:5]:
                link = item["permalink"] or item["where"]
                out.print(f"     · {(item['time'] or '')[:10]} {printable(item['text_start'], 50)} — {printable(link, 120)}")
            if len(action["items"]) > 5:
                out.print(f"     · … +{len(action['items']) - 5}")
            for step in action["steps"]:
                out.print(f"     → {step}")
        more = len(data["actions"]) - len(shown)
        if more:
            out.print("\n" + words["more"].format(count=more, total=len(data["actions"])))
        if data["not_listed"]:
            out.print(words["not_listed"].format(count=data["not_listed"]))

    @main.command()
    @click.argument("action_ids", nargs=-1, required=True)
    @lang_option
    @workspace_option
    def mark(action_ids: tuple[str, ...], lang: str, workspace: Path | None) -> None:
        """Mark plan actions as done (a later scan of a fresh export checks they really are)."""
        store = open_existing(workspace, lang)
        try:
            mark_done(store, list(action_ids), build_plan(store, lang))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            store.close()
        out.print(f"{_WORDS[lang]['marked']}: {', '.join(action_ids)}")

    @main.command()
    @click.option("--csv", "as_csv", is_flag=True, help="CSV instead of text.")
    @click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
    @lang_option
    @workspace_option
    def timeline(as_csv: bool, out_file: Path | None, lang: str, workspace: Path | None) -> None:
        """Dated places, addresses, trips, employers and identity details your exports show (for your lawyer)."""
        store = open_existing(workspace, lang)
        try:
            entries = build_timeline(store, lang)
        finally:
            store.close()
        if as_csv:
            # Values come from the exports: no terminal escapes or line breaks, on screen or in the file.
            content = to_csv([{k: printable(v, 100_000) if isinstance(v, str) else v for k, v in e.items()}
                              for e in entries], lang)
        else:
            content = "".join(f"{e['date'] or '????-??-??'} {e['time'] or '     '} {printable(e['zone'], 40):<28} "
                              f"{e['category']:<20} {printable(e['value'], 80)}"
                              f"{'  @ ' + printable(e['place'], 80) if e['place'] else ''}  "
                              f"[{e['platform']}: {printable(e['source'], 60)}]\n" for e in entries)
        if out_file:
            out_file.write_text(content, encoding="utf-8")
        else:
            click.echo(content, nl=False)

    @main.command()
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="Folder for the clean copies (your originals are never changed).")
    def scrub(paths: tuple[Path, ...], out_dir: Path) -> None:
        """Make copies of photos and videos with all hidden data removed (GPS, device, serials, dates…)."""
        _refuse_out_among_originals(paths, out_dir)
        refused: list = []
        files = list(_media_files(paths, refused))
        for skip in refused:
            out.print(f"[red]✗[/red] {markup_safe(skip.file + '/' + (skip.member or ''))}: {markup_safe(skip.reason)}",
                      markup=True)
        if not files:
            raise click.ClickException("no photos or videos found in what you gave")
        results, errors = scrub_many(files, out_dir)
        for result in results:
            how = "pixels unchanged" if result.pixels_unchanged else "re-encoded"
            out.print(f"✓ {printable(str(result.source))} → {printable(str(result.output))} ({result.method}, {how})")
        for error in errors:
            out.print(f"[red]✗[/red] {markup_safe(str(error))}", markup=True)
        if errors:
            raise click.ClickException(f"{len(errors)} of {len(files)} file(s) could not be cleaned")

    @main.command()
    @click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--text", "text_value", help="Check a text instead of a file.")
    @click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                  help="Where to put the cleaned copy of the file (default: the workspace's clean/ folder).")
    @click.option("--json", "as_json", is_flag=True)
    @lang_option
    @workspace_option
    def check(file: Path | None, text_value: str | None, out_dir: Path | None, as_json: bool, lang: str,
              workspace: Path | None) -> None:
        """Before you post: what this photo or text would reveal, and a cleaned copy of the photo."""
        if (file is None) == (text_value is None):
            raise click.UsageError("give a FILE or --text, not both")
        store = open_workspace(workspace, lang=lang)
        try:
            if text_value is not None:
                report = check_text(text_value, lang)
            else:
                try:
                    report = check_file(file, store, lang)
                except SourceError as exc:
                    raise click.ClickException(str(exc)) from None
                if out_dir is None and store.encrypted:
                    # An encrypted workspace keeps nothing readable: the copy goes only where asked.
                    report["clean_copy_skipped"] = _CHECK_WORDS[lang]["encrypted"]
                else:
                    try:
                        report["clean_copy"] = str(scrub_file(file, out_dir or store.directory / "clean").output)
                    except ScrubError as exc:
                        report["clean_copy_error"] = str(exc)
        finally:
            store.close()
        if as_json:
            click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            _print_check(report, lang)
        if report["problems"]:  # a check that could not run: not a clean bill of health
            raise SystemExit(1)


_CHECK_WORDS = {
    "en": {"nothing": "Nothing identifying found.", "clean": "Clean copy", "near": "Connects to your dossier",
           "nothing_but": "Nothing identifying found in what could be checked — which is not all of it (above).",
           "encrypted": "No clean copy was written: your workspace is encrypted, so cuidado keeps no readable "
                        "copy in it. Add --out FOLDER to get one there."},
    "es": {"nothing": "No se encontró nada identificable.", "clean": "Copia limpia",
           "near": "Se conecta con su perfil",
           "nothing_but": "No se encontró nada identificable en lo que se pudo revisar, que no es todo (arriba).",
           "encrypted": "No se escribió una copia limpia: su carpeta de trabajo está cifrada, así que cuidado no "
                        "guarda en ella ninguna copia legible. Agregue --out CARPETA para recibirla allí."},
}

_SCRUB_WORDS = {
    "en": "--out {out} is inside what you gave ({source}): the copies would land next to your originals. "
          "Choose a folder outside it.",
    "es": "--out {out} está dentro de lo que indicó ({source}): las copias quedarían junto a sus originales. "
          "Elija una carpeta fuera de ella.",
}


def _refuse_out_among_originals(paths, out_dir: Path) -> None:
    """Clean copies never go into a folder given as input, nor next to a file given as input."""
    from cuidado.locales import preferred

    out = out_dir.expanduser().resolve()
    for path in paths:
        source = path.resolve()
        folder = source if source.is_dir() else source.parent
        if out == folder or (source.is_dir() and out.is_relative_to(folder)):
            raise click.ClickException(_SCRUB_WORDS[preferred()].format(out=printable(str(out_dir)),
                                                                        source=printable(str(path))))


def _print_check(report: dict, lang: str) -> None:
    from rich.console import Console

    # Texts hold names from the exports (no markup); paths and sentences stay whole when copied.
    console = Console(highlight=False, markup=False, emoji=False, soft_wrap=True)
    words = _CHECK_WORDS[lang]
    for problem in report["problems"]:
        console.print(f"✗ {problem}", markup=False)
    if not report["findings"] and not report["near"]:
        console.print(words["nothing_but"] if report["problems"] else words["nothing"])
    for finding in report["findings"]:
        console.print(f"• [{finding['severity']}] {finding['kind']}: {printable(finding['value'], 80)}", markup=False)
        console.print(f"    {finding['why']}")
        console.print(f"    → {finding['advice']}")
    for match in report["near"]:
        console.print(f"⚠ {words['near']}: {match['text']} ({printable(match['place'] or '', 60)})")
    if report.get("clean_copy"):
        console.print(f"{words['clean']}: {printable(report['clean_copy'])}")
    if report.get("clean_copy_error"):
        console.print(printable(report["clean_copy_error"]))
    if report.get("clean_copy_skipped"):
        console.print(report["clean_copy_skipped"])


def _media_files(paths, refused: list):
    for path in paths:
        if path.is_dir():
            found = walk_files(path, refused, str(path))  # iterative: any depth, links not followed
            yield from sorted(full for _, full, _ in found if is_media_path(full.name))
        elif path.is_file():
            yield path
