"""WhatsApp importer: every real sample read with counts checked by hand, the header grammar and
date-order inference, generated exports read exactly as labelled, and hostile chats survived."""

from __future__ import annotations

import hashlib
import random
import re
import shutil
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import shared_sample
from cuidado.fixtures.exports import whatsapp as whatsapp_fixture
from cuidado.fixtures.generate import SIZES
from cuidado.fixtures.media import make_jpeg
from cuidado.fixtures.persona import make_persona
from cuidado.importers.run import read_all
from cuidado.importers.whatsapp import WhatsAppImporter
from cuidado.importers.whatsapp_lines import FormatSurvey, header_time, is_system_body, match_header, split_author
from cuidado.inputs.sources import open_source
from cuidado.models import Kind


def real_chat(name: str) -> Path:
    """One of the real chat exports in shared/samples/whatsapp."""
    return shared_sample(f"whatsapp/{name}")


def read(path: Path, importer: WhatsAppImporter | None = None):
    with open_source([path]) as source:
        return read_all(source, importer or WhatsAppImporter())


def digests(root: Path) -> dict[str, str]:
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def by_id(records) -> dict[str, object]:
    return {r.native_id: r for r in records}


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# ---- real samples ---------------------------------------------------------------------------

# Counted by hand from the files: header lines (grep on the header pattern), minus the lines
# WhatsApp wrote itself (no "author: ", or an encryption / security-code notice).
SAMPLE_COUNTS = {
    # file: (messages, system lines, date order, order guessed, thread, participants)
    "android_dd.mm.yyyy_group__whatstk.txt": (18, 2, "dmy", False, "Pokemon Chat", 8),
    "android_en_ddmmyyyy_with_attachments__whats_json.txt": (59, 1, "dmy", False, None, 2),
    "android_en_group_system_messages__whats_json.txt": (4, 16, "dmy", True, None, 1),
    "android_nl_dd-mm-yyyy_media__whats_json.txt": (40, 1, "dmy", False, None, 2),
    "bracketed_mmddyy_24h__chat_miner.txt": (7, 2, "mdy", False, None, 5),
    "ddmmyy_24h_dash__chat_miner.txt": (7, 2, "dmy", False, None, 5),
    "ios_buddhist_calendar__whats_json.txt": (25, 3, "mdy", False, "Elon Musk", 2),
    "ios_de_media_omitted__whats_json.txt": (22, 3, "mdy", False, "Elon Musk", 2),
    "ios_en_24h_media_omitted__whats_json.txt": (22, 3, "mdy", False, "Elon Musk", 2),
    "ios_en_24h_with_attachments__whats_json.txt": (22, 3, "mdy", False, "Elon Musk", 2),
    "mmddyyyy_12h_am_pm_spanish_style__chat_miner.txt": (7, 2, "mdy", False, None, 5),
    "yyyymmdd_24h__chat_miner.txt": (7, 2, "ymd", False, None, 5),
}


def test_every_sample_is_listed():
    assert sorted(p.name for p in shared_sample("whatsapp").iterdir()) == sorted(SAMPLE_COUNTS)


@pytest.mark.parametrize("name", sorted(SAMPLE_COUNTS))
def test_real_samples_read_with_hand_counted_messages(name):
    messages, system, order, guessed, thread, people = SAMPLE_COUNTS[name]
    path = real_chat(name)
    before = digests(path)
    records, skipped = read(path)
    assert digests(path) == before
    assert skipped == []
    kinds = Counter(r.kind for r in records)
    assert kinds == {Kind.MESSAGE: messages, Kind.OTHER: system}
    assert all(r.extra.get("system") for r in records if r.kind == Kind.OTHER)
    assert {r.extra["date_order"] for r in records} == {order}
    assert all(bool(r.extra.get("date_order_guessed")) == guessed for r in records)
    assert {r.thread for r in records} == {thread or Path(name).stem}
    assert all(len(r.participants) == people for r in records)
    assert all(r.time is not None and r.time.tzinfo is not None and r.extra["local_time"] for r in records)
    assert len({r.native_id for r in records}) == len(records)
    assert all(r.platform == "whatsapp" and r.source == name for r in records)
    # Re-reading gives the same ids.
    assert [r.id for r in read(path)[0]] == [r.id for r in records]


