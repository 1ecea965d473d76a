"""Instagram importer: generated exports read exactly as labelled (2024 and 2022 layouts),
EXIF GPS and device ids come through, the account's privacy sets every post's audience,
the pre-2021 media.json is read, bad members are skipped."""

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
from cuidado.importers.facebook import FacebookImporter
from cuidado.importers.instagram import InstagramImporter
from cuidado.importers.run import read_all
from cuidado.inputs.sources import open_source


def build(out: Path, size: str = "tiny", layout: str = "2024", private: bool | None = False, seed: int = 8):
    out.mkdir(parents=True, exist_ok=True)
    persona = make_persona(seed, years=SIZES[size].years)
    labels = instagram_fixture.build(
        out, random.Random(f"{seed}-instagram"), persona, SIZES[size], layout=layout, private=private
    )
    return out / labels.path, labels


def read(path: Path):
    with open_source([path]) as source:
        return read_all(source, InstagramImporter())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mentions(record, value: str) -> bool:
    blob = " ".join(str(x) for x in (record.text, record.place, json.dumps(record.extra, ensure_ascii=False)) if x)
    digits = re.sub(r"\D", "", value)
    return value in blob or (len(digits) >= 9 and digits[-9:] in re.sub(r"\D", "", blob))


def meta(text: str) -> str:
    """A string as Meta writes it (UTF-8 bytes as Latin-1 code points), before json.dumps."""
    return text.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize("size,layout", [("tiny", "2024"), ("tiny", "2022"), ("small", "2024"), ("small", "2022")])
