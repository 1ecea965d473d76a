"""The `cuidado` click group. Commands are added to it in `cuidado/cli/__init__.py`, in one place."""

from __future__ import annotations

import os

import click

from cuidado import __version__
from cuidado.cli.i18n import N_, Group


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("See what your own social-media exports reveal about you. Offline: nothing is sent anywhere."),
)
@click.version_option(__version__, prog_name="cuidado")
def main() -> None:
    private_files()


def private_files() -> None:
    """Everything this process creates (workspace, reports, timelines, clean copies, SQLite's -wal
    and -shm) is readable by this user only; set before any file is created."""
    os.umask(0o077)
