"""Run every per-item detector over a record and return its findings, ready to store."""

from __future__ import annotations

from functools import partial

from cuidado.detectors.severity import severity
from cuidado.detectors.text import AUTO, TextMatch, TextScanner
from cuidado.findings.excerpt import excerpt
from cuidado.findings.record_fields import structured_findings
from cuidado.models import Finding, Kind, Record

# Kinds whose text is the person's (or their contacts') words worth reading.
_TEXT_KINDS = {
    Kind.POST,
    Kind.COMMENT,
    Kind.MESSAGE,
    Kind.SEARCH,
    Kind.PROFILE_FIELD,
    Kind.MEDIA,
    Kind.LOCATION,
    Kind.OTHER,
    Kind.INTEREST,
    Kind.OFF_PLATFORM,
}
_MASKED = {"identity.government_id"}
# Items whose "text" is a name, a link or a title someone else wrote: no text detection.
_NAME_ONLY = {Kind.CONNECTION, Kind.WATCH, Kind.LIKE, Kind.LOGIN}
# A name the platform tied to the person (an interest, a business that reported them): a sensitive
# word in it says something about them, as if they had said it.
_LABELS_ABOUT_SELF = {Kind.INTEREST, Kind.OFF_PLATFORM}


class Analyzer:
    """Built once per scan: compiles the detectors once, then is cheap per item."""

    def __init__(self, region: str | None = "US"):
        self.scanner = TextScanner(default_region=region)
        self.region = region

    def findings(self, record: Record, *, region: str | None = None) -> list[Finding]:
        make = partial(self._make, record)
        found = list(structured_findings(record, make))
        if record.text and record.kind not in _NAME_ONLY and record.kind in _TEXT_KINDS:
            labels = record.kind in _LABELS_ABOUT_SELF
            for match in self.scan_text(record.text, region=region, about_self=labels):
                found.append(
                    make(
                        match.kind,
                        match.value,
                        match.confidence,
                        subtype=match.subtype,
                        lat=match.lat,
                        lon=match.lon,
                        terms=match.terms,
                        excerpt=excerpt(record.text, match.start, match.end, mask=match.kind in _MASKED),
                    )
                )
        return _dedupe(found)

    def scan_text(self, text: str, *, region: str | None = None, about_self: bool = False) -> list[TextMatch]:
        """One item's text through the text engine, as every scan reads it: the item's
        language is detected (lazily, see TextScanner.scan) rather than assumed.
        The labeled-corpus evaluation calls this too, so its figures are a scan's."""
        return self.scanner.scan(text, region=region or self.region, lang=AUTO, about_self=about_self)

    def _make(
        self,
        record: Record,
        kind: str,
        value: str,
        confidence: float,
        *,
        subtype=None,
        lat=None,
        lon=None,
        place=None,
        excerpt=None,
        terms=(),
        extra=None,
    ) -> Finding:
        return Finding(
            kind=kind,
            subtype=subtype,
            severity=severity(kind, subtype, confidence, audience=record.audience, by_self=record.by_self),
            confidence=confidence,
            platform=record.platform,
            source=record.source,
            item=record.id,
            value=value,
            time=record.time,
            lat=lat,
            lon=lon,
            place=place or record.place,
            excerpt=excerpt,
            terms=tuple(terms or ()),
            extra=extra or {},
        )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, unique = set(), []
    for finding in findings:
        if finding.id not in seen:
            seen.add(finding.id)
            unique.append(finding)
    return unique
