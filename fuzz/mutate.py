"""Structure-aware mutators: bytes, JSON values, text lines, and the containers of media files.

Every mutator takes a `random.Random` and the seed bytes and returns new bytes; all of them are
deterministic for a given generator state, so a run is reproducible from its seed.
"""

from __future__ import annotations

import json
import random
import re
import struct

MAX_OUT = 2 * 1024 * 1024  # mutants stay small: throughput matters more than size here

INTERESTING_BYTES = (0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x20, 0x22, 0x5B, 0x5D, 0x7B, 0x7D, 0x5C, 0x0A, 0x0D)
INTERESTING_32 = (
    0,
    1,
    2,
    7,
    8,
    0x7F,
    0x80,
    0xFF,
    0x100,
    0x7FFF,
    0x8000,
    0xFFFF,
    0x10000,
    0x7FFFFFFF,
    0x80000000,
    0xFFFFFFF0,
    0xFFFFFFFF,
)
TOKENS = (
    b"\\ud800",
    b"\\udfff",
    b"\\u0000",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"[[[[[[[[",
    b'{"a":',
    b'"',
    b"\\",
    b"-1",
    b"1e400",
    b"NaN",
    b"Infinity",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b"\x00",
    b"\r\n",
    b"\n\n",
    b"\u200e".decode("unicode_escape").encode(),
    "\u202f".encode(),
    b"PK\x03\x04",
    b"\xff\xd8\xff\xe1",
    b"Exif\x00\x00",
    b"MM\x00*",
    b"II*\x00",
    b"ftyp",
    b"moov",
    b"meta",
    b"iloc",
)


# --- bytes ------------------------------------------------------------------------------------


def bytes_mutation(rng: random.Random, data: bytes, others: list[bytes] | None = None) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3, 5, 8))):
        op = rng.randrange(11)
        n = len(buf)
        if op == 0 and n:  # flip a bit
            i = rng.randrange(n)
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and n:  # an interesting byte
            buf[rng.randrange(n)] = rng.choice(INTERESTING_BYTES)
        elif op == 2 and n:  # a random byte
            buf[rng.randrange(n)] = rng.randrange(256)
        elif op == 3 and n:  # an interesting 16/32-bit value, either byte order
            i = rng.randrange(n)
            size = rng.choice((2, 4))
            value = rng.choice(INTERESTING_32) & ((1 << (8 * size)) - 1)
            buf[i : i + size] = value.to_bytes(size, rng.choice(("big", "little")))
        elif op == 4 and n:  # delete a slice
            i = rng.randrange(n)
            del buf[i : i + rng.randrange(1, 64)]
        elif op == 5 and n:  # duplicate a slice
            i = rng.randrange(n)
            piece = buf[i : i + rng.randrange(1, 256)]
            j = rng.randrange(len(buf) + 1)
            buf[j:j] = piece * rng.choice((1, 1, 2, 16))
        elif op == 6:  # insert a token
            j = rng.randrange(len(buf) + 1)
            buf[j:j] = rng.choice(TOKENS) * rng.choice((1, 1, 1, 4, 100))
        elif op == 7 and n:  # truncate
            del buf[rng.randrange(n) :]
        elif op == 8 and others:  # splice with another seed
            other = rng.choice(others)
            if other:
                i, j = rng.randrange(len(buf) + 1), rng.randrange(len(other))
                buf[i:] = other[j : j + rng.randrange(1, 4096)]
        elif op == 9 and n:  # random bytes
            i = rng.randrange(n)
            buf[i : i + 8] = rng.randbytes(rng.randrange(1, 9))
        elif op == 10 and n > 1:  # swap two slices
            i, j = sorted(rng.sample(range(n), 2))
            k = min(rng.randrange(1, 32), j - i, n - j)
            buf[i : i + k], buf[j : j + k] = buf[j : j + k], buf[i : i + k]
        if len(buf) > MAX_OUT:
            del buf[MAX_OUT:]
    return bytes(buf)


# --- JSON -------------------------------------------------------------------------------------

_YTD = re.compile(rb"^\s*window\.YTD\.[\w.]+\s*=\s*")


