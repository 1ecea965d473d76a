"""X/Twitter archive importer: generated archives, the real sample files, old layouts, bad members."""

from __future__ import annotations

import json
import random
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from conftest import hash_tree, shared_sample
from cuidado.fixtures.exports import x as x_fixture
from cuidado.fixtures.generate import SIZES
from cuidado.fixtures.persona import make_persona
from cuidado.importers.run import read_all
from cuidado.importers.x import XImporter
from cuidado.inputs.sources import open_source


def _import(path: Path):
    with open_source([path]) as source:
        return read_all(source, XImporter())


def _build(tmp_path: Path, size: str, seed: int = 3):
    persona = make_persona(seed, years=SIZES[size].years)
    labels = x_fixture.build(tmp_path, random.Random(f"{seed}-x"), persona, SIZES[size])
    return tmp_path / labels.path, labels, persona


def _zip(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _js(name: str, items) -> str:
    return f"window.YTD.{name.replace('-', '_')}.part0 = " + json.dumps(items, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("size", ["tiny", "small"])
def test_generated_archive_imports_exactly_the_labels(tmp_path, size):
    path, labels, persona = _build(tmp_path, size)
    before = hash_tree(path)
    records, skipped = _import(path)
    assert hash_tree(path) == before
    assert dict(Counter(str(r.kind) for r in records)) == labels.counts
    times = sorted(r.time for r in records if r.time)
    assert (times[0].isoformat(), times[-1].isoformat()) == (labels.first, labels.last)
    assert not [s for s in skipped if s.member and s.member.startswith("data/")]
    assert len({r.id for r in records}) == len(records)
    located = [p for p in labels.planted if "lat" in p]
    assert len(located) >= 3
    for planted in located:
        assert any(
            r.lat is not None and abs(r.lat - planted["lat"]) < 1e-6 and abs(r.lon - planted["lon"]) < 1e-6
            for r in records
        ), planted
    checkin = next(p for p in labels.planted if p["what"] == "checkin")
    assert any(r.place == checkin["value"] for r in records)
    texts = "\n".join(r.text or "" for r in records)
    for planted in labels.planted:
        if planted["what"] in ("phone", "email", "address", "a_number", "immigration_topic"):
            assert planted["value"] in texts, planted


def test_generated_archive_record_details(tmp_path):
    path, labels, persona = _build(tmp_path, "tiny")
    records, _ = _import(path)
    posts = [r for r in records if r.kind == "post"]
    assert all(r.by_self and r.audience == "public" and r.author == persona.handle for r in posts)
    assert all(r.permalink == f"https://x.com/{persona.handle}/status/{r.native_id}" for r in posts)
    assert any("inmigración" in (r.text or "") and "🙏" in r.text for r in posts)
    assert any("&" in (r.text or "") and "&amp;" not in r.text for r in posts)  # HTML entities undone
    with_media = [r for r in posts if r.media]
    assert sum(len(r.media) for r in with_media) == SIZES["tiny"].photos
    assert all(m.path.startswith("data/tweets_media/") and m.size for r in with_media for m in r.media)
    messages = [r for r in records if r.kind == "message"]
    assert {r.by_self for r in messages} == {True, False}
    assert all(r.thread and len(r.participants) == 2 for r in messages)
    assert all(r.author == persona.handle for r in messages if r.by_self)
    fields = {r.extra["field"]: r.text for r in records if r.kind == "profile_field"}
    assert fields["email"] == persona.email and fields["phone"] == persona.phone
    assert fields["username"] == persona.handle and fields["full_name"] == persona.full_name
    logins = [r for r in records if r.kind == "login"]
    assert all(r.extra["ip"] and r.time for r in logins)


def test_real_sample_files_counted_by_hand():
    folder = shared_sample("twitter")
    before = hash_tree(folder)
    records, skipped = _import(folder)
    assert hash_tree(folder) == before
    # account.js: phoneNumber, email, username, accountId, createdAt, accountDisplayName (createdVia is not
    # an identifier); follower.js 2 + following.js 2; saved-search.js 2. app.js / account-suspension.js unread.
    assert Counter(str(r.kind) for r in records) == {"profile_field": 6, "connection": 4, "search": 2}
    fields = {r.extra["field"]: r.text for r in records if r.kind == "profile_field"}
    assert fields == {
        "phone": "+15555555555",
        "email": "swillison@example.com",
        "username": "simonw",
        "account_id": "12497",
        "account_created": "2006-11-15T13:18:50.000Z",
        "full_name": "Simon Willison",
    }
    graph = sorted((r.extra["connection"], r.text) for r in records if r.kind == "connection")
    assert graph == [
        ("follower", "386025404"),
        ("follower", "73747798"),
        ("following", "12158"),
        ("following", "547842573"),
    ]
    assert sorted(r.text for r in records if r.kind == "search") == ["django", "simonw"]
    assert {s.member for s in skipped} == {"data/app.js", "data/account-suspension.js"}


def test_sniff_owns_x_archives_only(tmp_path):
    importer = XImporter()
    path, _, _ = _build(tmp_path, "tiny")
    with open_source([path]) as source:
        assert importer.sniff([m.lower for m in source.members]) >= 90
    takeout = ["takeout/youtube and youtube music/history/watch-history.json", "takeout/archive_browser.html"]
    assert importer.sniff(takeout) == 0
    assert importer.sniff(["user_data_tiktok.json"]) == 0
    assert importer.sniff(["your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"]) == 0


def test_sniff_claims_the_real_x_sample():
    with open_source([shared_sample("twitter")]) as source:
        assert XImporter().sniff([m.lower for m in source.members]) >= 80


@pytest.mark.parametrize("folder", ["tiktok", "whatsapp", "media"])
def test_sniff_leaves_the_real_samples_of_other_platforms(folder):
    with open_source([shared_sample(folder)]) as source:
        assert XImporter().sniff([m.lower for m in source.members]) == 0, folder


def test_damaged_members_are_skipped_and_the_rest_still_read(tmp_path):
    account = _js("account", [{"account": {"username": "ana", "accountId": "1", "email": "ana@example.com"}}])
    tweets = _js(
        "tweets", [{"tweet": {"id_str": "5", "full_text": "hola", "created_at": "Wed Sep 04 13:51:55 +0000 2019"}}]
    )
    path = _zip(
        tmp_path / "twitter-2026-01-01-abc.zip",
        {
            "data/account.js": account,
            "data/tweets.js": tweets[: len(tweets) // 2],  # truncated download
            "data/direct-messages.js": "window.YTD.direct_messages.part0 = [ {nope ]",
            "data/like.js": "this is not an archive file",
            "data/follower.js": _js("follower", [{"follower": {"accountId": "9"}}]),
        },
    )
    records, skipped = _import(path)
    reasons = {s.member: s.reason for s in skipped}
    assert "invalid JSON" in reasons["data/tweets.js"]
    assert "invalid JSON" in reasons["data/direct-messages.js"]
    assert "not an X archive data file" in reasons["data/like.js"]
    assert Counter(str(r.kind) for r in records) == {"profile_field": 3, "connection": 1}


def _old_archive(tmp_path: Path) -> Path:
    """An older archive: `tweet.js` without the "tweet" wrapper, split parts, and the rarer files."""
    old_tweet = {
        "id_str": "1000",
        "created_at": "Mon Jan 07 20:00:00 +0000 2019",
        "full_text": "Café con pan ☕",
        "geo": {"type": "Point", "coordinates": ["34.0522", "-118.2437"]},
        "place": {"full_name": "Los Angeles, CA", "country": "United States"},
    }
    later = {
        "id_str": "2000",
        "created_at": "Sat Jun 01 10:00:00 +0000 2019",
        "full_text": "RT @amiga: hola",
        "coordinates": {"type": "Point", "coordinates": [-95.3698, 29.7604]},
        "extended_entities": {
            "media": [
                {"media_url": "http://pbs.twimg.com/media/Dx1.jpg", "type": "photo"},
                {"media_url": "http://pbs.twimg.com/media/Gone.jpg", "type": "photo"},
            ]
        },
    }
    dm = {
        "dmConversation": {
            "conversationId": "group-42",
            "messages": [
                {
                    "joinConversation": {
                        "initiatingUserId": "7",
                        "participantsSnapshot": ["1", "7", "8"],
                        "createdAt": "2019-01-01T00:00:00.000Z",
                    }
                },
                {
                    "messageCreate": {
                        "id": "m2",
                        "senderId": "7",
                        "text": "¿Dónde estás?",
                        "createdAt": "2019-02-01T10:00:00.000Z",
                        "mediaUrls": [],
                        "urls": [],
                    }
                },
                {
                    "messageCreate": {
                        "id": "m1",
                        "senderId": "1",
                        "text": "En casa 🏠",
                        "createdAt": "2019-02-01T09:00:00.000Z",
                        "mediaUrls": ["https://ton.twitter.com/dm/1/2/pic.jpg"],
                        "urls": [],
                    }
                },
            ],
        }
    }
    return _zip(
        tmp_path / "twitter-old.zip",
        {
            "Your archive.html": "<html></html>",
            "data/account.js": _js("account", [{"account": {"username": "ana", "accountId": "1"}}]),
            "data/tweet.js": _js("tweet", [old_tweet]),  # no wrapper, pre-2022 file name
            "data/tweets-part1.js": _js("tweets", [{"tweet": later}]).replace("tweets.part0", "tweets.part1") + ";\n",
            "data/tweet_media/2000-Dx1.jpg": b"\xff\xd8\xff\xd9",
            "data/deleted-tweets.js": _js(
                "deleted-tweets",
                [{"tweet": {"id_str": "3000", "full_text": "borrado", "created_at": "Sun Jun 02 10:00:00 +0000 2019"}}],
            ),
            "data/note-tweet.js": _js(
                "note-tweet",
                [
                    {
                        "noteTweet": {
                            "noteTweetId": "4000",
                            "createdAt": "2019-06-03T10:00:00.000Z",
                            "core": {"text": "largo"},
                        }
                    }
                ],
            ),
            "data/protected-history.js": _js(
                "protected-history",
                [{"protectedHistory": {"protectedAt": "2019-05-01T00:00:00.000Z", "action": "Protect"}}],
            ),
            "data/direct-messages-group.js": _js("direct-messages-group", [dm]),
            "data/direct_messages_group_media/m1-pic.jpg": b"\xff\xd8\xff\xd9",
            "data/block.js": _js(
                "block", [{"blocking": {"accountId": "66", "userLink": "https://twitter.com/intent/user?user_id=66"}}]
            ),
            "data/mute.js": _js("mute", [{"muting": {"accountId": "67"}}]),
            "data/like.js": _js(
                "like", [{"like": {"tweetId": "5", "fullText": "me gusta", "expandedUrl": "https://x.com/i/5"}}]
            ),
            "data/ip-audit.js": _js(
                "ip-audit",
                [{"ipAudit": {"accountId": "1", "createdAt": "2019-03-01T00:00:00.000Z", "loginIp": "203.0.113.9"}}],
            ),
            "data/account-creation-ip.js": _js(
                "account-creation-ip", [{"accountCreationIp": {"userCreationIp": "198.51.100.1"}}]
            ),
            "data/ageinfo.js": _js("ageinfo", [{"ageMeta": {"ageInfo": {"age": ["25"], "birthDate": "1994-04-12"}}}]),
            "data/email-address-change.js": _js(
                "email-address-change",
                [
                    {
                        "emailAddressChange": {
                            "emailChange": {
                                "changedAt": "2019-04-01T00:00:00.000Z",
                                "changedFrom": "old@example.com",
                                "changedTo": "new@example.com",
                            }
                        }
                    }
                ],
            ),
            "data/screen-name-change.js": _js(
                "screen-name-change",
                [
                    {
                        "screenNameChange": {
                            "screenNameChange": {
                                "changedAt": "2019-04-02T00:00:00.000Z",
                                "changedFrom": "ana_old",
                                "changedTo": "ana",
                            }
                        }
                    }
                ],
            ),
            "data/profile.js": _js(
                "profile",
                [
                    {
                        "profile": {
                            "description": {"bio": "Hola 👋", "website": "https://t.co/x", "location": "Houston, TX"}
                        }
                    }
                ],
            ),
            "data/phone-number.js": _js("phone-number", [{"device": {"phoneNumber": "+17135550100"}}]),
            "data/personalization.js": _js(
                "personalization",
                [
                    {
                        "p13nData": {
                            "locationHistory": ["Houston, TX", "Pasadena, TX"],
                            "demographics": {"genderInfo": {"gender": "female"}},
                            "inferredAgeInfo": {"age": ["25-34"], "birthDate": ""},
                        }
                    }
                ],
            ),
            "data/saved-search.js": _js("saved-search", [{"savedSearch": {"savedSearchId": "1", "query": "abogado"}}]),
        },
    )


def test_old_and_rare_layouts(tmp_path):
    records, skipped = _import(_old_archive(tmp_path))
    assert skipped == []
    by_id = {r.native_id: r for r in records if r.kind == "post"}
    old, later = by_id["1000"], by_id["2000"]
    assert (old.lat, old.lon, old.place) == (34.0522, -118.2437, "Los Angeles, CA")  # geo is [lat, lon]
    assert (later.lat, later.lon) == (29.7604, -95.3698)  # coordinates is [lon, lat]
    assert old.text == "Café con pan ☕" and old.audience == "public"
    assert later.audience == "followers" and later.extra["retweet"]  # posted after the account was protected
    # a photo in the archive is referenced by its member path; one missing from it keeps its URL
    assert [m.path for m in later.media] == ["data/tweet_media/2000-Dx1.jpg", "http://pbs.twimg.com/media/Gone.jpg"]
    assert by_id["3000"].extra["deleted"] and by_id["4000"].text == "largo"
    messages = sorted((r for r in records if r.kind == "message"), key=lambda r: r.time)
    assert [(r.by_self, r.author, r.text) for r in messages] == [
        (True, "ana", "En casa 🏠"),
        (False, "7", "¿Dónde estás?"),
    ]
    assert messages[0].participants == ("1", "7", "8") and messages[0].thread == "group-42"
    assert [m.path for m in messages[0].media] == ["data/direct_messages_group_media/m1-pic.jpg"]
    graph = {r.text: r.extra["connection"] for r in records if r.kind == "connection"}
    assert graph == {"66": "blocked", "67": "muted"}
    logins = {r.extra["event"]: r.extra["ip"] for r in records if r.kind == "login"}
    assert logins == {"login": "203.0.113.9", "account_creation": "198.51.100.1"}
    fields = Counter((r.extra["field"], r.text) for r in records if r.kind == "profile_field")
    for expected in [
        ("birthday", "1994-04-12"),
        ("age", "25"),
        ("email", "new@example.com"),
        ("username", "ana"),
        ("bio", "Hola 👋"),
        ("website", "https://t.co/x"),
        ("location", "Houston, TX"),
        ("phone", "+17135550100"),
        ("gender", "female"),
    ]:
        assert fields[expected], expected
    change = next(r for r in records if r.kind == "profile_field" and r.text == "new@example.com")
    assert change.extra["changed_from"] == "old@example.com" and change.time.isoformat() == "2019-04-01T00:00:00+00:00"
    assert sorted(r.place for r in records if r.kind == "location") == ["Houston, TX", "Pasadena, TX"]
    assert [r.text for r in records if r.kind == "like"] == ["me gusta"]
    assert [r.text for r in records if r.kind == "search"] == ["abogado"]


def test_large_files_are_streamed_with_the_same_result(tmp_path, monkeypatch):
    path = _old_archive(tmp_path)
    whole, _ = _import(path)
    import cuidado.importers.x_archive as x_archive

    monkeypatch.setattr(x_archive, "LOAD_WHOLE_LIMIT", 16)  # every file takes the streaming path
    streamed, skipped = _import(path)
    assert skipped == []
    assert [(r.id, r.text, r.lat, r.lon) for r in streamed] == [(r.id, r.text, r.lat, r.lon) for r in whole]
