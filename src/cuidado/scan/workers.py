"""Reading members in worker processes: parsing and detection are CPU-bound, writing stays in the
main process (one SQLite writer, one transaction per member, so crash safety is unchanged).

A worker opens each input once and keeps it, with its importer (after `begin`) and one Analyzer,
for every member it is given; it returns the member's records and findings, or why it failed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from cuidado.findings.analyzer import Analyzer
from cuidado.importers import importer_for
from cuidado.importers.media_record import PhotoChecks, ocr_missed
from cuidado.importers.reading import ExportReader
from cuidado.importers.run import failure_reason, member_records
from cuidado.inputs.sources import open_source
from cuidado.store.rows import finding_row, record_row

# Members larger than this are read in the main process, streamed straight into the database,
# so a huge message file never sits in memory as one batch.
PARALLEL_MAX_MEMBER = 32 * 1024 * 1024
PARALLEL_MIN_MEMBERS = 40
PARALLEL_MIN_BYTES = 4 * 1024 * 1024  # or fewer members holding this much (a Takeout's few big files)
# Photos read for their metadata alone (~0.5 ms each) go to a worker this many at a time: handed
# over one by one, the handing cost more than the reading (10,500 photos: 8.7 s in one process,
# 14.8 s with two workers, one photo per task).
LIGHT_BATCH = 64
# ... and only when the workers are running already (started for an earlier input's posts), or
# there are this many: starting them costs about what reading 2,000 photos here does.
LIGHT_ALONE_MIN = 5000


@dataclass
class MemberOutcome:
    """One member's records and findings as the store's rows (made here: in the main process making
    them was most of a member's cost, and plain tuples cross between processes faster)."""

    path: str
    rows: list[tuple] = field(default_factory=list)
    finding_rows: list[tuple] = field(default_factory=list)
    ocr_missed: bool = False  # a photo that may show a document, read without OCR
    error: str | None = None


_OPEN: dict[tuple, tuple] = {}


def _state(parts: tuple[str, ...], platform: str):
    key = (parts, platform)
    if key not in _OPEN:
        for old in list(_OPEN):  # one input at a time per worker: close what came before
            _OPEN.pop(old)[0].close()
        source = open_source([Path(p) for p in parts])
        importer = importer_for(platform)
        reader = ExportReader(source)
        try:
            importer.begin(reader)
        except Exception:  # the main process reports it; a worker goes on without the owner's profile
            pass
        members = {member.path: member for member in reader.members}
        _OPEN[key] = (source, reader, importer, members, _analyzer())
    return _OPEN[key]


_ANALYZER: Analyzer | None = None


def _analyzer() -> Analyzer:
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = Analyzer()
        try:  # one thread per worker: the workers already use every core
            import cv2

            cv2.setNumThreads(1)
        except ImportError:
            pass
    return _ANALYZER


def read_members(
    parts: tuple[str, ...], label: str, platform: str, paths: list[str], checks: PhotoChecks
) -> list[MemberOutcome]:
    """`read_member` for several members in one task."""
    return [read_member(parts, label, platform, path, checks) for path in paths]


def read_member(parts: tuple[str, ...], label: str, platform: str, path: str, checks: PhotoChecks) -> MemberOutcome:
    """Everything one member gives, computed here, written by the caller into input `label` (as
    stored); `checks` are the photo checks the scan asked for (passed with each member: a worker
    reads no settings of its own)."""
    source, reader, importer, members, analyzer = _state(parts, platform)
    outcome = MemberOutcome(path)
    member = members.get(path)
    records = member_records(importer, reader, member, checks) if member is not None else None
    if records is None:
        outcome.error = "not readable"
        return outcome
    try:
        region = reader.owner.get("region")
        for record in records:
            outcome.rows.append(record_row(record, label))
            outcome.finding_rows.extend(finding_row(f) for f in analyzer.findings(record, region=region))
            outcome.ocr_missed = outcome.ocr_missed or ocr_missed(record)
    except Exception as exc:  # reported by the caller as a skipped member
        outcome.rows, outcome.finding_rows = [], []
        outcome.error = failure_reason(exc)
    return outcome


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))
