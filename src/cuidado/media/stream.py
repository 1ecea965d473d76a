"""Random access over a file object that is cheap only when it moves forward.

A `zipfile.ZipExtFile` seeks backwards by decompressing again from the start, so parsers
ask for byte ranges in file order: `get` serves them from one look-ahead buffer, reads
ahead in 64 KiB chunks, and jumps over what nobody asked for (an `mdat`, image data)
with a forward seek instead of keeping it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import BinaryIO, Final

from .model import MediaError

CHUNK: Final = 64 * 1024
MAX_GET: Final = 64 * 1024 * 1024  # no single request may make us hold more than this
_DISCARD: Final = 1024 * 1024


class Stream:
    fp: BinaryIO | None
    base: int
    buf: bytes
    buf_off: int
    _size: int | None  # None: not known until the end is met
    end: int | None
    _seekable: bool
    _rest: Callable[[], BinaryIO] | None

    def __init__(self, fp: BinaryIO | None, head: bytes = b"", rest: Callable[[], BinaryIO] | None = None):
        """`head`: bytes already read from the start of `fp` (fp stands right after them).

        With fp None, `head` is the whole file, unless `rest` is given: a function that opens
        the file standing right after `head`, called only when something beyond it is needed
        (most photos are read from `head` alone, and a file object, with its tell, seekable
        and fstat, costs ~5 µs a file).
        """
        self.buf = head
        self.buf_off = 0  # offset of buf[0], relative to where fp stood when we got it
        self._rest = rest
        if fp is None and rest is None:
            self.fp = None
            self.base = 0
            self._seekable = False
            self._size = len(head)
            self.end = len(head)
        elif fp is None:  # attached on first need (_attach)
            self.fp = None
            self.base = 0
            self._seekable = False
            self._size = None
            self.end = None
        else:
            self._attach(fp)

    def _attach(self, fp: BinaryIO) -> None:
        self.fp = fp
        self._rest = None
        head = self.buf
        try:
            self.base = fp.tell() - len(head)
        except (OSError, AttributeError, ValueError):
            self.base = 0
        try:
            self._seekable = bool(fp.seekable())
        except (AttributeError, ValueError, OSError):
            self._seekable = False
        self._size = _known_size(fp, self.base)
        self.end = self._size  # where the data ends, once known

    @property
    def size(self) -> int | None:
        """Size of the file, None when not known until the end is met."""
        rest = self._rest
        if rest is not None:
            self._attach(rest())
        return self._size

    def surely_holds(self, n: int) -> bool:
        """Is the file known to be at least `n` bytes long, without asking the OS? True when the
        bytes in memory reach that far (the first read was full, so the file goes on past it)."""
        return self.fp is None and n <= len(self.buf)

    def get(self, off: int, n: int) -> bytes:
        """Up to `n` bytes at offset `off` (fewer only at end of file)."""
        if n <= 0 or off < 0:
            return b""
        if n > MAX_GET:
            raise MediaError(f"refusing to read {n} bytes at once")
        if self.fp is None:
            rest = self._rest
            buf = self.buf
            if rest is None or off + n <= len(buf):  # in memory
                if off == 0 and n >= len(buf):
                    return buf  # what buf[0:n] gives in Python: no copy (mypyc's slice always copies)
                return buf[off : off + n]
            self._attach(rest())
        buf = self.buf
        rel = off - self.buf_off
        if rel >= 0 and rel + n <= len(buf):
            return buf[rel : rel + n]
        if self.end is not None and off >= self.end:
            return b""
        if 0 <= rel <= len(buf):
            # Overlaps the end of what we hold: keep the tail, read the rest.
            kept = buf[rel:]
            more = self._read(max(n - len(kept), CHUNK))
            self.buf = kept + more if kept else more
        else:
            self._jump(off)
            self.buf = self._read(max(n, CHUNK))
        self.buf_off = off
        return self.buf[:n]

    def _read(self, want: int) -> bytes:
        here = self.buf_off + len(self.buf)
        if self.end is not None:
            want = min(want, self.end - here)
            if want <= 0:
                return b""
        assert self.fp is not None  # get() answers from memory when there is no file
        data = self.fp.read(want)
        if len(data) < want:
            parts = [data]
            got = len(data)
            while got < want and data:  # a pipe or socket may return short reads
                data = self.fp.read(want - got)
                parts.append(data)
                got += len(data)
            data = b"".join(parts)
            if got < want:
                self.end = here + got
        return data

    def _jump(self, off: int) -> None:
        """Place the file at `off`, forgetting the buffer."""
        here = self.buf_off + len(self.buf)
        self.buf = b""
        if off == here:
            self.buf_off = off
            return
        assert self.fp is not None  # get() answers from memory when there is no file
        if self._seekable:
            self.fp.seek(self.base + off)
        elif off > here:
            left = off - here
            while left > 0:
                got = len(self.fp.read(min(left, _DISCARD)))
                if not got:
                    self.end = off - left
                    break
                left -= got
        else:
            raise MediaError("stream cannot seek backwards")
        self.buf_off = off


def _known_size(fp: BinaryIO, base: int) -> int | None:
    """File size from fstat when it is a real file; None (unknown) otherwise."""
    try:
        return os.fstat(fp.fileno()).st_size - base
    except (OSError, AttributeError, ValueError, TypeError):
        pass
    getbuffer = getattr(fp, "getbuffer", None)  # io.BytesIO
    if getbuffer is not None:
        try:
            return getbuffer().nbytes - base
        except (ValueError, TypeError):
            pass
    return None
