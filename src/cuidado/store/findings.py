"""Questions about what was found (table `findings`), alone or with the items it was found in."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

from cuidado.models import Finding
from cuidado.store.rows import finding_row
from cuidado.store.sql import SEVERITY_RANK, Queries, kind_filter, marks

# How findings() sorts: the findings contract (most severe, then surest, then newest); most severe
# then by id alone (a stable pick among equals, e.g. one map point per place); most severe and
# surest, equals in the order they were found (one item's findings); or conclusions by how sure
# they are and how much gives them away.
ORDERS = {
    "severity": f"{SEVERITY_RANK}, confidence DESC, time DESC, id",
    "severity_id": f"{SEVERITY_RANK}, id",
    "found": f"{SEVERITY_RANK}, confidence DESC, rowid",
    "confidence": "confidence DESC, json_extract(extra, '$.evidence_count') DESC, id",
}
Order = Literal["severity", "severity_id", "found", "confidence"]


class LocatedEvidence(NamedTuple):
    """A position found in an item, with the item's time and extra fields (for its local time)."""

    item: str
    platform: str
    lat: float
    lon: float
    time: str | None
    record_extra: str | None  # JSON


class DatedFinding(NamedTuple):
    """A finding with the position of its item when the finding has none (for the timeline)."""

    kind: str
    subtype: str | None
    time: str | None
    value: str
    place: str | None
    platform: str
    source: str
    item: str
    excerpt: str | None
    extra: str | None  # JSON
    lat: float | None
    lon: float | None
    record_extra: str | None  # JSON


class KindTotal(NamedTuple):
    kind: str
    count: int  # type: ignore[assignment]  # shadows tuple.count, which nothing here calls
    confidence: float  # the highest
    items: list[str]


