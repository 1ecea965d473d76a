"""Undo the typical OCR damage to MRZ lines before their check digits are verified.

Tesseract reads the OCR-B filler '<' as K, S, C or X, splits a wide 0 into "O0", picks up a
speck at the line's edge, and confuses O/0, I/1, S/5, B/8, G/6. Each line gets a small set of
candidate repairs; the parser keeps the one whose check digits (and country codes) agree.
"""

from __future__ import annotations

import re

_CHEVRONS = str.maketrans({"«": "<<", "‹": "<", "〈": "<", "≪": "<<", "(": "<", "{": "<", "[": "<"})
_TO_DIGIT = str.maketrans("OQDIJLZSGBT", "00011125687")
_TO_ALPHA = str.maketrans("0125867", "OIZSBGT")
# Characters OCR confuses in alphanumeric fields; the check digit decides which reading is right.
AMBIGUOUS = {
    "O": "0",
    "0": "O",
    "I": "1",
    "1": "I",
    "S": "5",
    "5": "S",
    "B": "8",
    "8": "B",
    "Z": "2",
    "2": "Z",
    "G": "6",
    "6": "G",
    "D": "0",
    "Q": "0",
}
# Swaps a check digit cannot see (letter value = digit value + 10 or + 20): only the printed
# number in the visual zone of the page can settle them.
INVISIBLE_TO_CHECK = {
    "6": "G",
    "G": "6",
    "5": "F",
    "F": "5",
    "P": "F",
    "0": "A",
    "A": "0",
    "1": "B",
    "B": "1",
    "2": "C",
    "C": "2",
    "3": "D",
    "D": "3",
    "4": "E",
    "E": "4",
    "7": "H",
    "H": "7",
}
_CODE_MISREADS = {"U": "V", "Y": "V", "F": "P", "R": "P", "L": "I"}  # first letter of the document code
# A '<' misread inside a run of fillers (K is also invisible to check digits: 20 = 0 mod 10).
_FILLER_NOISE = re.compile(r"(?<=<<)[KCLEX](?=<)|(?<=<)[KCLEX](?=<<)")
_TRAILING_FILLERS = re.compile(r"<[<KXCSE]*$")  # the end of a line is fillers, whatever OCR says
_MRZ_CHARS = re.compile(r"[A-Z0-9<]")

# ISO 3166 alpha-3 codes plus ICAO's own (D for Germany, UN bodies, stateless, refugees).
COUNTRY_CODES = frozenset(
    """
AFG ALA ALB DZA ASM AND AGO AIA ATA ATG ARG ARM ABW AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BMU BTN BOL BES BIH
BWA BVT BRA IOT BRN BGR BFA BDI CPV KHM CMR CAN CYM CAF TCD CHL CHN CXR CCK COL COM COG COD COK CRI CIV HRV CUB CUW
CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FLK FRO FJI FIN FRA GUF PYF ATF GAB GMB GEO DEU GHA GIB GRC
GRL GRD GLP GUM GTM GGY GIN GNB GUY HTI HMD VAT HND HKG HUN ISL IND IDN IRN IRQ IRL IMN ISR ITA JAM JPN JEY JOR KAZ
KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MAC MDG MWI MYS MDV MLI MLT MHL MTQ MRT MUS MYT MEX FSM
MDA MCO MNG MNE MSR MAR MOZ MMR NAM NRU NPL NLD NCL NZL NIC NER NGA NIU NFK MKD MNP NOR OMN PAK PLW PSE PAN PNG PRY
PER PHL PCN POL PRT PRI QAT REU ROU RUS RWA BLM SHN KNA LCA MAF SPM VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SXM SVK
SVN SLB SOM ZAF SGS SSD ESP LKA SDN SUR SJM SWE CHE SYR TWN TJK TZA THA TLS TGO TKL TON TTO TUN TUR TKM TCA TUV UGA
UKR ARE GBR USA UMI URY UZB VUT VEN VNM VGB VIR WLF ESH YEM ZMB ZWE RKS EUE UNO UNA UNK XXA XXB XXC XXX XOM XPO
GBD GBN GBO GBP GBS D<< UTO""".split()
)


def candidate_lines(text: str) -> list[str]:
    """OCR lines that look like MRZ lines, spaces removed and chevron lookalikes turned into '<'."""
    out = []
    for raw in text.upper().splitlines():
        line = "".join(raw.split()).translate(_CHEVRONS)
        while _FILLER_NOISE.search(line):  # "<<K<K<<": each fix can expose the next
            line = _FILLER_NOISE.sub("<", line)
        if len(line) < 20 or "<" not in line:
            continue
        kept = "".join(_MRZ_CHARS.findall(line))
        if len(kept) >= 0.9 * len(line):
            out.append(_TRAILING_FILLERS.sub(lambda m: "<" * len(m.group(0)), kept))
    return out


def fit_length(line: str, length: int, *, keep_tail: int) -> str:
    """Undo a miscounted run of fillers: the last `keep_tail` characters (check digits) stay put,
    the part before them is trimmed of, or padded with, trailing '<' to the exact length."""
    if len(line) == length:
        return line
    head, tail = (line[:-keep_tail], line[-keep_tail:]) if keep_tail else (line, "")
    want = length - keep_tail
    while len(head) > want and head.endswith("<"):
        head = head[:-1]
    return head[:want].ljust(want, "<") + tail


