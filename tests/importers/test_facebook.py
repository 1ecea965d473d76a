"""Facebook importer: generated exports read exactly as labelled (all three layouts), planted
places and identifiers come through, HTML exports are flagged, bad members are skipped."""

from __future__ import annotations

import hashlib
import json
import random
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from conftest import shared_sample, write_tree
from cuidado.fixtures.exports import facebook as facebook_fixture
from cuidado.fixtures.exports import instagram as instagram_fixture
from cuidado.fixtures.generate import SIZES
from cuidado.fixtures.persona import make_persona
from cuidado.importers.facebook import HTML_PROBLEM, FacebookImporter
from cuidado.importers.instagram import InstagramImporter
from cuidado.importers.run import read_all
from cuidado.inputs.sources import open_source


def build(tmp_path: Path, size: str = "tiny", layout: str = "2024", seed: int = 5) -> tuple[Path, object]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    persona = make_persona(seed, years=SIZES[size].years)
    labels = facebook_fixture.build(tmp_path, random.Random(f"{seed}-facebook"), persona, SIZES[size], layout=layout)
    return tmp_path / labels.path, labels


def read(path: Path):
    with open_source([path]) as source:
        return read_all(source, FacebookImporter())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mentions(record, value: str) -> bool:
    """The value appears in the record's text, place or extra (digits compared for numbers)."""
    blob = " ".join(str(x) for x in (record.text, record.place, json.dumps(record.extra, ensure_ascii=False)) if x)
    digits = re.sub(r"\D", "", value)
    return value in blob or (len(digits) >= 9 and digits[-9:] in re.sub(r"\D", "", blob))


@pytest.mark.parametrize(
    "size,layout", [("tiny", "2024"), ("tiny", "2022"), ("tiny", "2021"), ("small", "2024"), ("small", "2021")]
)
def test_generated_export_reads_exactly_as_labelled(tmp_path, size, layout):
    path, labels = build(tmp_path, size, layout)
    before = digest(path)
    records, skipped = read(path)
    assert digest(path) == before  # the export is never modified

    assert dict(Counter(r.kind for r in records)) == labels.counts
    times = sorted(r.time for r in records if r.time)
    assert (times[0].isoformat(), times[-1].isoformat()) == (labels.first, labels.last)
    assert [(s.member.rsplit("/", 1)[-1], s.kind, s.about) for s in skipped] == [
        ("advertisers_you've_interacted_with.json", "not_analysed", "ads")
    ]

    for plant in labels.planted:
        from_source = [r for r in records if r.source == plant["source"]]
        assert from_source, plant
        if "lat" in plant:
            assert any(
                r.lat is not None and abs(r.lat - plant["lat"]) < 1e-6 and abs(r.lon - plant["lon"]) < 1e-6
                for r in from_source
            ), plant
        else:
            assert any(mentions(r, plant["value"]) for r in from_source), plant


def test_checkins_carry_place_and_time(tmp_path):
    path, labels = build(tmp_path)
    records, _ = read(path)
    for plant in (p for p in labels.planted if p["what"] == "checkin"):
        match = next(r for r in records if r.lat == plant["lat"] and r.lon == plant["lon"])
        assert match.kind == "post" and match.place == plant["value"]
        assert match.time.isoformat() == plant["time"]
        assert match.audience is None  # Facebook JSON has no per-post audience


def test_media_refs_resolve_to_members(tmp_path):
    path, _ = build(tmp_path)
    records, _ = read(path)
    members = {r.source for r in records if r.kind == "media"}
    refs = [m for r in records if r.kind != "media" for m in r.media]
    assert refs and all(ref.path in members and ref.size for ref in refs)
    assert members == {ref.path for ref in refs}  # every photo and video is referenced by an item


