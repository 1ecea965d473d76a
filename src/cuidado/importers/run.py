"""Drive one importer over one export, member by member, turning failures into Skipped entries."""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from cuidado.importers.base import Importer, ImportProblem
from cuidado.importers.media_record import ALL_CHECKS, PhotoChecks, describe_media
from cuidado.importers.reading import ExportReader
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member, Source
from cuidado.models import NOT_ANALYSED, REFUSED, UNKNOWN, UNREADABLE, Kind, MediaRef, Record, Skipped, is_media_path

# Files every export carries that hold nothing about the person (viewers, styles, scripts).
_BORING = (".html", ".htm", ".css", ".js.map", ".ico", ".svg", ".woff", ".woff2", ".ttf", ".ds_store")


@dataclass
class MemberResult:
    member: Member
    records: Iterator[Record] | None  # consume fully; it may raise (see read_member)
    ignored: bool = False  # no importer reads this kind of file


def plan(
    source: Source, importer: Importer, reader: ExportReader, checks: PhotoChecks = ALL_CHECKS
) -> Iterator[MemberResult]:
    """Each member with the generator that reads it (or ignored=True)."""
    for member in reader.members:
        records = member_records(importer, reader, member, checks)
        yield MemberResult(member, records, ignored=records is None)


def member_records(
    importer: Importer, reader: ExportReader, member: Member, checks: PhotoChecks = ALL_CHECKS
) -> Iterator[Record] | None:
    """The records one member gives (lazily), or None when no importer reads this kind of file;
    `checks` says what to look for in a photo's pixels."""
    handler = importer.handler_for(member)
    if handler is not None:
        return handler(reader, member)
    if is_media_path(member.path):
        return _media_records(importer.platform, member, reader, checks)
    return None


def media_record(platform: str, member: Member) -> Record:
    return Record(
        platform=platform,
        kind=Kind.MEDIA,
        source=member.path,
        native_id=member.path,
        by_self=True,
        media=(MediaRef(member.path, member.size),),
    )


def _media_records(platform: str, member: Member, reader: ExportReader, checks: PhotoChecks) -> Iterator[Record]:
    # A generator, so the file is read inside the member's transaction and a broken file
    # still gives its media record (the metadata problem is noted, not fatal).
    record = media_record(platform, member)
    describe_media(record, member, reader, checks)
    yield record


def failure_reason(exc: BaseException) -> str:
    """Words for a person, from what went wrong reading one member (inputs/reasons.py says them in
    the reader's language when shown)."""
    if isinstance(exc, ImportProblem):
        return str(exc)
    if isinstance(exc, zipfile.BadZipFile):
        return reasons.DAMAGED_ZIP.format(reason=exc)
    if isinstance(exc, (zlib.error, EOFError)):
        return reasons.DAMAGED_STREAM
    if isinstance(exc, json.JSONDecodeError):
        return reasons.INVALID_JSON.format(reason=exc.msg, line=exc.lineno)
    if isinstance(exc, UnicodeDecodeError):
        return reasons.NOT_TEXT
    if isinstance(exc, RecursionError):
        return reasons.TOO_DEEP
    if isinstance(exc, MemoryError):
        return reasons.TOO_LARGE
    if isinstance(exc, OSError):
        return reasons.COULD_NOT_READ.format(reason=exc.strerror or exc)
    return reasons.UNEXPECTED_FORMAT.format(reason=f"{type(exc).__name__}: {str(exc)[:100]}")


NOT_READ_YET = reasons.NOT_READ_YET


def ignored_reason(member: Member) -> str | None:
    """Why an unread member is listed as skipped, or None for files not worth mentioning."""
    lower = member.lower
    if lower.endswith(_BORING) or lower.startswith("assets/") or "/assets/" in lower or member.name.startswith("."):
        return None
    return NOT_READ_YET


def ignored(label: str, importer: Importer, member: Member) -> Skipped | None:
    """The entry for a member no handler reads: a known file not analysed (and what it holds),
    a file cuidado does not read yet, or None for files not worth mentioning (viewers, styles)."""
    if ignored_reason(member) is None:
        return None
    about = importer.known_file(member)
    if about:
        return Skipped(label, member.path, reasons.KNOWN_NOT_ANALYSED.format(about=about), NOT_ANALYSED, about)
    return Skipped(label, member.path, NOT_READ_YET, UNKNOWN)


def source_skips(source: Source) -> list[Skipped]:
    """What the source refused to open, each marked refused (safety) or unreadable."""
    return [
        s
        if s.status
        else Skipped(s.file, s.member, s.reason, REFUSED if s.reason.startswith("refused") else UNREADABLE)
        for s in source.refused
    ]


def read_all(source: Source, importer: Importer) -> tuple[list[Record], list[Skipped]]:
    """Everything an importer reads from an export, in memory (for tests and small exports)."""
    reader = ExportReader(source)
    importer.begin(reader)
    records: list[Record] = []
    skipped: list[Skipped] = source_skips(source)
    for result in plan(source, importer, reader):
        if result.ignored:
            entry = ignored(source.label, importer, result.member)
            if entry:
                skipped.append(entry)
            continue
        batch: list[Record] = []
        try:
            assert result.records is not None  # only an ignored member has none
            batch.extend(result.records)
        except Exception as exc:  # one bad member never stops the scan
            skipped.append(Skipped(source.label, result.member.path, failure_reason(exc)))
            continue
        records.extend(batch)
    return records, skipped
