"""The command line in the person's language: every text through the gettext catalogs.

The language is known before click parses anything (`--lang` anywhere on the command line, else
$CUIDADO_LANG, else the system locale), so `--help`, usage errors and click's own messages
("Usage:", "Missing argument") come out in it too. Help texts are written in English, marked with
`N_` for Babel, and translated when a command starts: the commands keep their English originals.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable, Sequence

import click

from cuidado.locales import DOMAIN, LANGUAGES, LOCALE_DIR, translations

_current = {"lang": "en"}


def N_(text: str) -> str:
    """Marks a text for the catalog; it is translated later, when the language is known."""
    return text


def language() -> str:
    """The language this run speaks (set when the command line is read)."""
    return _current["lang"]


def translator(lang: str | None = None) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
    """gettext and ngettext for `lang` (default: this run's language)."""
    catalog = translations(lang or language())
    return catalog.gettext, catalog.ngettext


def lang_in(args: Sequence[str]) -> str | None:
    """The value of `--lang` anywhere on the command line (before `--`), when it names a language."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        return value if value in LANGUAGES else None
    return None


def use_language(lang: str, command: click.Command) -> None:
    """Speak `lang` from now on: our texts, the help of `command` (and its subcommands), and
    click's own messages, which click reads through Python's gettext under the global domain."""
    _current["lang"] = lang
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang  # the language Python's gettext (and so click) looks up
    localise(command, lang)


_TEXTS = {click.Command: ("help", "short_help", "epilog", "options_metavar"), click.Parameter: ("help", "metavar")}


def localise(command: click.Command, lang: str) -> None:
    """Translate the help, metavars and usage words of `command`, its parameters and subcommands,
    always from the English originals (kept aside the first time)."""
    _ = translations(lang).gettext
    for thing in (command, *command.params):
        names = _TEXTS[click.Command] if isinstance(thing, click.Command) else _TEXTS[click.Parameter]
        english = thing.__dict__.setdefault("_english", {name: getattr(thing, name, None) for name in names})
        for name, text in english.items():
            if text:
                setattr(thing, name, _(text))
    if isinstance(command, click.Group):
        english = command.__dict__.setdefault("_english_metavar", command.subcommand_metavar)
        command.subcommand_metavar = _(english)
        for sub in command.commands.values():
            localise(sub, lang)


class Command(click.Command):
    """A command whose help and messages are in the person's language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", N_("[OPTIONS]"))
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from cuidado.cli.options import person_language

        use_language(person_language(lang_in(args)), self)
        return super().parse_args(ctx, args)


class Group(click.Group):
    """The `cuidado` group: sets the language for everything after it, subcommands included."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", N_("[OPTIONS]"))
        kwargs.setdefault("subcommand_metavar", N_("COMMAND [ARGS]..."))
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from cuidado.cli.options import person_language

        use_language(person_language(lang_in(args)), self)
        return super().parse_args(ctx, args)


def command(name: str | None = None, **kwargs) -> Callable:
    """`click.command` with the translating Command class."""
    return click.command(name, cls=Command, **kwargs)
