"""Questions about the items read from the exports (table `records`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from cuidado.store.sql import AUDIENCE_CONNECTION, Queries, marks


class ThreadItem(NamedTuple):
    """A message, or a chat's own notice ("+52… joined"), in a conversation."""

    platform: str
    kind: str
    thread: str
    participants: str | None  # JSON list
    author: str | None
    by_self: int | None
    source: str
    id: str
    text: str | None


class RecordQueries(Queries):
    def has_records(self) -> bool:
        return self._value("SELECT 1 FROM records LIMIT 1") is not None

    def record(self, record_id: str) -> dict | None:
        rows = self._rows("SELECT * FROM records WHERE id = ?", (record_id,))
        return dict(rows[0]) if rows else None

    def records(self, ids: Iterable[str]) -> dict[str, dict]:
        """The items with these ids (ids of conclusions, "inference:…", are not items), by id."""
        wanted = sorted({i for i in ids if i and not i.startswith("inference:")})
        return {
            row["id"]: dict(row)
            for row in self._in_chunks(
                "SELECT * FROM records WHERE id IN ({marks}) ORDER BY time, id", wanted, rows=True
            )
        }

    def neighbours(self, record: dict, around: int) -> tuple[list[dict], list[dict]]:
        """Up to `around` items just before and after `record`, oldest first: in the same
        conversation, else in the same file."""
        if record.get("thread"):
            where, params = "platform = ? AND thread = ?", (record["platform"], record["thread"])
        else:
            where, params = "platform = ? AND source = ?", (record["platform"], record["source"])
        time = record.get("time") or ""
        before = self._rows(
            f"SELECT * FROM records WHERE {where} AND (time < ? OR (time = ? AND id < ?)) "
            f"AND id IN (SELECT id FROM records WHERE {where} AND time <= ? "
            "ORDER BY time DESC, id DESC LIMIT ?) ORDER BY time, id",
            (*params, time, time, record["id"], *params, time, around + 1),
        )
        after = self._rows(
            f"SELECT * FROM records WHERE {where} AND (time > ? OR (time = ? AND id > ?)) "
            f"AND id IN (SELECT id FROM records WHERE {where} AND time >= ? "
            "ORDER BY time, id LIMIT ?) ORDER BY time, id",
            (*params, time, time, record["id"], *params, time, around + 1),
        )
        return [dict(r) for r in before][-around:], [dict(r) for r in after][:around]

    def records_span(self) -> tuple[int, str | None, str | None]:
        """How many items, and the first and last time among them."""
        count, first, last = self._conn.execute("SELECT count(*), min(time), max(time) FROM records").fetchone()
        return count, first, last

    def counts(self) -> list[tuple[str, str, int, str | None, str | None]]:
        """(platform, kind, items, first time, last time) for each platform and kind."""
        return self._tuples(
            "SELECT platform, kind, count(*), min(time), max(time) FROM records GROUP BY platform, kind"
        )

    def platforms(self) -> list[str]:
        return self._column("SELECT DISTINCT platform FROM records ORDER BY platform")

    # --- people ------------------------------------------------------------------------------

    def message_authors(self) -> list[str]:
        """Everyone who wrote a message or a comment."""
        return self._column(
            "SELECT DISTINCT author FROM records WHERE author IS NOT NULL AND kind IN ('message', 'comment')"
        )

    def participant_lists(self) -> list[list[str]]:
        """The people in each conversation (each distinct list once)."""
        return [
            json.loads(p)
            for p in self._column("SELECT DISTINCT participants FROM records WHERE participants IS NOT NULL")
        ]

    def connections_since(self, since: str) -> list[tuple[str, str, str, str | None, str | None]]:
        """Friends and followers added at or after `since` (ISO UTC): (id, platform, source, time, name)."""
        return self._tuples(
            "SELECT id, platform, source, time, coalesce(author, text) FROM records WHERE kind = 'connection' "
            f"AND time >= ? AND {AUDIENCE_CONNECTION}",
            (since,),
        )

    def audience_sizes(self) -> dict[str, int]:
        """platform -> how many friends and followers the export lists."""
        return dict(
            self._tuples(
                f"SELECT platform, count(*) FROM records WHERE kind = 'connection' AND {AUDIENCE_CONNECTION} "
                "GROUP BY platform"
            )
        )

    def thread_items(self) -> list[ThreadItem]:
        """Every message and chat notice that belongs to a conversation."""
        return self._named(
            ThreadItem,
            f"SELECT {', '.join(ThreadItem._fields)} FROM records "
            "WHERE kind IN ('message', 'other') AND thread IS NOT NULL",
        )

    def narrow_audience_items(
        self, platform: str, audiences: Sequence[str]
    ) -> list[tuple[str, str, str | None, str, int | None, str | None]]:
        """Items of `platform` shown to one of `audiences` that reveal something (carry a finding
        other than about their audience): (id, source, time, audience, by_self, text)."""
        return self._tuples(
            "SELECT r.id, r.source, r.time, r.audience, r.by_self, r.text FROM records r "
            f"WHERE r.platform = ? AND r.audience IN ({marks(len(audiences))}) "
            "AND EXISTS (SELECT 1 FROM findings f WHERE f.item = r.id AND f.kind NOT LIKE 'audience.%')",
            (platform, *audiences),
        )

    # --- profiles and photos -----------------------------------------------------------------

    def profile_fields(self, fields: Sequence[str]) -> list[tuple[str, str, str]]:
        """(platform, value, record id) of the profile fields named `fields`."""
        return self._tuples(
            "SELECT platform, text, id FROM records WHERE kind = 'profile_field' AND text IS NOT NULL "
            f"AND json_extract(extra, '$.field') IN ({marks(len(fields))})",
            fields,
        )

    def photo_hashes(self) -> list[tuple[str, str, str, str, float | None]]:
        """(platform, id, source, perceptual hash in hex, detail) of every photo that has a hash."""
        return self._tuples(
            "SELECT platform, id, source, json_extract(extra, '$.image.phash'), "
            "json_extract(extra, '$.image.detail') FROM records "
            "WHERE kind = 'media' AND json_extract(extra, '$.image.phash') IS NOT NULL"
        )

    # --- one input ---------------------------------------------------------------------------

    def input_record_counts(self, input_label: str) -> tuple[int, int]:
        """(items that are not media files, media files) read from this input."""
        counts = dict(
            self._tuples(
                "SELECT kind = 'media', count(*) FROM records WHERE input = ? GROUP BY kind = 'media'", (input_label,)
            )
        )
        return counts.get(0, 0), counts.get(1, 0)

    def input_threads(self, input_label: str) -> list[str]:
        """The conversations this input holds, sorted."""
        return sorted(
            self._column("SELECT DISTINCT thread FROM records WHERE input = ? AND thread IS NOT NULL", (input_label,))
        )

    def photos_without_ocr(self, input_label: str) -> list[str]:
        """Photos of this input that may show a document but were not read for text (no Tesseract)."""
        return self._column(
            "SELECT DISTINCT source FROM records WHERE input = ? AND kind = 'media' "
            "AND json_extract(extra, '$.image.ocr') = 'unavailable'",
            (input_label,),
        )

    def photos_not_checked(self) -> dict[str, int]:
        """Photos whose pixel checks have not (all) run yet: check name ("faces", "ocr") -> how many
        photos miss it, and "photos" -> how many miss any."""
        counts = dict(
            self._tuples(
                "SELECT j.value, count(*) FROM records r, json_each(r.extra, '$.unchecked') j "
                "WHERE r.kind = 'media' AND json_extract(r.extra, '$.unchecked') IS NOT NULL GROUP BY j.value"
            )
        )
        counts["photos"] = self._value(
            "SELECT count(*) FROM records WHERE kind = 'media' AND json_extract(extra, '$.unchecked') IS NOT NULL"
        )
        return counts

    def records_like(self, platform: str, kind: str, time: str | None) -> list[tuple[str | None, str]]:
        """(text, source) of the items of this platform and kind at exactly this time (or with no time)."""
        return self._tuples(
            "SELECT text, source FROM records WHERE platform = ? AND kind = ? AND coalesce(time, '') = coalesce(?, '')",
            (platform, kind, time),
        )


__all__ = ["RecordQueries", "ThreadItem"]
