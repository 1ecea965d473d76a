"""Where commands print: standard output for results, standard error for progress and warnings."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console

# Piped output (files, CI logs) gets a width that fits the summary table instead of 80 columns.
# No markup or emoji codes unless a call asks for markup: names from exports are printed as they are.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 120, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def echo_json(data: object) -> None:
    """A command's --json result: indented, non-ASCII kept as it is (the README documents the shapes)."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
