"""Opening the workspace for a command: which folder, its passphrase, and the errors a person sees.

The one place that reads $CUIDADO_WORKSPACE and $CUIDADO_PASSPHRASE; the library gets the folder
and the passphrase as arguments.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from cuidado.cli.i18n import translator
from cuidado.cli.options import person_language
from cuidado.store import DB_NAME, Store, WorkspaceError, default_workspace, is_encrypted, open_store
from cuidado.store.folder import FOREIGN, not_a_workspace, state

WORKSPACE_ENV = "CUIDADO_WORKSPACE"
PASSPHRASE_ENV = "CUIDADO_PASSPHRASE"


class NothingScanned(click.ClickException):
    """A command that reads the workspace was run before anything was scanned into it."""

    exit_code = 3

    def __init__(self, directory: Path, lang: str = "en"):
        _, _n = translator(lang)
        super().__init__(
            _(
                "Nothing has been scanned yet (no exports read in the workspace {workspace}). Start "
                "with: cuidado scan YOUR-EXPORT.zip (add the same --workspace if you use one)."
            ).format(workspace=directory)
        )


def workspace_folder(given: Path | None) -> Path:
    """--workspace, else $CUIDADO_WORKSPACE, else the user's data folder."""
    if given:
        return given
    env = os.environ.get(WORKSPACE_ENV)
    return Path(env) if env else default_workspace()


def open_workspace(
    workspace: Path | None, *, encrypt: bool = False, create: bool = True, lang: str | None = None
) -> Store:
    """Open the workspace, asking for its passphrase when it is (or is to be) encrypted.

    Commands that only read (`create=False`) create nothing: with no workspace there yet they
    say that nothing has been scanned and how to start, and exit with code 3."""
    directory = workspace_folder(workspace)
    lang = person_language(lang)
    refuse_foreign(directory, lang)  # before asking for any passphrase
    if not create and not (directory / DB_NAME).is_file():
        raise NothingScanned(directory, lang)
    store = connect(directory, workspace_passphrase(directory, encrypt=encrypt, lang=lang), lang)
    if not create and not _anything_scanned(store):
        store.close()
        raise NothingScanned(directory, lang)
    return store


def open_existing(workspace: Path | None, lang: str | None = None) -> Store:
    """The workspace of a command that only reads it (exit code 3 when nothing was scanned)."""
    return open_workspace(workspace, create=False, lang=lang)


def refuse_foreign(directory: Path, lang: str) -> None:
    """A folder cuidado did not create is never opened as a workspace (a typo in --workspace)."""
    if state(directory) == FOREIGN:
        raise click.ClickException(not_a_workspace(directory).text(lang))


def workspace_passphrase(directory: Path, *, encrypt: bool = False, lang: str | None = None) -> str | None:
    """$CUIDADO_PASSPHRASE, else asked for when the workspace is encrypted or is to be (`encrypt`).

    A passphrase for a workspace that exists unencrypted is refused: it would not encrypt it."""
    _, _n = translator(person_language(lang))
    database = directory / DB_NAME
    passphrase = os.environ.get(PASSPHRASE_ENV) or None
    exists = database.exists()
    if exists and not is_encrypted(database) and (encrypt or passphrase):
        raise click.ClickException(
            _(
                "{path}: this workspace is not encrypted. Run `cuidado purge` first, or "
                "choose another --workspace, to start an encrypted one."
            ).format(path=directory)
        )
    if passphrase is None and exists and is_encrypted(database):
        passphrase = click.prompt(_("Workspace passphrase"), hide_input=True, err=True)
    elif passphrase is None and encrypt:
        passphrase = click.prompt(_("New workspace passphrase"), hide_input=True, confirmation_prompt=True, err=True)
    return passphrase


def connect(directory: Path, passphrase: str | None, lang: str) -> Store:
    """open_store(), its refusals said as a one-line message in the person's language."""
    try:
        return open_store(directory, passphrase)
    except WorkspaceError as exc:
        raise click.ClickException(exc.text(lang)) from None


def _anything_scanned(store: Store) -> bool:
    """A scan was run here: it read an export, or said why it could not (then `summary` lists why)."""
    return store.anything_scanned()
