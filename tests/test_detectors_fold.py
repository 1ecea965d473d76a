"""Folding for matching, and the way back to original offsets."""

from cuidado.detectors.fold import fold, fold_term


def test_ascii_is_lowered_and_keeps_offsets():
    folded = fold("Hola MUNDO")
    assert folded.text == "hola mundo" and folded.starts is None
    assert folded.span(5, 10) == (5, 10)


def test_accents_and_case_go_away_offsets_stay():
    folded = fold("Inmigración ÉXITO")
    assert folded.text == "inmigracion exito"
    assert folded.starts is None  # each character folds to exactly one


def test_decomposed_accents_and_dropped_marks_map_back():
    text = "cafe\u0301 y migracio\u0301n"  # combining accents, written separately
    folded = fold(text)
    assert folded.text == "cafe y migracion"
    start = folded.text.index("migracion")
    o_start, o_end = folded.span(start, start + len("migracion"))
    assert text[o_start:o_end] == "migracio\u0301n"


def test_arabic_forms_are_unified():
    assert fold("أإآا").text == "اااا"
    assert fold("مدرسة").text == "مدرسه"  # ta marbuta
    assert fold("مـسـجـد").text == "مسجد"  # tatweel
    assert fold("٠١٢٣٤٥٦٧٨٩").text == "0123456789"  # Arabic-Indic digits


def test_quotes_and_dashes_are_plain():
    assert fold("I’m at – here").text == "i'm at - here"


def test_fold_term_squeezes_spaces():
    assert fold_term("  Cita   con  Inmigración ") == "cita con inmigracion"
