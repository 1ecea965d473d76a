"""The `cuidado` click group. Commands are added to it in `cuidado/cli/__init__.py`, in one place."""

from __future__ import annotations

import os

import click

from cuidado import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cuidado")
def main() -> None:
    """See what your own social-media exports reveal about you. Offline: nothing is sent anywhere."""
    private_files()


def private_files() -> None:
    """Everything this process creates (workspace, reports, timelines, clean copies, SQLite's -wal
    and -shm) is readable by this user only; set before any file is created."""
    os.umask(0o077)
