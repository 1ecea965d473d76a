"""Government IDs in text: what must match, and near misses that must NOT."""

import pytest

from cuidado.detectors import TextScanner

SCANNER = TextScanner()
MRZ_TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
MRZ_TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"


def ids(text, **kw):
    return [(m.subtype, m.value) for m in SCANNER.scan(text, **kw) if m.kind == "identity.government_id"]


@pytest.mark.parametrize(
    "text, subtype, value",
    [
        ("My SSN is 545-23-1189", "ssn", "545231189"),
        ("social security 545 23 1189", "ssn", "545231189"),
        ("ssn: 545231189", "ssn", "545231189"),  # bare 9 digits need the word
        ("ITIN 912-70-1234 came in the mail", "itin", "912701234"),
        ("A-Number: A123456789", "a_number", "A123456789"),
        ("mi número A es A-201-345-678", "a_number", "A201345678"),
        ("alien number 012345678", "a_number", "A012345678"),
        ("USCIS receipt EAC2112345678", "uscis_receipt", "EAC2112345678"),
        ("Receipt # IOE-09-123-45678", "uscis_receipt", "IOE0912345678"),
        ("I-94 number 69234567123", "i94", "69234567123"),
        ("I-94 #: 692345671A2", "i94", "692345671A2"),
        ("SEVIS ID N0012345678", "sevis", "N0012345678"),
        ("passport number G12345678", "passport", "G12345678"),
        ("Passport: A12345678", "passport", "A12345678"),  # not an A-number: the word says passport
        ("Numéro de passeport : 18AB12345", "passport", "18AB12345"),
        ("رقم جواز السفر N12345678", "passport", "N12345678"),
        ("driver's license D1234567", "drivers_license", "D1234567"),
        ("DL# S530-4603-7654", "drivers_license", "S53046037654"),
        ("Mi licencia de manejo es 123456789", "drivers_license", "123456789"),
        ("Matrícula consular #123456789", "consular_id", "123456789"),
        ("Mi CURP es BOXW310820HNERXN09", "curp", "BOXW310820HNERXN09"),
        ("RFC GODE561231GR8", "rfc", "GODE561231GR8"),
        ("Mi DPI es 1234 56789 0101", "dpi", "1234567890101"),
        ("DUI 04567890-3", "dui", "045678903"),
        ("DNI 12345678Z", "dni", "12345678Z"),
        ("NIE X-1234567-L", "nie", "X1234567L"),
        ("Mi identidad es 0801-1990-12345", "dni", "0801199012345"),
        ("cédula 1714307103", "cedula", "1714307103"),
        ("Cédula 001-1391820-5", "cedula", "00113918205"),
        ("C.C. 1.020.304.050 de Bogotá", "cedula", "1020304050"),
        ("Cédula V-18.456.789", "cedula", "V18456789"),
        (MRZ_TD3, "mrz", "L898902C3"),
        (MRZ_TD1, "mrz", "D23145890"),
    ],
)
def test_id_found(text, subtype, value):
    assert (subtype, value) in ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "SSN 000-12-3456",  # area 000
        "SSN 666-12-3456",  # area 666
        "SSN: 078-05-1120",  # voided advertising number
        "Case #912-34-5678 closed",  # 9xx with a group no ITIN uses
        "CURP BOXW310820HNERXN08",  # wrong check digit
        "DNI 12345678A",  # wrong letter
        "DPI 1234 56788 0101",  # wrong check digit
        "DUI 04567890-4",  # wrong check digit
        "Model A123456789 in stock",  # A + 9 digits without an A-number word
        "Boleto 123456789 ganador",  # nine digits, no ID word
        "I-94? maybe 123",  # word without a number
        "Pedido #A12345678 listo",  # order code
        "Use code SAVE2024NOW at checkout",
        "La licencia de maternidad dura 12 semanas",
        MRZ_TD3.replace("C36", "C37"),  # MRZ with a broken check digit
    ],
)
def test_near_miss_is_not_an_id(text):
    assert ids(text) == []


def test_invalid_ssn_shape_is_not_read_as_a_phone_either():
    kinds = {m.kind for m in SCANNER.scan("SSN 000-12-3456, call 713-482-9921")}
    assert "identity.government_id" not in kinds
    assert [m.value for m in SCANNER.scan("SSN 000-12-3456") if m.kind == "identity.phone"] == []


def test_span_covers_the_number_as_written():
    text = "Mi DPI es 1234 56789 0101, gracias"
    (match,) = [m for m in SCANNER.scan(text) if m.kind == "identity.government_id"]
    assert text[match.start : match.end] == "1234 56789 0101"
    assert match.confidence >= 0.9


def test_salvadoran_dui_label_is_not_a_drunk_driving_charge():
    found = SCANNER.scan("mi DUI es 04567890-3")
    assert [m.kind for m in found] == ["identity.government_id"]
