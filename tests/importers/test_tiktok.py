"""TikTok data download importer: generated exports, the real (synthetic CC0) sample, layouts, bad files."""

from __future__ import annotations

import json
import random
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from conftest import hash_tree, shared_sample
from cuidado.fixtures.exports import tiktok as tiktok_fixture
from cuidado.fixtures.generate import SIZES
from cuidado.fixtures.persona import make_persona
from cuidado.importers.run import read_all
from cuidado.importers.tiktok import TikTokImporter
from cuidado.inputs.sources import open_source


def sample_file() -> Path:
    """The real old-layout user_data.json (shared/samples/tiktok)."""
    return shared_sample("tiktok/user_data.json")


def _import(path: Path):
    with open_source([path]) as source:
        return read_all(source, TikTokImporter())


def _build(tmp_path: Path, size: str, seed: int = 3):
    persona = make_persona(seed, years=SIZES[size].years)
    labels = tiktok_fixture.build(tmp_path, random.Random(f"{seed}-tiktok"), persona, SIZES[size])
    return tmp_path / labels.path, labels, persona


def _zip(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("size", ["tiny", "small"])
def test_generated_export_imports_exactly_the_labels(tmp_path, size):
    path, labels, _ = _build(tmp_path, size)
    before = hash_tree(path)
    records, skipped = _import(path)
    assert hash_tree(path) == before
    assert skipped == []
    assert dict(Counter(str(r.kind) for r in records)) == labels.counts
    times = sorted(r.time for r in records if r.time)
    assert (times[0].isoformat(), times[-1].isoformat()) == (labels.first, labels.last)
    assert len({r.id for r in records}) == len(records)
    for planted in labels.planted:
        if "lat" in planted:
            assert any(
                r.lat is not None and abs(r.lat - planted["lat"]) < 1e-6 and abs(r.lon - planted["lon"]) < 1e-6
                for r in records
            ), planted
        elif planted["what"] == "checkin":
            assert any(r.place == planted["value"] for r in records), planted
        elif planted["what"] == "device_id":
            assert any(planted["value"] in r.extra.get("device_ids", {}).values() for r in records)
        else:
            assert any(planted["value"] in (r.text or "") for r in records), planted


def test_generated_export_record_details(tmp_path):
    path, _, persona = _build(tmp_path, "tiny")
    records, _ = _import(path)
    posts = [r for r in records if r.kind == "post"]
    assert Counter(r.audience for r in posts) == {"public": 4, "friends": 1, "only_me": 1}
    assert all(r.permalink.startswith("https://www.tiktokv.com/share/video/") for r in posts)
    assert {r.place for r in posts} - {None} == {persona.work[2].split(", ")[0], persona.home[2].split(", ")[1]}
    messages = [r for r in records if r.kind == "message"]
    assert {r.by_self for r in messages} == {True, False}
    assert all(r.author == persona.handle for r in messages if r.by_self)
    assert all(persona.handle in r.participants and r.thread in r.participants for r in messages)
    fields = {(r.extra["field"], r.text) for r in records if r.kind == "profile_field"}
    assert {
        ("username", persona.handle),
        ("email", persona.email),
        ("phone", persona.phone),
        ("full_name", persona.full_name),
        ("private_account", "Disabled"),
        ("address", persona.home[2]),
    } <= fields
    location = next(r for r in records if r.kind == "location")
    assert location.place == "US" and location.lat is not None
    logins = [r for r in records if r.kind == "login" and "ip" in r.extra]
    assert all(r.extra["carrier"] == "T-Mobile" and r.extra["device"] for r in logins)
    assert any("inmigración" in (r.text or "") for r in records if r.kind == "search")


def test_real_sample_counted_by_hand():
    folder = sample_file().parent
    before = hash_tree(folder)
    records, skipped = _import(folder)
    assert hash_tree(folder) == before
    assert skipped == []
    # FansList 4 + Following 4 + BlockList 1; 2 chats x 4 messages; ProfileMap: bio "ui", birthDate, emailAddress,
    # userName (likesReceived/telephoneNumber "None", photo/video skipped) + Settings "Private Account";
    # SearchList 4; VideoList (browsing) 4; ItemFavoriteList 2; LoginHistoryList 1 + Status List 1 (GAID,
    # Android ID); CommentsList 1. Share history, favourites (null) and the empty Video section give nothing.
    assert Counter(str(r.kind) for r in records) == {
        "connection": 9,
        "message": 8,
        "profile_field": 5,
        "search": 4,
        "watch": 4,
        "like": 2,
        "login": 2,
        "comment": 1,
    }
    times = sorted(r.time for r in records if r.time)
    assert (times[0].isoformat(), times[-1].isoformat()) == ("2022-01-01T00:00:01+00:00", "2022-01-08T00:00:08+00:00")
    messages = [r for r in records if r.kind == "message"]
    assert Counter(r.by_self for r in messages) == {True: 4, False: 4}
    assert {r.thread for r in messages} == {"chat_username_1", "chat_username_2"}
    assert Counter(r.extra["connection"] for r in records if r.kind == "connection") == {
        "follower": 4,
        "following": 4,
        "blocked": 1,
    }
    fields = {r.extra["field"]: r.text for r in records if r.kind == "profile_field"}
    assert fields == {
        "bio": "ui",
        "birthday": "birthday",
        "email": "mail address",
        "username": "account_username",
        "private_account": "Enabled",
    }
    device = next(r for r in records if r.kind == "login" and r.extra.get("event") == "device")
    assert device.extra["device_ids"] == {"GAID": "GAID 1", "Android ID": "android ID 1"}  # "", "N/A" dropped
    login = next(r for r in records if r.kind == "login" and "ip" in r.extra)
    assert login.extra == {
        "ip": "IPv4 address 1",
        "device": "device model name 1",
        "system": "device system 1",
        "network": "Wi-Fi",
        "carrier": "carrier 1",
    }
    likes = [r for r in records if r.kind == "like"]
    assert [r.permalink for r in likes] == ["https://www.tiktokv.com/share/video/0000000000000000000/", None]


def test_sniff_owns_tiktok_only(tmp_path):
    importer = TikTokImporter()
    path, _, _ = _build(tmp_path, "tiny")
    with open_source([path]) as source:
        assert importer.sniff([m.lower for m in source.members]) >= 90
    assert importer.sniff(["user_data.json"]) >= 80
    assert importer.sniff(["takeout/youtube and youtube music/history/watch-history.json"]) == 0
    assert importer.sniff(["data/tweets.js", "data/account.js", "your archive.html"]) == 0


@pytest.mark.parametrize("folder", ["twitter", "whatsapp", "media"])
def test_sniff_leaves_the_real_samples_of_other_platforms(folder):
    with open_source([shared_sample(folder)]) as source:
        assert TikTokImporter().sniff([m.lower for m in source.members]) == 0, folder


def test_damaged_file_is_skipped_and_other_files_still_read(tmp_path):
    good = sample_file().read_bytes()
    path = _zip(
        tmp_path / "TikTok_Data_1.zip",
        {
            "older/user_data.json": good,
            "user_data_tiktok.json": good[: len(good) // 2],  # truncated download
            "again/user_data_tiktok.json": b"[1, 2, 3]",  # valid JSON, wrong shape
        },
    )
    records, skipped = _import(path)
    reasons = {s.member: s.reason for s in skipped}
    assert "invalid JSON" in reasons["user_data_tiktok.json"]
    assert "not in the format" in reasons["again/user_data_tiktok.json"]
    assert len(records) == 35 and {r.source for r in records} == {"older/user_data.json"}


NEW_LAYOUT = {
    "Profile And Settings": {
        "Profile Info": {
            "ProfileMap": {
                "userName": "rosa.mx",
                "displayName": "Rosa Cruz",
                "inferredGender": "female",
                "telephoneNumber": "N/A",
                "emailAddress": "",
                "birthDate": "12-Apr-1996",
                "accountRegion": "MX",
            }
        },
        "Follower": {"FansList": [{"Date": "2024-01-01 10:00:00", "UserName": "fan1"}]},
        "Following": {"Following": [{"Date": "2024-01-02 10:00:00", "UserName": "idol1"}]},
        "Block List": {"BlockList": []},
        "Settings": {"SettingsMap": {"Private Account": "Enabled"}},
    },
    "Likes and Favorites": {
        "Like List": {
            "ItemFavoriteList": [{"date": "2024-02-01 10:00:00", "link": "https://www.tiktokv.com/share/video/1/"}]
        },
        "Favorite Videos": {
            "FavoriteVideoList": [{"Date": "2024-02-02 10:00:00", "Link": "https://www.tiktokv.com/share/video/2/"}]
        },
    },
    "Your Activity": {
        "Watch History": {
            "VideoList": [{"Date": "2024-03-01 10:00:00", "Link": "https://www.tiktokv.com/share/video/3/"}]
        },
        "Searches": {"SearchList": [{"Date": "2024-03-02 10:00:00", "SearchTerm": "cómo sacar la matrícula consular"}]},
        "Most Recent Location Data": {
            "LocationData": {"Date": "2024-03-03 10:00:00", "GpsData": "19.432608, -99.133209", "LastRegion": "MX"}
        },
    },
    "Direct Message": {
        "Direct Messages": {
            "ChatHistory": {
                "Chat History with tía_lupe:": [
                    {"Date": "2024-04-01 10:00:01", "From": "tía_lupe", "Content": "¿Ya llegaste? 🙏"},
                    {"Date": "2024-04-01 10:00:02", "From": "rosa.mx", "Content": "Sí, ya estoy en Houston"},
                ]
            }
        }
    },
    "Post": {
        "Posts": {
            "VideoList": [
                {
                    "Date": "2024-05-01 10:00:00",
                    "Link": "https://www.tiktokv.com/share/video/4/",
                    "WhoCanView": "Friends",
                    "Location": "Plaza Garibaldi",
                    "Title": "Mariachi 🎺",
                }
            ]
        },
        "Recently Deleted Posts": {"PostList": [{"Date": "2024-05-02 10:00:00", "WhoCanView": "Only me"}]},
    },
    "Location Review": {
        "Location Reviews": {
            "ReviewsList": [
                {
                    "PlaceName": "Taquería El Güero",
                    "Date": "2024-06-01 10:00:00",
                    "Rating": "5",
                    "ReviewText": "¡Riquísimo!",
                }
            ]
        }
    },
    "Comment": {
        "Comments": {
            "CommentsList": [
                {
                    "date": "2024-07-01 10:00:00",
                    "comment": "Qué bonito 😍",
                    "photo": "N/A",
                    "url": "https://www.tiktokv.com/share/video/5/",
                }
            ]
        }
    },
    "TikTok Shop": {"Saved Address Information": {"SavedAddress": "Calle 5 de Mayo 12, CDMX"}},
}


def test_new_layout_with_profile_and_settings_section(tmp_path):
    path = _zip(tmp_path / "TikTok_Data_2.zip", {"user_data_tiktok.json": json.dumps(NEW_LAYOUT, ensure_ascii=False)})
    records, skipped = _import(path)
    assert skipped == []
    assert Counter(str(r.kind) for r in records) == {
        "profile_field": 7,
        "connection": 2,
        "like": 2,
        "watch": 1,
        "search": 1,
        "location": 1,
        "message": 2,
        "post": 3,
        "comment": 1,
    }
    fields = {r.extra["field"]: r.text for r in records if r.kind == "profile_field"}
    assert fields == {
        "username": "rosa.mx",
        "full_name": "Rosa Cruz",
        "gender": "female",
        "birthday": "12-Apr-1996",
        "region": "MX",
        "private_account": "Enabled",
        "address": "Calle 5 de Mayo 12, CDMX",
    }
    gender = next(r for r in records if r.kind == "profile_field" and r.extra["field"] == "gender")
    assert gender.extra["inferred"]  # TikTok's guess, not something the person typed
    location = next(r for r in records if r.kind == "location")
    assert (location.lat, location.lon, location.place) == (19.432608, -99.133209, "MX")
    posts = {r.text: r for r in records if r.kind == "post"}
    assert posts["Mariachi 🎺"].audience == "friends" and posts["Mariachi 🎺"].place == "Plaza Garibaldi"
    assert posts["¡Riquísimo!"].place == "Taquería El Güero"
    assert posts[None].audience == "only_me" and posts[None].extra["deleted"]
    messages = sorted((r for r in records if r.kind == "message"), key=lambda r: r.time)
    assert [(r.by_self, r.thread) for r in messages] == [(False, "tía_lupe"), (True, "tía_lupe")]


def test_large_file_is_read_section_by_section(tmp_path, monkeypatch):
    folder = sample_file().parent
    whole, _ = _import(folder)
    import cuidado.importers.tiktok as tiktok

    monkeypatch.setattr(tiktok, "LOAD_WHOLE_LIMIT", 16)  # take the streaming path
    streamed, skipped = _import(folder)
    assert skipped == []
    key = lambda r: (r.id, r.kind, r.text, r.by_self, r.time)  # noqa: E731
    assert [key(r) for r in streamed] == [key(r) for r in whole]
