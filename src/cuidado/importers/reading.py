"""Helpers importers use to read members: whole JSON with a size cap, streamed JSON, text."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

import ijson

from cuidado.inputs import reasons
from cuidado.inputs.sources import Member, Source

# Above this a JSON member is streamed item by item instead of loaded whole.
LOAD_WHOLE_LIMIT = 32 * 1024 * 1024
MAX_TEXT_LINE = 1 * 1024 * 1024  # a WhatsApp "line" longer than this is cut, not loaded whole
_NOTHING = object()


class ExportReader:
    """What an importer sees of an export: its members, and safe ways to read them."""

    def __init__(self, source: Source, members: list[Member] | None = None):
        self.source = source
        self.members = members if members is not None else source.members
        self._by_lower = {m.lower: m for m in self.members}
        self._names: dict[str, list[Member]] | None = None
        self.owner: dict = {}  # filled by an importer's begin(): owner's name, handle, region…

    def find(self, pattern: str) -> list[Member]:
        """Members whose lower-cased path matches the regex, in natural order."""
        from cuidado.importers.base import numbered

        regex = re.compile(pattern)
        return sorted((m for m in self.members if regex.search(m.lower)), key=numbered)

    def lookup(self, path: str) -> Member | None:
        """Find a member by a path as the export refers to it (relative to some root, any case).

        Exports name media relative to the archive root at export time, which may differ from
        the zip's layout: match the longest tail of the path among members with the same name.
        """
        wanted = path.replace("\\", "/").lstrip("./").lower()
        if not wanted:
            return None
        exact = self._by_lower.get(wanted)
        if exact is not None:
            return exact
        candidates = self._by_name().get(wanted.rsplit("/", 1)[-1], ())
        best, best_len = None, 0
        wanted_parts = wanted.split("/")
        for member in candidates:
            parts = member.lower.split("/")
            shared = 0
            while shared < min(len(parts), len(wanted_parts)) and parts[-1 - shared] == wanted_parts[-1 - shared]:
                shared += 1
            if shared > best_len:
                best, best_len = member, shared
        return best

    def _by_name(self) -> dict[str, list[Member]]:
        if self._names is None:
            self._names = {}
            for member in self.members:
                self._names.setdefault(member.lower.rsplit("/", 1)[-1], []).append(member)
        return self._names

    def open(self, member: Member):
        return self.source.open(member)

    def read_bytes(self, member: Member, limit: int = LOAD_WHOLE_LIMIT) -> bytes:
        if member.size > limit:
            from cuidado.importers.base import ImportProblem

            raise ImportProblem(reasons.TOO_LARGE_WHOLE.format(size=f"{member.size:,}"))
        with self.open(member) as fh:
            return fh.read(limit + 1)

    def load_json(self, member: Member):
        """Parse a JSON member; bad JSON raises ImportProblem naming the problem."""
        from cuidado.importers.base import ImportProblem

        data = self.read_bytes(member)
        try:
            return json.loads(decode_text(data))
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ImportProblem(f"invalid JSON ({_short(exc)})") from None

    def iter_json(self, member: Member, prefix: str = "item") -> Iterator:
        """Stream the items at `prefix` (ijson syntax) of a large JSON member."""
        from cuidado.importers.base import ImportProblem

        try:
            with self.open(member) as fh:
                yield from stream_items(fh, prefix)
        except ijson.JSONError as exc:
            raise ImportProblem(f"invalid JSON ({_short(exc)})") from None

    def json_records(self, member: Member, list_keys: tuple[str, ...] = ()) -> Iterator:
        """The items of a JSON file that is a bare list or an object wrapping one list.

        Small files are loaded whole (fast); large ones are streamed with ijson.
        """
        if member.size <= LOAD_WHOLE_LIMIT:
            data = self.load_json(member)
            yield from unwrap_list(data, list_keys)
            return
        with self.open(member) as fh:
            head = fh.read(4096).removeprefix(b"\xef\xbb\xbf").lstrip()
        if head[:1] == b"[":
            yield from self.iter_json(member, "item")
            return
        for key in list_keys:
            items = self.iter_json(member, f"{key}.item")
            first = next(items, _NOTHING)
            if first is not _NOTHING:
                yield first
                yield from items
                return

    def text_lines(self, member: Member) -> Iterator[str]:
        """Decoded lines of a text member; over-long lines are cut (and marked) instead of loaded."""
        with self.open(member) as raw:
            head = raw.read(4)
            encoding = "utf-8-sig"
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                encoding = "utf-16"
            buffered = io.BufferedReader(_Prepend(head, raw))  # TextIOWrapper wants a buffered stream
            stream = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline=None)
            while True:
                line = stream.readline(MAX_TEXT_LINE)
                if not line:
                    return
                if len(line) >= MAX_TEXT_LINE and not line.endswith("\n"):
                    # Drain the rest of the monster line without keeping it.
                    while True:
                        rest = stream.readline(MAX_TEXT_LINE)
                        if not rest or rest.endswith("\n"):
                            break
                    line = line[:4096] + " […line cut: over 1 MB…]\n"
                yield line.rstrip("\n")


class _Prepend(io.RawIOBase):
    """Give back bytes already read from the head of a stream, then the rest."""

    def __init__(self, head: bytes, raw):
        self._head, self._raw = head, raw

    def readable(self):
        return True

    def readinto(self, buffer):
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


MAX_DEPTH = 512  # no export nests deeper than a few dozen levels; deeper is an attack


def _guarded(events):
    """ijson events, refused past MAX_DEPTH: building deeply nested values costs unbounded memory."""
    from cuidado.importers.base import ImportProblem

    depth = 0
    for prefix, event, value in events:
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > MAX_DEPTH:
                raise ImportProblem(reasons.TOO_DEEP)
        elif event in ("end_map", "end_array"):
            depth -= 1
        yield prefix, event, value


# ijson's parser builds the full key path of every event: inside thousands of nested brackets
# that is quadratic (a 100k-deep member took 10 GB before any event reached _guarded). Runs of
# openers are refused on the raw bytes first, at C speed, before ijson sees them.
_DEEP_RUN = re.compile(rb"(?:[\[{]\s*){%d}" % MAX_DEPTH)

# ijson (yajl) gathers one string or number in a buffer it copies as it grows: quadratic, so one
# 80 MB string took 33 s and 500 MB over 5 minutes (escaped characters are worse still). No real
# text value comes near this; a longer run of bytes without a string's quote is refused.
MAX_VALUE_BYTES = 2 * 1024 * 1024
_QUOTE = re.compile(rb'(?<!\\)"')  # a quote that is not escaped (an escaped backslash before it errs long)
_QUOTE_REVERSED = re.compile(rb'"(?!\\)')


class _RawGuard(io.RawIOBase):
    """Refuses, on the raw bytes, what would make ijson slow to a crawl: deep nesting, huge values."""

    def __init__(self, raw):
        self._raw, self._tail, self._started = raw, b"", False
        self._run = 0  # bytes since the last unescaped quote

    def readable(self):
        return True

    def read(self, size=-1):
        from cuidado.importers.base import ImportProblem

        data = self._raw.read(size)
        if not self._started and data:
            # A UTF-8 byte order mark (some tools and editors add one) is not JSON: ijson stops at it.
            self._started = True
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:] or self._raw.read(size)
        if not data:
            return data
        if _DEEP_RUN.search(self._tail + data):
            raise ImportProblem(reasons.TOO_DEEP)
        self._check_value_lengths(data)
        self._tail = data[-4 * MAX_DEPTH :]
        return data

    def _check_value_lengths(self, data: bytes) -> None:
        from cuidado.importers.base import ImportProblem

        before = self._tail[-1:]  # the byte before this chunk, for the escape check
        chunk = before + data
        first = _QUOTE.search(chunk, len(before))
        if first is None:
            self._run += len(data)
            longest = self._run
        else:
            longest = self._run + first.start() - len(before)
            if len(data) > MAX_VALUE_BYTES:  # only a chunk longer than the limit can hide one inside
                starts = [m.start() for m in _QUOTE.finditer(chunk, len(before))]
                longest = max([longest] + [b - a - 1 for a, b in zip(starts, starts[1:])])
            last = _QUOTE_REVERSED.search(data[::-1])
            assert last is not None  # `first` is an unescaped quote inside data, so there is a last one
            self._run = last.start()  # bytes after the last quote
            longest = max(longest, self._run)
        if longest > MAX_VALUE_BYTES:
            raise ImportProblem(reasons.VALUE_TOO_LONG.format(size=MAX_VALUE_BYTES >> 20))

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def stream_items(fh, prefix: str):
    """ijson.items with a nesting limit."""
    return ijson.items(_guarded(ijson.parse(_RawGuard(fh), use_float=True)), prefix)


def stream_kvitems(fh, prefix: str):
    """ijson.kvitems with a nesting limit."""
    return ijson.kvitems(_guarded(ijson.parse(_RawGuard(fh), use_float=True)), prefix)


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def unwrap_list(data, list_keys: tuple[str, ...] = ()) -> list:
    """Meta files are a bare list or {"something_v2": [...]}: return the list either way."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in list_keys:
            if isinstance(data.get(key), list):
                return data[key]
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) == 1:
            return lists[0]
        if not lists:
            return [data]
    return []


def json_list(value) -> list:
    """The value when it is a JSON array, else an empty one (exports leave out or change what they nest)."""
    return value if isinstance(value, list) else []


def json_dict(value) -> dict:
    """The value when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) < 120 else text[:117] + "..."
