"""The HTML files of a YouTube Takeout: activity history (the default format) and old my-comments.

Activity: each entry is `<div class="outer-cell …">` holding a body cell (`Watched&nbsp;<a>title</a>
<br><a>channel</a><br>Mar 8, 2018, 5:14:40 PM PDT`) and a caption cell (`Products:`,
`Locations:` with a maps link carrying `center=lat,lon`, `Details:`). Files can be hundreds of
MB, so they are fed to the parser in chunks and entries are handed on as soon as they close.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

from cuidado.importers.reading import ExportReader
from cuidado.inputs.sources import Member

_CHUNK = 1 << 20
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007\u2003]+")
# Zone abbreviations Takeout prints after the time; US zones win the ambiguous ones (CST, AST).
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "IST": 5.5,
    "PKT": 5,
    "ICT": 7,
    "WIB": 7,
    "HKT": 8,
    "SGT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
    "HST": -10,
    "AKST": -9,
    "AKDT": -8,
    "PST": -8,
    "PDT": -7,
    "MST": -7,
    "MDT": -6,
    "CST": -6,
    "CDT": -5,
    "EST": -5,
    "EDT": -4,
    "AST": -4,
    "ADT": -3,
    "NST": -3.5,
    "NDT": -2.5,
    "BRT": -3,
    "ART": -3,
    "CLT": -4,
    "CLST": -3,
    "COT": -5,
    "PET": -5,
    "VET": -4,
    "ECT": -5,
}
_STAMP = re.compile(
    r"(?P<when>[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} ?[AP]M"  # Mar 8, 2018, 5:14:40 PM
    r"|\d{1,2} [A-Z][a-z]{2} \d{4}, \d{1,2}:\d{2}:\d{2})"  # 8 Mar 2018, 17:14:40
    r"(?: (?P<zone>[A-Z]{1,5}|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?))?$"
)
_CENTER = re.compile(r"center=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_COMMENT_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:\s*|T)(\d{2}):(\d{2}):(\d{2})")


def squash(text: str) -> str:
    """One plain space for NBSP, narrow NBSP (U+202F, Takeout 2023+) and runs of whitespace."""
    return _SPACES.sub(" ", text).strip()


def parse_stamp(text: str) -> tuple[datetime | None, str | None]:
    """`Mar 8, 2018, 5:14:40 PM PDT` → UTC datetime, and the zone when it was not understood."""
    match = _STAMP.search(squash(text))
    if not match:
        return None, None
    when, zone = match.group("when"), match.group("zone")
    when = re.sub(r"(\d)([AP]M)$", r"\1 \2", when)
    for fmt in ("%b %d, %Y, %I:%M:%S %p", "%d %b %Y, %H:%M:%S"):
        try:
            local = datetime.strptime(when, fmt)
            break
        except ValueError:
            continue
    else:
        return None, None
    offset, unknown = 0.0, None
    if zone:
        numeric = re.match(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$", zone)
        if numeric:
            offset = (int(numeric.group(2)) + int(numeric.group(3) or 0) / 60) * (-1 if numeric.group(1) == "-" else 1)
        elif zone in _ZONES:
            offset = _ZONES[zone]
        else:
            unknown = zone  # taken as UTC; the record says so
    return (local - timedelta(hours=offset)).replace(tzinfo=UTC), unknown


def center(url: str | None) -> tuple[float | None, float | None]:
    """lat, lon from a Google Maps link's `center=lat,lon`."""
    match = _CENTER.search(url) if isinstance(url, str) else None
    if not match:
        return None, None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


