"""`cuidado report` and `cuidado open`: the printable report file, and the local web app."""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path
from typing import Any

import click

from cuidado.cli.group import private_files
from cuidado.cli.i18n import N_, command, translator
from cuidado.cli.options import lang_option, workspace_option
from cuidado.cli.workspace import connect, open_existing, refuse_foreign, workspace_folder, workspace_passphrase


@command(
    "report",
    help=N_(
        "Write one self-contained report file: readable offline, printable, loads nothing from "
        "the internet.\n\nExample: cuidado report --out report.html --lang es --pdf"
    ),
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("cuidado-report.html"),
    show_default=True,
    metavar=N_("FILE"),
    help=N_("The HTML file to write (a .pdf name writes only the PDF)."),
)
@click.option("--pdf", is_flag=True, help=N_("Also write a PDF of the same report, next to the HTML."))
@click.option("--no-thumbnails", is_flag=True, help=N_("Leave out the small pictures of your photos."))
@lang_option
@workspace_option
def report(out: Path, pdf: bool, no_thumbnails: bool, lang: str, workspace: Path | None) -> None:
    _, _n = translator(lang)
    from cuidado.report.pdf import PdfError, write_pdf
    from cuidado.report.render import build_html, write_private
    from cuidado.report.summary import moved_inputs

    store = open_existing(workspace, lang)
    try:
        html = build_html(store, lang, thumbnails=not no_thumbnails)
        directory = store.directory
        moved = moved_inputs(store)
    finally:
        store.close()
    for label in moved:
        click.echo(
            _(
                "⚠ {path} is no longer where it was scanned (moved, renamed or deleted): its photos are not "
                "in the report. Scan it again from where it is now."
            ).format(path=label),
            err=True,
        )
    written = []
    if out.suffix.lower() != ".pdf":
        write_private(out, html.encode("utf-8"))
        written.append(out)
    if pdf or out.suffix.lower() == ".pdf":
        target = out if out.suffix.lower() == ".pdf" else out.with_suffix(".pdf")
        try:
            made = write_pdf(html, target, directory)
        except PdfError as exc:
            raise click.ClickException(str(exc)) from None
        if made.engine == "chromium":
            click.echo(
                _("The PDF was printed by Chromium with no network at all (a network namespace of its own).")
                if made.isolated
                else _(
                    "Note: this system does not allow a separate network namespace, so Chromium printed the "
                    "PDF with its network services switched off instead (no lookups, no updates), but not "
                    "cut off from the network."
                ),
                err=True,
            )
        written.append(target)
    for path in written:
        click.echo(_("Wrote {path} (private to you: it describes you and the people you talk to).").format(path=path))


@command(
    "open",
    help=N_(
        "Open cuidado in your browser: add exports, see what they reveal, work through the cleanup "
        "plan.\n\nIt runs only on this computer (127.0.0.1) until you close it (Ctrl+C here, or "
        '"Close cuidado").'
    ),
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    metavar=N_("NUMBER"),
    help=N_("Port on 127.0.0.1 (0: any free port)."),
)
@click.option("--no-browser", is_flag=True, help=N_("Only print the link; do not open a browser."))
@lang_option
@workspace_option
def open_app(port: int, no_browser: bool, lang: str, workspace: Path | None) -> None:
    from cuidado.web.app import open_browser, start

    private_files()  # also when called on its own, not through `cuidado`
    words = _open_words(lang)
    directory = workspace_folder(workspace)
    refuse_foreign(directory, lang)
    passphrase = workspace_passphrase(directory, lang=lang)
    connect(directory, passphrase, lang).close()  # fail here, with a clear message, rather than on the first page
    try:
        app, server, thread = start(directory, port, passphrase=passphrase, lang=lang)
        # A language the person asked for (--lang or $CUIDADO_LANG) wins over the browser's.
        app.lang_chosen = language_was_chosen(click.get_current_context())
    except OSError as exc:
        key = "port_taken" if exc.errno == errno.EADDRINUSE else "port_refused"
        raise click.ClickException(words[key].format(port=port, reason=exc.strerror)) from None
    # The browser gets a private launch file, not the secret link: its command line is public.
    if no_browser or not open_browser(app.launch_file().as_uri()):
        click.echo(words["open_link"].format(url=app.launch_url()))
    else:
        click.echo(words["opened"].format(url=app.url))
    click.echo(words["local"])
    if sys.stdin is not None and sys.stdin.isatty():
        click.echo(words["again"])
        threading.Thread(target=_new_links, args=(app, words), daemon=True).start()
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        server.shutdown()
    finally:
        server.server_close()
        app.forget_launch_files()
        if passphrase is not None:
            app.uploads.discard_all()
    click.echo(words["stopped"])


def _new_links(app: Any, words: dict[str, str]) -> None:
    """Enter in the terminal prints a new one-time link (the browser was closed, or could not open the file)."""
    for _ in sys.stdin:
        click.echo(words["open_link"].format(url=app.launch_url()))


def language_was_chosen(ctx: click.Context) -> bool:
    from click.core import ParameterSource

    from cuidado.cli.options import LANG_ENV

    return ctx.get_parameter_source("lang") == ParameterSource.COMMANDLINE or bool(os.environ.get(LANG_ENV))


def _open_words(lang: str) -> dict[str, str]:
    _, _n = translator(lang)
    return {
        "opened": _("cuidado is open at {url} (your browser was given a one-time key)."),
        "open_link": _("Open this link in your browser (it works once): {url}"),
        "local": _("Only this computer can reach it. Press Ctrl+C to stop."),
        "again": _("If the page did not open, or you closed the browser, press Enter here for a new link."),
        "stopped": _("cuidado has stopped."),
        "port_taken": _(
            "port {port} is already in use on this computer. Choose another with --port, "
            "or leave --port out to use any free port."
        ),
        "port_refused": _(
            "cannot use port {port} ({reason}). Choose another with --port, or leave --port out to use any free port."
        ),
    }