def test_profile_fields_and_owner(tmp_path):
    path, _ = build(tmp_path, layout="2021")
    persona = make_persona(5, years=SIZES["tiny"].years)
    records, _ = read(path)
    fields = {}
    for r in records:
        if r.kind == "profile_field":
            fields.setdefault(r.extra["field"], []).append(r.text)
    assert fields["full_name"] == [persona.full_name]
    assert persona.email in fields["email"] and len(fields["email"]) == 2
    assert fields["phone"] == [persona.phone]
    assert fields["birthday"] == ["{:04d}-{:02d}-{:02d}".format(*persona.birthday)]
    assert {
        "gender",
        "current_city",
        "hometown",
        "relationship",
        "family",
        "school",
        "workplace",
        "registration",
        "profile_url",
    } <= set(fields)
    assert len(fields["family"]) == 2


def test_messages_know_who_wrote_them(tmp_path):
    path, _ = build(tmp_path, size="small")
    persona = make_persona(5, years=SIZES["small"].years)
    messages = [r for r in read(path)[0] if r.kind == "message"]
    assert {r.by_self for r in messages} == {True, False}
    assert all(r.by_self == (r.author == persona.full_name) for r in messages)
    assert all(persona.full_name in r.participants and r.thread for r in messages)
    boxes = {r.thread.split("/")[0] for r in messages}
    assert boxes == {"inbox", "e2ee_cutover", "archived_threads"}


def test_owner_guessed_from_threads_without_profile(tmp_path):
    def thread(other: str) -> str:
        return json.dumps(
            {
                "participants": [{"name": other}, {"name": "Ana L\u00f3pez".encode().decode("latin-1")}],
                "messages": [
                    {"sender_name": other, "timestamp_ms": 1700000000000, "content": "hola"},
                    {
                        "sender_name": "Ana L\u00f3pez".encode().decode("latin-1"),
                        "timestamp_ms": 1700000100000,
                        "content": "qu\u00e9 tal".encode().decode("latin-1"),
                    },
                ],
            }
        )

    root = write_tree(
        tmp_path / "fb",
        {
            "your_facebook_activity/messages/inbox/a_1/message_1.json": thread("Rosa Cruz"),
            "your_facebook_activity/messages/inbox/b_2/message_1.json": thread("Luis Reyes"),
        },
    )
    records, skipped = read(root)
    assert not skipped and len(records) == 4
    mine = [r for r in records if r.by_self]
    assert {r.author for r in mine} == {"Ana López"} and {r.text for r in mine} == {"qué tal"}


def test_mojibake_is_repaired(tmp_path):
    # Written exactly as Meta escapes it: each UTF-8 byte as its own \u00XX.
    posts = (
        '[{"timestamp": 1700000000, "title": "Mar\\u00c3\\u00ada Garc\\u00c3\\u00ada",'
        ' "data": [{"post": "n\\u00c3\\u00a6sten \\u00f0\\u009f\\u0098\\u0082'
        ' \\u00c2\\u00a1Qu\\u00c3\\u00a9 d\\u00c3\\u00ada!"}],'
        ' "attachments": [{"data": [{"external_context": {"url": "https://example.com"}}]},'
        ' {"data": [{"place": {"name": "Panader\\u00c3\\u00ada La Espiga", "coordinate":'
        ' {"latitude": 34.05, "longitude": -118.25}}}]}]},'
        ' {"timestamp": 1700000500, "data": [{"post": "caf\\u00e9 ya correcto \\u2013 ok"}]}]'
    )
    root = write_tree(
        tmp_path / "fb", {"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": posts}
    )
    records, _ = read(root)
    first, second = sorted(records, key=lambda r: r.time)
    assert first.text == "næsten 😂 ¡Qué día!"
    assert first.extra["title"] == "María García" and first.extra["link"] == "https://example.com"
    assert (first.place, first.lat, first.lon) == ("Panadería La Espiga", 34.05, -118.25)  # from the 2nd attachment
    assert second.text == "café ya correcto – ok"  # real Latin-1 / wide text is left alone
    assert not any("Ã" in (r.text or "") for r in records)


def test_generated_text_has_no_mojibake(tmp_path):
    path, _ = build(tmp_path, size="small")
    records, _ = read(path)
    texts = [r.text for r in records if r.text] + [r.author for r in records if r.author]
    assert any("ñ" in t or "é" in t for t in texts) and any("🏠" in (r.place or "") for r in records)
    assert not any("Ã" in t or "ð\x9f" in t for t in texts)


