"""The `cuidado` command: parse options, call the library, turn its errors into one-line messages."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from cuidado import __version__
from cuidado.cli_plan import register as register_plan_commands
from cuidado.cli_report import register as register_report_commands
from cuidado.dossier import build_dossier, dossier_words
from cuidado.findings.render import finding_dict
from cuidado.models import Platform
from cuidado.pipeline import InputResult, scan as run_scan
from cuidado.locales import preferred
from cuidado.safety import markup_safe, printable
from cuidado.store import DB_NAME, WorkspaceError, default_workspace, is_encrypted, open_store
from cuidado.store.folder import FOREIGN, not_a_workspace, recognised, state
from cuidado.summary import build_summary
from cuidado.workspace import purge_workspace

# Piped output (files, CI logs) gets a width that fits the summary table instead of 80 columns.
# No markup or emoji codes unless a call asks for markup: names from exports are printed as they are.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 120, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

PASSPHRASE_ENV = "CUIDADO_PASSPHRASE"

lang_option = click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
                           help="Language of explanations and advice (English, Español).")

workspace_option = click.option(
    "--workspace", "workspace", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Workspace folder (default: $CUIDADO_WORKSPACE or your user data folder). "
         "It holds a summary of everything found: keep it private.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cuidado")
def main() -> None:
    """See what your own social-media exports reveal about you. Offline: nothing is sent anywhere."""
    private_files()


def private_files() -> None:
    """Everything this process creates (workspace, reports, timelines, clean copies, SQLite's -wal
    and -shm) is readable by this user only; set before any file is created."""
    os.umask(0o077)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--platform", type=click.Choice([p.value for p in Platform]),
              help="Read every input as this platform's export instead of recognising it.")
@workspace_option
@click.option("--encrypt", is_flag=True,
              help=f"Encrypt a new workspace with a passphrase (asked for, or ${PASSPHRASE_ENV}).")
@click.option("--jobs", type=click.IntRange(1, 16), default=None,
              help="Worker processes for big exports (default: one per core, up to 4).")
@click.option("--no-ocr", is_flag=True, help="Skip reading text (documents) in photos: faster.")
@click.option("--no-faces", is_flag=True, help="Skip looking for faces in photos: faster.")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def scan(paths: tuple[Path, ...], platform: str | None, workspace: Path | None, encrypt: bool,
         jobs: int | None, no_ocr: bool, no_faces: bool, quiet: bool) -> None:
    """Read exports (zip files, folders, WhatsApp .txt) into the workspace.

    Example: cuidado scan ~/Downloads/facebook-maria.zip "WhatsApp Chat with Tia Rosa.zip"
    """
    store = _open(workspace, encrypt=encrypt)
    if no_ocr:
        os.environ["CUIDADO_OCR"] = "0"  # read by the photo checks, in worker processes too
    if no_faces:
        os.environ["CUIDADO_FACES"] = "0"
    try:
        with _RichProgress(disable=quiet) as progress:
            results = run_scan(list(paths), store, platform=platform, progress=progress, jobs=jobs)
        _print_scan_results(results)
        _ocr_notice(store)
        _print_summary(build_summary(store))
    finally:
        store.close()
    if results and all(r.error for r in results):
        sys.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (documented in the README).")
@workspace_option
def summary(as_json: bool, workspace: Path | None) -> None:
    """What the workspace holds, per platform, and every file that was skipped."""
    store = _open(workspace)
    try:
        data = build_summary(store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_summary(data)


@main.command()
@click.option("--kind", "kinds", multiple=True, help="Only this kind, or a family: location, identity.phone, sensitive…")
@click.option("--platform", "platforms", multiple=True, type=click.Choice([p.value for p in Platform]))
@click.option("--severity", "severities", multiple=True, type=click.Choice(["high", "medium", "low"]))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one finding per line (the README's contract).")
@lang_option
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@workspace_option
def findings(kinds, platforms, severities, as_json: bool, lang: str, limit: int | None,
             workspace: Path | None) -> None:
    """What an analyst could learn from each item, most severe first."""
    store = _open(workspace, lang=lang)
    try:
        rows = store.findings(kinds=kinds, platforms=platforms, severities=severities)
    finally:
        store.close()
    rows = rows[:limit] if limit else rows
    if as_json:
        for row in rows:
            click.echo(json.dumps(finding_dict(row, lang), ensure_ascii=False))
        return
    _print_findings([finding_dict(row, lang) for row in rows], lang)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="The same as JSON.")
@lang_option
@workspace_option
def profile(as_json: bool, lang: str, workspace: Path | None) -> None:
    """What someone could conclude about you, each line with its confidence and evidence."""
    store = _open(workspace, lang=lang)
    try:
        dossier = build_dossier(store, lang)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(dossier, indent=2, ensure_ascii=False))
        return
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


@main.command()
@workspace_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge(workspace: Path | None, yes: bool) -> None:
    """Delete the workspace and everything cuidado wrote in it. Your original exports are not touched."""
    directory = workspace or default_workspace()
    words = _PURGE_WORDS[preferred()]
    if recognised(directory) is None:
        # Encrypted, from before workspaces were marked: its passphrase proves it is cuidado's.
        _open(directory).close()
    if directory.exists() and not recognised(directory):
        raise click.ClickException(not_a_workspace(directory).text(preferred()))
    if not yes and not click.confirm(f"Delete the cuidado workspace at {directory}?", default=False):
        raise click.Abort()
    result = purge_workspace(directory)
    out.print(words["removed"].format(count=result.removed, where=printable(str(directory))))
    for path in result.left:
        out.print(words["left"].format(path=printable(str(path))))
    if result.failed:
        for problem in result.failed[:20]:
            err.print(words["failed"].format(problem=printable(problem, 200)))
        raise click.ClickException(words["incomplete"].format(count=len(result.failed)))


_PURGE_WORDS = {
    "en": {"removed": "Removed {count} file(s) from {where}.",
           "left": "Left in place (not written by cuidado): {path}",
           "failed": "Could not delete: {problem}",
           "incomplete": "the workspace was not completely deleted: {count} item(s) are still there (see above)."},
    "es": {"removed": "Se borraron {count} archivo(s) de {where}.",
           "left": "Se dejó en su lugar (no lo escribió cuidado): {path}",
           "failed": "No se pudo borrar: {problem}",
           "incomplete": "la carpeta de trabajo no se borró por completo: quedan {count} elemento(s) (vea arriba)."},
}


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
           "sure": "confidence", "count": "finding(s)", "none": "No findings."},
    "es": {"high": "ALTO", "medium": "MEDIO", "low": "BAJO", "why": "Por qué importa", "todo": "Qué hacer",
           "sure": "certeza", "count": "hallazgo(s)", "none": "No hay hallazgos."},
}


def _open(workspace: Path | None, *, encrypt: bool = False, lang: str | None = None):
    """Open the workspace, asking for its passphrase when it is (or is to be) encrypted."""
    directory = workspace or default_workspace()
    lang = preferred(lang)
    if state(directory) == FOREIGN:  # before asking for any passphrase
        raise click.ClickException(not_a_workspace(directory).text(lang))
    database = directory / DB_NAME
    passphrase = os.environ.get(PASSPHRASE_ENV) or None
    exists = database.exists()
    if exists and not is_encrypted(database) and (encrypt or passphrase):
        raise click.ClickException(f"{directory}: this workspace is not encrypted. Run `cuidado purge` "
                                   "first, or choose another --workspace, to start an encrypted one.")
    if passphrase is None and exists and is_encrypted(database):
        passphrase = click.prompt("Workspace passphrase", hide_input=True, err=True)
    elif passphrase is None and encrypt:
        passphrase = click.prompt("New workspace passphrase", hide_input=True, confirmation_prompt=True, err=True)
    try:
        return open_store(directory, passphrase)
    except WorkspaceError as exc:
        raise click.ClickException(exc.text(lang)) from None


class _RichProgress:
    """A progress bar per archive, on stderr so JSON on stdout stays clean."""

    def __init__(self, disable: bool):
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                            TimeRemainingColumn(), console=err, disable=disable, transient=False)
        self.task = None

    def __enter__(self):
        self.bar.start()
        return self

    def __exit__(self, *exc):
        self.bar.stop()

    def start(self, label: str, platform: str, total_bytes: int) -> None:
        name = markup_safe(Path(label).name, 32)  # the progress column reads markup
        self.task = self.bar.add_task(f"{platform:9} {name}", total=max(total_bytes, 1))

    def advance(self, nbytes: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, nbytes)

    def finish(self, result: InputResult) -> None:
        if self.task is not None:
            self.bar.update(self.task, completed=self.bar.tasks[-1].total)
        self.task = None


def _ocr_notice(store) -> None:
    """Said once: without Tesseract, photos of documents are not read (the scan still completes)."""
    from cuidado.media.ocr import tesseract_available

    if os.environ.get("CUIDADO_OCR", "1") == "0" or tesseract_available():
        return
    if store.conn.execute("SELECT 1 FROM records WHERE kind = 'media' LIMIT 1").fetchone():
        err.print("Note: photos were not checked for documents (IDs, passports, letters) because the "
                  "Tesseract OCR program is not installed. To enable it: "
                  "sudo apt-get install tesseract-ocr tesseract-ocr-spa, then scan again.")


def _print_scan_results(results: list[InputResult]) -> None:
    for result in results:
        if result.error:
            err.print(f"[red]✗[/red] {markup_safe(result.error, 1000)}", markup=True)
            continue
        note = f", {result.already} unchanged since the last scan" if result.already else ""
        out.print(f"✓ {printable(result.label)}: {result.platform} export, {result.read} file(s) read, "
                  f"{result.records} item(s) added{note}")


def _print_summary(data: dict) -> None:
    table = Table(title="What cuidado read", show_lines=False)
    for column in ("platform", "posts", "comments", "messages", "media", "profile", "connections",
                   "other", "from", "to"):
        table.add_column(column, justify="left" if column in ("platform", "from", "to") else "right")
    for platform, entry in data["platforms"].items():
        if platform == "files":
            continue
        other = sum(entry["other"].values())
        table.add_row(platform, *(str(entry[k]) for k in ("posts", "comments", "messages", "media",
                                                          "profile_fields", "connections")),
                      str(other), (entry["first"] or "")[:10], (entry["last"] or "")[:10])
    table.add_row("photo folders", "", "", "", str(data["platforms"]["files"]["media"]), "", "", "", "", "")
    out.print(table)
    skipped = data["skipped"]
    if skipped:
        out.print(f"\n{len(skipped)} file(s) skipped:")
        for item in skipped[:200]:
            out.print(f"  - {printable(item['file'])}: {printable(item['reason'])}")
        if len(skipped) > 200:
            out.print(f"  … and {len(skipped) - 200} more (cuidado summary --json lists them all)")


register_plan_commands(main, workspace_option=workspace_option, lang_option=lang_option,
                       open_workspace=_open, out=out)
register_report_commands(main)

if __name__ == "__main__":
    main()
