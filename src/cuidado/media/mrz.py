"""Find and parse the machine-readable zone (ICAO 9303) of passports, ID cards and visas in OCR text.

Formats: TD3 passports (2 x 44), TD2 cards (2 x 36), TD1 cards (3 x 30), MRV-A / MRV-B visas
(2 x 44 / 2 x 36). OCR noise is tolerated — spaces, '«' for '<<', a miscounted run of fillers,
O/0-style confusions — and every check digit is verified, so a parse with `all_valid` is exact.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re
from dataclasses import dataclass, field, replace

from .mrz_repair import (
    AMBIGUOUS,
    COUNTRY_CODES,
    candidate_lines,
    country_code,
    data_line_variants,
    fit_length,
    header_line_variants,
    header_plausibility,
    to_alpha,
    to_digits,
)

_WEIGHTS = (7, 3, 1)


def check_digit(text: str) -> str:
    """ICAO 9303 check digit: weights 7-3-1, digits as themselves, A-Z as 10-35, '<' as 0."""
    return str(sum(_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(text)) % 10)


@dataclass
class Mrz:
    format: str  # TD1, TD2, TD3, MRVA, MRVB
    document_type: str  # the document code as printed: P, PM, ID, I, IR, V, C1, ...
    issuing_country: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str  # ISO YYYY-MM-DD (the raw YYMMDD if it is no date)
    sex: str  # M, F or X
    expiry_date: str
    optional_data: str
    valid_checks: dict[str, bool] = field(default_factory=dict)
    lines: tuple[str, ...] = ()
    repairs: int = 0  # characters changed, dropped or added to make the checks agree

    @property
    def all_valid(self) -> bool:
        return bool(self.valid_checks) and all(self.valid_checks.values())

    @property
    def kind(self) -> str:
        """passport, visa or id_card (residence cards included)."""
        return {"P": "passport", "V": "visa"}.get(self.document_type[:1], "id_card")


# (format, number of lines, line length)
_SHAPES = (("TD3", 2, 44), ("TD2", 2, 36), ("TD1", 3, 30))


def find_mrz(text: str) -> Mrz | None:
    """The best MRZ in OCR output: a fully valid one if any, else the one with most valid checks."""
    lines = candidate_lines(text)
    best: Mrz | None = None
    for start in range(len(lines)):
        for shape, count, length in _SHAPES:
            group = lines[start : start + count]
            # Data lines must be about the right length; a name line may have lost its fillers.
            if (
                len(group) < count
                or not all(abs(len(line) - length) <= 4 for line in group[1:])
                or not 20 <= len(group[0]) <= length + 4
            ):
                continue
            parsed = parse_mrz(group, shape)
            if parsed is not None and (best is None or _score(parsed) > _score(best)):
                best = parsed
            if best is not None and best.all_valid:
                return best
    return best


def _score(mrz: Mrz) -> tuple:
    """All checks valid first, then the share valid, then real country codes and dates, then
    the fewest repairs (formats differ in how many checks they have, so shares, not counts)."""
    checks = mrz.valid_checks.values()
    plausible = (
        (mrz.nationality in COUNTRY_CODES)
        + (mrz.issuing_country in COUNTRY_CODES)
        + ("-" in mrz.birth_date)
        + ("-" in mrz.expiry_date)
    )
    return mrz.all_valid, sum(checks) / max(1, len(checks)), plausible, -mrz.repairs


def _best(candidates) -> Mrz | None:
    """The highest-scoring parse; on a tie the earliest, i.e. the one with the fewest repairs."""
    best: Mrz | None = None
    for mrz in candidates:
        if best is None or _score(mrz) > _score(best):
            best = mrz
    return best


def parse_mrz(lines: list[str], shape: str) -> Mrz | None:
    """Parse MRZ lines of a known shape (TD1, TD2 or TD3; visas are told by their 'V')."""
    if shape == "TD1":
        return _parse_td1(lines)
    length = 44 if shape == "TD3" else 36
    top = max(header_line_variants(lines[0], length), key=header_plausibility)
    if top[0] not in "PVIACT":
        return None
    visa = top[0] == "V"
    fmt = ("MRVA" if length == 44 else "MRVB") if visa else shape
    keep = 0 if visa else (2 if length == 44 else 1)  # the check digits at the end stay in place
    first = _build_two_line(fmt, top, fit_length(lines[1], length, keep_tail=keep))
    if first.all_valid:
        return first
    variants = data_line_variants(lines[1], length, keep_tail=keep)
    return _best(_build_two_line(fmt, top, bottom, edits=i > 0) for i, bottom in enumerate(variants))


def _build_two_line(fmt: str, top: str, bottom: str, edits: int = 0) -> Mrz:
    checks: dict[str, bool] = {}
    number, checks["document_number"] = resolve(bottom[0:9], bottom[9])
    birth, checks["birth_date"] = resolve(to_digits(bottom[13:19]), to_digits(bottom[19]), numeric=True)
    expiry, checks["expiry_date"] = resolve(to_digits(bottom[21:27]), to_digits(bottom[27]), numeric=True)
    dated = number + to_digits(bottom[9]) + birth + to_digits(bottom[19]) + expiry + to_digits(bottom[27])
    if fmt == "TD3":
        optional, personal_ok = resolve(bottom[28:42], bottom[42])
        # An empty personal-number field may carry '<' instead of the check digit 0.
        checks["optional_data"] = personal_ok or (optional.strip("<") == "" and bottom[42] == "<")
        composite = dated + optional + to_digits(bottom[42])
        checks["composite"] = check_digit(composite) == to_digits(bottom[43])
    elif fmt == "TD2":
        optional = bottom[28:35]
        composite = dated + optional
        checks["composite"] = check_digit(composite) == to_digits(bottom[35])
    else:  # visas have no composite check
        optional = bottom[28:]
    _guard_swaps(checks, number != bottom[0:9], "document_number")
    _guard_swaps(checks, optional != bottom[28 : 28 + len(optional)], "optional_data")
    surname, given = split_name(top[5:])
    return Mrz(
        format=fmt,
        document_type=top[0:2].replace("<", ""),
        issuing_country=country_code(top[2:5]),
        surname=surname,
        given_names=given,
        document_number=number.replace("<", ""),
        nationality=country_code(bottom[10:13]),
        birth_date=iso_date(birth, future=False),
        sex=sex(bottom[20]),
        expiry_date=iso_date(expiry, future=True),
        optional_data=optional.replace("<", " ").strip(),
        valid_checks=checks,
        lines=(top, bottom),
        repairs=edits + _changed(number + optional, bottom[0:9] + bottom[28 : 28 + len(optional)]),
    )


def _parse_td1(lines: list[str]) -> Mrz | None:
    firsts = [to_alpha(v[:5]) + v[5:] for v in data_line_variants(lines[0], 30, keep_tail=0)]
    firsts = [v for v in firsts if v[0] in "IACP"]
    if not firsts:
        return None
    seconds = data_line_variants(lines[1], 30, keep_tail=1)
    third = fit_length(lines[2], 30, keep_tail=0)
    # Line 1 carries the number's check, line 2 the dates': repair each on its own checks.
    parsed = [_build_td1(v, seconds[0], third, edits=i > 0) for i, v in enumerate(firsts)]
    first = max(
        parsed, key=lambda m: (m.valid_checks["document_number"], m.issuing_country in COUNTRY_CODES, -m.repairs)
    ).lines[0]
    return _best(_build_td1(first, v, third, edits=i > 0) for i, v in enumerate(seconds))


def _changed(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b))


def _build_td1(first: str, second: str, third: str, edits: int = 0) -> Mrz:
    checks: dict[str, bool] = {}
    number, checks["document_number"] = resolve(first[5:14], first[14])
    optional1 = first[15:30]
    upper = number + to_digits(first[14]) + first[15:30]
    if first[14] == "<" and optional1[:1] != "<":
        # Numbers longer than 9 characters continue in the optional field, their check digit last.
        tail = optional1.split("<", 1)[0]
        number, checks["document_number"] = resolve(first[5:14] + tail[:-1], tail[-1:])
        optional1 = optional1[len(tail) :]
        upper = number[:9] + "<" + number[9:] + first[14 + len(tail) : 30]
    birth, checks["birth_date"] = resolve(to_digits(second[0:6]), to_digits(second[6]), numeric=True)
    expiry, checks["expiry_date"] = resolve(to_digits(second[8:14]), to_digits(second[14]), numeric=True)
    optional2 = second[18:29]
    composite = upper + birth + to_digits(second[6]) + expiry + to_digits(second[14]) + optional2
    checks["composite"] = check_digit(composite) == to_digits(second[29])
    _guard_swaps(checks, number != first[5 : 5 + len(number)], "document_number")
    surname, given = split_name(third)
    optional = " ".join(part.replace("<", " ").strip() for part in (optional1, optional2))
    return Mrz(
        format="TD1",
        document_type=first[0:2].replace("<", ""),
        issuing_country=country_code(first[2:5]),
        surname=surname,
        given_names=given,
        document_number=number.replace("<", ""),
        nationality=country_code(second[15:18]),
        birth_date=iso_date(birth, future=False),
        sex=sex(second[7]),
        expiry_date=iso_date(expiry, future=True),
        optional_data=" ".join(optional.split()),
        valid_checks=checks,
        lines=(first, second, third),
        repairs=edits + _changed(number, first[5 : 5 + len(number)]),
    )


def _guard_swaps(checks: dict[str, bool], swapped: bool, name: str) -> None:
    """A lookalike swap that satisfied a field's check digit must satisfy the composite too:
    one check digit alone agrees with a wrong swap one time in ten."""
    if swapped and checks.get(name) and checks.get("composite") is False:
        checks[name] = False


def resolve(value: str, check: str, *, numeric: bool = False) -> tuple[str, bool]:
    """`value` as printed, or the OCR-confusion variant (O/0, I/1, ...) its check digit confirms."""
    check = to_digits(check)
    if check_digit(value) == check:
        return value, True
    if numeric:
        return value, False
    spots = [i for i, ch in enumerate(value) if ch in AMBIGUOUS]
    # Fewest changes first, so a real number is never swapped for a lookalike that also validates;
    # only one, or some swap would match almost any check digit.
    for changes in range(1, min(1, len(spots)) + 1):
        for chosen in itertools.combinations(spots, changes):
            chars = list(value)
            for i in chosen:
                chars[i] = AMBIGUOUS[chars[i]]
            variant = "".join(chars)
            if check_digit(variant) == check:
                return variant, True
    return value, False


def split_name(field_text: str) -> tuple[str, str]:
    """'GARCIA<LOPEZ<<MARIA<ELENA<<<<' -> ('GARCIA LOPEZ', 'MARIA ELENA')."""
    text = to_alpha(field_text)
    surname, _, rest = text.partition("<<")
    given = rest.strip("<").split("<<", 1)[0]  # what follows the next double filler is noise
    words = given.split("<")
    while len(words) > 1 and len(words[-1]) == 1:  # a lone letter before the fillers is a misread '<'
        words.pop()
    return _words(surname), _words("<".join(words))


def merge_readings(readings: list[Mrz | None]) -> Mrz | None:
    """One MRZ from several OCR readings of it (best first): the best-scoring reading, with the
    name and the document number each readings' majority agrees on. Names have no check digit,
    and a filler misread as K or S in one reading is rarely misread the same way in the others."""
    found = [r for r in readings if r is not None]
    if not found:
        return None
    base = max(found, key=_score)  # max keeps the first of equals: the preferred reading
    same_shape = [r for r in found if r.format == base.format]
    names = [(r.surname, r.given_names) for r in same_shape]
    name = _majority(names) if _has_majority(names) else min(names, key=_edge_noise)
    numbers = [r.document_number for r in same_shape if r.valid_checks.get("document_number")]
    number = _majority(numbers) if numbers else base.document_number
    return replace(base, surname=name[0], given_names=name[1], document_number=number)


def _has_majority(values: list) -> bool:
    counts = sorted((values.count(v) for v in set(values)), reverse=True)
    return counts[0] >= 2 and (len(counts) == 1 or counts[0] > counts[1])


def _edge_noise(name: tuple[str, str]) -> int:
    """Ks and Xs at the edges of name words: a filler '<' misread, far more often than a real name."""
    words = " ".join(name).split()
    return sum(word[0] in "KX" for word in words) + sum(word[-1] in "KX" for word in words)


def _majority(values: list):
    """The most frequent value; among equally frequent ones, the earliest."""
    return max(values, key=lambda v: (values.count(v), -values.index(v)))


def confirm_with_visual_zone(mrz: Mrz, page_text: str) -> Mrz:
    """Take the number printed on the page when it differs from the MRZ's only where a check
    digit is blind (G/6, F/5, A/0...: letter values 10 or 20 above the digit's)."""
    number = mrz.document_number
    tokens = set(re.findall(r"[A-Z0-9]+", page_text.upper()))
    if number in tokens:
        return mrz
    same = [
        t
        for t in tokens
        if len(t) == len(number) and all(_value(a) % 10 == _value(b) % 10 for a, b in zip(t, number, strict=True))
    ]
    return replace(mrz, document_number=same[0]) if len(same) == 1 else mrz


def _value(ch: str) -> int:
    return ord(ch) - 48 if "0" <= ch <= "9" else (ord(ch) - 55 if "A" <= ch <= "Z" else 0)


def _words(text: str) -> str:
    return " ".join(part for part in text.split("<") if part)


def sex(ch: str) -> str:
    return ch if ch in "MF" else "X"


def iso_date(yymmdd: str, *, future: bool) -> str:
    """YYMMDD -> ISO date; births are in the past, expiry dates up to ~50 years ahead."""
    if not re.fullmatch(r"\d{6}", yymmdd):
        return yymmdd
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    this_year = _dt.date.today().year
    century = this_year // 100 * 100
    year = century + yy
    if future:
        if year > this_year + 50:
            year -= 100
    elif year > this_year:
        year -= 100
    try:
        return _dt.date(year, mm, dd).isoformat()
    except ValueError:
        return yymmdd