def test_generated_export_reads_exactly_as_labelled(tmp_path, size, layout):
    path, labels = build(tmp_path, size, layout)
    before = digest(path)
    records, skipped = read(path)
    assert digest(path) == before

    assert dict(Counter(r.kind for r in records)) == labels.counts
    times = sorted(r.time for r in records if r.time)
    assert (times[0].isoformat(), times[-1].isoformat()) == (labels.first, labels.last)
    assert [(s.member.rsplit("/", 1)[-1], s.kind, s.about) for s in skipped] == [
        ("ads_viewed.json", "not_analysed", "ads")
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


def test_exif_gps_and_device_reach_the_post(tmp_path):
    path, labels = build(tmp_path)
    records, _ = read(path)
    device = next(p["value"] for p in labels.planted if p["what"] == "device_id")
    geotagged = [r for r in records if r.lat is not None]
    assert len(geotagged) == len([p for p in labels.planted if p["what"] == "gps"])
    for record in geotagged:  # GPS sits in exif_data[0], the device in exif_data[1]
        assert record.extra["device_id"] == device and record.extra["software"].startswith("SM-")
        assert record.extra["content_type"] in ("post", "story")
    story = next(r for r in geotagged if r.extra["content_type"] == "story")
    assert story.media and story.media[0].path.startswith("media/stories/")


@pytest.mark.parametrize("private,expected", [(True, "followers"), (False, "public")])
def test_account_privacy_sets_the_audience(tmp_path, private, expected):
    path, _ = build(tmp_path, private=private)
    records, _ = read(path)
    posts = [r for r in records if r.kind == "post"]
    assert {r.audience for r in posts if r.extra["content_type"] != "profile_photo"} == {expected}
    assert {r.audience for r in posts if r.extra["content_type"] == "profile_photo"} == {"public"}
    private_field = next(r for r in records if r.kind == "profile_field" and r.extra["field"] == "private_account")
    assert private_field.text == str(private)


def test_profile_fields_messages_and_connections(tmp_path):
    path, _ = build(tmp_path, size="small")
    persona = make_persona(8, years=SIZES["small"].years)
    records, _ = read(path)
    fields = {r.extra["field"]: r.text for r in records if r.kind == "profile_field"}
    assert fields["full_name"] == persona.full_name and fields["username"] == persona.handle
    assert fields["email"] == persona.email and fields["phone"] == persona.phone
    assert fields["birthday"] == "{:04d}-{:02d}-{:02d}".format(*persona.birthday)
    assert "Michoacán ➡️ USA" in fields["bio"]
    messages = [r for r in records if r.kind == "message"]
    assert {r.by_self for r in messages} == {True, False}
    assert all(r.by_self == (r.author == persona.full_name) for r in messages)
    kinds = Counter(r.extra["connection"] for r in records if r.kind == "connection")
    assert set(kinds) == {"follower", "following", "close_friend", "blocked"}
    assert all(r.author and r.time and r.permalink for r in records if r.kind == "connection")
    logins = [r for r in records if r.kind == "login"]
    assert all(re.fullmatch(r"[\d.]+", r.extra["ip"]) and "Android" in r.extra["device"] for r in logins)


def test_mojibake_is_repaired(tmp_path):
    posts = json.dumps(
        [
            {
                "media": [
                    {
                        "uri": "media/posts/202401/a.jpg",
                        "creation_timestamp": 1704100000,
                        "title": meta("¡Feliz año! 🎉 Año Nuevo en México"),
                    }
                ]
            }
        ]
    )
    root = write_tree(
        tmp_path / "ig",
        {
            "your_instagram_activity/media/posts_1.json": posts,
            "your_instagram_activity/comments/post_comments_1.json": json.dumps(
                [
                    {
                        "string_map_data": {
                            "Comment": {"value": meta("¡Qué bonito! 😍")},
                            "Media Owner": {"value": "rosa"},
                            "Time": {"timestamp": 1704200000},
                        }
                    }
                ]
            ),
        },
    )
    assert "\\u00c3" in posts  # the file holds escaped bytes, as Meta writes them
    records, _ = read(root)
    post = next(r for r in records if r.kind == "post")
    comment = next(r for r in records if r.kind == "comment")
    assert post.text == "¡Feliz año! 🎉 Año Nuevo en México" and comment.text == "¡Qué bonito! 😍"
    assert post.audience is None  # no personal information: the account's privacy is unknown
    assert post.media[0].path == "media/posts/202401/a.jpg" and post.media[0].size is None  # not in the export


def test_single_post_written_as_an_object(tmp_path):
    gps = {"photo_metadata": {"exif_data": [{"latitude": 19.4326, "longitude": -99.1332}]}}
    post = {
        "media": [
            {"uri": "media/posts/202401/a.jpg", "creation_timestamp": 1704100000},
            {"uri": "media/posts/202401/b.jpg", "creation_timestamp": 1704100000, "media_metadata": gps},
        ],
        "title": "Carrusel",
        "creation_timestamp": 1704100000,
    }
    root = write_tree(tmp_path / "ig", {"content/posts_1.json": json.dumps(post)})
    records, _ = read(root)
    assert len(records) == 1 and len(records[0].media) == 2
    assert (records[0].text, records[0].lat, records[0].lon) == ("Carrusel", 19.4326, -99.1332)


def test_legacy_media_json_layout(tmp_path):
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 20 + b"\xff\xd9"
    root = write_tree(
        tmp_path / "instagram-old",
        {
            "media.json": json.dumps(
                {
                    "photos": [
                        {
                            "caption": meta("Playa con mi niña 🌊"),
                            "taken_at": "2018-06-01T12:34:56",
                            "path": "photos/201806/abc.jpg",
                            "location": meta("Santa Mónica, California"),
                        },
                        {"caption": "", "taken_at": "2018-07-04T20:00:00+00:00", "path": "photos/201807/def.jpg"},
                    ],
                    "stories": [{"caption": "", "taken_at": "2018-08-01T09:00:00Z", "path": "stories/201808/s.jpg"}],
                    "direct": [{"path": "direct/201808/d.jpg"}],
                }
            ),
            "profile.json": json.dumps({"username": "rosa_88", "name": "Rosa", "private_account": True}),
            "connections.json": json.dumps({"followers": {"ana": "2018-01-01T00:00:00"}}),
            "photos/201806/abc.jpg": jpeg,
            "photos/201807/def.jpg": jpeg,
        },
    )
    with open_source([root]) as source:
        assert InstagramImporter().sniff([m.lower for m in source.members]) >= 80
        assert FacebookImporter().sniff([m.lower for m in source.members]) == 0
    records, _ = read(root)
    posts = sorted((r for r in records if r.kind == "post"), key=lambda r: r.time)
    assert [p.extra["content_type"] for p in posts] == ["photo", "photo", "story"]
    assert posts[0].text == "Playa con mi niña 🌊" and posts[0].place == "Santa Mónica, California"
    assert posts[0].time.isoformat() == "2018-06-01T12:34:56+00:00"
    assert posts[0].media[0].path == "photos/201806/abc.jpg" and posts[0].media[0].size
    assert Counter(r.kind for r in records) == {"post": 3, "media": 2}


def test_corrupt_members_are_skipped_and_the_rest_is_read(tmp_path):
    path, labels = build(tmp_path / "in", size="small")
    broken = tmp_path / "instagram-broken.zip"
    posts_file = "your_instagram_activity/media/posts_1.json"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == posts_file:
                lost = len(json.loads(data))
                data = data[:-200]  # truncated
            elif info.filename.endswith("following.json"):
                lost_following = len(json.loads(data)["relationships_following"])
                data = b"\x00\x01 not json"
            dst.writestr(info, data)
    records, skipped = read(broken)
    reasons = {s.member.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert reasons["posts_1.json"].startswith("invalid JSON") and reasons["following.json"].startswith("invalid JSON")
    counts = Counter(r.kind for r in records)
    assert counts["post"] == labels.counts["post"] - lost
    assert counts["connection"] == labels.counts["connection"] - lost_following
    for kind in ("comment", "message", "media", "profile_field", "search", "login", "like"):
        assert counts[kind] == labels.counts[kind]


def test_sniff(tmp_path):
    ig_path, _ = build(tmp_path / "ig")
    (tmp_path / "fb").mkdir()
    fb = facebook_fixture.build(tmp_path / "fb", random.Random(2), make_persona(2, years=0.5), SIZES["tiny"])
    insta = InstagramImporter()
    with open_source([ig_path]) as source:
        assert insta.sniff([m.lower for m in source.members]) == 95
    with open_source([tmp_path / "fb" / fb.path]) as source:
        paths = [m.lower for m in source.members]
    assert insta.sniff(paths) < FacebookImporter().sniff(paths)
    assert insta.sniff(["content/posts_1.json", "followers_and_following/followers_1.json"]) == 90


@pytest.mark.parametrize("folder", ["twitter", "tiktok", "whatsapp", "media"])
def test_sniff_leaves_the_real_samples_of_other_platforms(folder):
    with open_source([shared_sample(folder)]) as source:
        assert InstagramImporter().sniff([m.lower for m in source.members]) == 0, folder


def test_generation_is_deterministic(tmp_path):
    first, _ = build(tmp_path / "a", private=None)
    second, _ = build(tmp_path / "b", private=None)
    assert first.name == second.name and digest(first) == digest(second)
