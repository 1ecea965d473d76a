"""Coordinates written in text ("19.4326, -99.1332", "19°25'57\"N 99°07'59\"W") and in
map links (Google Maps, Apple Maps, OpenStreetMap, Bing, Waze, geo: URIs).

Links are consumed whole by the engine so the digits inside them are never read as
phones or IDs. A link that names a place but has no coordinates (a Foursquare venue, a
Google Maps /place/ page) becomes a `location.place`; a WhatsApp wa.me link, a phone.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus

from cuidado.locales import N_

from . import phones
from .context import ItemContext
from .match import TextMatch, at
from .unit import HIGH, MEDIUM, VISIBLE, FindingKind, Rule, Shape, Trigger, Unit

KIND = "location.geotag"

# Where a link shows itself; the automaton finds these, then URL is matched around them.
URL_WORDS = (
    "://",
    "www.",
    "maps.google.",
    "google.com/maps",
    "maps.apple.com",
    "openstreetmap.org",
    "bing.com/maps",
    "waze.com/ul",
    "foursquare.com/v",
    "swarmapp.com",
    "wa.me/",
    "geo:",
)
URL_LOOKBACK = 8  # "https" sits before "://"
# Any link (so digits inside links are not read as phones), plus bare map links and geo: URIs.
URL = (
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|\b(?:maps\.google\.[a-z.]{2,6}|google\.[a-z.]{2,6}/maps|maps\.apple\.com|openstreetmap\.org"
    r"|bing\.com/maps|waze\.com/ul|foursquare\.com/v|swarmapp\.com|wa\.me)/[^\s<>\"']*"
    r"|\bgeo:-?\d{1,2}(?:\.\d+)?,-?\d{1,3}(?:\.\d+)?"
)

# "lat, lon" with at least 4 decimals (prices and versions rarely have 4), or with N/S/E/W.
_DEC = r"\d{1,2}\.\d{4,9}"
_LON = r"\d{1,3}\.\d{4,9}"
PAIR = (
    r"(?<![\w.])[-+]?" + _DEC + r"(?: ?°)?(?: ?[ns]\b)? ?[,;/ ] ?[-+]?" + _LON + r"(?: ?°)?(?: ?[ew]\b)?(?![.\d])"
    r"|(?<![\w.])\d{1,2}(?:\.\d+)? ?° ?[ns]\b ?,? ?\d{1,3}(?:\.\d+)? ?° ?[ew]\b"
)
DMS = (
    r"\d{1,2} ?° ?\d{1,2} ?['′] ?(?:\d{1,2}(?:\.\d+)? ?(?:\"|″|'') ?)?[ns] ?,? ?"
    r"\d{1,3} ?° ?\d{1,2} ?['′] ?(?:\d{1,2}(?:\.\d+)? ?(?:\"|″|'') ?)?[ew]\b"
)

_NUM = r"(-?\d{1,3}(?:\.\d+)?)"
_IN_URL = [
    re.compile(p)
    for p in (
        r"@" + _NUM + r"," + _NUM,
        r"[?&;](?:q|ll|sll|query|center|daddr|saddr|destination|cp|loc|coordinates)=(?:loc:)?"
        + _NUM
        + r"(?:,|%2c|~|\+)"
        + _NUM,
        r"mlat=" + _NUM + r"&mlon=" + _NUM,
        r"#map=\d+/" + _NUM + r"/" + _NUM,
        r"!3d" + _NUM + r"!4d" + _NUM,
        r"^geo:" + _NUM + r"," + _NUM,
    )
]
_PAIR_PARTS = re.compile(r"([-+]?\d+(?:\.\d+)?) ?°? ?([ns])?\b ?[,;/ ]? ?([-+]?\d+(?:\.\d+)?) ?°? ?([ew])?")
_DMS_PARTS = re.compile(
    r"(\d+) ?° ?(\d+) ?['′] ?(?:(\d+(?:\.\d+)?) ?(?:\"|″|'') ?)?([ns]) ?,? ?"
    r"(\d+) ?° ?(\d+) ?['′] ?(?:(\d+(?:\.\d+)?) ?(?:\"|″|'') ?)?([ew])"
)
_FOURSQUARE = re.compile(r"foursquare\.com/v/([a-z0-9\-%]+)")
# A venue's id ("4309e819d946ea1d0f0fa5ff"), which Foursquare links carry alone or after the name.
_VENUE_ID = re.compile(r"(?=[a-f]*\d)[0-9a-f]{12,}")
_MAPS_PLACE = re.compile(r"/maps/place/([^/@?#]+)")
_WA_ME = re.compile(r"wa\.me/\+?(\d{7,15})")


def is_venue_id(text: str | None) -> bool:
    """A venue's id ("4309e819d946ea1d0f0fa5ff") says nothing to a person: never a place name."""
    return bool(text and _VENUE_ID.fullmatch(text.strip().lower()))


