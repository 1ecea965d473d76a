"""Check-digit and shape rules for identity numbers. Pure functions on compact strings.

Each takes the number without spaces or dashes (upper-case letters) and answers
True only when the number could have been issued. python-stdnum holds the rules it
covers (SSN, CURP, RFC, DNI/NIE, Ecuadorian CI, Dominican cédula, Luhn); what it does
not cover, or covers with an outdated rule, is written here with its source:
ITIN ranges (IRS), Guatemalan DPI/CUI, Salvadoran DUI, Honduran DNI, ICAO 9303 MRZ.
"""

from __future__ import annotations

from datetime import date

from stdnum import luhn
from stdnum.do import cedula as do_cedula
from stdnum.ec import ci as ec_ci
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.mx import curp as mx_curp
from stdnum.mx import rfc as mx_rfc
from stdnum.us import ssn as us_ssn

# Guatemala: how many municipalities each of the 22 departments has (CUI digits 10-13).
_GT_MUNICIPALITIES = (17, 8, 16, 16, 14, 14, 19, 8, 24, 21, 9, 30, 32, 21, 8, 17, 14, 5, 11, 11, 7, 17)
# The number every form uses as its example: never issued, and a person writing it is not giving theirs.
# (stdnum already refuses the numbers printed in advertisements, e.g. the Woolworth wallet card.)
_SSN_EXAMPLES = frozenset({"123456789"})


def ssn_valid(number: str) -> bool:
    """US SSN: 9 digits; area not 000, 666 or 9xx; group not 00; serial not 0000; not a voided
    advertising number (stdnum), nor the usual example."""
    return len(number) == 9 and number.isdigit() and number not in _SSN_EXAMPLES and us_ssn.is_valid(number)


def itin_valid(number: str) -> bool:
    """US ITIN: 9xx, then a group in 50–65, 70–88, 90–92 or 94–99 (the IRS's ranges since 2011;
    stdnum 2.2 still lacks 50–65, so real ITINs would be missed)."""
    if len(number) != 9 or not number.isdigit() or number[0] != "9":
        return False
    group = int(number[3:5])
    return 50 <= group <= 65 or 70 <= group <= 88 or 90 <= group <= 92 or 94 <= group <= 99


def curp_valid(number: str) -> bool:
    """Mexican CURP: 18 characters, real birth date, sex, state code, no offensive name word
    and check digit (stdnum). Sex "X" (non-binary, issued since 2023) is accepted too: stdnum
    knows only H and M."""
    if len(number) == 18 and number[10] == "X":
        as_binary = number[:10] + "H" + number[11:]
        return mx_curp.is_valid(as_binary, validate_check_digits=False) and number[17] == mx_curp.calc_check_digit(
            number
        )
    return mx_curp.is_valid(number)


def rfc_valid(number: str) -> bool:
    """Mexican RFC for a person (13) or company (12), with its homoclave and final check digit."""
    return len(number) in (12, 13) and mx_rfc.is_valid(number, validate_check_digits=True)


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
    return es_dni.is_valid(number) or es_nie.is_valid(number)


def honduras_dni_valid(number: str) -> bool:
    """Honduran DNI shape: department 01–18, municipality, birth year, 5-digit serial."""
    if len(number) != 13 or not number.isdigit():
        return False
    department, municipality, year = int(number[:2]), int(number[2:4]), int(number[4:8])
    return 1 <= department <= 18 and 1 <= municipality <= 28 and 1900 <= year <= date.today().year


def ecuador_ci_valid(number: str) -> bool:
    """Ecuadorian cédula: province, third digit and mod-10 check (stdnum: provinces 01–24, 30 for
    Ecuadorians abroad and 50; third digit up to 6, which foreign residents' cédulas carry)."""
    return len(number) == 10 and ec_ci.is_valid(number)


def luhn_valid(number: str) -> bool:
    return luhn.is_valid(number)


def dominican_cedula_valid(number: str) -> bool:
    """Dominican cédula: 11 digits (001-1234567-8) with a Luhn check digit, or one of the
    numbers the JCE issued that fail it (stdnum lists them)."""
    return len(number) == 11 and do_cedula.is_valid(number)


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