def test_native_ids_are_header_line_numbers_and_continuations_join():
    records = read(real_chat("bracketed_mmddyy_24h__chat_miner.txt"))[0]
    assert [r.native_id for r in records] == ["1", "2", "3", "5", "6", "7", "8", "9", "10"]
    joined = "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero."
    assert by_id(records)["3"].text == joined
    assert by_id(records)["10"].text == joined  # the file's last line has no newline
    assert by_id(records)["2"].author == "John Doe" and by_id(records)["2"].text == "."
    assert by_id(records)["5"].author == "John-John Doe"  # "Lorem ipsum : dolor" keeps its colon
    assert by_id(records)["5"].text == "Lorem ipsum : dolor sit amet."
    assert by_id(records)["8"].author == "John Doe 🤓" and by_id(records)["9"].author == "🤓"
    system = by_id(records)["6"]
    assert system.kind == Kind.OTHER and system.author is None
    assert system.text == '+12 345 578 created group "Groupname"'  # a phone number kept as written
    assert by_id(records)["7"].text == "You were added" and by_id(records)["7"].by_self is None


def test_twelve_hour_spanish_markers_convert():
    records = by_id(read(real_chat("mmddyyyy_12h_am_pm_spanish_style__chat_miner.txt"))[0])
    assert records["1"].time == at(2019, 1, 1, 11, 25)
    assert records["3"].time == at(2019, 1, 30, 20, 49)  # 08:49 p. m.
    assert records["5"].time == at(2020, 6, 10, 15, 55)  # 03:55 p. m.
    assert records["6"].time == at(2020, 6, 20, 0, 8)  # 00:08 a. m.
    assert records["9"].time == at(2021, 12, 20, 12, 10)  # 12:10 p. m. is noon
    assert records["10"].time == at(2021, 12, 30, 22, 1)


def test_date_orders_and_year_forms():
    assert by_id(read(real_chat("ddmmyy_24h_dash__chat_miner.txt"))[0])["2"].time == at(2019, 1, 20, 11, 23)
    assert by_id(read(real_chat("yyyymmdd_24h__chat_miner.txt"))[0])["10"].time == at(2021, 12, 30, 22, 1)
    assert by_id(read(real_chat("bracketed_mmddyy_24h__chat_miner.txt"))[0])["3"].time == at(2019, 1, 30, 20, 49)
    dots = read(real_chat("android_dd.mm.yyyy_group__whatstk.txt"))[0]
    assert dots[0].time == at(2016, 4, 15, 15, 4) and dots[-1].time == at(2016, 10, 31, 12, 23)
    dutch = read(real_chat("android_nl_dd-mm-yyyy_media__whats_json.txt"))[0]
    assert dutch[-1].time == at(2023, 1, 7, 23, 32)


def test_buddhist_era_years_lose_543():
    records = read(real_chat("ios_buddhist_calendar__whats_json.txt"))[0]
    assert records[0].time == at(2022, 3, 18, 14, 56, 1)
    assert records[-1].time == at(2023, 1, 12, 15, 35, 15)
    plain = read(real_chat("ios_en_24h_media_omitted__whats_json.txt"))[0]  # the same chat, Gregorian
    assert records[1].time == plain[1].time == at(2022, 3, 27, 21, 41, 35)


def test_ios_attachments_deletions_and_self():
    records = read(real_chat("ios_en_24h_with_attachments__whats_json.txt"))[0]
    attached = [r.media[0].path for r in records if r.media]
    assert len(attached) == 13  # grep -c "<attached:"
    assert attached[0] == "00000035-PHOTO-2022-03-27-21-41-55.jpg"
    assert "00000046-Some file.txt" in attached and "00000047-Resume-Dmitry-Starkov.pdf" in attached
    assert sum(bool(r.extra.get("deleted")) for r in records) == 2
    assert sum(bool(r.extra.get("media_omitted")) for r in records) == 1
    # "You deleted this message." names the exporter; Elon Musk is the chat (and the other person).
    assert {r.author: r.by_self for r in records if r.kind == Kind.MESSAGE} == {"Dmirty S": True, "Elon Musk": False}
    assert all("\u200e" not in r.text for r in records)
    notices = [r.text for r in records if r.kind == Kind.OTHER]
    assert notices[1] == "Your security code with Elon changed. Tap to learn more."


