"""`cuidado scan`: read exports into the workspace, with a progress bar and what was read."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from cuidado.cli.options import lang_option, workspace_option
from cuidado.cli.output import err, out
from cuidado.cli.summary import print_first_results, print_summary
from cuidado.cli.workspace import PASSPHRASE_ENV, open_workspace
from cuidado.importers.media_record import PhotoChecks
from cuidado.inputs.problems import input_error
from cuidado.models import Platform
from cuidado.report.photo_checks import scan_words
from cuidado.report.summary import build_summary
from cuidado.safety import markup_safe, printable
from cuidado.scan.pipeline import InputResult, scan as run_scan


@click.command()
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
    store = open_workspace(workspace, encrypt=encrypt)
    checks = PhotoChecks(faces=not no_faces, ocr=not no_ocr)
    try:
        with _RichProgress(disable=quiet, store=store, lang=lang) as progress:
            try:
                results = run_scan(list(paths), store, platform=platform, progress=progress, jobs=jobs,
                                   checks=checks)
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
    if failed:  # an input nothing (or too little) could be read from: the scan failed at its job there
        err.print(_WORDS[lang]["failed"].format(count=len(failed)))
        sys.exit(1)


class _RichProgress:
    """A progress bar per archive, on stderr so JSON on stdout stays clean."""

    def __init__(self, disable: bool, store=None, lang: str = "en"):
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                            TimeRemainingColumn(), console=err, disable=disable, transient=False)
        self.task = None
        self.store, self.lang = store, lang
        self.first_printed, self.photos_done, self.photos_total = False, 0, None

    def __enter__(self) -> _RichProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
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
        self.bar.update(self.task, completed=done, description=f"{words['bar']} {done}/{total}")


def _ocr_notice(results: list[InputResult], lang: str) -> None:
    """Said plainly: photos that may show a document were not read without Tesseract, and are not
    counted as checked (a scan once it is installed reads them)."""
    unchecked = sum(r.unchecked for r in results)
    if unchecked:
        err.print(f"[bold yellow]⚠[/bold yellow] {_WORDS[lang]['ocr_missing'].format(count=unchecked)}", markup=True)


def _print_scan_results(results: list[InputResult], lang: str = "en") -> None:
    words = _WORDS[lang]
    for result in results:
        if result.error:
            message = input_error(result.label, result.error, result.problem, lang)
            err.print(f"[red]✗[/red] {markup_safe(message, 2000)}", markup=True)
            continue
        note = words["unchanged"].format(count=result.already) if result.already else ""
        out.print("✓ " + words["scanned"].format(label=printable(result.label), platform=result.platform,
                                                  read=result.read, records=result.records) + note)


_WORDS = {
    "en": {"scanned": "{label}: {platform} export, {read} file(s) read, {records} item(s) added",
           "unchanged": ", {count} unchanged since the last scan",
           "failed": "{count} input(s) could not be read (✗ above): what they hold was NOT checked.",
           "ocr_missing": "{count} photo(s) may show a document (ID, passport, letter) but were NOT checked: "
                          "the Tesseract OCR program is not installed. Install it (sudo apt-get install "
                          "tesseract-ocr tesseract-ocr-spa) and scan again: those photos will be read then."},
    "es": {"scanned": "{label}: exportación de {platform}, {read} archivo(s) leído(s), {records} elemento(s) "
                      "añadido(s)",
           "unchanged": ", {count} sin cambios desde el último análisis",
           "failed": "{count} entrada(s) no se pudieron leer (✗ arriba): lo que contienen NO se revisó.",
           "ocr_missing": "{count} foto(s) pueden mostrar un documento (identificación, pasaporte, carta) pero NO "
                          "se revisaron: el programa de OCR Tesseract no está instalado. Instálelo (sudo apt-get "
                          "install tesseract-ocr tesseract-ocr-spa) y vuelva a analizar: esas fotos se leerán "
                          "entonces."},
}
