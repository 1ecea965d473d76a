"""Documents in photos: classification, redaction, image decoding, the pre-filter, and the
labeled-set targets (documents found, OCR kept off ordinary photos, MRZ exact)."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from PIL import Image

from cuidado.media.documents import classify_document, redact
from cuidado.media.images import ImageError, load_image
from cuidado.media.mrz import find_mrz
from cuidado.media.ocr import tesseract_available
from cuidado.media.phash import hamming, phash

needs_tesseract = pytest.mark.skipif(not tesseract_available(), reason="tesseract not installed")


@pytest.mark.parametrize(
    "text, doc_type",
    [
        (
            "U.S. Citizenship and Immigration Services\nI-797C, Notice of Action\nReceipt Number IOE0912345678",
            "immigration_notice",
        ),
        (
            "Executive Office for Immigration Review\nImmigration Court\nNOTICE OF HEARING IN REMOVAL PROCEEDINGS",
            "immigration_notice",
        ),
        ("Corte de Inmigración\nAVISO DE AUDIENCIA\nNúmero A 123-456-789", "immigration_notice"),
        ("UNITED STATES OF AMERICA\nEMPLOYMENT AUTHORIZATION CARD\nCategory C09", "work_permit"),
        ("UNITED STATES OF AMERICA\nPERMANENT RESIDENT\nResident Since 05/02/2015", "green_card"),
        ("INSTITUTO NACIONAL ELECTORAL\nCREDENCIAL PARA VOTAR\nCURP GALM850312MDFRPR09", "id_card"),
        ("TEXAS\nDRIVER LICENSE\nDL 12345678 CLASS C", "drivers_license"),
        ("ELECTRIC SERVICE STATEMENT\nAccount Number 1234-56789-01\nAmount Due $123.45\nDue Date 05/01/2025", "bill"),
        ("SUPERIOR COURT OF CALIFORNIA\nSUMMONS\nCase No. 24-CV-1234", "court_notice"),
        ("PASAPORTE / PASSPORT\nREPUBLICA DE GUATEMALA", "passport"),
        ("Dear Maria,\nThank you for your letter. We will meet next week.\nSincerely, Ana", "letter"),
    ],
)
def test_classify_by_keywords(text, doc_type):
    result = classify_document(text, None)
    assert result is not None and result.doc_type == doc_type, result


def test_mrz_decides_passport_but_card_title_decides_green_card():
    mrz = find_mrz("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10")
    assert classify_document("garbled text", mrz).doc_type == "passport"
    card = find_mrz("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<")
    assert classify_document("", card).doc_type == "id_card"
    assert classify_document("PERMANENT RESIDENT\nUNITED STATES OF AMERICA", card).doc_type == "green_card"


def test_no_document_in_noise():
    assert classify_document("", None) is None
    assert classify_document("ii ~ 4 ._ |' ,, 7E", None) is None
    prose = "The weather was lovely and we walked along the river talking about music, friends, travel and food"
    assert classify_document(prose, None).doc_type == "other_text"


def test_address_and_redaction():
    text = "ELECTRIC SERVICE STATEMENT\nAmount Due $45.10\nMARIA LOPEZ\n7453 BELLAIRE BLVD\nHOUSTON, TX 77036\nApplicant A123 456 789"
    result = classify_document(text, None)
    assert result.has_address
    assert "A*** *** *89" in result.redacted and "123 456" not in result.redacted
    assert redact("Receipt Number IOE0925276018 Page 1 of 2") == "Receipt Number IOE********18 Page 1 of 2"


def test_load_image_orientation_and_downscale():
    image = Image.new("RGB", (4000, 1000), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    loaded = load_image(io.BytesIO(buffer.getvalue()))
    assert loaded.mode == "RGB" and max(loaded.size) <= 1600
    assert loaded.height > loaded.width  # upright
    assert loaded.info["original_size"] == (1000, 4000)


def test_load_image_refuses_bombs_and_junk():
    with pytest.raises(ImageError):
        load_image(io.BytesIO(b"not an image at all"))
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, format="PNG")  # 100 MP, tiny file
    with pytest.raises(ImageError, match="too large"):
        load_image(io.BytesIO(buffer.getvalue()))
    truncated = io.BytesIO()
    Image.new("RGB", (300, 300), "red").save(truncated, format="JPEG")
    with pytest.raises(ImageError):
        load_image(io.BytesIO(truncated.getvalue()[:200]))


def test_phash_survives_resize_and_recompression():
    import random

    from cuidado.fixtures.image_scenes import landscape

    photo = landscape(random.Random(4), (800, 600))
    small = photo.resize((400, 300))
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=60)
    again = Image.open(io.BytesIO(buffer.getvalue()))
    assert len(phash(photo)) == 16
    assert hamming(phash(photo), phash(again)) <= 6
    other = landscape(random.Random(5), (800, 600)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    assert hamming(phash(photo), phash(other)) > 10


@needs_tesseract
def test_labeled_set_meets_targets(tmp_path):
    """A reduced labeled set (unseen seed): documents found >= 95%, OCR on <= 10% of ordinary
    photos, every MRZ read with valid checks and its checked fields exact."""
    spec = importlib.util.spec_from_file_location(
        "eval_images", Path(__file__).parents[1] / "benchmarks" / "eval_images.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    cached_set, evaluate = bench.cached_set, bench.evaluate

    folder, items = cached_set(seed=2, documents=22, photos=16, faces=8, cache=tmp_path)
    m = evaluate(folder, items)
    assert m["document_recall"] >= 0.95, m
    assert m["ordinary_sent_to_ocr"] <= 0.10, m
    assert m["document_precision"] >= 0.95, m
    assert m["type_accuracy"] >= 0.9, m
    for field in ("document_number", "birth_date", "expiry_date", "nationality", "issuing_country", "sex"):
        assert m["mrz_field_exact"][field] == 1.0, (field, m["mrz_field_exact"])
    assert m["mrz_exact"] >= 0.85, m["mrz_field_exact"]


def test_load_image_for_checks_only_shrinks_by_whole_factors():
    """The photo checks share one cheap decode: between 800 and 1600 px, never resampled."""
    for size in ((4032, 3024), (1669, 1252), (1280, 960), (640, 480)):
        buffer = io.BytesIO()
        Image.new("RGB", size, "gray").save(buffer, format="JPEG")
        loaded = load_image(io.BytesIO(buffer.getvalue()), exact=False)
        assert loaded.info["original_size"] == size
        assert min(max(size), 800) <= max(loaded.size) < 1600
        png = io.BytesIO()
        Image.new("RGB", size, "gray").save(png, format="PNG")
        assert min(max(size), 800) <= max(load_image(io.BytesIO(png.getvalue()), exact=False).size) < 1600
