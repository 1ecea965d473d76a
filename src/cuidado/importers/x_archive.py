"""Read the `data/*.js` files of an X/Twitter archive: `window.YTD.<name>.partN = [...]`.

Each file is one JavaScript assignment around a JSON value. Small files are loaded whole;
large ones (tweets, likes, DMs of a heavy user) are streamed with ijson after skipping the
assignment, so a multi-gigabyte archive never sits in memory at once.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import datetime

import ijson

from cuidado.importers.base import ImportProblem
from cuidado.importers.reading import LOAD_WHOLE_LIMIT, ExportReader, _Prepend, decode_text, stream_items
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import utc

_HEAD = 64 * 1024  # the assignment prefix is short; give up looking for it after this much


def ytd_value(reader: ExportReader, member: Member):
    """The whole JSON value of a small archive file (a list, or the manifest's object)."""
    text = decode_text(reader.read_bytes(member))
    body = _after_assignment(text)
    try:
        return json.loads(body)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportProblem(reasons.X_INVALID_JSON_AFTER.format(reason=getattr(exc, "msg", exc))) from None


def ytd_items(reader: ExportReader, member: Member) -> Iterator:
    """The items of an archive file's list, loaded whole or streamed when large."""
    if member.size <= LOAD_WHOLE_LIMIT:
        value = ytd_value(reader, member)
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            raise ImportProblem(reasons.NO_LIST)
        yield from value
        return
    with reader.open(member) as raw:
        head = raw.read(_HEAD)
        cut = head.find(b"=")
        if cut < 0:
            raise ImportProblem(reasons.X_NOT_DATA)
        stream = io.BufferedReader(_TrimTail(_Prepend(head[cut + 1 :], raw)))
        try:
            yield from stream_items(stream, "item")
        except ijson.JSONError as exc:
            raise ImportProblem(reasons.X_INVALID_JSON.format(reason=str(exc).splitlines()[0][:100])) from None


def _after_assignment(text: str) -> str:
    stripped = text.lstrip()
    if stripped[:1] in ("[", "{"):
        body = stripped  # plain JSON (someone re-saved the file): accept it
    else:
        cut = text.find("=", 0, _HEAD)
        if cut < 0:
            raise ImportProblem(reasons.X_NOT_DATA)
        body = text[cut + 1 :]
    return body.rstrip().rstrip(";")


class _TrimTail(io.RawIOBase):
    """Pass a stream through but drop the trailing whitespace and ';' of the JS statement."""

    _KEEP = 64

    def __init__(self, raw):
        self._raw, self._held, self._done = raw, b"", False

    def readable(self):
        return True

    def readinto(self, buffer):
        while True:
            if self._done:
                n = min(len(buffer), len(self._held))
                buffer[:n] = self._held[:n]
                self._held = self._held[n:]
                return n
            chunk = self._raw.read(max(len(buffer), 65536))
            if not chunk:
                self._done = True
                self._held = self._held.rstrip().rstrip(b";").rstrip()
                continue
            data = self._held + chunk
            self._held = data[-self._KEEP :]
            out = data[: -self._KEEP]
            if out:
                n = min(len(buffer), len(out))
                buffer[:n] = out[:n]
                self._held = out[n:] + self._held
                return n


def unwrap(item, *keys: str):
    """Items are `{"<wrapper>": {...}}`; return the inner object (or the item itself)."""
    if not isinstance(item, dict):
        return None
    for key in keys:
        inner = item.get(key)
        if isinstance(inner, dict):
            return inner
    return item


def iso_time(value) -> datetime | None:
    """ISO 8601 as the archive writes it (`2006-11-15T13:18:50.000Z`), or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except (ValueError, OverflowError):  # OverflowError: year 1 or 9999 shifted out of range by its offset
        return None


def tweet_time(value) -> datetime | None:
    """`Wed Sep 04 13:51:55 +0000 2019`, the tweets' own format (ISO accepted too)."""
    if not isinstance(value, str):
        return None
    try:
        return utc(datetime.strptime(value.strip(), "%a %b %d %H:%M:%S %z %Y"))
    except (ValueError, OverflowError):
        return iso_time(value)


def as_float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer beyond any float
        return None
    return number if number == number else None  # NaN is no coordinate
