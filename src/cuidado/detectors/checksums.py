"""Check-digit and shape rules for identity numbers. Pure functions on compact strings.

Each takes the number without spaces or dashes (upper-case letters) and answers
True only when the number could have been issued. Sources: the issuing agencies'
published rules as collected in python-stdnum and national registries' documentation.
"""

from __future__ import annotations

from datetime import date

_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"
_CURP_STATES = frozenset(
    "AS BC BS CC CH CL CM CS DF DG GR GT HG JC MC MN MS NE NL NT OC PL QR QT "
    "SL SP SR TC TL TS VZ YN ZS".split())
_RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ \u00d1"
_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
# Guatemala: how many municipalities each of the 22 departments has (CUI digits 10-13).
_GT_MUNICIPALITIES = (17, 8, 16, 16, 14, 14, 19, 8, 24, 21, 9, 30, 32, 21, 8, 17, 14, 5, 11, 11, 7, 17)
# Numbers the SSA voided after they were printed in advertisements.
_SSN_BLOCKLIST = frozenset({"078051120", "219099999", "123456789"})


def _valid_yymmdd(text: str) -> bool:
    try:
        date(2000 + int(text[0:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        return False
    return True


def ssn_valid(number: str) -> bool:
    """US SSN: 9 digits; area not 000, 666 or 9xx; group not 00; serial not 0000."""
    if len(number) != 9 or not number.isdigit() or number in _SSN_BLOCKLIST:
        return False
    area, group, serial = number[:3], number[3:5], number[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def itin_valid(number: str) -> bool:
    """US ITIN: 9xx, then a group in 50–65, 70–88, 90–92 or 94–99."""
    if len(number) != 9 or not number.isdigit() or number[0] != "9":
        return False
    group = int(number[3:5])
    return 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99


def curp_valid(number: str) -> bool:
    """Mexican CURP: 18 characters, real birth date, state code and check digit."""
    if len(number) != 18 or not (number[:4].isalpha() and number[4:10].isdigit()
                                 and number[10:16].isalpha() and number[17].isdigit()):
        return False
    if number[10] not in "HMX" or number[11:13] not in _CURP_STATES or not _valid_yymmdd(number[4:10]):
        return False
    total = sum(_CURP_ALPHABET.index(ch) * (18 - i) for i, ch in enumerate(number[:17])
                if ch in _CURP_ALPHABET)
    return number[17] == str((10 - total % 10) % 10)


def rfc_valid(number: str) -> bool:
    """Mexican RFC for a person (13) or company (12), with its final check digit."""
    if len(number) == 13:
        name, rest = number[:4], number[4:]
    elif len(number) == 12:
        name, rest = number[:3], number[3:]
    else:
        return False
    if not name.isalpha() or not rest[:6].isdigit() or not _valid_yymmdd(rest[:6]):
        return False
    padded = ("   " + number[:-1])[-12:]  # companies are padded to a person's length
    if any(ch not in _RFC_ALPHABET for ch in padded):
        return False
    total = sum(_RFC_ALPHABET.index(ch) * (13 - i) for i, ch in enumerate(padded))
    return number[-1] == _RFC_ALPHABET[(11 - total) % 11]


def dpi_valid(number: str) -> bool:
    """Guatemalan DPI/CUI: 8 digits, a mod-11 check digit, department and municipality."""
    if len(number) != 13 or not number.isdigit():
        return False
    department, municipality = int(number[9:11]), int(number[11:13])
    if not 1 <= department <= len(_GT_MUNICIPALITIES):
        return False
    if not 1 <= municipality <= _GT_MUNICIPALITIES[department - 1]:
        return False
    total = sum(int(d) * (i + 2) for i, d in enumerate(number[:8]))
    return total % 11 == int(number[8])


def dui_valid(number: str) -> bool:
    """Salvadoran DUI: 8 digits and a check digit (weights 9..2, mod 10)."""
    if len(number) != 9 or not number.isdigit() or number == "000000000":
        return False
    total = sum(int(d) * (9 - i) for i, d in enumerate(number[:8]))
    return int(number[8]) == (10 - total % 10) % 10


def dni_es_valid(number: str) -> bool:
    """Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter)."""
    if len(number) != 9:
        return False
    body = number[:8]
    if body[0] in "XYZ":
        body = str("XYZ".index(body[0])) + body[1:]
    if not body.isdigit():
        return False
    return number[8] == _DNI_LETTERS[int(body) % 23]


def honduras_dni_valid(number: str) -> bool:
    """Honduran DNI shape: department 01–18, municipality, birth year, 5-digit serial."""
    if len(number) != 13 or not number.isdigit():
        return False
    department, municipality, year = int(number[:2]), int(number[2:4]), int(number[4:8])
    return 1 <= department <= 18 and 1 <= municipality <= 28 and 1900 <= year <= date.today().year


def ecuador_ci_valid(number: str) -> bool:
    """Ecuadorian cédula: province 01–24 or 30, third digit < 6, mod-10 check."""
    if len(number) != 10 or not number.isdigit():
        return False
    province = int(number[:2])
    if not (1 <= province <= 24 or province == 30) or int(number[2]) >= 6:
        return False
    total = 0
    for i, d in enumerate(number[:9]):
        product = int(d) * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return int(number[9]) == (10 - total % 10) % 10


def luhn_valid(number: str) -> bool:
    if not number.isdigit():
        return False
    total = 0
    for i, d in enumerate(reversed(number)):
        value = int(d) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def dominican_cedula_valid(number: str) -> bool:
    """Dominican cédula: 11 digits (001-1234567-8) with a Luhn check digit."""
    return len(number) == 11 and number.isdigit() and number[:3] != "000" and luhn_valid(number)


def mrz_check_digit(field: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1; '<' is 0, letters A=10 .. Z=35."""
    total = 0
    for i, ch in enumerate(field):
        if ch.isdigit():
            value = int(ch)
        elif "A" <= ch <= "Z":
            value = ord(ch) - 55
        else:
            value = 0
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)