@pytest.mark.parametrize(
    "name, omitted, deleted",
    [
        ("android_en_ddmmyyyy_with_attachments__whats_json.txt", 18, 8),
        ("android_nl_dd-mm-yyyy_media__whats_json.txt", 12, 7),  # 5 "Dit bericht…" + 2 "U hebt…"
        ("ios_buddhist_calendar__whats_json.txt", 16, 3),
        ("ios_de_media_omitted__whats_json.txt", 14, 2),
        ("ios_en_24h_media_omitted__whats_json.txt", 14, 2),
        ("android_en_group_system_messages__whats_json.txt", 0, 1),
    ],
)
def test_media_omitted_and_deleted_markers(name, omitted, deleted):
    records = read(real_chat(name))[0]
    assert sum(bool(r.extra.get("media_omitted")) for r in records) == omitted
    assert sum(bool(r.extra.get("deleted")) for r in records) == deleted


def test_android_attachments_captions_locations_and_places():
    records = read(real_chat("android_en_ddmmyyyy_with_attachments__whats_json.txt"))[0]
    attached = [r.media[0].path for r in records if r.media]
    assert len(attached) == 11  # grep -c "(file attached)"
    assert attached[:3] == ["PTT-20220323-WA0000.opus", "IMG-20220323-WA0002.jpg", "IMG-20220323-WA0002.jpg"]
    captioned = by_id(records)["12"]
    assert captioned.text == "IMG-20220323-WA0002.jpg (file attached)\nТитл"
    assert by_id(records)["6"].text == "<Media omitted>\nкарточка компании"
    shares = [(r.lat, r.lon) for r in records if r.lat is not None]
    assert shares == [(51.50214569326172, -0.12739796972656)] * 2
    assert [r.place for r in records if r.place] == ["Pimlico Gardens, London, United Kingdom"]
    assert by_id(records)["46"].extra["place_url"] == "https://foursquare.com/v/4e89af95e5fa82ad4c0aa03b"
    # "You deleted this message" is written under Elon's name: Elon exported this chat.
    assert {r.author: r.by_self for r in records if r.kind == Kind.MESSAGE} == {"Dmitry S": False, "Elon": True}

    dutch = read(real_chat("android_nl_dd-mm-yyyy_media__whats_json.txt"))[0]
    assert len([r for r in dutch if r.media]) == 9  # "(bestand bijgevoegd)", with U+200E in front
    assert [(r.lat, r.lon) for r in dutch if r.lat is not None] == [
        (36.66704559326172, 29.113319396972656),
        (36.66695785522461, 29.113155364990234),
    ]
    assert [r.place for r in dutch if r.place] == ["Çalış Plajı, Fethiye, Muğla"]


@pytest.mark.parametrize(
    "name",
    [
        "ios_en_24h_with_attachments__whats_json.txt",
        "ios_de_media_omitted__whats_json.txt",
        "ios_buddhist_calendar__whats_json.txt",
    ],
)
def test_ios_location_and_place_share(name):
    records = read(real_chat(name))[0]
    assert [(r.lat, r.lon) for r in records if r.lat is not None] == [(51.5021456, -0.127397)]
    assert [r.place for r in records if r.place] == ["Pimlico Gardens (London, United Kingdom)"]


def test_group_system_lines_and_self_actions():
    records = read(real_chat("android_en_group_system_messages__whats_json.txt"))[0]
    system = [r for r in records if r.kind == Kind.OTHER]
    assert [r.native_id for r in system] == [str(n) for n in range(1, 17)]
    mine = [r.text for r in system if r.by_self]  # "You changed…" yes; "You're now an admin" was done to you
    assert len(mine) == 6 and all(t.startswith("You ") for t in mine)
    assert next(r for r in system if r.text == "You're now an admin").by_self is None
    assert "+7 999 999-99-99 joined using this group's invite link" in [r.text for r in system]
    # A group without the exporter's name: nobody can be called the exporter.
    assert {r.by_self for r in records if r.kind == Kind.MESSAGE} == {None}


