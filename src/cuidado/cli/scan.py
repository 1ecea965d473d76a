"""`cuidado scan`: read exports into the workspace, with a progress bar and what was read."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click
from click.core import ParameterSource
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn, TimeRemainingColumn

from cuidado.cli.i18n import N_, command, translator
from cuidado.cli.options import lang_option, workspace_option
from cuidado.cli.output import err, out
from cuidado.cli.summary import platform_name, print_first_results, print_summary
from cuidado.cli.workspace import open_workspace
from cuidado.importers.media_record import PhotoChecks
from cuidado.inputs.problems import input_error
from cuidado.models import Platform
from cuidado.report.photo_checks import scan_words
from cuidado.report.summary import build_summary
from cuidado.safety import markup_safe, printable
from cuidado.scan.pipeline import InputResult
from cuidado.scan.pipeline import Progress as ScanProgress
from cuidado.scan.pipeline import scan as run_scan


@command(
    help=N_(
        "Read exports (zip files, folders, WhatsApp .txt) into the workspace.\n\n"
        'Example: cuidado scan ~/Downloads/facebook-maria.zip "WhatsApp Chat with Tia Rosa.zip"'
    )
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar=N_("EXPORTS..."))
@click.option(
    "--platform",
    type=click.Choice([p.value for p in Platform]),
    help=N_("Read every input as this platform's export instead of recognising it."),
)
@workspace_option
@click.option(
    "--encrypt", is_flag=True, help=N_("Encrypt a new workspace with a passphrase (asked for, or $CUIDADO_PASSPHRASE).")
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 16),
    default=None,
    metavar=N_("NUMBER"),
    help=N_("Worker processes for big exports (default: one per core, up to 4)."),
)
@click.option("--no-ocr", is_flag=True, help=N_("Skip reading text (documents) in photos: faster."))
@click.option("--no-faces", is_flag=True, help=N_("Skip looking for faces in photos: faster."))
@click.option("--quiet", is_flag=True, help=N_("No progress bars."))
@lang_option
def scan(
    paths: tuple[Path, ...],
    platform: str | None,
    workspace: Path | None,
    encrypt: bool,
    jobs: int | None,
    no_ocr: bool,
    no_faces: bool,
    quiet: bool,
    lang: str,
) -> None:
    store = open_workspace(workspace, encrypt=encrypt, lang=lang)
    checks = PhotoChecks(faces=not no_faces, ocr=not no_ocr)
    try:
        with _RichProgress(disable=quiet, store=store, lang=lang) as progress:
            try:
                results = run_scan(list(paths), store, platform=platform, progress=progress, jobs=jobs, checks=checks)
            except KeyboardInterrupt:
                if progress.photos_total is None:  # still reading the exports: as before
                    raise
                results = None
        if results is None:  # stopped while checking photos: what was done is kept, and said
            err.print(scan_words(lang)["stopped"].format(done=progress.photos_done, total=progress.photos_total))
            print_summary(build_summary(store), lang)
            sys.exit(130)
        if not progress.first_printed:
            _print_scan_results(results, lang)
        checked = sum(r.photos_checked for r in results)
        if checked:
            out.print("✓ " + scan_words(lang)["checked"].format(count=checked))
        _ocr_notice(results, lang)
        print_summary(build_summary(store), lang)
    finally:
        store.close()
    failed = [r for r in results if r.error]
    _, ngettext = translator(lang)
    if failed:  # an input nothing (or too little) could be read from: the scan failed at its job there
        err.print(
            ngettext(
                "{count} input could not be read (✗ above): what it holds was NOT checked.",
                "{count} inputs could not be read (✗ above): what they hold was NOT checked.",
                len(failed),
            ).format(count=len(failed))
        )
    if any(not r.error for r in results):
        print_next_steps(lang)
    if failed:
        sys.exit(1)


class _RichProgress(ScanProgress):
    """A progress bar per archive, on stderr so JSON on stdout stays clean."""

    def __init__(self, disable: bool, lang: str, store=None):
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeRemainingColumn(),
            console=err,
            disable=disable,
            transient=False,
        )
        self.task: TaskID | None = None
        self.store, self.lang = store, lang
        self.first_printed, self.photos_done = False, 0
        self.photos_total: int | None = None  # set once the photos' checks begin

    def __enter__(self) -> _RichProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def start(self, result: InputResult, total_bytes: int) -> None:
        name = markup_safe(Path(result.label).name, 32)  # the progress column reads markup
        assert result.platform is not None  # scan_input() starts an input once its platform is chosen
        platform = platform_name(result.platform, self.lang)
        self.task = self.bar.add_task(f"{platform:11} {name}", total=max(total_bytes, 1))

    def advance(self, nbytes: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, nbytes)

    def finish(self, result: InputResult) -> None:
        if self.task is not None:
            self.bar.update(self.task, completed=self.bar.tasks[-1].total)
        self.task = None

    def first_results(self, results: list[InputResult]) -> None:
        """Before the photos are checked: what was read, the findings so far and the profile."""
        _print_scan_results(results, self.lang)
        self.first_printed = True
        if self.store is not None:
            print_first_results(self.store, self.lang)

    def photos(self, done: int, total: int) -> None:
        words = scan_words(self.lang)
        if self.photos_total is None:
            out.print(words["next"].format(total=total))
            self.task = self.bar.add_task(words["bar"], total=total)
        self.photos_done, self.photos_total = done, total
        if self.task is not None:  # the photos' bar, added on the first call
            self.bar.update(self.task, completed=done, description=f"{words['bar']} {done}/{total}")


def _ocr_notice(results: list[InputResult], lang: str) -> None:
    """Said plainly: photos that may show a document were not read without Tesseract, and are not
    counted as checked (a scan once it is installed reads them)."""
    unchecked = sum(r.unchecked for r in results)
    if unchecked:
        _, ngettext = translator(lang)
        text = ngettext(
            "{count} photo may show a document (ID, passport, letter) but was NOT checked: the "
            "Tesseract OCR program is not installed. Install it (sudo apt-get install tesseract-ocr "
            "tesseract-ocr-spa) and scan again: that photo will be read then.",
            "{count} photos may show a document (ID, passport, letter) but were NOT checked: the "
            "Tesseract OCR program is not installed. Install it (sudo apt-get install tesseract-ocr "
            "tesseract-ocr-spa) and scan again: those photos will be read then.",
            unchecked,
        )
        err.print(f"[bold yellow]⚠[/bold yellow] {text.format(count=unchecked)}", markup=True)


def _print_scan_results(results: list[InputResult], lang: str = "en") -> None:
    _, ngettext = translator(lang)
    for result in results:
        if result.error:
            message = input_error(result.label, result.error, result.problem, lang)
            err.print(f"[red]✗[/red] {markup_safe(message, 2000)}", markup=True)
            continue
        read = ngettext("{count} file read", "{count} files read", result.read).format(count=result.read)
        added = ngettext("{count} item added", "{count} items added", result.records).format(count=result.records)
        if result.platform == "files":
            line = _("{label}: photo folder, {read}, {added}").format(
                label=printable(result.label), read=read, added=added
            )
        else:
            assert result.platform is not None  # scan_input(): an input without an error has its platform
            line = _("{label}: {platform} export, {read}, {added}").format(
                label=printable(result.label), platform=platform_name(result.platform, lang), read=read, added=added
            )
        if result.already:
            line += ngettext(
                ", {count} unchanged since the last scan", ", {count} unchanged since the last scan", result.already
            ).format(count=result.already)
        out.print("✓ " + line)


def print_next_steps(lang: str) -> None:
    """What to do after a scan: the commands to run next, each with what it gives."""
    _, _n = translator(lang)
    context = click.get_current_context(silent=True)
    tail = ""
    if context is not None:
        workspace = context.params.get("workspace")
        if workspace:
            tail += f" --workspace {shlex.quote(str(workspace))}"
        if context.get_parameter_source("lang") == ParameterSource.COMMANDLINE:
            tail += f" --lang {lang}"
    steps = [
        ("findings", _("what an analyst could learn, most severe first")),
        ("profile", _("what someone could conclude about you")),
        ("plan", _("the cleanup plan, the most helpful actions first")),
        ("report", _("one file to keep, print or show your lawyer")),
        ("purge", _("delete the workspace when you are done")),
    ]
    out.print("\n" + _("What to do next:"))
    for args, what in steps:
        out.print(f"  cuidado {args}{tail}\n      {what}")
