"""Click's own messages that a person can see ("Usage:", "Missing argument", "Show this message and
exit."), listed so Babel puts them in our catalogs: click looks them up through Python's gettext,
which `cli/i18n.py` points at those catalogs. tests/test_cli_language.py checks that each one is
still a message of the installed click, and that every message click can show a person is here.
"""

from __future__ import annotations

from collections.abc import Callable


def click_messages(_: Callable[[str], str], ngettext: Callable[[str, str, int], str]) -> list[str]:
    return [
        _("Usage:"),
        _("Options"),
        _("Commands"),
        _("Positional arguments"),
        _("Aborted!"),
        _("deprecated"),
        _("Show this message and exit."),
        _("Show the version and exit."),
        _("%(prog)s, version %(version)s"),
        _("default: {default}"),
        _("env var: {var}"),
        _("required"),
        _("(dynamic)"),
        _("Error: {message}"),
        _("Try '{command} {option}' for help."),
        _("Missing command."),
        _("Invalid value: {message}"),
        _("Invalid value for {param_hint}: {message}"),
        _("Missing argument"),
        _("Missing option"),
        _("Missing parameter"),
        _("Missing {param_type}"),
        _("Missing parameter: {param_name}"),
        _("No such option {name!r}."),
        _("No such command {name!r}."),
        _("unknown error"),
        _("Could not open file {filename!r}: {message}"),
        _("Option {name!r} does not take a value."),
        _("Argument {name!r} takes {nargs} values."),
        _("Invalid start character for option ({option})"),
        _("Repeat for confirmation"),
        _("Error: The two entered values do not match."),
        _("Error: invalid input"),
        _("Do you want to continue?"),
        _("Confirm the action without prompting."),
        _("Choose from:\n\t{choices}"),
        _("{value!r} is not a valid {number_type}."),
        _("{value} is not in the range {range}."),
        _("{value!r} is not a valid boolean. Recognized values: {states}"),
        _("file"),
        _("directory"),
        _("path"),
        _("{name} {filename!r} does not exist."),
        _("{name} {filename!r} is a file."),
        _("{name} {filename!r} is a directory."),
        _("{name} {filename!r} is not readable."),
        _("{name} {filename!r} is not writable."),
        _("{name} {filename!r} is not executable."),
        _("Value must be an iterable."),
        ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1),
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1),
        ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1),
        ngettext("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.", 1),
    ]