def test_group_owner_name_marks_own_messages():
    class Owned(WhatsAppImporter):
        def begin(self, reader):
            super().begin(reader)
            reader.owner["name"] = "Misty"

    records = read(real_chat("android_dd.mm.yyyy_group__whatstk.txt"), Owned())[0]
    messages = [r for r in records if r.kind == Kind.MESSAGE]
    assert {r.author for r in messages if r.by_self} == {"Misty"}
    assert sum(r.by_self is False for r in messages) == 14
    plain = read(real_chat("android_dd.mm.yyyy_group__whatstk.txt"))[0]
    assert {r.by_self for r in plain if r.kind == Kind.MESSAGE} == {None}


# ---- layouts: named files, iOS zip, Android zip, several chats in a folder ------------------


def _ios_zip(path: Path, with_media: bool = True) -> Path:
    chat = real_chat("ios_en_24h_with_attachments__whats_json.txt").read_bytes()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", chat)
        if with_media:
            archive.writestr("00000035-PHOTO-2022-03-27-21-41-55.jpg", make_jpeg(seed=1, size=(8, 8)))
            archive.writestr("00000037-VIDEO-2022-03-27-21-44-16.mp4", b"\x00\x00\x00\x08free")
            archive.writestr("00000046-Some file.txt", b"just a text file someone sent\n")
    return path


def test_ios_zip_takes_its_name_and_resolves_attachments(tmp_path):
    path = _ios_zip(tmp_path / "WhatsApp Chat - Elon Musk.zip")
    records, skipped = read(path)
    assert skipped == []
    kinds = Counter(r.kind for r in records)
    assert kinds == {Kind.MESSAGE: 22, Kind.OTHER: 3, Kind.MEDIA: 2}
    chat = [r for r in records if r.kind != Kind.MEDIA]
    assert {r.thread for r in chat} == {"Elon Musk"} and {r.source for r in chat} == {"_chat.txt"}
    photo = next(r for r in chat if r.extra.get("attachment") == "00000035-PHOTO-2022-03-27-21-41-55.jpg")
    assert photo.media[0].path == "00000035-PHOTO-2022-03-27-21-41-55.jpg" and photo.media[0].size > 0
    missing = next(r for r in chat if r.extra.get("attachment") == "00000036-PHOTO-2022-03-27-21-43-56.jpg")
    assert missing.media[0].size is None  # not in the zip: the name is kept


def test_android_named_file_and_zip(tmp_path):
    named = tmp_path / "WhatsApp Chat with Elon Musk.txt"
    shutil.copy(real_chat("ios_en_24h_media_omitted__whats_json.txt"), named)
    records = read(named)[0]
    assert {r.thread for r in records} == {"Elon Musk"}
    android = tmp_path / "WhatsApp Chat with Dmitry S.zip"
    with zipfile.ZipFile(android, "w") as archive:
        archive.write(
            real_chat("android_en_ddmmyyyy_with_attachments__whats_json.txt"), "WhatsApp Chat with Dmitry S.txt"
        )
        archive.writestr("IMG-20220323-WA0002.jpg", make_jpeg(seed=2, size=(8, 8)))
    records, skipped = read(android)
    assert skipped == []
    assert Counter(r.kind for r in records) == {Kind.MESSAGE: 59, Kind.OTHER: 1, Kind.MEDIA: 1}
    photos = [r for r in records if r.kind == Kind.MESSAGE and r.media and r.media[0].size]
    assert [r.native_id for r in photos] == ["11", "12"]
    assert {r.thread for r in records if r.kind != Kind.MEDIA} == {"Dmitry S"}