class FindingQueries(Queries):
    def findings(
        self,
        *,
        kinds: Sequence[str] = (),
        platforms: Sequence[str] = (),
        severities: Sequence[str] = (),
        items: Sequence[str] = (),
        located: bool = False,
        order: Order = "severity",
        limit: int | None = None,
    ) -> list[sqlite3.Row]:
        """Findings, most severe first, then most confident, then newest (or another of ORDERS).
        A kind filter matches a prefix ("location" selects every location.* kind); `located`
        keeps those with coordinates."""
        clauses: list[str] = []
        params: list[str | int] = []
        if kinds:
            clause, values = kind_filter(kinds)
            clauses.append(clause)
            params += values
        for column, wanted in (("platform", platforms), ("severity", severities), ("item", items)):
            if wanted:
                clauses.append(f"{column} IN ({marks(len(wanted))})")
                params += list(wanted)
        if located:
            clauses.append("lat IS NOT NULL AND lon IS NOT NULL")
        where = " AND ".join(clauses) or "1"
        tail = ""
        if limit is not None:
            tail, params = " LIMIT ?", [*params, limit]
        return self._rows(f"SELECT * FROM findings WHERE {where} ORDER BY {ORDERS[order]}{tail}", params)

    def has_findings(self, kinds: Sequence[str]) -> bool:
        clause, params = kind_filter(kinds)
        return self._value(f"SELECT 1 FROM findings WHERE {clause} LIMIT 1", params) is not None

    def add_findings(self, findings: Iterable[Finding]) -> None:
        """Findings made after import (e.g. across items); idempotent by finding id."""
        rows = [finding_row(f) for f in findings]
        if rows:
            self._conn.executemany(f"INSERT OR IGNORE INTO findings VALUES ({marks(16)})", rows)

    def delete_findings(self, kinds: Sequence[str]) -> None:
        """Every finding of these kinds (or families of kinds)."""
        clause, params = kind_filter(kinds)
        self._conn.execute(f"DELETE FROM findings WHERE {clause}", params)

    # --- totals ------------------------------------------------------------------------------

    def severity_counts(self) -> dict[str, int]:
        """severity -> how many findings in items (conclusions are not counted)."""
        return dict(
            self._tuples("SELECT severity, count(*) FROM findings WHERE kind NOT LIKE 'inference.%' GROUP BY severity")
        )

    def located_item_count(self) -> int:
        """How many items give away a place."""
        return self._value("SELECT count(DISTINCT item) FROM findings WHERE kind LIKE 'location.%'")

    def items_per_platform(self, kinds: Sequence[str]) -> dict[str, int]:
        """platform -> how many items have a finding of one of these (exact) kinds."""
        return dict(
            self._tuples(
                f"SELECT platform, count(DISTINCT item) FROM findings "
                f"WHERE kind IN ({marks(len(kinds))}) GROUP BY platform",
                kinds,
            )
        )

    def kind_totals(self, kinds: Sequence[str]) -> list[KindTotal]:
        """Per kind (prefix match, as in findings()): how many, how sure at most, and in which items;
        the most frequent first."""
        clause, params = kind_filter(kinds)
        return [
            KindTotal(kind, count, confidence, json.loads(items))
            for kind, count, confidence, items in self._tuples(
                f"SELECT kind, count(*), max(confidence), json_group_array(item) FROM findings "
                f"WHERE {clause} GROUP BY kind ORDER BY count(*) DESC",
                params,
            )
        ]

    def value_totals(self, kinds: Sequence[str], limit: int) -> list[tuple[str, str, float, int, list[str]]]:
        """The `limit` values of these (exact) kinds found most often:
        (kind, value, highest confidence, how many, items)."""
        return [
            (kind, value, confidence, count, json.loads(items))
            for kind, value, confidence, count, items in self._tuples(
                f"SELECT kind, value, max(confidence), count(*), json_group_array(item) FROM findings "
                f"WHERE kind IN ({marks(len(kinds))}) GROUP BY kind, value "
                "ORDER BY count(*) DESC LIMIT ?",
                (*kinds, limit),
            )
        ]

    def monthly_severity(self) -> list[tuple[str, int, int, int]]:
        """(YYYY-MM, high, medium, all) findings in dated items per month, oldest first (no conclusions)."""
        return self._tuples(
            "SELECT substr(time, 1, 7) AS month, sum(severity = 'high'), sum(severity = 'medium'), "
            "count(*) FROM findings WHERE time IS NOT NULL AND kind NOT LIKE 'inference.%' "
            "GROUP BY month ORDER BY month"
        )

    # --- per item ----------------------------------------------------------------------------

    def item_findings(self) -> list[tuple[str, str | None, str, float, str]]:
        """(kind, subtype, severity, confidence, item) of every finding that belongs to one item
        (not a conclusion drawn across items)."""
        return self._tuples(
            "SELECT kind, subtype, severity, confidence, item FROM findings WHERE item NOT LIKE 'inference:%'"
        )

    def items_with_findings(self, items: Sequence[str], kinds: Sequence[str]) -> set[str]:
        """Those of `items` that have a finding of one of these (exact) kinds."""
        return {
            item
            for (item,) in self._in_chunks(
                f"SELECT DISTINCT item FROM findings WHERE item IN ({{marks}}) AND kind IN ({marks(len(kinds))})",
                list(items),
                kinds,
            )
        }

    # --- with the item they were found in ----------------------------------------------------

    def located_evidence(self, kinds: Sequence[str]) -> list[LocatedEvidence]:
        """Every position of these (exact) kinds, with its item's time and extra fields."""
        return self._named(
            LocatedEvidence,
            "SELECT f.item, f.platform, f.lat, f.lon, r.time, r.extra FROM findings f "
            "LEFT JOIN records r ON r.id = f.item "
            f"WHERE f.kind IN ({marks(len(kinds))}) AND f.lat IS NOT NULL AND f.lon IS NOT NULL",
            kinds,
        )

    def own_identifiers(self, kinds: Sequence[str]) -> list[tuple[str, str, str, str]]:
        """(kind, value, platform, item) of these (exact) kinds in items the person wrote, or whose
        author the export does not say."""
        return self._tuples(
            "SELECT f.kind, f.value, f.platform, f.item FROM findings f JOIN records r "
            f"ON r.id = f.item WHERE f.kind IN ({marks(len(kinds))}) "
            "AND coalesce(r.by_self, 1) = 1",
            kinds,
        )

    def own_revealing_messages(self) -> list[tuple[str, str | None, str]]:
        """(platform, thread, item) of the person's own messages with a high or medium sensitive,
        location or identity finding."""
        return self._tuples(
            "SELECT r.platform, r.thread, r.id FROM findings f JOIN records r ON r.id = f.item "
            "WHERE r.kind = 'message' AND coalesce(r.by_self, 1) = 1 AND f.severity IN ('high', 'medium') "
            "AND (f.kind LIKE 'sensitive.%' OR f.kind LIKE 'location.%' OR f.kind LIKE 'identity.%')"
        )

    def dated_findings(self) -> list[DatedFinding]:
        """Every finding, oldest first (undated last), with its item's position where it has none."""
        return self._named(
            DatedFinding,
            "SELECT f.kind, f.subtype, f.time, f.value, f.place, f.platform, f.source, f.item, "
            "f.excerpt, f.extra, coalesce(f.lat, r.lat), coalesce(f.lon, r.lon), r.extra "
            "FROM findings f LEFT JOIN records r ON r.id = f.item "
            "ORDER BY coalesce(f.time, '9999'), f.kind",
        )


__all__ = ["DatedFinding", "FindingQueries", "KindTotal", "LocatedEvidence", "ORDERS"]
