"""`cuidado purge`: delete the workspace, only what cuidado wrote there."""

from __future__ import annotations

from pathlib import Path

import click

from cuidado.cli.i18n import N_, command, translator
from cuidado.cli.options import lang_option, workspace_option
from cuidado.cli.output import err, out
from cuidado.cli.workspace import open_workspace, workspace_folder
from cuidado.safety import printable
from cuidado.store.folder import not_a_workspace, recognised
from cuidado.store.purge import purge_workspace

YES = frozenset({"y", "yes", "s", "si", "sí"})  # an answer in either language


@command(help=N_("Delete the workspace and everything cuidado wrote in it. Your original exports are not touched."))
@workspace_option
@click.option("--yes", is_flag=True, help=N_("Do not ask for confirmation."))
@lang_option
def purge(workspace: Path | None, yes: bool, lang: str) -> None:
    _, ngettext = translator(lang)
    directory = workspace_folder(workspace)
    if recognised(directory) is None:
        # Encrypted, from before workspaces were marked: its passphrase proves it is cuidado's.
        open_workspace(directory, lang=lang).close()
    if directory.exists() and not recognised(directory):
        raise click.ClickException(not_a_workspace(directory).text(lang))
    if not yes:
        answer = click.prompt(
            _("Delete the cuidado workspace at {path}? [y/N]").format(path=printable(str(directory))),
            default="",
            show_default=False,
            prompt_suffix=" ",
            err=True,
        )
        if answer.strip().lower() not in YES:
            raise click.Abort()
    result = purge_workspace(directory)
    out.print(
        ngettext("Removed {count} file from {where}.", "Removed {count} files from {where}.", result.removed).format(
            count=result.removed, where=printable(str(directory))
        )
    )
    for path in result.left:
        out.print(_("Left in place (not written by cuidado): {path}").format(path=printable(str(path))))
    if result.failed:
        for problem in result.failed[:20]:
            err.print(_("Could not delete: {problem}").format(problem=printable(problem, 200)))
        raise click.ClickException(
            ngettext(
                "the workspace was not completely deleted: {count} item is still there (see above).",
                "the workspace was not completely deleted: {count} items are still there (see above).",
                len(result.failed),
            ).format(count=len(result.failed))
        )