def _interesting_value(rng: random.Random):
    pick = rng.randrange(30)
    if pick == 0:
        return 10 ** rng.choice((20, 310, 400))  # beyond float and int64
    if pick == 1:
        return -(10**20)
    if pick == 2:
        return rng.choice((float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 5e-324))
    if pick == 3:
        return rng.choice((0, -1, 1, 2**31, 2**63, -(2**63), 253402300800, -62135596800, 1e20, 1.5e12))
    if pick == 4:
        return rng.choice(("\ud800", "\udfff", "a\udc00b", "\ud83d", "\ufffe", "\x00", "\u202e\u2066"))
    if pick == 5:
        return "x" * rng.choice((1000, 70000, 300000))
    if pick == 6:
        return rng.choice(
            (
                "0001-01-01T00:00:00+05:00",
                "9999-12-31T23:59:59-12:00",
                "0000-00-00 00:00:00",
                "2024-02-30T25:61:61Z",
                "9999-12-31 23:59:59",
                "-0001-01-01",
                "1e20",
                "99999999999999",
                "Mon Jan 01 00:00:00 +1400 0001",
                "Fri Dec 31 23:59:59 -1200 9999",
                "2024-01-01T00:00:00.000Z",
                "Mar 8, 2018, 5:14:40 PM PDT",
                "Jan 1, 0001, 12:00:00 AM GMT+14:00",
                "NaN",
                "",
            )
        )
    if pick == 7:
        depth = rng.choice((10, 100, 900, 3000))
        value: object = 1
        for _ in range(depth):
            value = [value] if rng.random() < 0.5 else {"a": value}
        return value
    if pick == 8:
        return rng.choice((None, True, False, [], {}, "", " ", "null", "N/A"))
    if pick == 9:
        return rng.choice(("\u00c3\u00b1", "Ã±Ã¡", "\u00f0\u009f\u0098\u0080", "caf\u00e9"))  # mojibake
    if pick == 10:
        return rng.choice(
            (
                "+1 713 555 0199",
                "maria@example.com",
                "29.75302,-95.331883",
                "A12345678",
                "Vivo en 2307 Navigation Blvd, Houston, TX 77003",
                "https://maps.google.com/?q=19.4,-99.1",
                "geo:0,0",
                "P<MEXGARCIA<<MARIA<<<<<<<<<<<<<<<<<<<<<<<<<<<",
            )
        )
    if pick == 11:
        return {
            "latitude": rng.choice((91, -181, 1e308, "x", None, 10**400)),
            "longitude": rng.choice((0, 181, "y", -1e308)),
        }
    if pick == 12:
        return [rng.random() for _ in range(rng.choice((0, 3, 1000)))]
    return rng.choice(
        (
            rng.randrange(-(10**12), 10**12),
            rng.random() * 1e10,
            "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(0, 40))),
        )
    )


