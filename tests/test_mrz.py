"""MRZ parsing: every format, every check digit, OCR noise tolerated, near misses flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from cuidado.fixtures.image_documents import Person, td1_lines, td3_lines
from cuidado.media.mrz import check_digit, confirm_with_visual_zone, find_mrz, merge_readings
from cuidado.media.mrz_repair import apply_chevron_mask

# ICAO 9303 part 4 specimen (Anna Maria Eriksson, Utopia).
SPECIMEN_TD3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
SPECIMEN_TD1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
SPECIMEN_TD2 = ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]
SPECIMEN_MRVA = ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"]
PERSON = Person(
    "GARCIA LOPEZ", "MARIA ELENA", "F", dt.date(1985, 3, 12), "MEX", "1 MAIN ST", ("HOUSTON", "TX", "77036")
)


def test_check_digit_examples():
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("<<<<<<<<<<<<<<") == "0"


@pytest.mark.parametrize(
    "lines, fmt, number, birth",
    [
        (SPECIMEN_TD3, "TD3", "L898902C3", "1974-08-12"),
        (SPECIMEN_TD1, "TD1", "D23145890", "1974-08-12"),
        (SPECIMEN_TD2, "TD2", "D23145890", "1974-08-12"),
        (SPECIMEN_MRVA, "MRVA", "L8988901C", "1940-09-07"),
    ],
)
def test_specimens_parse_exactly(lines, fmt, number, birth):
    mrz = find_mrz("\n".join(lines))
    assert mrz is not None and mrz.all_valid, mrz
    assert (mrz.format, mrz.document_number, mrz.surname, mrz.given_names) == (fmt, number, "ERIKSSON", "ANNA MARIA")
    assert (mrz.issuing_country, mrz.sex, mrz.birth_date) == ("UTO", "F", birth)


def test_td3_fields():
    mrz = find_mrz("\n".join(SPECIMEN_TD3))
    assert mrz.kind == "passport"
    assert (mrz.nationality, mrz.birth_date, mrz.expiry_date) == ("UTO", "1974-08-12", "2012-04-15")
    assert mrz.optional_data == "ZE184226B"
    assert set(mrz.valid_checks) == {"document_number", "birth_date", "expiry_date", "optional_data", "composite"}


def test_generated_lines_round_trip():
    passport = find_mrz("\n".join(td3_lines("P", "MEX", PERSON, "G12345678", dt.date(2031, 2, 11), "1234567890")))
    assert passport.all_valid
    assert (passport.surname, passport.given_names, passport.document_number) == (
        "GARCIA LOPEZ",
        "MARIA ELENA",
        "G12345678",
    )
    assert passport.optional_data == "1234567890"
    card = find_mrz("\n".join(td1_lines("ID", "MEX", PERSON, "261401419", dt.date(2029, 6, 29), "1417<<05864920")))
    assert card.all_valid and card.kind == "id_card"
    assert (card.document_number, card.optional_data, card.expiry_date) == ("261401419", "1417 05864920", "2029-06-29")


@pytest.mark.parametrize(
    "field, position", [("document number", 9), ("birth date", 19), ("expiry", 27), ("composite", 43)]
)
def test_wrong_check_digit_is_not_valid(field, position):
    line = SPECIMEN_TD3[1]
    wrong = line[:position] + str((int(line[position]) + 1) % 10) + line[position + 1 :]
    mrz = find_mrz(SPECIMEN_TD3[0] + "\n" + wrong)
    assert mrz is not None and not mrz.all_valid


def test_changed_birth_date_fails_its_check():
    line = SPECIMEN_TD3[1].replace("740812", "740813")
    mrz = find_mrz(SPECIMEN_TD3[0] + "\n" + line)
    assert mrz is not None and not mrz.valid_checks["birth_date"] and not mrz.all_valid


@pytest.mark.parametrize(
    "noisy",
    [
        # spaces inside the lines, as OCR inserts them
        "P<UTO ERIKSSON<<ANNA<MARIA<<<<<<<< <<<<<<<<<<<\nL898902C36 UTO7408122F1204159ZE184226B<<<<<10",
        # '«' for a pair of fillers
        "P<UTOERIKSSON««ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
        # O for 0 and I for 1 in numeric fields
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8I22F12O4159ZE184226B<<<<<1O",
        # filler run miscounted (two '<' missing) and K read for '<'
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<K<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<10",
        # a speck read as a character at the start of the data line
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n.1L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        # lines surrounded by other page text, trailing fillers read as K
        "PASSPORT\nSurname ERIKSSON\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<KKKKKKKKKKKK\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
    ],
)
def test_ocr_noise_still_parses_exactly(noisy):
    mrz = find_mrz(noisy)
    assert mrz is not None and mrz.all_valid, mrz
    assert (mrz.document_number, mrz.surname, mrz.given_names) == ("L898902C3", "ERIKSSON", "ANNA MARIA")
    assert (mrz.birth_date, mrz.expiry_date, mrz.nationality) == ("1974-08-12", "2012-04-15", "UTO")


def test_o_zero_confusion_in_number_resolved_by_check_digit():
    line = SPECIMEN_TD3[1].replace("L898902C3", "L898902C3")  # contains no O; make one
    number = "G12O45678"
    body = number + check_digit(number) + line[10:]
    composite = body[0:10] + body[13:20] + body[21:43]
    body = body[:43] + check_digit(composite)
    ocr_read = body.replace("G12O4", "G1204")  # OCR reads the letter O as zero
    mrz = find_mrz(SPECIMEN_TD3[0] + "\n" + ocr_read)
    assert mrz.all_valid and mrz.document_number == number


def test_text_without_mrz():
    assert find_mrz("Dear customer,\nyour bill is attached. Amount due $45.10") is None
    assert find_mrz("") is None


def test_visual_zone_settles_what_check_digits_cannot():
    """G and 6 give the same check digit (16 = 6 mod 10): the printed number decides."""
    number = "G36134125"
    line2 = number + check_digit(number) + "SLV7303054M2808082<<<<<<<<<<<<<<"
    line2 = line2[:42] + "0" + check_digit(line2[0:10] + line2[13:20] + line2[21:42] + "0")
    misread = find_mrz(SPECIMEN_TD3[0] + "\n" + line2.replace("G3613", "63613"))
    assert misread.all_valid and misread.document_number == "636134125"
    fixed = confirm_with_visual_zone(misread, "Pasaporte No. / Passport No.\nG36134125 MARTINEZ")
    assert fixed.document_number == "G36134125"


def test_merge_takes_majority_name():
    good = find_mrz("\n".join(SPECIMEN_TD3))
    noisy = find_mrz("P<UTOERIKSSON<<ANNAXMARIA<<<<<<<<<<<<<<<<<<<\n" + SPECIMEN_TD3[1])
    merged = merge_readings([noisy, good, good])
    assert (merged.surname, merged.given_names) == ("ERIKSSON", "ANNA MARIA")


def test_chevron_mask_rebuilds_name_line():
    mask = [c == "<" for c in "....<<....<<<<<<<<<<<<<<<<<<<<"]
    assert apply_chevron_mask("CRUZ<<JUANK<<<<<KKKKKKKKKKK", mask) == "CRUZ<<JUAN" + "<" * 20
    assert apply_chevron_mask("0102225M2810087MEX<<<<<<<<<<<7", mask) is None  # data lines are left alone
