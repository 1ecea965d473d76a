"""Check-digit rules against published examples (python-stdnum docs, ICAO 9303 specimens).

The rows marked "stdnum" or "ours" pin where python-stdnum and our own rule differ, and which we keep."""

import pytest

from cuidado.detectors import checksums as ck


@pytest.mark.parametrize(
    "rule, number, valid",
    [
        (ck.ssn_valid, "123456788", True),
        (ck.ssn_valid, "000123456", False),  # area 000
        (ck.ssn_valid, "666123456", False),  # area 666
        (ck.ssn_valid, "912345678", False),  # 9xx is ITIN space
        (ck.ssn_valid, "123004567", False),  # group 00
        (ck.ssn_valid, "123450000", False),  # serial 0000
        (ck.ssn_valid, "078051120", False),  # the Woolworth wallet card
        (ck.ssn_valid, "457555462", False),  # stdnum: another number voided after an advertisement
        (ck.ssn_valid, "123456789", False),  # ours: the example every form shows
        (ck.itin_valid, "912701234", True),  # group 70
        (ck.itin_valid, "900941234", True),  # group 94
        (ck.itin_valid, "912931234", False),  # group 93 is not used
        (ck.itin_valid, "900551234", True),  # ours: group 50-65 is the IRS's since 2011 (stdnum 2.2 lacks it)
        (ck.itin_valid, "912341234", False),  # group 34
        (ck.itin_valid, "812701234", False),  # must start with 9
        (ck.curp_valid, "BOXW310820HNERXN09", True),
        (ck.curp_valid, "BOXW310820HNERXN08", False),  # wrong check digit
        (ck.curp_valid, "BOXW311320HNERXN09", False),  # month 13
        (ck.curp_valid, "BOXW310820HXXRXN09", False),  # no state XX
        (ck.curp_valid, "GARC850101XDFRRN03", True),  # ours on top of stdnum: sex X (non-binary, since 2023)
        (ck.curp_valid, "PUTO740906HDFRRN09", False),  # stdnum: RENAPO never issues an offensive word
        (ck.rfc_valid, "GODE561231GR8", True),
        (ck.rfc_valid, "VACE460910SX6", False),  # check digit does not add up
        (ck.rfc_valid, "MAB9307148T4", True),  # company
        (ck.rfc_valid, "GODE561231ZR3", False),  # stdnum: no homoclave starts with Z (check digit fits)
        (ck.dpi_valid, "1234567890101", True),
        (ck.dpi_valid, "8765432122217", True),
        (ck.dpi_valid, "1234567892301", False),  # department 23 does not exist
        (ck.dpi_valid, "1234567890125", False),  # Guatemala city has 17 municipalities
        (ck.dpi_valid, "1234567880101", False),  # check digit
        (ck.dui_valid, "045678903", True),
        (ck.dui_valid, "045678904", False),
        (ck.dni_es_valid, "12345678Z", True),
        (ck.dni_es_valid, "12345678A", False),
        (ck.dni_es_valid, "X1234567L", True),  # NIE
        (ck.dni_es_valid, "Y1234567X", True),
        (ck.honduras_dni_valid, "0801199012345", True),
        (ck.honduras_dni_valid, "1901199012345", False),  # department 19
        (ck.honduras_dni_valid, "0801189912345", False),  # born 1899
        (ck.ecuador_ci_valid, "1714307103", True),
        (ck.ecuador_ci_valid, "1714307104", False),
        (ck.ecuador_ci_valid, "2514307103", False),  # province 25
        (ck.ecuador_ci_valid, "1764307102", True),  # stdnum: third digit 6, foreign residents' cédulas
        (ck.dominican_cedula_valid, "00113918205", True),
        (ck.dominican_cedula_valid, "00113918206", False),
        (ck.dominican_cedula_valid, "00000021249", True),  # stdnum: issued though its Luhn digit is wrong
        (ck.dominican_cedula_valid, "00012345674", True),  # stdnum: 000 is a real prefix of old cédulas
        (ck.luhn_valid, "79927398713", True),
        (ck.luhn_valid, "79927398710", False),
    ],
)
def test_rule(rule, number, valid):
    assert rule(number) is valid


def test_mrz_check_digit_matches_icao_specimen():
    # ICAO 9303 part 4 specimen: L898902C3 <6>, born 740812 <2>, expires 120415 <9>.
    assert ck.mrz_check_digit("L898902C3") == "6"
    assert ck.mrz_check_digit("740812") == "2"
    assert ck.mrz_check_digit("120415") == "9"
    assert ck.mrz_check_digit("<<<<<<") == "0"
