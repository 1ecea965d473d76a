"""`cuidado purge`: delete the workspace, only what cuidado wrote there."""

from __future__ import annotations

from pathlib import Path

import click

from cuidado.cli.options import person_language, workspace_option
from cuidado.cli.output import err, out
from cuidado.cli.workspace import open_workspace, workspace_folder
from cuidado.safety import printable
from cuidado.store.folder import not_a_workspace, recognised
from cuidado.store.purge import purge_workspace


@click.command()
@workspace_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge(workspace: Path | None, yes: bool) -> None:
    """Delete the workspace and everything cuidado wrote in it. Your original exports are not touched."""
    directory = workspace_folder(workspace)
    lang = person_language()
    words = _PURGE_WORDS[lang]
    if recognised(directory) is None:
        # Encrypted, from before workspaces were marked: its passphrase proves it is cuidado's.
        open_workspace(directory).close()
    if directory.exists() and not recognised(directory):
        raise click.ClickException(not_a_workspace(directory).text(lang))
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

