"""Options several commands share, defined once; and the person's language from the environment."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cuidado.cli.i18n import N_
from cuidado.locales import LANGUAGES, first_language

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

LANG_ENV = "CUIDADO_LANG"


def _resolve_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    return person_language(value)


lang_option: Decorator = click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    default=None,
    callback=_resolve_language,
    help=N_("Language (English, Español). Default: $CUIDADO_LANG, else your system's language, else English."),
)

workspace_option: Decorator = click.option(
    "--workspace",
    "workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar=N_("FOLDER"),
    help=N_(
        "Workspace folder (default: $CUIDADO_WORKSPACE or your user data folder). "
        "It holds a summary of everything found: keep it private."
    ),
)


def json_option(help: str | None = None) -> Decorator:
    """--json: the command's result as JSON on standard output (its shape is a documented contract)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def person_language(explicit: str | None = None) -> str:
    """The person's language: --lang, else $CUIDADO_LANG, else the system locale (LANG=es_MX.UTF-8
    gives Spanish), else English. Read here, in the CLI, and passed to the library as an argument."""
    return first_language(explicit, *(os.environ.get(name) for name in (LANG_ENV, "LC_ALL", "LC_MESSAGES", "LANG")))
