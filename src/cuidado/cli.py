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
@lang_option
def scan(paths: tuple[Path, ...], platform: str | None, workspace: Path | None, encrypt: bool,
         jobs: int | None, no_ocr: bool, no_faces: bool, quiet: bool, lang: str) -> None:
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
        _print_scan_results(results, lang)
        _ocr_notice(results, lang)
        _print_summary(build_summary(store), lang)
    finally:
        store.close()
    failed = [r for r in results if r.error]
    if failed:  # an input nothing (or too little) could be read from: the scan failed at its job there
        err.print(_WORDS[lang]["failed"].format(count=len(failed)))
        sys.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (documented in the README).")
@lang_option
@workspace_option
def summary(as_json: bool, lang: str, workspace: Path | None) -> None:
    """What the workspace holds, per platform, and every file that was not read, and why."""
    store = _open_existing(workspace, lang)
    try:
        data = build_summary(store)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_summary(data, lang)


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
    store = _open_existing(workspace, lang)
    try:
        rows = store.findings(kinds=kinds, platforms=platforms, severities=severities)
        failed = store.unread_input_count()
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


@main.command()
@click.option("--json", "as_json", is_flag=True, help="The same as JSON.")
@lang_option
@workspace_option
def profile(as_json: bool, lang: str, workspace: Path | None) -> None:
    """What someone could conclude about you, each line with its confidence and evidence."""
    store = _open_existing(workspace, lang)
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
           "sure": "confidence", "count": "finding(s)", "none": "No findings.",
           "scanned": "{label}: {platform} export, {read} file(s) read, {records} item(s) added",
           "unchanged": ", {count} unchanged since the last scan",
           "failed": "{count} input(s) could not be read (✗ above): what they hold was NOT checked.",
           "inputs_unread": "{count} export(s) you scanned could not be read: what they hold is NOT in these "
                            "findings (cuidado summary says why).",
           "ocr_missing": "{count} photo(s) may show a document (ID, passport, letter) but were NOT checked: "
                          "the Tesseract OCR program is not installed. Install it (sudo apt-get install "
                          "tesseract-ocr tesseract-ocr-spa) and scan again: those photos will be read then.",
           "not_scanned": "Nothing has been scanned yet (no exports read in the workspace {workspace}). "
                          "Start with: cuidado scan YOUR-EXPORT.zip (add the same --workspace if you use one)."},
    "es": {"high": "ALTO", "medium": "MEDIO", "low": "BAJO", "why": "Por qué importa", "todo": "Qué hacer",
           "sure": "certeza", "count": "hallazgo(s)", "none": "No hay hallazgos.",
           "scanned": "{label}: exportación de {platform}, {read} archivo(s) leído(s), {records} elemento(s) "
                      "añadido(s)",
           "unchanged": ", {count} sin cambios desde el último análisis",
           "failed": "{count} entrada(s) no se pudieron leer (✗ arriba): lo que contienen NO se revisó.",
           "inputs_unread": "{count} exportación(es) que analizó no se pudieron leer: lo que contienen NO está en "
                            "estos hallazgos (cuidado summary dice por qué).",
           "ocr_missing": "{count} foto(s) pueden mostrar un documento (identificación, pasaporte, carta) pero NO "
                          "se revisaron: el programa de OCR Tesseract no está instalado. Instálelo (sudo apt-get "
                          "install tesseract-ocr tesseract-ocr-spa) y vuelva a analizar: esas fotos se leerán "
                          "entonces.",
           "not_scanned": "Todavía no se ha analizado nada (no hay exportaciones leídas en el espacio de trabajo "
                          "{workspace}). Empiece con: cuidado scan SU-EXPORTACION.zip (añada el mismo --workspace "
                          "si usa uno)."},
}


class NothingScanned(click.ClickException):
    """A command that reads the workspace was run before anything was scanned into it."""

    exit_code = 3

    def __init__(self, directory: Path, lang: str = "en"):
        super().__init__(_WORDS.get(lang, _WORDS["en"])["not_scanned"].format(workspace=directory))


def _open(workspace: Path | None, *, encrypt: bool = False, create: bool = True, lang: str | None = None):
    """Open the workspace, asking for its passphrase when it is (or is to be) encrypted.

    Commands that only read (`create=False`) create nothing: with no workspace there yet they
    say that nothing has been scanned and how to start, and exit with code 3."""
    directory = workspace or default_workspace()
    lang = preferred(lang)
    if state(directory) == FOREIGN:  # before asking for any passphrase
        raise click.ClickException(not_a_workspace(directory).text(lang))
    database = directory / DB_NAME
    if not create and not database.is_file():
        raise NothingScanned(directory, lang)
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
        store = open_store(directory, passphrase)
    except WorkspaceError as exc:
        raise click.ClickException(exc.text(lang)) from None
    if not create and not _anything_scanned(store):
        store.close()
        raise NothingScanned(directory, lang)
    return store


def _anything_scanned(store) -> bool:
    """A scan was run here: it read an export, or said why it could not (then `summary` lists why)."""
    return store.anything_scanned()


def _open_existing(workspace: Path | None, lang: str | None = None):
    return _open(workspace, create=False, lang=lang)


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

    def start(self, result: InputResult, total_bytes: int) -> None:
        name = markup_safe(Path(result.label).name, 32)  # the progress column reads markup
        self.task = self.bar.add_task(f"{result.platform:9} {name}", total=max(total_bytes, 1))

    def advance(self, nbytes: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, nbytes)

    def finish(self, result: InputResult) -> None:
        if self.task is not None:
            self.bar.update(self.task, completed=self.bar.tasks[-1].total)
        self.task = None


def _ocr_notice(results: list[InputResult], lang: str) -> None:
    """Said plainly: photos that may show a document were not read without Tesseract, and are not
    counted as checked (a scan once it is installed reads them)."""
    unchecked = sum(r.unchecked for r in results)
    if unchecked:
        err.print(f"[bold yellow]⚠[/bold yellow] {_WORDS[lang]['ocr_missing'].format(count=unchecked)}", markup=True)


def _print_scan_results(results: list[InputResult], lang: str = "en") -> None:
    from cuidado.input_problems import input_error

    words = _WORDS[lang]
    for result in results:
        if result.error:
            message = input_error(result.label, result.error, result.problem, lang)
            err.print(f"[red]✗[/red] {markup_safe(message, 2000)}", markup=True)
            continue
        note = words["unchanged"].format(count=result.already) if result.already else ""
        out.print("✓ " + words["scanned"].format(label=printable(result.label), platform=result.platform,
                                                  read=result.read, records=result.records) + note)


def _print_summary(data: dict, lang: str = "en") -> None:
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


def _about(key: str | None, lang: str) -> str:
    from cuidado.importers.known import ABOUT

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


register_plan_commands(main, workspace_option=workspace_option, lang_option=lang_option,
                       open_workspace=_open, open_existing=_open_existing, out=out)
register_report_commands(main)

if __name__ == "__main__":
    main()