def test_folder_of_several_chats_with_an_ios_zip_inside(tmp_path):
    folder = tmp_path / "chats"
    folder.mkdir()
    shutil.copy(real_chat("android_dd.mm.yyyy_group__whatstk.txt"), folder / "WhatsApp Chat with Pokemon Chat.txt")
    shutil.copy(real_chat("android_nl_dd-mm-yyyy_media__whats_json.txt"), folder / "WhatsApp-chat met Dmitry S.txt")
    _ios_zip(folder / "WhatsApp Chat - Elon Musk.zip")
    (folder / "DOC-20220327-WA0001.txt").write_text("a document sent in a chat\n")
    (folder / "notes.txt").write_text("not a chat, and not named like one\n")
    before = digests(folder)
    records, skipped = read(folder)
    assert digests(folder) == before
    assert skipped == []
    threads = Counter((r.thread, r.kind) for r in records)
    assert threads == {
        ("Pokemon Chat", Kind.MESSAGE): 18,
        ("Pokemon Chat", Kind.OTHER): 2,
        ("Dmitry S", Kind.MESSAGE): 40,
        ("Dmitry S", Kind.OTHER): 1,
        ("Elon Musk", Kind.MESSAGE): 22,
        ("Elon Musk", Kind.OTHER): 3,
    }
    inner = next(r for r in records if r.extra.get("attachment") == "00000035-PHOTO-2022-03-27-21-41-55.jpg")
    assert inner.source == "WhatsApp Chat - Elon Musk.zip"
    assert inner.media[0].path == "WhatsApp Chat - Elon Musk.zip/00000035-PHOTO-2022-03-27-21-41-55.jpg"
    assert len({r.id for r in records}) == len(records)