def test_corrupt_members_are_skipped_and_the_rest_is_read(tmp_path):
    path, labels = build(tmp_path / "in", size="small")
    broken = tmp_path / "facebook-broken.zip"
    posts_file = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == posts_file:
                lost_posts = len(json.loads(data))
                data = data[: len(data) // 2]  # truncated download
            elif info.filename.endswith("message_1.json") and "/inbox/" in info.filename and b"CURP" in data:
                lost_messages = len(json.loads(data)["messages"])
                thread_file = info.filename
                data = b"{ this is not json"
            dst.writestr(info, data)
    records, skipped = read(broken)
    reasons = {s.member: s.reason for s in skipped}
    assert reasons[posts_file].startswith("invalid JSON") and reasons[thread_file].startswith("invalid JSON")
    counts = Counter(r.kind for r in records)
    assert counts["post"] == labels.counts["post"] - lost_posts
    assert counts["message"] == labels.counts["message"] - lost_messages
    for kind in ("comment", "connection", "profile_field", "media", "search", "login", "location"):
        assert counts[kind] == labels.counts[kind]


def test_wrong_shapes_are_skipped_with_a_reason(tmp_path):
    root = write_tree(
        tmp_path / "fb",
        {
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": '"just a string"',
            "your_facebook_activity/posts/album/0.json": '{"name": "x"}',
            "your_facebook_activity/messages/inbox/x_1/message_1.json": '{"participants": []}',
            "personal_information/profile_information/profile_information.json": "[1, 2]",
            "your_facebook_activity/comments_and_reactions/comments.json": '{"comments_v2": [null, 3, {"timestamp": 1700000000}]}',
        },
    )
    records, skipped = read(root)
    assert len(skipped) == 4 and all(s.reason for s in skipped)
    assert [r.kind for r in records] == ["comment"]  # nulls and numbers in a list are not records


def test_html_export_is_flagged(tmp_path):
    root = write_tree(
        tmp_path / "fb_html",
        {
            "index.html": "<html></html>",
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html": "<html></html>",
            "personal_information/profile_information/profile_information.html": "<html></html>",
            "your_facebook_activity/messages/inbox/rosa_1/message_1.html": "<html></html>",
        },
    )
    with open_source([root]) as source:
        assert FacebookImporter().sniff([m.lower for m in source.members]) >= 90
    records, skipped = read(root)
    assert records == []
    assert sorted(s.reason for s in skipped) == [HTML_PROBLEM, HTML_PROBLEM]
    old = ["posts/your_posts_1.html", "friends_and_followers/friends.html", "index.html"]
    assert FacebookImporter().sniff(old) >= 75


def test_sniff_prefers_facebook_only_for_facebook(tmp_path):
    fb_path, _ = build(tmp_path / "fb")
    (tmp_path / "ig").mkdir()
    persona = make_persona(5, years=0.5)
    ig = instagram_fixture.build(tmp_path / "ig", random.Random(1), persona, SIZES["tiny"])
    fb, insta = FacebookImporter(), InstagramImporter()
    for path, owner in ((fb_path, fb), (tmp_path / "ig" / ig.path, insta)):
        with open_source([path]) as source:
            paths = [m.lower for m in source.members]
        assert owner.sniff(paths) >= 90
        other = insta if owner is fb else fb
        assert other.sniff(paths) < owner.sniff(paths)


@pytest.mark.parametrize("folder", ["twitter", "tiktok", "whatsapp", "media"])
def test_sniff_leaves_the_real_samples_of_other_platforms(folder):
    with open_source([shared_sample(folder)]) as source:
        assert FacebookImporter().sniff([m.lower for m in source.members]) == 0, folder


def test_generation_is_deterministic(tmp_path):
    first, _ = build(tmp_path / "a")
    second, _ = build(tmp_path / "b")
    assert first.name == second.name and digest(first) == digest(second)