def _geotag(ctx: ItemContext, start: int, end: int, lat: float, lon: float, confidence: float) -> list[TextMatch]:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (abs(lat) < 1e-9 and abs(lon) < 1e-9):
        return []
    return [at(ctx.folded, start, end, KIND, confidence, value=f"{lat:.6f},{lon:.6f}", lat=lat, lon=lon)]


def detect_url(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    url = ctx.folded.text[start:end].rstrip(".,;:!?)")
    end = start + len(url)
    for pattern in _IN_URL:
        found = pattern.search(url)
        if found:
            return _geotag(ctx, start, end, float(found.group(1)), float(found.group(2)), 0.95)
    o_start, o_end = ctx.folded.span(start, end)
    original = ctx.folded.original[o_start:o_end]
    for pattern in (_FOURSQUARE, _MAPS_PLACE):
        found = pattern.search(original) or pattern.search(url)
        if found:
            name = unquote_plus(found.group(1)).replace("-", " ").strip()
            if name and not is_venue_id(name):  # an id is not a place name
                return [at(ctx.folded, start, end, "location.place", 0.7, value=name)]
    found = _WA_ME.search(url)
    if found:
        e164 = phones._parse("+" + found.group(1), None)
        if e164:
            return [at(ctx.folded, start, end, phones.KIND, 0.9, value=e164)]
    return []


# Exchange rates and prices also come in pairs with four decimals ("USD 17.1234, 17.2345").
_MONEY = re.compile(
    r"[$€£]|\b(?:usd|eur|mxn|cop|brl|dolar|dollar|peso|euro|rate|tipo de cambio|cambio"
    r"|price|precio|preco|prix|bitcoin|btc)"
)


def detect_pair(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    if _MONEY.search(ctx.folded.text, max(0, start - 30), start):
        return []
    parts = _PAIR_PARTS.match(ctx.folded.text[start:end])
    if parts is None:
        return []
    lat, ns, lon, ew = parts.groups()
    lat_v, lon_v = float(lat), float(lon)
    if ns == "s":
        lat_v = -abs(lat_v)
    if ew == "w":
        lon_v = -abs(lon_v)
    decimals = min(len(lat.partition(".")[2]), len(lon.partition(".")[2]))
    confidence = 0.9 if (ns or ew or decimals >= 5) else 0.75
    return _geotag(ctx, start, end, lat_v, lon_v, confidence)


def detect_dms(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    parts = _DMS_PARTS.match(ctx.folded.text[start:end])
    if parts is None:
        return []
    d1, m1, s1, ns, d2, m2, s2, ew = parts.groups()
    lat = int(d1) + int(m1) / 60 + float(s1 or 0) / 3600
    lon = int(d2) + int(m2) / 60 + float(s2 or 0) / 3600
    return _geotag(ctx, start, end, -lat if ns == "s" else lat, -lon if ew == "w" else lon, 0.9)


UNIT = Unit(
    name="coordinates",
    kinds=(
        FindingKind(
            KIND,
            priority=5,
            texts={
                None: (
                    N_("These are exact map coordinates: they pin this moment to a precise spot."),
                    N_("Remove the location or the map link, and turn off location tagging in the app."),
                )
            },
        ),
    ),
    rules=(
        # Exact coordinates.
        Rule(KIND, HIGH, audience=VISIBLE, why="Exact coordinates that others can see pin a moment to a spot."),
        Rule(KIND, MEDIUM, why="Private coordinates still sit in the platform's records."),
    ),
    # Links run first and keep their digits: a map link's numbers are not phones or IDs.
    triggers=(Trigger("url", URL_WORDS, URL, detect_url, URL_LOOKBACK, claims=True),),
    digit_led=(Shape("geo_dms", DMS, detect_dms), Shape("geo_pair", PAIR, detect_pair)),
)
