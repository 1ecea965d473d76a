"""`cuidado report` and `cuidado open`: the printable report file, and the local web app."""

from __future__ import annotations

import errno
import sys
import threading
from pathlib import Path
from typing import Any

import click

from cuidado.cli.group import private_files
from cuidado.cli.options import lang_option, workspace_option
from cuidado.cli.workspace import connect, open_existing, refuse_foreign, workspace_folder, workspace_passphrase


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
        click.echo(_MOVED[lang].format(path=label), err=True)
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
            click.echo(_PDF_WORDS[lang]["isolated" if made.isolated else "flags_only"], err=True)
        written.append(target)
    for path in written:
        click.echo(f"Wrote {path} (private to you: it describes you and the people you talk to).")


_PDF_WORDS = {
    "en": {"isolated": "The PDF was printed by Chromium with no network at all (a network namespace of its own).",
           "flags_only": "Note: this system does not allow a separate network namespace, so Chromium printed the "
                         "PDF with its network services switched off instead (no lookups, no updates), but not "
                         "cut off from the network."},
    "es": {"isolated": "Chromium imprimió el PDF sin ninguna red (en un espacio de red propio).",
           "flags_only": "Nota: este sistema no permite un espacio de red aparte, así que Chromium imprimió el PDF "
                         "con sus servicios de red apagados (sin búsquedas ni actualizaciones), pero sin estar "
                         "desconectado de la red."},
}


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
    from cuidado.web.app import open_browser, start

    private_files()  # also when called on its own, not through `cuidado`
    words = _OPEN_WORDS[lang]
    directory = workspace_folder(workspace)
    refuse_foreign(directory, lang)
    passphrase = workspace_passphrase(directory)
    connect(directory, passphrase, lang).close()  # fail here, with a clear message, rather than on the first page
    try:
        app, server, thread = start(directory, port, passphrase=passphrase, lang=lang)
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


_OPEN_WORDS = {
    "en": {"opened": "cuidado is open at {url} (your browser was given a one-time key).",
           "open_link": "Open this link in your browser (it works once): {url}",
           "local": "Only this computer can reach it. Press Ctrl+C to stop.",
           "again": "If the page did not open, or you closed the browser, press Enter here for a new link.",
           "stopped": "cuidado has stopped.",
           "port_taken": "port {port} is already in use on this computer. Choose another with --port, "
                         "or leave --port out to use any free port.",
           "port_refused": "cannot use port {port} ({reason}). Choose another with --port, or leave --port out "
                           "to use any free port."},
    "es": {"opened": "cuidado está abierto en {url} (su navegador recibió una llave de un solo uso).",
           "open_link": "Abra este enlace en su navegador (funciona una sola vez): {url}",
           "local": "Solo esta computadora puede entrar. Presione Ctrl+C para detenerlo.",
           "again": "Si la página no se abrió, o cerró el navegador, presione Enter aquí para un enlace nuevo.",
           "stopped": "cuidado se detuvo.",
           "port_taken": "el puerto {port} ya está en uso en esta computadora. Elija otro con --port, "
                         "o no use --port para tomar cualquier puerto libre.",
           "port_refused": "no se puede usar el puerto {port} ({reason}). Elija otro con --port, o no use --port "
                           "para tomar cualquier puerto libre."},
}
