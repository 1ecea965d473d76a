"""Sensitive topics: lexicon matching (accents, case, boundaries, Arabic clitics),
context rules, exclusions, and near misses that must NOT match."""

import pytest

from cuidado.detectors import TextScanner

SCANNER = TextScanner()


def topics(text):
    return {m.kind: m for m in SCANNER.scan(text) if m.kind.startswith("sensitive.")}


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Soy indocumentado pero trabajo duro", "sensitive.immigration"),
        ("SOY INDOCUMENTADO", "sensitive.immigration"),  # case
        ("Mañana tengo cita con inmigracion", "sensitive.immigration"),  # accent left out
        ("ICE was outside my building", "sensitive.immigration"),  # capitals: the agency
        ("Me agarró la migra saliendo del trabajo", "sensitive.immigration"),
        ("Fuimos a la marcha contra las deportaciones", "sensitive.politics"),
        ("Voté por Morena y no me arrepiento", "sensitive.politics"),
        ("أنا صائم في رمضان", "sensitive.religion"),
        ("Vou à missa no domingo", "sensitive.religion"),
        ("Soy hondureña de corazón", "sensitive.origin"),
        ("I'm from Guatemala and proud of it", "sensitive.origin"),
        ("Je suis enceinte de 5 mois", "sensitive.health"),
        ("أنا حامل", "sensitive.health"),
        ("Por fin salí del clóset", "sensitive.sexuality"),
        ("Nos afiliamos al sindicato", "sensitive.union"),
        ("نحن في إضراب", "sensitive.union"),
        ("Got arrested last night, need bail money", "sensitive.legal"),
        ("اعتقلوني الأسبوع الماضي", "sensitive.legal"),
    ],
)
def test_topic_found(text, kind):
    assert kind in topics(text)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("This ice cream is amazing", "sensitive.immigration"),  # exclusion phrase
        ("Ice on the roads, drive safe", "sensitive.immigration"),  # not in capitals
        ("Visitamos a mi abuela en el asilo de ancianos", "sensitive.immigration"),
        ("My border collie learned a trick", "sensitive.immigration"),
        ("Did you finish the TPS reports?", "sensitive.immigration"),
        ("The police station is near the nice café", "sensitive.immigration"),  # "ice" inside words
        ("Compré pan dulce y café", "sensitive.politics"),  # "pan" not in capitals
        ("Gira a la derecha en el semáforo", "sensitive.politics"),  # one weak word
        ("Oh my god this is so good", "sensitive.religion"),
        ("Si Dios quiere nos vemos mañana", "sensitive.religion"),
        ("Mi perro es un pastor alemán", "sensitive.religion"),
        ("إن شاء الله نلتقي قريبا", "sensitive.religion"),
        ("Me encantan los tacos mexicanos", "sensitive.origin"),  # taste, not origin
        ("Nouvelle enceinte bluetooth super", "sensitive.health"),  # a speaker
        ("It's cancer season, happy birthday crabs", "sensitive.health"),
        ("The new album is coming out soon", "sensitive.sexuality"),
        ("Avoid trans fats", "sensitive.sexuality"),
        ("Opened an account at the credit union", "sensitive.union"),
        ("Me hice un corte de pelo nuevo", "sensitive.legal"),
        ("Meet me at the food court", "sensitive.legal"),
        ("My immigration lawyer called", "sensitive.legal"),  # legal word inside an immigration term
        ("Mi pobre corazón", "sensitive.legal"),  # "corte" is not in "corazón"
    ],
)
def test_near_miss_is_not_the_topic(text, kind):
    assert kind not in topics(text)


def test_weak_term_needs_a_first_person_word():
    assert "sensitive.immigration" not in topics("La frontera es enorme")
    assert "sensitive.immigration" in topics("Mi caso de asilo sigue")  # 0.7 + "mi"


def test_finding_names_the_terms_and_points_at_the_first_one():
    text = "Tengo cita con Inmigración y mi abogado dice que el asilo va bien"
    match = topics(text)["sensitive.immigration"]
    assert match.terms == ("cita con inmigración", "asilo")
    assert match.value == "cita con inmigración, asilo"
    assert match.subtype == "immigration"
    assert text[match.start : match.end] == "cita con Inmigración"  # original spelling and offsets


def test_arabic_matches_with_attached_particles_and_vowel_marks():
    assert "sensitive.immigration" in topics("أخاف من التَّرحيل")  # ال + vowel mark
    assert "sensitive.religion" in topics("صليت في المسجد وأنا صائم")
    text = "أنا لاجئ"
    match = topics(text)["sensitive.immigration"]
    assert text[match.start : match.end] == "لاجئ"


def test_more_terms_give_more_confidence():
    one = topics("Soy indocumentado")["sensitive.immigration"].confidence
    two = topics("Soy indocumentado, tengo corte de inmigración y pedí asilo")["sensitive.immigration"].confidence
    assert two > one


def test_data_files_are_well_formed():
    from cuidado.detectors.lexicon import data_files, load_entries

    entries = load_entries()
    topics_files = data_files("sensitive.")
    assert len(topics_files) == 8
    seen = set()
    for entry in entries:
        assert entry.term.strip() == entry.term and entry.term, entry
        assert entry.lang in ("en", "es", "pt", "fr", "ar", "*"), entry
        assert 0 < entry.weight <= 1.0, entry
        key = (entry.category, entry.group, entry.lang, entry.term)
        assert key not in seen, f"duplicate row: {key}"
        seen.add(key)
    for name in topics_files:
        topic = name[: -len(".tsv")]
        langs = {e.lang for e in entries if e.category == "topic" and e.group == topic}
        assert {"en", "es", "pt", "fr", "ar"} <= langs, (topic, langs)
