"""WhatsApp "Export chat": one .txt per chat (Android), or a zip with `_chat.txt` and media (iOS).

Each chat file is read twice, streamed: first to settle its date format and learn who is
in it (and which of them is the person who exported it), then to turn each message into a
Record. A folder may hold several chats, including iOS chat zips, read in place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from cuidado.importers.base import Importer, ImportProblem
from cuidado.importers.reading import ExportReader
from cuidado.importers.whatsapp_lines import (
    DELETED,
    MAX_PARTICIPANTS,
    ChatFormat,
    FormatSurvey,
    Header,
    for_display,
    for_matching,
    header_time,
    interpret_body,
    is_system_body,
    match_header,
    split_author,
)
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member, SourceError, ZipSource
from cuidado.models import Kind, MediaRef, Platform, Record, is_media_path

MAX_BODY = 64 * 1024  # characters kept of one message; the rest of a runaway message is dropped

_CHAT_NAME = re.compile(
    r"whatsapp[ -]?chat(?: with| mit| met| con| com| avec| z| s| с| med| - )\s*(?P<name>.+)$"
    r"|(?:chat|conversa|чат) (?:de |do )?whatsapp (?:con|com|avec|s|с|mit|met) (?P<name2>.+)$",
    re.IGNORECASE,
)
# Attachments WhatsApp numbers itself; such a .txt is something sent in a chat, not a chat.
_ATTACHMENT_NAME = re.compile(r"^\d{8}-|-wa\d{4}\b", re.IGNORECASE)
# An unsaved contact is shown by number ("+1 (786) 412-0934"): a WhatsApp author, never message text.
_PHONE_AUTHOR = re.compile(r"^\+[\d\s().\-\u2011]{7,}$")
# System lines about something the exporting person did ("You changed the subject…").
_YOU = re.compile(r"^(?:you(?!\s+were\b|['’]re\b)|du hast|tú|você|vous avez|u hebt|je hebt)\b", re.IGNORECASE)


@dataclass
class _ChatFacts:
    """What the first pass learns about the people in a chat."""

    authors: dict = field(default_factory=dict)  # name -> messages, in order of first message
    self_names: set = field(default_factory=set)  # authors of "You deleted this message"
    notice_author: str | None = None  # iOS writes notices under the chat's name
    group_events: int = 0

    def is_group(self) -> bool:
        return self.group_events > 0 or len(self.authors) > 2


class WhatsAppImporter(Importer):
    platform = Platform.WHATSAPP

    def sniff(self, paths: list[str]) -> int:
        best = 0
        for path in paths:
            name = path.rsplit("/", 1)[-1]
            if name == "_chat.txt" or (name.endswith(".txt") and "whatsapp" in name):
                best = max(best, 90)
            elif name.endswith(".zip") and "whatsapp" in name:
                best = max(best, 80)
        if best:
            return best
        # A lone text file (or a few, with media) may be a renamed chat: a weak claim.
        texts = [p for p in paths if p.endswith(".txt")]
        if texts and len(texts) <= 100 and all(p.endswith(".txt") or is_media_path(p) for p in paths):
            return 15
        return 0

    def begin(self, reader: ExportReader) -> None:
        self._by_name = _index_by_name(reader.members)
        # When some .txt files are named like chats, other .txt files are things sent in them.
        self._named_chats = any(m.lower.endswith(".txt") and _looks_like_chat(m.path) for m in reader.members)

    def export_key(self, reader: ExportReader, threads: Callable[[], list[str]]) -> str | None:
        """A WhatsApp export is a chat (or a set of chats), not an account: only an export of the same
        chats replaces it, never another chat of the same person."""
        names = threads()
        return "whatsapp:chats:" + "\x1f".join(names).casefold() if names else None

    # -- handlers -------------------------------------------------------------------------

    def read_chat(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        if not hasattr(self, "_by_name"):
            self.begin(reader)
        folder = member.path.rpartition("/")[0]

        def resolve(name: str) -> MediaRef | None:
            found = _resolve(self._by_name, name, folder)
            return MediaRef(found.path, found.size) if found else None

        yield from self._read(
            lambda: reader.text_lines(member),
            member,
            _file_chat_name(member.path, reader.source.paths[0]),
            resolve,
            reader.owner.get("name"),
        )

    def read_chat_zip(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        """An iOS `WhatsApp Chat - <name>.zip` inside the folder given: read its `_chat.txt` in place."""
        with reader.open(member) as handle:
            try:
                inner = ZipSource([handle], label=f"{reader.source.label}/{member.path}")
            except SourceError:
                raise ImportProblem(reasons.CHAT_ZIP_DAMAGED) from None
            inner_reader = ExportReader(inner)
            chats = [
                m
                for m in inner.members
                if m.name.lower() == "_chat.txt" or (m.lower.endswith(".txt") and "whatsapp" in m.name.lower())
            ]
            if not chats:
                raise ImportProblem(reasons.ZIP_WITHOUT_CHAT)
            by_name = _index_by_name(inner.members)
            chat_name = _chat_name_from(PurePosixPath(member.name).stem)
            for chat in chats:
                folder = chat.path.rpartition("/")[0]

                def resolve(name: str, folder=folder) -> MediaRef | None:
                    # Files inside the chat zip are named through it: "<zip>/<file>".
                    found = _resolve(by_name, name, folder)
                    return MediaRef(f"{member.path}/{found.path}", found.size) if found else None

                yield from self._read(
                    functools.partial(inner_reader.text_lines, chat),
                    member,
                    chat_name,
                    resolve,
                    reader.owner.get("name"),
                )

    # -- the two passes -------------------------------------------------------------------

    def _read(
        self,
        lines: Callable[[], Iterable[str]],
        member: Member,
        chat_name: str | None,
        resolve: Callable[[str], MediaRef | None],
        owner: str | None,
    ) -> Iterator[Record]:
        fmt, facts, others = _survey(lines())
        if fmt is None:
            if _ATTACHMENT_NAME.search(member.name) or (
                getattr(self, "_named_chats", False) and not _looks_like_chat(member.path)
            ):
                return  # a text file someone sent in a chat
            raise ImportProblem(reasons.NOT_A_CHAT)
        thread = chat_name or facts.notice_author or PurePosixPath(member.name).stem
        participants = tuple(facts.authors)
        is_self = _self_rule(facts, chat_name or facts.notice_author, owner)

        def build(message: _Pending) -> Record:
            header = message.header
            own = fmt if header.shape == fmt.shape else others[header.shape][0]
            author, first = split_author(header.rest)
            raw = "\n".join([first, *message.lines]).strip()
            text = for_display(raw)
            extra = {"local_time": True, "date_order": own.order}
            if own.guessed:
                extra["date_order_guessed"] = True
            record = Record(
                platform=self.platform,
                kind=Kind.MESSAGE,
                source=member.path,
                native_id=str(message.line_no),
                time=header_time(header, own),
                author=author,
                text=text,
                thread=thread,
                participants=participants,
                extra=extra,
            )
            if author is None or is_system_body(first):
                record.kind, record.author = Kind.OTHER, None
                extra["system"] = True
                record.by_self = True if _YOU.match(text) else None
                return record
            record.by_self = is_self(author)
            interpret_body(record, raw, lambda name: resolve(name) or MediaRef(name))
            return record

        pending: _Pending | None = None

        def starts_message(header: Header) -> bool:
            if header.shape == fmt.shape:
                return True
            if header.shape not in others:
                return False
            author, _ = split_author(header.rest)
            return author in others[header.shape][1] if author else _is_group_event(header.rest)

        for line_no, line in enumerate(lines(), start=1):
            header = match_header(line)
            if header is not None and starts_message(header):
                if pending is not None:
                    yield build(pending)
                pending = _Pending(line_no, header)
            elif pending is not None:
                pending.add(line)
        if pending is not None:
            yield build(pending)

    # Which member each method reads: the first pattern (on the lower-cased path) that matches wins.
    handlers = (
        (r"(^|/)[^/]*whatsapp[^/]*\.zip$", read_chat_zip),  # iOS chat zips gathered in a folder
        (r"\.txt$", read_chat),
    )


@dataclass
class _Pending:
    """A message being read: its header line and the continuation lines after it."""

    line_no: int
    header: Header
    lines: list[str] = field(default_factory=list)
    size: int = 0

    def add(self, line: str) -> None:
        if self.size >= MAX_BODY:
            return
        self.size += len(line) + 1
        self.lines.append(line if self.size < MAX_BODY else line[:1024] + " […message cut…]")


def _survey(lines: Iterable[str]) -> tuple[ChatFormat | None, _ChatFacts, dict]:
    """First pass: the date format, who writes in the chat, and the other header shapes that
    also start messages (shape -> its ChatFormat, for chats whose headers changed format)."""
    survey = FormatSurvey()
    facts_by_shape: dict[tuple, _ChatFacts] = {}
    for line in lines:
        header = match_header(line)
        if header is None:
            continue
        survey.add(header)
        facts = facts_by_shape.setdefault(header.shape, _ChatFacts())
        author, body = split_author(header.rest)
        if author is None:
            facts.group_events += _is_group_event(header.rest)
        elif is_system_body(body):
            facts.notice_author = facts.notice_author or author
            facts.group_events += _is_group_event(body)
        else:
            if len(facts.authors) < MAX_PARTICIPANTS or author in facts.authors:
                facts.authors[author] = facts.authors.get(author, 0) + 1
            deleted = DELETED.match(for_matching(body).strip())
            if deleted and deleted["mine"]:
                facts.self_names.add(author)
    fmt = survey.result()
    if fmt is None:
        return None, _ChatFacts(), {}
    facts = facts_by_shape[fmt.shape]
    others = {}
    for shape, other in survey.formats().items():
        # Another date format with the same header layout (brackets, separator before the author)
        # starts messages too, when they are written by people of this chat or repeat.
        if shape == fmt.shape or shape[0] != fmt.shape[0] or shape[5] != fmt.shape[5]:
            continue
        extra = facts_by_shape[shape]
        repeated = sum(extra.authors.values()) >= 2
        known = {a for a in extra.authors if repeated or a in facts.authors or _PHONE_AUTHOR.match(a)}
        if known or extra.group_events:
            others[shape] = (other, known)
            for author in known:
                facts.authors[author] = facts.authors.get(author, 0) + extra.authors[author]
            facts.self_names |= extra.self_names
            facts.group_events += extra.group_events
    return fmt, facts, others


_GROUP_WORDS = re.compile(
    r"\b(?:created group|added|removed|joined using|changed the subject|this group|"
    r"group description|admin|left)\b",
    re.IGNORECASE,
)


def _is_group_event(text: str) -> bool:
    return bool(_GROUP_WORDS.search(for_matching(text[:300])))


def _self_rule(facts: _ChatFacts, chat_name: str | None, owner: str | None) -> Callable[[str], bool | None]:
    """Who the exporting person is: the file never says, so infer it (None when we cannot)."""
    if owner:
        wanted = owner.casefold()
        return lambda author: author.casefold() == wanted
    if facts.self_names:
        return lambda author: author in facts.self_names
    if chat_name and not facts.is_group() and chat_name in facts.authors:
        # A 1:1 chat is named after the other person: everyone else in it is the exporter.
        return lambda author: author != chat_name
    return lambda author: None


def _file_chat_name(path: str, container_path: str) -> str | None:
    """`WhatsApp Chat with Tia Rosa.txt` -> "Tia Rosa"; `_chat.txt` takes its folder's or zip's name."""
    pure = PurePosixPath(path)
    if pure.name.lower() != "_chat.txt":
        return _chat_name_from(pure.stem)
    if pure.parent.name:
        return _chat_name_from(pure.parent.name)
    container = PurePosixPath(container_path.replace("\\", "/"))
    return _chat_name_from(container.stem if container.suffix.lower() == ".zip" else container.name)


def _looks_like_chat(path: str) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    return name == "_chat.txt" or "whatsapp" in name


def _chat_name_from(stem: str) -> str | None:
    match = _CHAT_NAME.search(stem)
    if not match:
        return None
    name = (match["name"] or match["name2"] or "").strip()
    name = re.sub(r"\s*\(\d{1,3}\)$", "", name)  # "… (1).zip": the browser's second download
    return name or None


def _index_by_name(members: list[Member]) -> dict[str, list[Member]]:
    index: dict[str, list[Member]] = {}
    for member in members:
        index.setdefault(member.name.lower(), []).append(member)
    return index


def _resolve(index: dict[str, list[Member]], name: str, folder: str) -> Member | None:
    """The member an attachment name refers to, preferring the chat's own folder."""
    found = index.get(name.strip().lower())
    if not found:
        return None
    for member in found:
        if member.path.rpartition("/")[0] == folder:
            return member
    return found[0]