def test_damaged_chat_zip_is_skipped_and_the_other_chats_still_read(tmp_path):
    folder = tmp_path / "chats"
    folder.mkdir()
    shutil.copy(real_chat("ddmmyy_24h_dash__chat_miner.txt"), folder / "WhatsApp Chat with John Doe.txt")
    good = _ios_zip(tmp_path / "good.zip").read_bytes()
    (folder / "WhatsApp Chat - Broken.zip").write_bytes(good[: len(good) // 2])
    with zipfile.ZipFile(folder / "WhatsApp Chat - Empty.zip", "w") as archive:
        archive.writestr("00000001-PHOTO-2022-01-01-00-00-00.jpg", b"x")
    records, skipped = read(folder)
    assert {s.member: s.reason for s in skipped} == {
        "WhatsApp Chat - Broken.zip": "not a readable zip file (damaged or incomplete?)",
        "WhatsApp Chat - Empty.zip": "a zip without a WhatsApp chat inside",
    }
    assert Counter(r.kind for r in records) == {Kind.MESSAGE: 7, Kind.OTHER: 2}


def test_a_text_file_that_is_no_chat_is_skipped_with_a_reason(tmp_path):
    path = tmp_path / "shopping.txt"
    path.write_text("milk\neggs\n12/03/2022 is the day\n")
    records, skipped = read(path)
    assert records == [] and [s.reason for s in skipped] == ["not a WhatsApp chat (no message lines found)"]


# ---- hostile input ----------------------------------------------------------------------


def test_monster_line_and_invalid_utf8_are_survived(tmp_path):
    huge = tmp_path / "WhatsApp Chat with Huge.txt"
    with open(huge, "wb") as out:
        out.write(b"18/03/2022, 14:56 - Ana: hola\n")
        out.write(b"18/03/2022, 14:57 - Ana: " + b"A" * (5 * 1024 * 1024) + b"\n")
        out.write(b"19/03/2022, 09:00 - Huge: adios\n")
    records, skipped = read(huge)
    assert skipped == [] and [r.native_id for r in records] == ["1", "2", "3"]
    assert len(records[1].text) < 10_000 and "line cut" in records[1].text
    assert records[2].text == "adios" and records[2].by_self is False and records[0].by_self is True

    single = tmp_path / "WhatsApp Chat with One Line (1).txt"
    single.write_bytes(b"[18/03/22, 14:56:01] One Line: " + "ñ".encode() * (2_600_000))  # 5 MB, no newline
    records, skipped = read(single)
    assert skipped == [] and len(records) == 1 and records[0].thread == "One Line"
    assert records[0].text.startswith("ññ") and records[0].text.endswith("over 1 MB…]")
    junk = tmp_path / "WhatsApp Chat with Nobody.txt"
    junk.write_bytes(b"x" * (5 * 1024 * 1024))
    assert [s.reason for s in read(junk)[1]] == ["not a WhatsApp chat (no message lines found)"]

    broken = tmp_path / "WhatsApp Chat with Bytes.txt"
    broken.write_bytes(
        b"18/03/2022, 14:56 - Ana: caf\xe9 \xff\xfe ok\n\xc3\x28 continued\n"
        b"19/03/2022, 09:00 - Bytes: \xf0\x9f\x98 fin\n"
    )
    records, skipped = read(broken)
    assert skipped == [] and len(records) == 2
    assert records[0].text.startswith("caf\ufffd") and records[0].text.endswith("continued")


def test_runaway_message_is_cut_and_fake_headers_of_another_shape_stay_text(tmp_path):
    path = tmp_path / "WhatsApp Chat with Many.txt"
    lines = ["[18/03/22, 14:56:01] Many: start", "18/03/2022, 15:00 - looks like: an Android header"]
    lines += ["x" * 1000] * 200 + ["[19/03/22, 10:00:00] Many: end"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = read(path)[0]
    assert [r.native_id for r in records] == ["1", str(len(lines))]
    assert records[0].text.startswith("start\n18/03/2022, 15:00 - looks like: an Android header\nxxx")
    assert len(records[0].text) <= 66 * 1024 and records[0].text.endswith("[…message cut…]")


# ---- the grammar -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, order, expected, author, text",
    [
        ("[12.3.2022 klo 14.08.18] Matti: moi", "dmy", (2022, 3, 12, 14, 8, 18), "Matti", "moi"),
        ("13.06.18 21.25.15: a: m", "dmy", (2018, 6, 13, 21, 25, 15), "a", "m"),
        ("13. 6. 2018. 21:25:15 a: m", "dmy", (2018, 6, 13, 21, 25, 15), "a", "m"),
        ("[2018/06/13, 21:25:15] a: m", "ymd", (2018, 6, 13, 21, 25, 15), "a", "m"),
        ("3/6/18, 1:55 PM - a: m", "mdy", (2018, 3, 6, 13, 55, 0), "a", "m"),
        ("3/6/18, 12:05\u202fAM - a: m", "mdy", (2018, 3, 6, 0, 5, 0), "a", "m"),
        (
            "\u200e[3/27/22, 9:41:35\u00a0PM] Dmitry S: \u200eimage omitted",
            "mdy",
            (2022, 3, 27, 21, 41, 35),
            "Dmitry S",
            "\u200eimage omitted",
        ),
        ("[3/27/22 21:41:35] Name: hi", "mdy", (2022, 3, 27, 21, 41, 35), "Name", "hi"),
        ("01/30/2019, 08:49 p. m. - Jahn Doe: x", "mdy", (2019, 1, 30, 20, 49, 0), "Jahn Doe", "x"),
        ("27/3/2565 BE, 21:41 - a: b", "dmy", (2022, 3, 27, 21, 41, 0), "a", "b"),
    ],
)
def test_header_shapes(line, order, expected, author, text):
    header = match_header(line)
    assert header is not None
    survey = FormatSurvey()
    survey.add(header)
    fmt = survey.result()
    fmt = type(fmt)(fmt.shape, order, False)
    assert header_time(header, fmt) == at(*expected)
    assert split_author(header.rest) == (author, text)


@pytest.mark.parametrize(
    "line",
    [
        "hello 12/03/2022 there",
        "12/03/2022",
        "[12/03/2022, 10:00 - a: b",
        "12/03/22, 10:00] a: b",
        "see you 3/6/18, 1:55 PM - ok",
    ],
)
def test_not_headers(line):
    assert match_header(line) is None


def test_system_line_with_a_colon_in_the_new_subject():
    header = match_header('11/01/2023, 16:14 - You changed the subject from "A" to "Plans: 2024"')
    assert split_author(header.rest)[0] is None
    header = match_header("11/01/2023, 16:14 - Left Shark: I added the photos")
    assert split_author(header.rest) == ("Left Shark", "I added the photos")


def test_notices_under_a_name_versus_people_typing_similar_things():
    assert is_system_body("\u200eMessages and calls are end-to-end encrypted. No one outside of this chat…")
    assert is_system_body("Messages and calls are end-to-end encrypted. No one outside of this chat…")
    assert is_system_body("\u200e\u200eYour security code with Elon changed. \u200eTap to learn more.")
    assert is_system_body("\u200eAna created group “Familia”")
    assert not is_system_body("is WhatsApp really end-to-end encrypted?")
    assert not is_system_body("Ana left early today")
    assert not is_system_body("\u200eimage omitted")


def test_ambiguous_dates_use_the_chat_order_then_the_clock_style():
    survey = FormatSurvey()
    for line in ["01/02/2022, 10:00 - a: x", "05/02/2022, 10:00 - a: x", "03/03/2022, 10:00 - a: x"]:
        survey.add(match_header(line))
    fmt = survey.result()  # d/m keeps Feb 1, Feb 5, Mar 3 in order; m/d would go Jan 2, May 2, Mar 3
    assert (fmt.order, fmt.guessed) == ("dmy", True)
    survey = FormatSurvey()
    survey.add(match_header("01/02/2022, 10:00 AM - a: x"))
    assert (survey.result().order, survey.result().guessed) == ("mdy", True)


# ---- generated exports --------------------------------------------------------------------


def build(tmp_path: Path, size: str, seed: int = 3):
    persona = make_persona(seed, years=SIZES[size].years)
    labels = whatsapp_fixture.build(tmp_path, random.Random(f"{seed}-whatsapp"), persona, SIZES[size])
    return tmp_path / labels.path, labels, persona


@pytest.mark.parametrize("size", ["tiny", "small"])
def test_generated_export_reads_exactly_as_labelled(tmp_path, size):
    path, labels, persona = build(tmp_path, size)
    before = digests(path)
    records, skipped = read(path)
    assert digests(path) == before
    assert skipped == []
    assert dict(Counter(str(r.kind) for r in records)) == labels.counts
    times = sorted(r.time for r in records if r.time)
    assert (times[0].isoformat(), times[-1].isoformat()) == (labels.first, labels.last)
    for item in labels.planted:
        if "lat" in item:
            assert any(
                r.lat is not None
                and abs(r.lat - item["lat"]) < 1e-6
                and abs(r.lon - item["lon"]) < 1e-6
                and r.source == item["source"]
                for r in records
            ), item
        elif item["what"] == "place":
            assert any(r.place and r.place.startswith(item["value"]) for r in records), item
        else:
            digits = re.sub(r"\D", "", item["value"])[-9:]  # "+12135551234" is written "+1 (213) 555-1234"
            texts = [r.text or "" for r in records]
            assert any(
                item["value"] in text or (len(digits) == 9 and digits in re.sub(r"\D", "", text)) for text in texts
            ), item
    messages = [r for r in records if r.kind == Kind.MESSAGE]
    assert {r.by_self for r in messages if r.author == persona.full_name} == {True}
    assert {r.by_self for r in messages if r.author != persona.full_name} == {False}
    assert all(r.extra.get("date_order") == "dmy" and "date_order_guessed" not in r.extra for r in messages)
    threads = {r.thread for r in messages}
    assert len(threads) == 2
    inner = [m.path for r in messages for m in r.media if ".zip/" in m.path]
    assert len(inner) == 2 and all(m.size for r in messages for m in r.media)


def test_generation_is_deterministic(tmp_path):
    first, labels_a, _ = build(tmp_path / "a", "tiny")
    second, labels_b, _ = build(tmp_path / "b", "tiny")
    assert labels_a.counts == labels_b.counts and labels_a.planted == labels_b.planted
    assert [v for v in digests(first).values()] == [v for v in digests(second).values()]


# ---- sniffing -----------------------------------------------------------------------------


def _paths(path: Path) -> list[str]:
    with open_source([path]) as source:
        return [m.lower for m in source.members]


def test_sniff_claims_chats_and_leaves_other_exports(tmp_path):
    importer = WhatsAppImporter()
    path, _, _ = build(tmp_path, "tiny")
    assert importer.sniff(_paths(path)) >= 80
    assert importer.sniff(["_chat.txt", "00000035-photo-2022-03-27-21-41-55.jpg"]) >= 80
    assert importer.sniff(["whatsapp chat with tia rosa.txt"]) >= 80


@pytest.mark.parametrize(
    "folder, low",
    [("whatsapp/ddmmyy_24h_dash__chat_miner.txt", True), ("twitter", False), ("tiktok", False), ("media", False)],
)
def test_sniff_on_the_real_samples(folder, low):
    """A lone chat .txt is a weak claim (a folder of chats is named); other platforms get nothing."""
    score = WhatsAppImporter().sniff(_paths(shared_sample(folder)))
    assert (0 < score < 30) if low else score == 0, (folder, score)