class _ActivityParser(HTMLParser):
    """Collects each outer-cell entry: header, body lines and links, caption lines and links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.done: list[dict] = []
        self.entry: dict | None = None
        self.depth = 0
        self.cell: str | None = None
        self.cell_depth = 0
        self.in_header = False
        self.link: dict | None = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "div":
            if "outer-cell" in cls:
                self.entry = {
                    "header": "",
                    "body": [""],
                    "links": [],
                    "caption": [""],
                    "caption_links": [],
                    "bodies": 0,
                }
                self.depth = 1
                return
            if self.entry is None:
                return
            self.depth += 1
            if self.cell is None and "content-cell" in cls:
                if "mdl-typography--caption" in cls:
                    self.cell, self.cell_depth = "caption", self.depth
                elif "mdl-typography--body-1" in cls and "text-right" not in cls and not self.entry["bodies"]:
                    self.cell, self.cell_depth = "body", self.depth
                    self.entry["bodies"] = 1
        elif self.entry is None:
            return
        elif tag == "p" and "mdl-typography--title" in cls:
            self.in_header = True
        elif tag == "br" and self.cell:
            self.entry[self.cell].append("")
        elif tag == "a" and self.cell:
            self.link = {"href": dict(attrs).get("href") or "", "text": ""}
            self.entry["links" if self.cell == "body" else "caption_links"].append(self.link)

    def handle_endtag(self, tag):
        if tag == "a":
            self.link = None
        elif tag == "p":
            self.in_header = False
        elif tag == "div" and self.entry is not None:
            if self.cell and self.depth == self.cell_depth:
                self.cell = None
            self.depth -= 1
            if self.depth == 0:
                self.done.append(self.entry)
                self.entry = None

    def handle_data(self, data):
        if self.entry is None:
            return
        if self.in_header:
            self.entry["header"] += data
        elif self.cell:
            self.entry[self.cell][-1] += data
            if self.link is not None:
                self.link["text"] += data


def activity_entries(reader: ExportReader, member: Member) -> Iterator[dict]:
    """Each entry as {header, line (first body line), title, url, channel, time, zone, lat, lon, ad, place}."""
    parser = _ActivityParser()
    with reader.open(member) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        while chunk := text.read(_CHUNK):
            parser.feed(chunk)
            yield from map(_entry, parser.done)
            parser.done.clear()
    parser.close()
    yield from map(_entry, parser.done)


def _entry(raw: dict) -> dict:
    lines = [squash(line) for line in raw["body"] if squash(line)]
    when, zone = parse_stamp(lines[-1]) if lines else (None, None)
    if when is not None:
        lines = lines[:-1]
    links = raw["links"]
    caption = " ".join(squash(line) for line in raw["caption"])
    lat = lon = place = None
    for link in raw["caption_links"]:
        lat, lon = center(link["href"])
        if lat is not None:
            place = squash(link["text"]) or None
            break
    return {
        "header": squash(raw["header"]) or None,
        "line": lines[0] if lines else "",
        "title": squash(links[0]["text"]) if links else None,
        "url": links[0]["href"] if links else None,
        "channel": squash(links[1]["text"]) if len(links) > 1 else (lines[1] if len(lines) > 1 else None),
        "time": when,
        "zone": zone,
        "lat": lat,
        "lon": lon,
        "place": place,
        "ad": "google ads" in caption.lower(),
    }


class _CommentParser(HTMLParser):
    """Old my-comments.html: `<li>Sent at 2020-04-27 23:18:23 UTC while watching <a>…</a>.<br/>text</li>`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.done: list[dict] = []
        self.item: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.item = {"parts": [""], "links": []}
        elif self.item is not None and tag == "br":
            self.item["parts"].append("")
        elif self.item is not None and tag == "a":
            self.item["links"].append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "li" and self.item is not None:
            self.done.append(self.item)
            self.item = None

    def handle_data(self, data):
        if self.item is not None:
            self.item["parts"][-1] += data


def comment_items(reader: ExportReader, member: Member) -> Iterator[dict]:
    """{time, text, url} for each `<li>` of an old comments page."""
    parser = _CommentParser()
    with reader.open(member) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        while chunk := text.read(_CHUNK):
            parser.feed(chunk)
            items, parser.done = parser.done, []
            yield from map(_comment, items)
    parser.close()
    yield from map(_comment, parser.done)


def _comment(item: dict) -> dict:
    head = squash(item["parts"][0])
    match = _COMMENT_DATE.search(head)
    when = None
    if match:
        year, month, day, hour, minute, second = map(int, match.groups())
        when = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    body = squash(" ".join(item["parts"][1:])) if len(item["parts"]) > 1 else head
    url = next((href for href in item["links"] if "watch?v=" in href), item["links"][0] if item["links"] else None)
    return {"time": when, "text": body or None, "url": url}