def data_line_variants(line: str, length: int, *, keep_tail: int) -> list[str]:
    """The line fitted to length, then (if too long) with each single character dropped or (if
    too short) a digit or '<' inserted: a speck read as a character, or a character lost, shifts
    every field after it."""
    variants = [fit_length(line, length, keep_tail=keep_tail)]
    # Only a line of the wrong length gets characters dropped or added: on a line of the right
    # length that would let a wrong check digit be "repaired" into a right one.
    if len(line) > length:
        variants += [fit_length(line[:i] + line[i + 1 :], length, keep_tail=keep_tail) for i in range(len(line))]
    if len(line) < length:
        for i in range(len(line) + 1):
            variants += [fit_length(line[:i] + ch + line[i:], length, keep_tail=keep_tail) for ch in "0123456789<"]
    return list(dict.fromkeys(variants))


def header_line_variants(line: str, length: int) -> list[str]:
    """A name line (document code, country, name) with up to two leading specks dropped."""
    variants = []
    for skip in range(min(3, max(1, len(line) - length + 3))):
        rest = line[skip:]
        head = to_alpha(rest[:5])
        head = _CODE_MISREADS.get(head[0], head[0]) + head[1:]
        variants.append(fit_length(head + rest[5:], length, keep_tail=0))
    return variants


def header_plausibility(line: str) -> int:
    return (line[0] in "PVIAC") + (country_code(line[2:5]) in COUNTRY_CODES)


def to_digits(text: str) -> str:
    return text.translate(_TO_DIGIT)


def to_alpha(text: str) -> str:
    return text.translate(_TO_ALPHA)


def country_code(code: str) -> str:
    code = to_alpha(code)
    return code if code == "D<<" else code.replace("<", "")


FILLER_LOOKALIKES = "KXCSELZ"  # letters OCR gives for '<' (digits such as 4 look too much like '<')


def apply_chevron_mask(line: str, chevrons: list[bool]) -> str | None:
    """Rebuild an OCR'd MRZ name line on the glyph-shape mask of its image (True = a '<' is there).

    An edit-distance alignment of the OCR text to the mask: lookalike letters on chevron cells
    become '<', fillers OCR dropped come back, specks and letters OCR added go. None when the two
    disagree too much to trust either, and for data lines: digits such as 4 and 7 are shaped too
    much like '<' for the mask to be trusted there."""
    if sum(ch.isdigit() for ch in line) >= 3:
        return None
    cells, chars = len(chevrons), len(line)
    inf = float("inf")
    cost = [[inf] * (chars + 1) for _ in range(cells + 1)]
    move = [[""] * (chars + 1) for _ in range(cells + 1)]
    cost[0][0] = 0.0
    for i in range(cells + 1):
        for j in range(chars + 1):
            here = cost[i][j]
            if here == inf:
                continue
            if i < cells and j < chars:  # this character is this cell's glyph
                step = _match_cost(chevrons[i], line[j], _in_filler_run(line, j))
                if here + step < cost[i + 1][j + 1]:
                    cost[i + 1][j + 1], move[i + 1][j + 1] = here + step, "match"
            if j < chars:  # OCR added this character: a speck, or one '<' read as two glyphs
                step = 1.2 if line[j] not in FILLER_LOOKALIKES + "<" else _extra_cost(line, j)
                if here + step < cost[i][j + 1]:
                    cost[i][j + 1], move[i][j + 1] = here + step, "extra"
            if i < cells and chevrons[i]:  # OCR dropped this filler
                if here + 0.8 < cost[i + 1][j]:
                    cost[i + 1][j], move[i + 1][j] = here + 0.8, "dropped"
    if cost[cells][chars] > 3.0 + 0.3 * sum(ch in FILLER_LOOKALIKES for ch in line):
        return None
    out, i, j = [], cells, chars
    while i or j:
        came_by = move[i][j]
        if came_by == "match":
            out.append("<" if chevrons[i - 1] else line[j - 1])
            i, j = i - 1, j - 1
        elif came_by == "extra":
            j -= 1
        else:
            out.append("<")
            i -= 1
    return "".join(reversed(out))


def _match_cost(is_chevron: bool, ch: str, in_run: bool) -> float:
    if is_chevron:
        return 0.0 if ch == "<" else (0.3 if in_run else 0.7) if ch in FILLER_LOOKALIKES else 1.5
    return 1.0 if ch == "<" else 0.0


def _extra_cost(line: str, j: int) -> float:
    """Dropping a '<' or lookalike is cheap, cheapest right next to a '<' (a chevron read twice)."""
    if line[j] == "<":
        return 0.45
    touching = (j > 0 and line[j - 1] == "<") or (j + 1 < len(line) and line[j + 1] == "<")
    return 0.4 if touching else (0.5 if _in_filler_run(line, j) else 0.6)


def _in_filler_run(line: str, j: int) -> bool:
    """A lookalike inside a run of '<' and lookalikes is most likely a misread '<' itself."""
    if line[j] not in FILLER_LOOKALIKES:
        return False
    start = end = j
    while start > 0 and (line[start - 1] == "<" or line[start - 1] in FILLER_LOOKALIKES):
        start -= 1
    while end + 1 < len(line) and (line[end + 1] == "<" or line[end + 1] in FILLER_LOOKALIKES):
        end += 1
    return "<" in line[start : end + 1]
