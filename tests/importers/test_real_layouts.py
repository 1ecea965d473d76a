"""Every year's layout of issue 14, read exactly: the real samples (shared/samples) and generated
exports in the same shapes. Counts are exact; every file is read, listed as known but not
analysed (with what it holds), or listed as unknown — nothing a person downloaded is dropped."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from conftest import hash_tree, shared_sample, write_tree
from cuidado.fixtures.exports import facebook_partial, instagram, whatsapp_merged, youtube_2020
from cuidado.fixtures.generate import SIZES
from cuidado.fixtures.persona import make_persona
from cuidado.importers import detect_platform, importer_for
from cuidado.importers.run import read_all
from cuidado.inputs.sources import open_source

PERSONA = make_persona(11, years=2)


def read(path: Path, platform: str | None = None):
    """(platform detected, records, skipped) — the input is hashed before and after."""
    before = hash_tree(path)
    with open_source([path]) as source:
        detected, _ = detect_platform([m.path for m in source.members])
        records, skipped = read_all(source, importer_for(platform or detected))
    assert hash_tree(path) == before
    return detected, records, skipped


def kinds(records) -> dict:
    return {str(k): v for k, v in Counter(r.kind for r in records).items()}


def statuses(skipped) -> dict:
    return {
        s.member.split("/", 1)[1] if s.member.startswith("facebook-2018/") else s.member: f"{s.kind}:{s.about}"
        if s.about
        else s.kind
        for s in skipped
    }


# ---- Facebook 2018–2019: album-only downloads with flat photo_metadata ----------------------


def test_facebook_2018_album_sample_is_facebook_with_gps_ip_and_cameras():
    platform, records, skipped = read(shared_sample("facebook-2018-albums"))
    assert platform == "facebook" and skipped == []
    assert kinds(records) == {"post": 5, "media": 4}  # 2 + 2 photos, and album 1's cover from album 0
    posts = [r for r in records if r.kind == "post"]
    located = [r for r in posts if r.lat is not None]
    assert [(r.lat, r.lon, r.extra["location_source"]) for r in located] == [
        (29.925027777778, -90.088072222222, "exif")
    ] * 2
    assert {r.extra["upload_ip"] for r in posts} == {"167.161.108.51"}
    assert Counter(r.extra["camera_model"] for r in posts) == {"Nexus 6P": 2, "NIKON D40X": 2, "HTC One_M8": 1}
    cover = next(r for r in posts if r.extra["content_type"] == "album_cover")
    assert cover.extra["album"] == "Album 1 JSON" and cover.extra["taken_timestamp"] == 1437193521
    assert all(r.media and r.media[0].size for r in posts)  # every photo resolves to its file


@pytest.mark.parametrize("top", ["posts", "photos_and_videos"])
def test_generated_2018_albums_read_exactly(tmp_path, top):
    labels = facebook_partial.build_albums_2018(tmp_path, random.Random(4), PERSONA, albums=3, photos=4, top=top)
    platform, records, skipped = read(tmp_path / labels.path)
    assert platform == "facebook" and skipped == []
    assert kinds(records) == labels.counts == {"post": 13, "media": 13, "comment": 9}
    assert {r.author for r in records if r.kind == "comment"} == {PERSONA.full_name, *PERSONA.friends[:2]}
    for plant in labels.planted:
        here = [r for r in records if r.source == plant["source"]]
        if plant["what"] == "gps":
            assert any((r.lat, r.lon) == (plant["lat"], plant["lon"]) for r in here)
        else:
            assert {r.extra["upload_ip"] for r in here if r.kind == "post"} == {plant["value"]}


# ---- Facebook partial downloads: ads, interests, off-Facebook activity -----------------------


def test_partial_download_is_facebook_and_lists_every_file(tmp_path):
    labels = facebook_partial.build_partial(tmp_path, random.Random(5), PERSONA)
    platform, records, skipped = read(tmp_path / labels.path)
    assert platform == "facebook"
    assert kinds(records) == labels.counts == {"interest": 6, "off_platform": 4}
    assert statuses(skipped) == labels.skipped  # 3 known but not analysed (ads, apps), 1 unknown
    assert [r.text for r in records if r.kind == "interest"] == facebook_partial.INTERESTS
    businesses = {r.text: r for r in records if r.kind == "off_platform"}
    assert set(businesses) == set(facebook_partial.BUSINESSES)
    assert all(r.extra["events"] >= 1 and r.time and r.audience == "platform" for r in businesses.values())
    planted = next(p for p in labels.planted if p["what"] == "off_platform")
    assert businesses[planted["value"]].extra["events"] == planted["events"]


def test_an_ads_only_download_is_still_facebook(tmp_path):
    root = write_tree(
        tmp_path / "fb-ads",
        {
            "ads_information/advertisers_using_your_activity_or_information.json": '{"custom_audiences_all_types_v2": []}',
            "ads_information/advertisers_you've_interacted_with.json": '{"history_v2": []}',
            "other_logged_information/ads_interests.json": '{"topics_v2": ["Abogados de inmigraci\\u00c3\\u00b3n"]}',
        },
    )
    platform, records, skipped = read(root)
    assert platform == "facebook"
    assert [(r.kind, r.text) for r in records] == [("interest", "Abogados de inmigración")]  # mojibake repaired
    assert {(s.kind, s.about) for s in skipped} == {("not_analysed", "ads")}


def test_interest_and_off_platform_shapes(tmp_path):
    root = write_tree(
        tmp_path / "fb",
        {
            "apps_and_websites_off_of_facebook/your_off-facebook_activity.json": json.dumps(
                {
                    "off_facebook_activity": [
                        {
                            "name": "Remitly",
                            "events": [
                                {"type": "PURCHASE", "timestamp": 1600000000},
                                {"type": "PAGE_VIEW", "timestamp": 1610000000},
                            ],
                        }
                    ]
                }
            ),
            "ads_and_businesses/ads_interests.json": json.dumps({"topics": ["Soccer", "Soccer", "Deportation"]}),
            "preferences/your_topics/your_topics.json": json.dumps(
                [{"timestamp": 1700000000, "label_values": [{"label": "Name", "value": "Cooking"}]}]
            ),
        },
    )
    _, records, skipped = read(root, "facebook")
    assert not skipped
    off = next(r for r in records if r.kind == "off_platform")
    assert (off.text, off.extra["events"], off.extra["event_types"]) == ("Remitly", 2, ["PAGE_VIEW", "PURCHASE"])
    assert off.time.year == 2021 and off.extra["first_event"].startswith("2020-09-13")
    assert sorted(r.text for r in records if r.kind == "interest") == ["Cooking", "Deportation", "Soccer"]


def test_messenger_thread_with_a_bom_and_ip_fields(tmp_path, monkeypatch):
    thread = (
        '\ufeff{"participants": [{"name": "Rosa"}, {"name": "Ana"}], "title": "Rosa", "messages": ['
        '{"sender_name": "Rosa", "timestamp_ms": 1700000000000, "content": "hola", "ip": "73.12.4.9"},'
        '{"sender_name": "Ana", "timestamp_ms": 1700000100000, "content": "hey"}]}'
    )
    posts = '\ufeff[{"timestamp": 1700000000, "data": [{"post": "hola"}]}]'
    root = write_tree(
        tmp_path / "fb",
        {
            "messages/inbox/rosa_1/message_1.json": thread,
            "posts/your_posts_1.json": posts,
            "profile_information/profile_information.json": '{"profile": {"name": "Ana"}}',
        },
    )
    _, records, skipped = read(root, "facebook")
    assert not skipped
    messages = [r for r in records if r.kind == "message"]
    assert [(m.author, m.extra.get("ip")) for m in messages] == [("Rosa", "73.12.4.9"), ("Ana", None)]
    assert [r.text for r in records if r.kind == "post"] == ["hola"]
    # The same posts file streamed (as big files are): the BOM does not stop ijson.
    import cuidado.importers.meta_common as meta_common

    monkeypatch.setattr(meta_common, "LOAD_WHOLE_LIMIT", 10)
    _, records, skipped = read(root, "facebook")
    assert [r.text for r in records if r.kind == "post"] == ["hola"] and not skipped


# ---- Instagram 2021–22 -----------------------------------------------------------------------


def test_instagram_2021_layout_reads_exactly(tmp_path):
    labels = instagram.build(tmp_path, random.Random(6), PERSONA, SIZES["tiny"], layout="2021", private=True)
    platform, records, skipped = read(tmp_path / labels.path)
    assert platform == "instagram"
    assert kinds(records) == labels.counts
    assert statuses(skipped) == labels.skipped
    fields = {r.extra["field"]: r.text for r in records if r.kind == "profile_field"}
    assert fields["email"] == PERSONA.email and fields["username"] == PERSONA.handle
    assert all(
        r.audience == "followers" for r in records if r.kind == "post" and r.extra["content_type"] != "profile_photo"
    )
    no_uri = next(p for p in labels.planted if p.get("no_uri"))
    story = next(r for r in records if r.lat == no_uri["lat"] and r.lon == no_uri["lon"])
    assert story.extra["content_type"] == "story" and story.media == () and story.extra["location_source"] == "exif"
    based = next(r for r in records if r.kind == "location")
    assert based.place == next(p["value"] for p in labels.planted if p["what"] == "based_in")
    assert sorted(r.text for r in records if r.kind == "interest") == sorted(instagram.INTERESTS + ["Mexican food"])


def test_instagram_off_meta_activity_and_topics(tmp_path):
    root = write_tree(
        tmp_path / "ig",
        {
            "apps_and_websites_off_of_instagram/apps_and_websites/your_activity_off_meta_technologies.json": json.dumps(
                {
                    "apps_and_websites_off_meta_activity": [
                        {"name": "Western Union", "events": [{"id": 1, "type": "PURCHASE", "timestamp": 1700000000}]}
                    ]
                }
            ),
            "preferences/your_topics/your_topics.json": json.dumps(
                {
                    "topics_your_topics": [
                        {"string_map_data": {"Name": {"href": "", "value": "Religion", "timestamp": 0}}}
                    ]
                }
            ),
        },
    )
    _, records, skipped = read(root, "instagram")
    assert not skipped
    assert [(r.kind, r.text) for r in records] == [("off_platform", "Western Union"), ("interest", "Religion")]


def test_instagram_2021_personal_information_alone_is_instagram(tmp_path):
    root = write_tree(
        tmp_path / "ig",
        {
            "account_information/personal_information.json": json.dumps(
                {
                    "profile_user": [
                        {"string_map_data": {"Username": {"value": "rosa.m"}, "Email": {"value": "r@x.com"}}}
                    ]
                }
            )
        },
    )
    platform, records, _ = read(root)
    assert platform == "instagram"
    assert {r.extra["field"]: r.text for r in records} == {"username": "rosa.m", "email": "r@x.com"}


# ---- YouTube Takeout before 2021 ---------------------------------------------------------------


def test_youtube_2020_subscriptions_sample_are_connections_not_watch_history():
    platform, records, skipped = read(shared_sample("youtube-takeout-2020"))
    assert platform == "youtube" and skipped == []
    assert kinds(records) == {"connection": 7}
    assert [r.text for r in records][:4] == ["Gorillaz", "TED", "Captain Disillusion", "Kurzgesagt – In a Nutshell"]
    assert all(
        r.permalink.startswith("https://www.youtube.com/channel/UC") and r.extra["subscription"] for r in records
    )


def test_generated_2020_takeout_reads_exactly(tmp_path):
    labels = youtube_2020.build_2020(tmp_path, random.Random(7), PERSONA)
    platform, records, skipped = read(tmp_path / labels.path)
    assert platform == "youtube"
    assert kinds(records) == labels.counts == {"connection": 5, "like": 3, "post": 3, "other": 3, "watch": 4}
    assert statuses(skipped) == labels.skipped
    assert [r.audience for r in records if r.kind == "post"] == ["public", "private", "unlisted"]
    assert {r.extra["playlist"] for r in records if r.kind == "other"} == {"watch-later"}


# ---- X 2023 naming ----------------------------------------------------------------------------


def test_x_2023_tweets_sample():
    platform, records, skipped = read(shared_sample("x-2023"))
    assert platform == "x" and skipped == []
    assert kinds(records) == {"post": 3}
    times = sorted(r.time.isoformat() for r in records)
    assert (times[0], times[-1]) == ("2019-08-02T13:00:18+00:00", "2022-09-10T01:52:13+00:00")
    assert all(r.extra["retweet"] for r in records)


# ---- WhatsApp: headers in several date formats --------------------------------------------------


def test_whatsapp_chat_with_three_date_formats_keeps_every_message(tmp_path):
    labels = whatsapp_merged.build_merged(tmp_path, random.Random(8), PERSONA)
    platform, records, skipped = read(tmp_path / labels.path)
    assert platform == "whatsapp" and not skipped
    assert kinds(records) == labels.counts == {"message": 18, "other": 1}
    times = sorted(r.time for r in records)
    assert (times[0].isoformat(), times[-1].isoformat()) == (labels.first, labels.last)
    assert {r.time.year for r in records} == {2020, 2022, 2024}
    text = "\n".join(r.text for r in records)
    assert text.count("y llévense suéter") == 3 and "nos vemos en la iglesia" in text
    authors = {r.author for r in records if r.kind == "message"}
    assert set(whatsapp_merged.UNSAVED) <= authors


# ---- TikTok: the old user_data.json --------------------------------------------------------------


def test_tiktok_old_sample_keeps_its_device_identifiers():
    platform, records, _ = read(shared_sample("tiktok/user_data.json"))
    assert platform == "tiktok"
    device = next(r for r in records if r.extra.get("event") == "device")
    assert device.extra["device_ids"] == {"GAID": "GAID 1", "Android ID": "android ID 1"}


@pytest.mark.parametrize("name", ["facebook-2018-albums", "youtube-takeout-2020", "x-2023"])
def test_samples_are_not_taken_for_another_platform(name):
    with open_source([shared_sample(name)]) as source:
        paths = [m.lower for m in source.members]
    scores = {
        platform: importer_for(platform).sniff(paths)
        for platform in ("facebook", "instagram", "x", "tiktok", "youtube", "whatsapp", "files")
    }
    best = max(scores, key=scores.get)
    assert best == {"facebook-2018-albums": "facebook", "youtube-takeout-2020": "youtube", "x-2023": "x"}[name]
    assert sorted(scores.values())[-2] < scores[best]


def test_tiktok_ad_interests_and_off_tiktok_activity(tmp_path):
    data = {
        "Ads and data": {
            "Ad Interests": {"AdInterestCategories": "Immigration | Soccer,Food & Drink"},
            "Usage Data From Third-Party Apps And Websites": {
                "UsageDataList": [
                    {"TimeStamp": "2023-01-02 10:00:00", "Source": "Remitly", "Event": "Purchase"},
                    {"TimeStamp": "2023-03-02 10:00:00", "Source": "Remitly", "Event": "Launch"},
                    {"TimeStamp": "2023-02-02 10:00:00", "Source": "Shein", "Event": "Launch"},
                ]
            },
        }
    }
    root = write_tree(tmp_path / "tt", {"user_data.json": json.dumps(data)})
    _, records, _ = read(root, "tiktok")
    assert [r.text for r in records if r.kind == "interest"] == ["Immigration", "Soccer", "Food & Drink"]
    off = {r.text: r for r in records if r.kind == "off_platform"}
    assert off["Remitly"].extra["events"] == 2 and off["Remitly"].time.month == 3
    assert off["Remitly"].extra["event_types"] == ["Launch", "Purchase"] and off["Shein"].extra["events"] == 1


def test_facebook_login_rows_in_the_label_values_shape(tmp_path):
    rows = [
        {
            "timestamp": 1700000000,
            "label_values": [
                {"label": "IP address", "value": "203.0.113.9"},
                {"label": "User agent", "value": "Mozilla/5.0"},
                {"label": "Advertiser ID", "value": "38400000-8cf0-11bd-b23e-10b96e40000d"},
            ],
        }
    ]
    root = write_tree(
        tmp_path / "fb",
        {
            "security_and_login_information/account_activity.json": json.dumps(rows),
            "your_facebook_activity/posts/your_posts_1.json": "[]",
        },
    )
    _, records, _ = read(root, "facebook")
    [login] = [r for r in records if r.kind == "login"]
    assert login.extra["ip"] == "203.0.113.9" and login.extra["device"] == "Mozilla/5.0"
    assert login.extra["advertiser_id"] == "38400000-8cf0-11bd-b23e-10b96e40000d"


def test_x_sample_files_not_analysed_say_what_they_hold():
    _, records, skipped = read(shared_sample("twitter"))
    assert statuses(skipped) == {
        "data/app.js": "not_analysed:apps",
        "data/account-suspension.js": "not_analysed:other_activity",
    }


@pytest.mark.parametrize(
    "paths, expected",
    [
        (["logged_information/search/your_search_history.json"], "facebook"),
        (["logged_information/location/primary_location.json"], "facebook"),
        (["location/location_history.json"], "facebook"),
        (["security_and_login_information/account_activity.json"], "facebook"),
        (["logged_information/other_logged_information/ads_interests.json"], "facebook"),
        (["ads_information/advertisers_you've_interacted_with.json"], "facebook"),
        (["apps_and_websites_off_of_facebook/your_activity_off_meta_technologies.json"], "facebook"),
        (["posts/album/0.json", "posts/album_x/1.jpg"], "facebook"),
        (["logged_information/recent_searches/word_or_phrase_searches.json"], "instagram"),
        (["ads_information/ads_and_topics/ads_viewed.json"], "instagram"),
        (["information_about_you/ads_interests.json"], "instagram"),
        (["account_information/personal_information.json"], "instagram"),
    ],
)
def test_downloads_of_some_categories_are_recognised(paths, expected):
    assert detect_platform(paths)[0] == expected


def test_facebook_2018_posts_timeline_posts_by_others_and_videos(tmp_path):
    root = write_tree(
        tmp_path / "fb",
        {
            "posts/your_posts.json": json.dumps(
                {"status_updates": [{"timestamp": 1530000000, "data": [{"post": "Primer día en el trabajo nuevo"}]}]}
            ),
            "posts/other_people's_posts_to_your_timeline.json": json.dumps(
                {
                    "wall_posts_sent_to_you": [
                        {
                            "timestamp": 1530100000,
                            "title": "Rosa Cruz wrote on your timeline.",
                            "data": [{"post": "¡Feliz cumpleaños!"}],
                        }
                    ]
                }
            ),
            "photos_and_videos/your_videos.json": json.dumps(
                {
                    "videos": [
                        {
                            "uri": "photos_and_videos/videos/1.mp4",
                            "creation_timestamp": 1530200000,
                            "description": "La fiesta",
                        }
                    ]
                }
            ),
        },
    )
    platform, records, skipped = read(root)
    assert platform == "facebook" and not skipped
    assert sorted(
        (r.text, r.by_self, r.extra["content_type"] if "content_type" in r.extra else None) for r in records
    ) == [
        ("La fiesta", True, "video"),
        ("Primer día en el trabajo nuevo", True, None),
        ("¡Feliz cumpleaños!", False, "timeline_post_by_others"),
    ]
