"""Scan: open each input, recognise its platform, run its importer member by member into the store.

Progress is reported through a callback so the CLI (rich) and the web app can show it;
nothing here prints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cuidado.findings.analyzer import Analyzer
from cuidado.inferences.run import refresh_inferences
from cuidado.importers import SUPPORTED, detect_platform, importer_for
from cuidado.importers.reading import ExportReader
from cuidado.importers.run import failure_reason, ignored_reason, plan
from cuidado.models import Skipped
from cuidado.remediation.progress import supersede_older_inputs, verify_done
from cuidado.sources import Member, Source, SourceError, group_inputs, open_source
from cuidado.store import Store


@dataclass
class InputResult:
    label: str
    platform: str | None = None
    members: int = 0
    read: int = 0  # members read in this run
    already: int = 0  # members already in the workspace (unchanged since an earlier scan)
    records: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    error: str | None = None  # the whole input could not be read
    replaced: list[str] = field(default_factory=list)  # older exports of the same account it replaces


class Progress:
    """What a front end implements to show progress; the default shows nothing."""

    def start(self, label: str, platform: str, total_bytes: int) -> None: ...

    def advance(self, nbytes: int) -> None: ...

    def finish(self, result: InputResult) -> None: ...


def scan(paths: list[Path], store: Store, *, platform: str | None = None,
         progress: Progress | None = None,
         on_member: Callable[[Member], None] | None = None) -> list[InputResult]:
    """Scan every input; one bad input or member never stops the others."""
    progress = progress or Progress()
    analyzer = Analyzer()
    results = []
    for group in group_inputs([Path(p).expanduser() for p in paths]):
        results.append(scan_input(group, store, platform=platform, progress=progress, on_member=on_member,
                                  analyzer=analyzer))
    # Conclusions depend on every item: recompute them only when something changed.
    if any(r.read or r.replaced for r in results) or not _has_inferences(store):
        refresh_inferences(store)
        verify_done(store)
    return results


def _has_inferences(store: Store) -> bool:
    return store.conn.execute("SELECT 1 FROM findings WHERE kind LIKE 'inference.%' LIMIT 1").fetchone() is not None


def scan_input(parts: list[Path], store: Store, *, platform: str | None, progress: Progress,
               on_member: Callable[[Member], None] | None = None,
               analyzer: Analyzer | None = None) -> InputResult:
    label = str(parts[0]) if len(parts) == 1 else f"{parts[0]} (+{len(parts) - 1} parts)"
    result = InputResult(label)
    try:
        source = open_source(parts)
    except (SourceError, OSError) as exc:
        return _whole_input_failed(store, result, str(exc) if isinstance(exc, SourceError) else f"{label}: {exc}")
    with source:
        result.label = source.label
        chosen, score = (platform, 100) if platform else detect_platform([m.path for m in source.members])
        if not chosen or score == 0:
            return _whole_input_failed(store, result, f"{source.label}: not an export cuidado can read. "
                                                      f"Supported: {SUPPORTED}.")
        result.platform, result.members = chosen, len(source.members)
        store.clear_skipped(source.label)
        store.add_skipped(source.refused)
        result.skipped.extend(source.refused)
        progress.start(source.label, chosen, sum(m.size for m in source.members))
        reader = _import_members(source, chosen, store, result, progress, on_member, analyzer or Analyzer())
        key = export_key(chosen, reader, store, source.label)
        store.note_input(source.label, chosen, source.fingerprint, len(source.members), key)
        result.replaced = supersede_older_inputs(store, source.label, chosen, key)
    progress.finish(result)
    return result


def _import_members(source: Source, platform: str, store: Store, result: InputResult,
                    progress: Progress, on_member, analyzer: Analyzer) -> ExportReader:
    importer = importer_for(platform)
    reader = ExportReader(source)
    try:
        importer.begin(reader)
    except Exception as exc:  # the owner's profile is a nicety; the scan goes on without it
        result.skipped.append(Skipped(source.label, None, f"could not read who owns the export: {failure_reason(exc)}"))
    for item in plan(source, importer, reader):
        member = item.member
        key = member_key(platform, member)
        if store.is_done(key):
            store.adopt_member(key, source.label, member.path)
            result.already += 1
            progress.advance(member.size)
            continue
        if on_member:
            on_member(member)
        if item.ignored:
            reason = ignored_reason(member)
            if reason:
                skip = Skipped(source.label, member.path, reason)
                store.add_skipped([skip])
                result.skipped.append(skip)
            progress.advance(member.size)
            continue
        try:
            with store.member(key, source.label, member.path) as writer:
                region = reader.owner.get("region")
                for record in item.records:
                    writer.add(record)
                    for finding in analyzer.findings(record, region=region):
                        writer.add_finding(finding)
            result.records += writer.count
            result.read += 1
        except Exception as exc:  # one bad member never stops the scan
            skip = Skipped(source.label, member.path, failure_reason(exc))
            store.add_skipped([skip])
            result.skipped.append(skip)
        progress.advance(member.size)
    return reader


def export_key(platform: str, reader: ExportReader, store: Store, label: str) -> str | None:
    """Which account (or chat) an export belongs to, so a newer export of it replaces the older one."""
    if platform == "whatsapp":
        # A WhatsApp export is a chat (or a set of chats): only the same chats replace it,
        # never another chat of the same person.
        threads = sorted(t for (t,) in store.conn.execute(
            "SELECT DISTINCT thread FROM records WHERE input = ? AND thread IS NOT NULL", (label,)))
        return "whatsapp:chats:" + "\x1f".join(threads).casefold() if threads else None
    owner = reader.owner
    for key in ("account", "username", "user_id", "name"):
        if owner.get(key):
            return f"{platform}:{key}:{str(owner[key]).casefold()}"
    return None


# Bump when importers or detectors change what they produce, so old workspaces re-read members.
READ_VERSION = "1"


def member_key(platform: str, member: Member) -> str:
    raw = f"{READ_VERSION}\x1f{platform}\x1f{member.path}\x1f{member.fingerprint}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _whole_input_failed(store: Store, result: InputResult, message: str) -> InputResult:
    result.error = message
    skip = Skipped(result.label, None, message)
    store.add_skipped([skip])
    result.skipped.append(skip)
    return result
