"""Machine-readable zones (the `P<MEX...` lines under a passport photo), ICAO 9303.

A photo caption or a pasted scan can carry the whole MRZ: name, nationality, birth
date and document number. We accept it only when its check digits add up.
"""

from __future__ import annotations

from .checksums import mrz_check_digit
from .context import ItemContext
from .match import TextMatch, at

# One to three lines of 30-44 MRZ characters, with at least one filler '<'.
CANDIDATE = r"(?=[a-z0-9<]{0,43}<)[a-z0-9<]{30,44}(?:[ \t]*\r?\n[ \t]*[a-z0-9<]{30,44}){0,2}"


def _checks(field_and_digit: list[tuple[str, str]]) -> bool:
    return all(digit == mrz_check_digit(field) for field, digit in field_and_digit)


def _document_number(lines: list[str]) -> str | None:
    """The document number when the lines form a valid TD1, TD2 or TD3 zone."""
    sizes = [len(line) for line in lines]
    if len(lines) >= 2 and sizes[0] == sizes[1] == 30:  # TD1: ID cards, 3 x 30
        first, second = lines[0], lines[1]
        if _checks([(first[5:14], first[14]), (second[0:6], second[6]), (second[8:14], second[14])]):
            return first[5:14]
        return None
    for line in lines:  # TD3 (passports, 44) and TD2 (36): the second line carries the digits
        if len(line) in (36, 44) and any(ch.isdigit() for ch in line[:10]):
            if _checks([(line[0:9], line[9]), (line[13:19], line[19]), (line[21:27], line[27])]):
                return line[0:9]
    return None


def detect(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    lines = [line.strip().upper() for line in ctx.folded.text[start:end].splitlines() if line.strip()]
    number = _document_number(lines)
    if number is None:
        return []
    return [at(ctx.folded, start, end, "identity.government_id", 0.97, value=number.replace("<", ""), subtype="mrz")]
