"""The grammar of a WhatsApp "Export chat" text: message headers, their date format, authors.

A chat file is a sequence of messages; each starts with a header (date, time, then
`author: ` or, for system lines, the text directly) and may run on over continuation
lines. The date order (day/month or month/day) cannot be read from one line, so a
`FormatSurvey` looks at every header of the file first and decides once for all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

# Direction marks iOS and RTL locales sprinkle over lines; they carry no meaning.
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_STRIP_TEXT = dict.fromkeys(map(ord, _BIDI), None)
# For matching only: also zero-width characters, and odd spaces (U+202F before "PM") as plain spaces.
_STRIP_MATCH = {
    **_STRIP_TEXT,
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u00ad\u2060"), None),
    **dict.fromkeys(map(ord, "\u202f\u00a0\u2007\u2009\u3000"), " "),
}

_MAY_BE_HEADER = re.compile(r"[\s\[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad]*\d")
# str.translate is slow; most lines have nothing to translate, and a regex search says so fast.
_HAS_MATCH_ODDITY = re.compile("[" + "".join(map(chr, _STRIP_MATCH)) + "]")
_HAS_TEXT_ODDITY = re.compile("[" + "".join(map(chr, _STRIP_TEXT)) + "]")
_HEADER = re.compile(
    r"""
    (?P<open>\[)?\s*
    (?P<d1>\d{1,4})(?P<sep>[./-])\s?(?P<d2>\d{1,2})(?P=sep)\s?(?P<d3>\d{1,4})\.?
    (?:\s?(?P<era>BE|B\.E\.))?
    (?:,\s*|\s+)(?:klo\s+)?
    (?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?
    (?:\s?(?P<ampm>[aApP]\.?\s?[mM]\.?|午前|午後|vorm\.|nachm\.))?
    (?P<close>\])?
    (?P<after>\s[-–]\s|:\s|\s)
    (?P<rest>.*)
""",
    re.VERBOSE | re.DOTALL,
)

# Group events WhatsApp writes itself. On Android they have no "author: " part; this catches
# the ones whose quoted text happens to contain ": " (a new subject with a colon, say).
_GROUP_EVENT = re.compile(
    r"^[^:]{0,80}?(?:(?: |^)(?:created group|created this group|added|removed|left|joined using|"
    r"changed the subject|changed this group|changed the group|changed their phone|were added|"
    r"are now an admin|updated the message timer|turned (?:on|off) disappearing|reset this group|"
    r"pinned a message|hat die gruppe|heeft de groep|creó el grupo|criou o grupo|a créé le groupe)\b"
    r"|'re now an admin)",
    re.IGNORECASE,
)

# The encryption notice opens most chats; some exports write it under the chat's name.
_ENCRYPTION = re.compile(
    r"^(?:messages and calls are end-to-end encrypted|messages you send to this (?:group|chat) are now secured"
    r"|nachrichten und anrufe sind ende-zu-ende|berichten en oproepen worden end-to-end"
    r"|los mensajes y las llamadas están cifrados|as mensagens e (?:as )?chamadas (?:são|estão) protegidas"
    r"|les messages et les appels sont chiffrés|i messaggi e le chiamate sono crittografati)",
    re.IGNORECASE,
)
# Other notices iOS writes under the chat's name, always behind a U+200E mark.
_NOTICE = re.compile(
    r"^(?:your security code with .{0,80} changed|.{0,60}(?:end-to-end[- ]encrypted|ende-zu-ende-verschlüsselt"
    r"|end-to-end versleuteld|cifrados de extremo a extremo|criptografadas de ponta a ponta"
    r"|chiffrés de bout en bout|crittografati end-to-end)"
    r"|deine sicherheitsnummer für .{0,80} hat sich geändert|tu código de seguridad con .{0,80} cambió"
    r"|je beveiligingscode met .{0,80} is gewijzigd|o seu código de segurança com .{0,80} mudou"
    r"|.{0,80} changed (?:their|the) phone number|this chat is with a business account)",
    re.IGNORECASE,
)

DELETED = re.compile(
    r"^(?:this message was deleted|dit bericht is verwijderd|diese nachricht wurde gelöscht"
    r"|se eliminó este mensaje|este mensaje fue eliminado|esta mensagem foi apagada"
    r"|ce message a été supprimé|questo messaggio è stato eliminato"
    r"|(?P<mine>you deleted this message|u hebt dit bericht verwijderd|du hast diese nachricht gelöscht"
    r"|eliminaste este mensaje|você apagou esta mensagem|vous avez supprimé ce message"
    r"|hai eliminato questo messaggio))\.?$",
    re.IGNORECASE,
)

MAX_AUTHOR = 80
MAX_PARTICIPANTS = 1000


def for_matching(line: str) -> str:
    """The line with invisible marks removed and odd spaces made plain, for pattern matching."""
    return line.translate(_STRIP_MATCH) if _HAS_MATCH_ODDITY.search(line) else line


def for_display(text: str) -> str:
    """Message text without the direction marks (zero-width joiners inside emoji are kept)."""
    return text.translate(_STRIP_TEXT) if _HAS_TEXT_ODDITY.search(text) else text


@dataclass(frozen=True)
class Header:
    shape: tuple  # what makes two headers "the same format": brackets, separators, seconds, am/pm
    d1: str
    d2: str
    d3: str
    era: bool
    hour: int
    minute: int
    second: int
    ampm: str | None
    rest: str  # what follows the header: "author: text" or a system text


def match_header(line: str) -> Header | None:
    if not _MAY_BE_HEADER.match(line):
        return None  # most continuation lines: no digit up front
    raw_head = line[:200]  # a header is short; never translate a whole monster line
    head = for_matching(raw_head)
    match = _HEADER.match(head)
    if match is None or bool(match["open"]) != bool(match["close"]):
        return None
    after = match["after"].strip() or " "
    if match["open"] and after != " ":
        return None
    year_first = len(match["d1"]) >= 3
    if (len(match["d3"]) > 2) if year_first else (len(match["d3"]) == 3):
        return None
    shape = (bool(match["open"]), match["sep"], year_first, match["s"] is not None, match["ampm"] is not None, after)
    return Header(
        shape,
        match["d1"],
        match["d2"],
        match["d3"],
        bool(match["era"]),
        int(match["h"]),
        int(match["mi"]),
        int(match["s"] or 0),
        match["ampm"],
        line[match.start("rest") if len(head) == len(raw_head) else _raw_index(line, match.start("rest")) :],
    )


def _raw_index(line: str, wanted: int) -> int:
    """Where the `wanted`-th character of for_matching(line) sits in the raw line.

    Marks right before it stay in the rest: iOS flags its notices with a leading U+200E.
    """
    produced = 0
    for index, char in enumerate(line):
        if produced == wanted:
            return index
        produced += _STRIP_MATCH.get(ord(char), "_") is not None
    return len(line)


def split_author(rest: str) -> tuple[str | None, str]:
    """(author, body) of what follows a header; author None for a system line."""
    cut = rest.find(": ")
    if 0 < cut <= MAX_AUTHOR * 2:
        author = for_display(rest[:cut]).strip()
        quoted = '"' in author or "\u201c" in author
        if quoted and _GROUP_EVENT.match(for_matching(author)):
            return None, rest
        if author and len(author) <= MAX_AUTHOR:
            return author, rest[cut + 2 :]
    # "Name:" alone, or "Name:." (a message that destroyed itself)
    match = re.match(rf"^([^:]{{1,{MAX_AUTHOR}}}):(\.?)\s*$", rest)
    if match and for_display(match[1]).strip():
        return for_display(match[1]).strip(), match[2]
    return None, rest


def is_system_body(body: str) -> bool:
    """A notice WhatsApp wrote under an author's name (iOS puts the chat name there).

    Apart from the encryption notice, only text behind iOS's leading U+200E counts, so a
    person typing "Ana left" or "is this end-to-end encrypted?" stays a message.
    """
    clean = for_matching(body[:400]).strip()
    if _ENCRYPTION.match(clean):
        return True
    marked = body.lstrip(" ").startswith("\u200e")
    return marked and bool(_NOTICE.match(clean) or _GROUP_EVENT.match(clean))


@dataclass(frozen=True)
class ChatFormat:
    shape: tuple
    order: str  # "dmy", "mdy" or "ymd"
    guessed: bool  # True when no header settled day-first vs month-first


@dataclass
class _ShapeStats:
    count: int = 0
    first_over_12: int = 0
    second_over_12: int = 0
    previous: dict = field(default_factory=dict)
    backwards: dict = field(default_factory=lambda: {"dmy": 0, "mdy": 0})


class FormatSurvey:
    """Looks at every header of a chat and settles its format: which header shape, which date order."""

    def __init__(self) -> None:
        self._shapes: dict[tuple, _ShapeStats] = {}

    def add(self, header: Header) -> None:
        stats = self._shapes.setdefault(header.shape, _ShapeStats())
        stats.count += 1
        if header.shape[2]:
            return
        first, second = int(header.d1), int(header.d2)
        stats.first_over_12 += first > 12
        stats.second_over_12 += second > 12
        # Chats are in time order: the right reading goes backwards less often.
        year = _year(header.d3, header.era)
        for order, key in (("dmy", (year, second, first)), ("mdy", (year, first, second))):
            before = stats.previous.get(order)
            if before is not None and key < before:
                stats.backwards[order] += 1
            stats.previous[order] = key

    def result(self) -> ChatFormat | None:
        if not self._shapes:
            return None
        shape, stats = max(self._shapes.items(), key=lambda item: item[1].count)
        return self._decide(shape, stats)

    def formats(self) -> dict[tuple, ChatFormat]:
        """Every header shape seen, each with its own date order (a chat pieced together from
        several exports can write `2020.04.01`, `2020/05/01` and `01/07/2025` headers)."""
        main = self.result()
        found = {}
        for shape, stats in self._shapes.items():
            fmt = self._decide(shape, stats)
            if fmt.guessed and main is not None and main.order != "ymd" and not main.guessed:
                fmt = ChatFormat(shape, main.order, True)  # nothing settles it: read it like the rest
            found[shape] = fmt
        return found

    @staticmethod
    def _decide(shape: tuple, stats: _ShapeStats) -> ChatFormat:
        if shape[2]:
            return ChatFormat(shape, "ymd", False)
        if stats.first_over_12 and not stats.second_over_12:
            return ChatFormat(shape, "dmy", False)
        if stats.second_over_12 and not stats.first_over_12:
            return ChatFormat(shape, "mdy", False)
        if stats.first_over_12 != stats.second_over_12:  # both seen: trust the majority
            return ChatFormat(shape, "dmy" if stats.first_over_12 > stats.second_over_12 else "mdy", True)
        if stats.backwards["dmy"] != stats.backwards["mdy"]:
            return ChatFormat(shape, "dmy" if stats.backwards["dmy"] < stats.backwards["mdy"] else "mdy", True)
        # Nothing to go on: 12-hour clocks and brackets without "-" are mostly US (month first).
        return ChatFormat(shape, "mdy" if shape[4] else "dmy", True)


def _year(text: str, era: bool) -> int:
    year = int(text)
    if len(text) <= 2:
        year += 2000
    if era or year > 2400:  # Thai Buddhist era: 2565 BE = 2022
        year -= 543
    return year


def header_time(header: Header, fmt: ChatFormat) -> datetime | None:
    """The header's local wall-clock time, as a UTC-aware datetime with the same digits."""
    if fmt.order == "ymd":
        y, m, d = header.d1, header.d2, header.d3
    elif fmt.order == "mdy":
        m, d, y = header.d1, header.d2, header.d3
    else:
        d, m, y = header.d1, header.d2, header.d3
    hour = header.hour
    if header.ampm:
        marker = header.ampm.lower()
        afternoon = marker.startswith("p") or marker in ("午後", "nachm.")
        if afternoon and hour < 12:
            hour += 12
        elif not afternoon and hour == 12:
            hour = 0
    try:
        return datetime(_year(y, header.era), int(m), int(d), hour, header.minute, header.second, tzinfo=UTC)
    except ValueError:
        return None


# -- what a message body says about media, places and deletions ----------------------------

# iOS: `‎<attached: 00000035-PHOTO-2022-03-27-21-41-55.jpg>` (label localised: Anhang, adjunto…)
_ATTACHED = re.compile(r"<[^<>:\n]{2,30}: ([^<>\n]+?\.[A-Za-z0-9]{1,6})>")
# Android: `IMG-20220323-WA0002.jpg (file attached)`; very old iOS: `2015-08-04-PHOTO-00004762.jpg <attached>`
_FILE_ATTACHED = re.compile(
    r"^(?P<name>[^\n<>]+?\.[A-Za-z0-9]{1,6}) (?:\((?P<label>[^()\n]{3,40})\)|<(?P<old>[^<>\n]{3,30})>)$"
)
_ATTACHED_LABELS = re.compile(
    r"^(?:file attached|bestand bijgevoegd|datei angehängt|archivo adjunto|arquivo anexado"
    r"|fichier joint|file allegato|plik załączony|файл прикреплен|dosya ekli|attached|anhang|adjunto)$",
    re.IGNORECASE,
)
_WA_NAME = re.compile(r"^(?:IMG|VID|PTT|AUD|STK|DOC)-\d{8}-WA\d{4}", re.IGNORECASE)
_OMITTED_ANDROID = re.compile(r"^<(?!attached)[^<>\n]{2,40}>$", re.IGNORECASE)
_OMITTED_IOS = re.compile(
    r"(?:^|\s)(?:\S+ ){0,2}(?:omitted|weggelassen|ausgelassen|omitid[oa]|ocultad[oa]|absente?|omess[oa]"
    r"|weggelaten|не включено)$",
    re.IGNORECASE,
)
_MAPS = re.compile(
    r"https?://(?:maps\.google\.[a-z.]+/(?:maps)?\?(?:[^\s]*?&)?q=|(?:www\.)?google\.[a-z.]+/maps"
    r"(?:/search/\?api=1&query=|\?q=|/place/|/@)|maps\.apple\.com/\?(?:[^\s]*?&)?(?:ll|q)=)"
    r"(?P<lat>-?\d{1,2}(?:\.\d+)?)(?:,|%2C)\s?(?P<lon>-?\d{1,3}(?:\.\d+)?)",
    re.IGNORECASE,
)
_FOURSQUARE = re.compile(r"https?://(?:www\.)?foursquare\.com/v/\S+", re.IGNORECASE)


def interpret_body(record, raw: str, media_for) -> None:
    """Fill a message record's media, location, place and flags from what its text says."""
    extra = record.extra
    first = raw.split("\n", 1)[0]
    first_clean = for_matching(first).strip()
    deleted = DELETED.match(first_clean)
    if deleted and "\n" not in raw:
        extra["deleted"] = True
    if _OMITTED_ANDROID.match(first_clean) or (
        "\u200e" in first and _OMITTED_IOS.search(for_matching(first.rsplit("\u200e", 1)[-1]).strip())
    ):
        extra["media_omitted"] = True
    name = None
    attached = _ATTACHED.search(first_clean)
    if attached:
        name = attached[1].strip()
    else:
        match = _FILE_ATTACHED.match(first_clean)
        if match:
            label = (match["label"] or match["old"] or "").strip()
            candidate = match["name"].strip()
            ref = media_for(candidate)
            if _ATTACHED_LABELS.match(label) or _WA_NAME.match(candidate) or ref.size is not None:
                name = candidate
    if name:
        record.media = (media_for(name),)
        extra["attachment"] = name
    where = _MAPS.search(raw)
    if where:
        lat, lon = float(where["lat"]), float(where["lon"])
        if -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0):
            record.lat, record.lon = lat, lon
            extra["location_share"] = True
    venue = _FOURSQUARE.search(raw)
    if venue:
        extra["place_url"] = venue[0]
        before = for_display(raw[: venue.start()]).strip()
        lines = [line.strip() for line in before.split("\n") if line.strip()]
        if lines and lines[-1].endswith(":") and len(lines) == 1:
            record.place = lines[0][:-1].strip()  # iOS: "Name (City, Country): URL"
        elif lines:
            record.place = ", ".join(lines[-3:])  # Android: name, address, URL on separate lines
