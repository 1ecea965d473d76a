"""`cuidado report` and `cuidado open`. cli.py calls register(main) to add them."""

from __future__ import annotations

import os
from pathlib import Path

import click

lang_option = click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
                           help="Language of the report (English, Español).")
workspace_option = click.option(
    "--workspace", "workspace", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Workspace folder (default: $CUIDADO_WORKSPACE or your user data folder).")


_MOVED = {
    "en": "⚠ {path} is no longer where it was scanned (moved, renamed or deleted): its photos are not in the "
          "report. Scan it again from where it is now.",
    "es": "⚠ {path} ya no está donde se analizó (se movió, cambió de nombre o se borró): sus fotos no aparecen "
          "en el informe. Vuelva a analizarlo desde donde está ahora.",
}


@click.command("report")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("cuidado-report.html"),
              show_default=True, help="The HTML file to write (a .pdf name writes only the PDF).")
@click.option("--pdf", is_flag=True, help="Also write a PDF of the same report, next to the HTML.")
@click.option("--no-thumbnails", is_flag=True, help="Leave out the small pictures of your photos.")
@lang_option
@workspace_option
def report(out: Path, pdf: bool, no_thumbnails: bool, lang: str, workspace: Path | None) -> None:
    """Write one self-contained report file: readable offline, printable, loads nothing from the internet.

    Example: cuidado report --out report.html --lang es --pdf
    """
    from cuidado import cli
    from cuidado.report.pdf import PdfError, write_pdf
    from cuidado.report.render import build_html, write_private

    from cuidado.summary import moved_inputs

    store = cli._open_existing(workspace, lang)
    try:
        html = build_html(store, lang, thumbnails=not no_thumbnails)
        directory = store.directory
        moved = moved_inputs(store)
    finally:
        store.close()
    for label in moved:
        click.echo(_MOVED[lang].format(path=label), err=True)
    written = []
    if out.suffix.lower() != ".pdf":
        write_private(out, html.encode("utf-8"))
        written.append(out)
    if pdf or out.suffix.lower() == ".pdf":
        target = out if out.suffix.lower() == ".pdf" else out.with_suffix(".pdf")
        try:
            write_pdf(html, target, directory)
        except PdfError as exc:
            raise click.ClickException(str(exc)) from None
        written.append(target)
    for path in written:
        click.echo(f"Wrote {path} (private to you: it describes you and the people you talk to).")


@click.command("open")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Only print the link; do not open a browser.")
@lang_option
@workspace_option
def open_app(port: int, no_browser: bool, lang: str, workspace: Path | None) -> None:
    """Open cuidado in your browser: add exports, see what they reveal, work through the cleanup plan.

    It runs only on this computer (127.0.0.1) until you close it (Ctrl+C here, or "Close cuidado").
    """
    from cuidado.cli import PASSPHRASE_ENV
    from cuidado.store import DB_NAME, WorkspaceError, default_workspace, is_encrypted, open_store
    from cuidado.web.app import open_browser, start

    directory = workspace or default_workspace()
    passphrase = os.environ.get(PASSPHRASE_ENV) or None
    if passphrase is None and is_encrypted(directory / DB_NAME):
        passphrase = click.prompt("Workspace passphrase", hide_input=True, err=True)
    try:  # fail here, with a clear message, rather than on the first page
        open_store(directory, passphrase).close()
    except WorkspaceError as exc:
        raise click.ClickException(str(exc)) from None
    app, server, thread = start(directory, port, passphrase=passphrase, lang=lang)
    click.echo(f"cuidado is open at {app.url}")
    click.echo("Only this computer can reach it. Press Ctrl+C to stop.")
    if not no_browser and not open_browser(app.url):
        click.echo("Open that link in your browser.")
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        server.shutdown()
    finally:
        server.server_close()
    click.echo("cuidado has stopped.")


def register(main_group: click.Group) -> None:
    main_group.add_command(report)
    main_group.add_command(open_app)
