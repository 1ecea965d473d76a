"""YouTube (Google Takeout) importer: generated Takeouts in every layout, HTML/CSV/JSON details, bad files."""

from __future__ import annotations

import json
import random
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import hash_tree, shared_sample
from cuidado.fixtures.exports import youtube as youtube_fixture
from cuidado.fixtures.generate import SIZES
from cuidado.fixtures.persona import make_persona
from cuidado.importers.run import read_all
from cuidado.importers.youtube import YouTubeImporter
from cuidado.importers.youtube_csv import comment_text
from cuidado.importers.youtube_html import parse_stamp
from cuidado.inputs.sources import open_source

YT = "Takeout/YouTube and YouTube Music"


def _import(*paths: Path):
    with open_source(list(paths)) as source:
        return read_all(source, YouTubeImporter())


def _build(tmp_path: Path, size: str, seed: int = 3, **options):
    persona = make_persona(seed, years=SIZES[size].years)
    labels = youtube_fixture.build(tmp_path, random.Random(f"{seed}-youtube"), persona, SIZES[size], **options)
    return tmp_path / labels.path, labels, persona


def _zip(path: Path, files: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _check_against_labels(records, skipped, labels):
    assert skipped == []
    assert dict(Counter(str(r.kind) for r in records)) == labels.counts
    times = sorted(r.time for r in records if r.time)
    assert (times[0].isoformat(), times[-1].isoformat()) == (labels.first, labels.last)
    assert len({r.id for r in records}) == len(records)
    located = [p for p in labels.planted if "lat" in p]
    assert len(located) == 5  # 3 watch entries with locationInfos, 2 located uploads
    for planted in located:
        assert any(
            r.lat is not None and abs(r.lat - planted["lat"]) < 1e-6 and abs(r.lon - planted["lon"]) < 1e-6
            for r in records
        ), planted
    for planted in labels.planted:
        if "lat" not in planted:
            assert any(planted["value"] in (r.text or "") for r in records), planted


@pytest.mark.parametrize("size", ["tiny", "small"])
def test_generated_takeout_imports_exactly_the_labels(tmp_path, size):
    path, labels, _ = _build(tmp_path, size)
    assert path.name == "takeout-20261102T000000Z-001.zip"
    before = hash_tree(path)
    records, skipped = _import(path)
    assert hash_tree(path) == before
    _check_against_labels(records, skipped, labels)


@pytest.mark.parametrize("history, comments", [("html", "new"), ("html", "old"), ("json", "old")])
def test_html_history_and_old_comment_columns(tmp_path, history, comments):
    path, labels, _ = _build(tmp_path, "small", history_format=history, comments_layout=comments)
    records, skipped = _import(path)
    _check_against_labels(records, skipped, labels)
    sources = {r.source.rsplit("/", 1)[-1] for r in records if r.kind in ("watch", "search")}
    assert sources == {f"watch-history.{history}", f"search-history.{history}"}


def test_json_and_html_history_give_the_same_records(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    json_path, _, _ = _build(tmp_path / "a", "tiny")
    html_path, _, _ = _build(tmp_path / "b", "tiny", history_format="html")
    key = lambda r: (r.kind, r.time, r.text, r.permalink, r.lat, r.lon, r.extra.get("channel"), r.extra.get("ad"))  # noqa: E731
    from_json = sorted((key(r) for r in _import(json_path)[0] if r.kind in ("watch", "search")), key=repr)
    from_html = sorted((key(r) for r in _import(html_path)[0] if r.kind in ("watch", "search")), key=repr)
    assert from_json == from_html


def test_generated_takeout_record_details(tmp_path):
    path, _, persona = _build(tmp_path, "tiny")
    records, _ = _import(path)
    posts = [r for r in records if r.kind == "post"]
    assert [r.audience for r in posts] == ["public", "unlisted"]
    assert all(r.lat is not None and r.permalink.startswith("https://www.youtube.com/watch?v=") for r in posts)
    searches = [r.text for r in records if r.kind == "search"]
    assert "cómo renovar mi permiso de trabajo DACA" in searches and not any(s.startswith("Searched") for s in searches)
    watches = [r for r in records if r.kind == "watch"]
    assert not any(r.text.startswith("Watched") for r in watches)
    assert sum(1 for r in watches if r.extra.get("ad")) == 1
    located = [r for r in watches if r.lat is not None]
    assert len(located) == 3 and all(r.place == "At this general area" for r in located)
    comments = [r for r in records if r.kind == "comment"]
    assert all(r.by_self and "&lc=" in r.permalink and r.time for r in comments)
    assert any(r.text.endswith("\n👍") for r in comments)  # several text segments joined
    fields = {r.extra["field"]: r.text for r in records if r.kind == "profile_field"}
    assert fields["full_name"] == persona.full_name and fields["visibility"] == "Public"
    subscriptions = [r for r in records if r.kind == "connection"]
    assert all(r.extra["connection"] == "following" and r.permalink.startswith("http") for r in subscriptions)


def test_multi_part_takeout_reads_as_one(tmp_path):
    path, labels, _ = _build(tmp_path, "tiny")
    with zipfile.ZipFile(path) as whole:
        names = whole.namelist()
        parts = [{n: whole.read(n) for n in names[::2]}, {n: whole.read(n) for n in names[1::2]}]
    (tmp_path / "parts").mkdir()
    first = _zip(tmp_path / "parts" / "takeout-20261102T000000Z-001.zip", parts[0])
    second = _zip(tmp_path / "parts" / "takeout-20261102T000000Z-002.zip", parts[1])
    records, skipped = _import(first, second)
    _check_against_labels(records, skipped, labels)


def test_sniff_owns_takeout_youtube_only(tmp_path):
    importer = YouTubeImporter()
    path, _, _ = _build(tmp_path, "tiny")
    with open_source([path]) as source:
        assert importer.sniff([m.lower for m in source.members]) >= 90
    assert importer.sniff(["takeout/youtube y youtube music/historial/historial-de-reproducciones.json"]) >= 90
    assert importer.sniff(["youtube and youtube music/history/watch-history.html"]) >= 80
    assert importer.sniff(["data/tweets.js", "data/manifest.js"]) == 0
    assert importer.sniff(["takeout/google photos/album/img_0001.jpg", "takeout/archive_browser.html"]) == 0


@pytest.mark.parametrize("folder", ["twitter", "tiktok", "whatsapp", "media"])
def test_sniff_leaves_the_real_samples_of_other_platforms(folder):
    with open_source([shared_sample(folder)]) as source:
        assert YouTubeImporter().sniff([m.lower for m in source.members]) == 0, folder


def test_damaged_members_are_skipped_and_the_rest_still_read(tmp_path):
    history = json.dumps([{"header": "YouTube", "title": "Watched X", "time": "2024-01-01T00:00:00Z"}] * 3)
    path = _zip(
        tmp_path / "takeout-1.zip",
        {
            f"{YT}/history/watch-history.json": history[:40],  # truncated download
            f"{YT}/history/search-history.json": '{"not": "a list of activities"}',
            f"{YT}/channels/channel feature data.csv": "Channel ID,Feature,Enabled\nUC1,x,true\n",
            f"{YT}/comments/comments.csv": "Channel ID,Comment Create Timestamp,Price,Comment ID,Parent Comment ID,"
            "Video ID,Comment Text\nUC1,2024-05-01T10:00:00.5+00:00,,Ugx1,,vid1,"
            '"{""text"":""hola""}"\n\n',
        },
    )
    records, skipped = _import(path)
    reasons = {s.member.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert "invalid JSON" in reasons["watch-history.json"]
    assert "not a YouTube file cuidado reads yet" in reasons["search-history.json"]
    assert "not a YouTube file cuidado reads yet" in reasons["channel feature data.csv"]
    assert [(r.kind, r.text, r.time.isoformat()) for r in records] == [
        ("comment", "hola", "2024-05-01T10:00:00.500000+00:00")
    ]


def test_localised_older_and_rarer_files(tmp_path):
    base = "Takeout/YouTube y YouTube Music"
    my_comments = (
        '<html><body><ul><li>Sent at 2016-06-15T08:50:49Z while watching <a href="http://www.youtube.com/'
        'watch?v=mM">a video</a>.<br/>Saludos desde Houston 🇲🇽</li>'
        '<li>Sent at 2020-04-27 23:18:23 UTC while watching <a href="http://www.youtube.com/watch?v=nN">'
        "otro</a>.<br/>Qué bonito</li></ul></body></html>"
    )
    old_history = json.dumps(
        [
            {
                "snippet": {
                    "publishedAt": "2015-03-01T12:00:00.000Z",
                    "title": "Video viejo",
                    "resourceId": {"videoId": "abc"},
                }
            }
        ]
    )
    likes = json.dumps(
        [
            {
                "snippet": {"publishedAt": "2015-04-01T12:00:00.000Z", "title": "Me gustó", "channelTitle": "Canal"},
                "contentDetails": {"videoId": "def"},
            }
        ]
    )
    path = _zip(
        tmp_path / "takeout-2.zip",
        {
            f"{base}/historial/historial-de-reproducciones.json": json.dumps(
                [
                    {
                        "header": "YouTube",
                        "title": "Has visto Noticias ✨",
                        "titleUrl": "https://www.youtube.com/watch?v\u003dq1",
                        "time": "2023-09-19T17:42:53.434647Z",
                        "locationInfos": [
                            {
                                "name": "En esta zona",
                                "url": "https://www.google.com/maps/@?api=1&map_action=map&center=19.4326,-99.1332&zoom=12",
                            }
                        ],
                    }
                ]
            ),
            "Takeout/YouTube/history/watch-history.json": old_history,
            "Takeout/YouTube/playlists/likes.json": likes,
            f"{base}/my-comments/my-comments.html": my_comments,
            f"{base}/live chats/live chats.csv": "Live Chat ID,Channel ID,Live Chat Create Timestamp,Price,Video ID,"
            'Live Chat Text\nLC1,UC1,2024-01-01T00:00:00+00:00,,v9,"{""text"":""¡Hola!""}"\n',
            f"{base}/video metadata/video recordings.csv": "Video ID,Recording Latitude,Recording Longitude,Recording Altitude\n"
            "v1,29.7604,-95.3698,10\nv2,0,0,0\n",
            f"{base}/playlists/playlists.csv": "Playlist ID,Add new videos to top,Playlist Title (Original),Playlist Title "
            "(Original) Language,Playlist Create Timestamp,Playlist Update Timestamp,"
            "Playlist Video Order,Playlist Visibility\nPL1,False,Ayuda legal,es,"
            "2022-01-01T00:00:00+00:00,2022-01-02T00:00:00+00:00,Manual,Private\n",
        },
    )
    records, skipped = _import(path)
    assert skipped == []
    by_kind = {k: [r for r in records if r.kind == k] for k in {str(r.kind) for r in records}}
    watch = next(r for r in by_kind["watch"] if r.text == "Noticias ✨")
    assert (watch.lat, watch.lon, watch.permalink) == (19.4326, -99.1332, "https://www.youtube.com/watch?v=q1")
    assert watch.time == datetime(2023, 9, 19, 17, 42, 53, 434647, tzinfo=UTC)
    old = next(r for r in by_kind["watch"] if r.text == "Video viejo")
    assert old.permalink == "https://www.youtube.com/watch?v=abc"
    assert [(r.text, r.permalink) for r in by_kind["like"]] == [("Me gustó", "https://www.youtube.com/watch?v=def")]
    comments = sorted(by_kind["comment"], key=lambda r: r.time)
    assert [(r.text, r.time.isoformat()) for r in comments] == [
        ("Saludos desde Houston 🇲🇽", "2016-06-15T08:50:49+00:00"),
        ("Qué bonito", "2020-04-27T23:18:23+00:00"),
        ("¡Hola!", "2024-01-01T00:00:00+00:00"),
    ]
    assert comments[-1].extra["live_chat"]
    # a recording whose upload is not in videos.csv is still a place the person filmed; 0,0 is "none"
    assert [(r.lat, r.lon, r.extra["altitude"]) for r in by_kind["location"]] == [(29.7604, -95.3698, 10.0)]
    assert [(r.text, r.audience) for r in by_kind["post"]] == [("Ayuda legal", "private")]


def test_html_dates_and_comment_text_formats():
    assert parse_stamp("Mar 8, 2018, 5:14:40\u202fPM PDT")[0] == datetime(2018, 3, 9, 0, 14, 40, tzinfo=UTC)
    assert parse_stamp("Jan 25, 2019, 8:23:48\u00a0AM GMT")[0] == datetime(2019, 1, 25, 8, 23, 48, tzinfo=UTC)
    assert parse_stamp("Jun 23, 2015, 2:43:45 PM")[0] == datetime(2015, 6, 23, 14, 43, 45, tzinfo=UTC)
    assert parse_stamp("Sep 10, 2019, 8:51:45 PM GMT+02:00")[0] == datetime(2019, 9, 10, 18, 51, 45, tzinfo=UTC)
    assert parse_stamp("Sep 10, 2019, 8:51:45 PM XYZ") == (datetime(2019, 9, 10, 20, 51, 45, tzinfo=UTC), "XYZ")
    assert parse_stamp("not a date") == (None, None)
    old = '{"takeoutSegments":[{"text":"mira "},{"link":{"linkUrl":"https://youtu.be/x"}},{"text":" 😂"}]}'
    assert comment_text(old) == "mira https://youtu.be/x 😂"
    assert comment_text('{"text":"línea uno"},{"text":"\\n"},{"text":"dos"}') == "línea uno\ndos"
    assert comment_text("texto simple") == "texto simple"
    assert comment_text('{"text": broken') == '{"text": broken'
