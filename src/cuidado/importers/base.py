"""The importer contract: say whether an export is yours, then turn its files into Records.

An importer declares `handlers`: (regex on the lower-cased member path, the method that reads it),
a table written after the methods it names. The pipeline gives each member to the first handler
whose pattern matches, inside its own transaction, so a bad file is skipped and listed while the
rest of the scan goes on.
Media files that no handler claims become `media` records of the importer's platform.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from cuidado.importers.reading import ExportReader
from cuidado.inputs.sources import Member
from cuidado.models import Record


class ImportProblem(Exception):
    """One member cannot be read; the message says why in words a person understands."""


# What a handler is once bound to its importer: (reader, member) -> the member's records.
Handler = Callable[[ExportReader, Member], Iterator[Record]]


class Importer:
    platform: ClassVar[str]
    # (pattern on the lower-cased member path, the method that reads it: a function defined in the
    # class, a mixin's method, or a staticmethod alias). Each is bound to the importer when built.
    handlers: ClassVar[tuple[tuple[str, Any], ...]] = ()
    # Files of this platform that no handler reads: (pattern, what they hold: a key of known.ABOUT_TEXT).
    known: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __init__(self) -> None:
        self._compiled: list[tuple[re.Pattern[str], Handler]] = [
            (re.compile(pattern), method.__get__(self, type(self))) for pattern, method in self.handlers
        ]
        self._known = [(re.compile(pattern), about) for pattern, about in self.known]

    def sniff(self, paths: list[str]) -> int:
        """How sure (0-100) we are that these member paths (lower-cased) are this platform's export."""
        raise NotImplementedError

    def handler_for(self, member: Member) -> Handler | None:
        for pattern, handler in self._compiled:
            if pattern.search(member.lower):
                return handler
        return None

    def known_file(self, member: Member) -> str | None:
        """What an unread member holds (a key of known.ABOUT_TEXT) when it is a file this platform's
        exports carry, or None for a file cuidado does not know."""
        return next((about for pattern, about in self._known if pattern.search(member.lower)), None)

    def begin(self, reader: ExportReader) -> None:
        """Called once before any member is read: read what other files depend on (e.g. who the owner is)."""

    def export_key(self, reader: ExportReader, threads: Callable[[], list[str]]) -> str | None:
        """Which account an export belongs to, so a newer export of it replaces the older one in the
        workspace; None when the export does not say. By default its owner, as `begin` read it;
        `threads` gives the conversations the scan stored from it, for exports keyed by those."""
        owner = reader.owner
        for key in ("account", "username", "user_id", "name"):
            if owner.get(key):
                return f"{self.platform}:{key}:{str(owner[key]).casefold()}"
        return None

    # Each handler has this signature:
    # def read_posts(self, reader: ExportReader, member: Member) -> Iterator[Record]


def numbered(member: Member) -> tuple:
    """Sort key putting posts_2.json before posts_10.json."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", member.lower))