def _nodes(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _nodes(child, (*path, index))


def _set(root, path, new):
    if not path:
        return new
    node = root
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = new
    return root


def _copy(value):
    return json.loads(json.dumps(value))


def _size(value, budget: int = 200_000) -> int:
    """How many nodes a value has, counting no further than `budget`."""
    count, stack = 0, [value]
    while stack and count < budget:
        node = stack.pop()
        count += 1
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


def json_mutation(rng: random.Random, data: bytes) -> bytes | None:
    """Parse (after an X archive's `window.YTD… =` prefix), change a few values or keys, write back."""
    match = _YTD.match(data)
    prefix, body = (data[: match.end()], data[match.end() :]) if match else (b"", data)
    try:
        root = json.loads(body.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return None
    for _ in range(rng.choice((1, 1, 2, 3, 6))):
        nodes = list(_nodes(root))
        if len(nodes) > 5000:
            nodes = rng.sample(nodes, 5000)
        path, value = rng.choice(nodes)
        op = rng.randrange(9)
        try:
            if op <= 3:  # replace a value
                root = _set(root, path, _interesting_value(rng))
            elif op == 4 and isinstance(value, dict) and value:  # drop a key
                value.pop(rng.choice(list(value)))
            elif op == 5 and isinstance(value, dict) and value:  # rename a key
                key = rng.choice(list(value))
                value[rng.choice((key.upper(), key + "_v2", "", "\ud800", key[:-1]))] = value.pop(key)
            elif op == 6 and isinstance(value, list) and value:  # duplicate, drop or reorder items
                choice = rng.randrange(3)
                if choice == 0:  # copies, not references: shared items would make the output explode
                    item = rng.choice(value)
                    times = rng.choice((1, 5, 200)) if not isinstance(item, (list, dict)) else rng.choice((1, 2, 5))
                    value.extend(_copy(item) for _ in range(times))
                elif choice == 1:
                    del value[rng.randrange(len(value))]
                else:
                    rng.shuffle(value)
            elif op == 7:  # change the type
                swapped = {
                    dict: lambda v: list(v.values()),
                    list: lambda v: {str(i): x for i, x in enumerate(v)},
                    str: lambda v: [v],
                    int: str,
                    float: str,
                }.get(type(value), lambda v: {"v": v})
                root = _set(root, path, swapped(value))
            elif op == 8 and path:  # wrap in another level
                root = _set(root, path, rng.choice(([value], {"data": value}, {"string_map_data": value})))
        except (TypeError, KeyError, IndexError, AttributeError):
            continue
    if _size(root) >= 200_000:
        return None  # grew too much to be worth writing out
    try:
        text = json.dumps(root, ensure_ascii=rng.random() < 0.7, indent=rng.choice((None, None, 2)))
    except (ValueError, RecursionError):
        return None
    out = prefix + text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        out = bytes_mutation(rng, out)
    return out[:MAX_OUT]


# --- text lines (WhatsApp) --------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_ODD_INSERTS = ("\u200e", "\u200f", "\u202f", "\u00a0", "\ufeff", "\u202e", "\u2066", "\u00ad", "\u3000", "\x00", "\r")


def _mutate_digits(rng: random.Random, line: str) -> str:
    spans = list(_DIGITS.finditer(line[:40]))
    if not spans:
        return line
    span = rng.choice(spans)
    new = rng.choice(
        (
            "0",
            "00",
            "0000",
            "1",
            "12",
            "13",
            "24",
            "29",
            "31",
            "32",
            "59",
            "60",
            "99",
            "9999",
            "2566",
            "99999",
            str(rng.randrange(10 ** rng.randrange(1, 6))),
        )
    )
    return line[: span.start()] + new + line[span.end() :]


def line_mutation(rng: random.Random, data: bytes) -> bytes:
    """Mutate a chat file line by line: dates, separators, authors, marks, lengths, order."""
    text = data.decode("utf-8", errors="surrogateescape")
    lines = text.split("\n")
    for _ in range(rng.choice((1, 1, 2, 4, 8))):
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        line = lines[i]
        op = rng.randrange(12)
        if op <= 2:
            lines[i] = _mutate_digits(rng, line)
        elif op == 3:  # separators and brackets
            lines[i] = line.replace(
                rng.choice(("/", ":", ", ", "[", "]", " - ", ".")),
                rng.choice(("/", ".", "-", ":", "", " ", "]", "[", "，")),
                1,
            )
        elif op == 4:  # invisible and odd characters
            j = rng.randrange(len(line) + 1)
            lines[i] = line[:j] + rng.choice(_ODD_INSERTS) * rng.choice((1, 1, 5)) + line[j:]
        elif op == 5:  # AM/PM and eras
            lines[i] = re.sub(
                r"\b[AaPp]\.?\s?[Mm]\.?", rng.choice(("p. m.", "午後", "nachm.", "PM", "XM", "")), line, count=1
            ) + rng.choice(("", " BE", " B.E."))
        elif op == 6:  # authors and attachments
            lines[i] = line + rng.choice(
                (
                    ": ",
                    ": <attached: 00000035-PHOTO-2022-03-27-21-41-55.jpg>",
                    " (file attached)",
                    ": ‎image omitted",
                    ": location: https://maps.google.com/?q=1,2",
                    ": This message was deleted",
                    ":::",
                    ": \x00",
                )
            )
        elif op == 7 and len(line) < 2_000_000:  # a very long line
            lines[i] = line + rng.choice(("x", "ñ", " ", "[")) * rng.choice((1000, 1000, 70000, 70000, 1_100_000))
        elif op == 8:  # duplicate lines
            lines[i:i] = [line] * (rng.choice((1, 2, 50)) if len(line) < 10_000 else 1)
        elif op == 9:
            del lines[i]
        elif op == 10 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:  # a header shape borrowed from another export style
            lines.insert(
                i,
                rng.choice(
                    (
                        "[3/27/22, 21:41:35] Ana: hola",
                        "27/03/2022, 21:41 - Ana: hola",
                        "2022-03-27 21:41 - Ana: hola",
                        "27.03.22, 21:41 - Ana: hola",
                        "[27.03.22, 9:41:35 PM] Ana: hola",
                        "3/27/22, 9:41 PM - Ana: hola",
                        "[27/03/2565 21:41:35] Ana: hola",
                        "27/03/2022 klo 21.41 - Ana: hola",
                        "Ana: no header",
                    )
                ),
            )
    out = "\n".join(lines)
    encoding = rng.choice(("utf-8", "utf-8", "utf-8", "utf-16", "utf-8-sig"))
    raw = (
        out.encode(encoding, errors="surrogateescape")
        if encoding != "utf-16"
        else out.encode("utf-16", errors="surrogatepass")
    )
    if rng.random() < 0.1:
        raw = bytes_mutation(rng, raw)
    return raw[: MAX_OUT * 2]


# --- media containers -------------------------------------------------------------------------


def _jpeg_segments(data: bytes) -> list[tuple[int, int]]:
    """(offset, length field offset) of each marker segment before the scan data."""
    out, pos = [], 2
    while pos + 4 <= len(data) and data[pos] == 0xFF and len(out) < 200:
        marker = data[pos + 1]
        if marker == 0xDA or marker == 0xD9:
            break
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            pos += 1 if marker == 0xFF else 2
            continue
        length = struct.unpack_from(">H", data, pos + 2)[0]
        out.append((pos, pos + 2))
        pos += 2 + length
    return out


def _png_chunks(data: bytes) -> list[tuple[int, int]]:
    out, pos = [], 8
    while pos + 8 <= len(data) and len(out) < 200:
        length = struct.unpack_from(">I", data, pos)[0]
        out.append((pos, pos))
        pos += 12 + length
    return out


def _riff_chunks(data: bytes) -> list[tuple[int, int]]:
    out, pos = [(0, 4)], 12
    while pos + 8 <= len(data) and len(out) < 200:
        length = struct.unpack_from("<I", data, pos + 4)[0]
        out.append((pos, pos + 4))
        pos += 8 + length + (length & 1)
    return out


def _boxes(data: bytes, start: int = 0, end: int | None = None, depth: int = 0) -> list[tuple[int, int]]:
    """ISO BMFF boxes (offset, size field offset), descending into the usual containers."""
    end = len(data) if end is None else end
    out, pos = [], start
    while pos + 8 <= end and len(out) < 400:
        size = struct.unpack_from(">I", data, pos)[0]
        kind = data[pos + 4 : pos + 8]
        header = 8
        if size == 1 and pos + 16 <= end:
            size, header = struct.unpack_from(">Q", data, pos + 8)[0], 16
        elif size == 0:
            size = end - pos
        if size < header:
            break
        out.append((pos, pos))
        if depth < 6 and kind in (
            b"moov",
            b"trak",
            b"mdia",
            b"minf",
            b"stbl",
            b"udta",
            b"meta",
            b"iprp",
            b"ipco",
            b"dinf",
            b"edts",
            b"ilst",
            b"iinf",
        ):
            inner = pos + header + (4 if kind == b"meta" else 0)
            out += _boxes(data, inner, min(pos + size, end), depth + 1)
        pos += size
    return out


_STRUCTURE = {
    "jpeg": (_jpeg_segments, ">H"),
    "png": (_png_chunks, ">I"),
    "webp": (_riff_chunks, "<I"),
    "bmff": (_boxes, ">I"),
}


def media_mutation(rng: random.Random, data: bytes, kind: str, others: list[bytes] | None = None) -> bytes:
    """Mutate length fields, duplicate or drop whole segments/chunks/boxes, or the bytes inside them."""
    finder, fmt = _STRUCTURE[kind]
    try:
        units = finder(data)
    except (struct.error, IndexError):
        units = []
    if not units or rng.random() < 0.25:
        return bytes_mutation(rng, data, others)
    buf = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3))):
        start, field = rng.choice(units)
        op = rng.randrange(6)
        size = struct.calcsize(fmt)
        if field + size > len(buf):
            continue
        if op <= 1:  # a lying length
            current = struct.unpack_from(fmt, buf, field)[0]
            new = rng.choice(
                (
                    0,
                    1,
                    2,
                    7,
                    8,
                    9,
                    16,
                    current - 1,
                    current + 1,
                    current * 2,
                    0xFFFF,
                    0xFFFFFFFF,
                    0x7FFFFFFF,
                    rng.randrange(1 << (8 * size)),
                )
            )
            struct.pack_into(fmt, buf, field, new & ((1 << (8 * size)) - 1))
        elif op == 2:  # duplicate a unit
            nxt = [s for s, _ in units if s > start]
            stop = min(nxt) if nxt else len(buf)
            piece = buf[start:stop][:65536]
            buf[start:start] = piece * rng.choice((1, 2, 30))
        elif op == 3:  # drop a unit
            nxt = [s for s, _ in units if s > start]
            del buf[start : min(nxt) if nxt else len(buf)]
        elif op == 4:  # mutate inside a unit (where EXIF, XMP and box payloads live)
            i = min(field + size + rng.randrange(64), max(len(buf) - 1, 0))
            for _ in range(rng.choice((1, 2, 4, 8))):
                if buf:
                    j = min(i + rng.randrange(256), len(buf) - 1)
                    buf[j] = rng.choice((rng.randrange(256), *INTERESTING_BYTES))
        else:  # truncate inside a unit
            del buf[min(len(buf), field + rng.randrange(64)) :]
        if len(buf) > MAX_OUT:
            del buf[MAX_OUT:]
        try:
            units = finder(bytes(buf)) or units
        except (struct.error, IndexError):
            pass
    return bytes(buf)
