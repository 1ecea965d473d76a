"""`cuidado check` and `cuidado scrub`: before you post, what a photo or text reveals; clean copies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from cuidado.cli.i18n import N_, command, translator
from cuidado.cli.options import json_option, lang_option, workspace_option
from cuidado.cli.output import echo_json, out
from cuidado.cli.workspace import open_workspace
from cuidado.findings.labels import kind_label, severity_labels
from cuidado.inputs.sources import SourceError, walk_files
from cuidado.models import Skipped, is_media_path
from cuidado.remediation.check import check_file, check_text
from cuidado.safety import markup_safe, printable
from cuidado.scrub import ScrubError, scrub_file, scrub_many


@command(help=N_("Make copies of photos and videos with all hidden data removed (GPS, device, serials, dates…)."))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path), metavar=N_("PHOTOS..."))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar=N_("FOLDER"),
    help=N_("Folder for the clean copies (your originals are never changed)."),
)
@lang_option
def scrub(paths: tuple[Path, ...], out_dir: Path, lang: str) -> None:
    _, ngettext = translator(lang)
    _refuse_out_among_originals(paths, out_dir, lang)
    refused: list[Skipped] = []
    files = list(_media_files(paths, refused))
    for skip in refused:
        out.print(
            f"[red]✗[/red] {markup_safe(skip.file + '/' + (skip.member or ''))}: {markup_safe(skip.reason)}",
            markup=True,
        )
    if not files:
        raise click.ClickException(_("no photos or videos found in what you gave"))
    results, errors = scrub_many(files, out_dir)
    for result in results:
        how = _("pixels unchanged") if result.pixels_unchanged else _("re-encoded")
        out.print(f"✓ {printable(str(result.source))} → {printable(str(result.output))} ({result.method}, {how})")
    for error in errors:
        out.print(f"[red]✗[/red] {markup_safe(str(error))}", markup=True)
    if errors:
        raise click.ClickException(
            ngettext(
                "{count} of {total} file could not be cleaned",
                "{count} of {total} files could not be cleaned",
                len(files),
            ).format(count=len(errors), total=len(files))
        )


@command(help=N_("Before you post: what this photo or text would reveal, and a cleaned copy of the photo."))
@click.argument(
    "file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar=N_("[FILE]")
)
@click.option("--text", "text_value", metavar=N_("TEXT"), help=N_("Check a text instead of a file."))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar=N_("FOLDER"),
    help=N_("Where to put the cleaned copy of the file (default: the workspace's clean/ folder)."),
)
@json_option()
@lang_option
@workspace_option
def check(
    file: Path | None, text_value: str | None, out_dir: Path | None, as_json: bool, lang: str, workspace: Path | None
) -> None:
    _, _n = translator(lang)
    if (file is None) == (text_value is None):
        raise click.UsageError(_("give a FILE or --text, not both"))
    store = open_workspace(workspace, lang=lang)
    try:
        if text_value is not None:
            report = check_text(text_value, lang)
        else:
            assert file is not None  # exactly one of FILE and --text, checked above
            try:
                report = check_file(file, store, lang)
            except SourceError as exc:
                raise click.ClickException(str(exc)) from None
            if out_dir is None and store.encrypted:
                # An encrypted workspace keeps nothing readable: the copy goes only where asked.
                report["clean_copy_skipped"] = _(
                    "No clean copy was written: your workspace is encrypted, so "
                    "cuidado keeps no readable copy in it. Add --out FOLDER to "
                    "get one there."
                )
            else:
                try:
                    report["clean_copy"] = str(scrub_file(file, out_dir or store.directory / "clean").output)
                except ScrubError as exc:
                    report["clean_copy_error"] = str(exc)
    finally:
        store.close()
    if as_json:
        echo_json(report)
    else:
        _print_check(report, lang)
    if report["problems"]:  # a check that could not run: not a clean bill of health
        raise SystemExit(1)


def _refuse_out_among_originals(paths: tuple[Path, ...], out_dir: Path, lang: str) -> None:
    """Clean copies never go into a folder given as input, nor next to a file given as input."""
    target = out_dir.expanduser().resolve()
    for path in paths:
        source = path.resolve()
        folder = source if source.is_dir() else source.parent
        if target == folder or (source.is_dir() and target.is_relative_to(folder)):
            _, _n = translator(lang)
            raise click.ClickException(
                _(
                    "--out {out} is inside what you gave ({source}): the copies would land "
                    "next to your originals. Choose a folder outside it."
                ).format(out=printable(str(out_dir)), source=printable(str(path)))
            )


def _print_check(report: dict, lang: str) -> None:
    from rich.console import Console

    # Texts hold names from the exports (no markup); paths and sentences stay whole when copied.
    console = Console(highlight=False, markup=False, emoji=False, soft_wrap=True)
    _, _n = translator(lang)
    severities = severity_labels(_)
    for problem in report["problems"]:
        console.print(f"✗ {problem}", markup=False)
    if not report["findings"] and not report["near"]:
        console.print(
            _("Nothing identifying found in what could be checked — which is not all of it (above).")
            if report["problems"]
            else _("Nothing identifying found.")
        )
    for finding in report["findings"]:
        console.print(
            f"• [{severities[finding['severity']]}] {kind_label(finding['kind'], _)}: "
            f"{printable(finding['value'], 80)}",
            markup=False,
        )
        console.print(f"    {finding['why']}")
        console.print(f"    → {finding['advice']}")
    for match in report["near"]:
        console.print(
            "⚠ "
            + _("Connects to your dossier: {text} ({place})").format(
                text=match["text"], place=printable(match["place"] or "", 60)
            )
        )
    if report.get("clean_copy"):
        console.print(_("Clean copy: {path}").format(path=printable(report["clean_copy"])))
    if report.get("clean_copy_error"):
        console.print(printable(report["clean_copy_error"]))
    if report.get("clean_copy_skipped"):
        console.print(report["clean_copy_skipped"])


def _media_files(paths: tuple[Path, ...], refused: list[Skipped]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found = walk_files(path, refused, str(path))  # iterative: any depth, links not followed
            yield from sorted(full for _, full, _ in found if is_media_path(full.name))
        elif path.is_file():
            yield path
