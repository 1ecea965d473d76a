"""Cross-item conclusions on a generated persona: home and work where the persona lives and works,
linked accounts, and nothing invented for a person who exposes no places."""

from __future__ import annotations

import json
import re

import pytest

from conftest import db, export_paths
from cuidado.inferences.geo import haversine_m
from cuidado.inferences.run import refresh_inferences
from cuidado.scan.pipeline import scan
from cuidado.store import open_store


@pytest.fixture(scope="module")
def demo_workspace(demo_exports, tmp_path_factory):
    out, labels = demo_exports
    ws = tmp_path_factory.mktemp("ws")
    store = open_store(ws)
    scan(export_paths(out, labels), store)
    yield store, labels
    store.close()


def _one(store, kind):
    rows = [dict(r) for r in store.findings(kinds=(kind,))]
    assert len(rows) == 1, (kind, rows)
    return rows[0]


def test_home_and_work_are_found_within_250_m(demo_workspace):
    store, labels = demo_workspace
    persona = labels["persona"]
    for kind, (lat, lon, _) in (("inference.home", persona["home"]), ("inference.work", persona["work"])):
        found = _one(store, kind)
        assert haversine_m(found["lat"], found["lon"], lat, lon) < 250, kind
        extra = json.loads(found["extra"])
        assert extra["evidence_count"] >= 3 and extra["radius_m"] < 1000
        assert found["place"]  # named offline


def test_each_inference_lists_evidence_items_that_exist(demo_workspace):
    store, _ = demo_workspace
    for row in store.findings(kinds=("inference",)):
        evidence = json.loads(row["extra"])["evidence"]
        assert evidence
        present = (
            db(store)
            .execute(f"SELECT count(*) FROM records WHERE id IN ({', '.join('?' * len(evidence))})", evidence)
            .fetchone()[0]
        )
        assert present == len(evidence), row["kind"]


def test_accounts_tied_by_the_persona_phone_and_email(demo_workspace):
    store, labels = demo_workspace
    links = {row["subtype"]: json.loads(row["extra"]) for row in store.findings(kinds=("inference.account_link",))}
    assert set(links["phone"]["platforms"]) >= {"facebook", "instagram", "x"}
    assert len(links["email"]["platforms"]) >= 2
    values = [row["value"] for row in store.findings(kinds=("inference.account_link",))]
    assert any(labels["persona"]["phone"] in v for v in values)


def test_removing_the_evidence_removes_the_inference(demo_workspace, tmp_path):
    store, _ = demo_workspace
    home = _one(store, "inference.home")
    evidence = json.loads(home["extra"])["evidence"]
    copy = open_store(tmp_path / "copy")
    db(store).execute(f"VACUUM INTO '{copy.path}.tmp'")
    copy.close()
    (tmp_path / "copy" / "cuidado.db.tmp").replace(tmp_path / "copy" / "cuidado.db")
    copy = open_store(tmp_path / "copy")
    copy.delete_items(evidence)
    refresh_inferences(copy)
    assert not list(copy.findings(kinds=("inference.home",)))
    copy.close()


def test_no_false_home_without_located_items(tiny_exports, tmp_path):
    out, labels = tiny_exports
    store = open_store(tmp_path / "ws")
    # YouTube and TikTok's own records only, with every location finding dropped: nothing to place anyone.
    scan([out / labels["platforms"]["youtube"]["path"]], store)
    db(store).execute("DELETE FROM findings WHERE lat IS NOT NULL")
    refresh_inferences(store)
    assert not list(store.findings(kinds=("inference.home", "inference.work", "inference.routine")))
    store.close()


def test_same_photo_pairs_match_a_brute_force_comparison():
    """The banded numpy search finds exactly the platform pairs a compare-everything loop finds."""
    import random

    from cuidado.inferences.linkage import PHASH_MAX_DISTANCE, same_photo_pairs

    rng = random.Random(9)
    platforms = ["facebook", "instagram", "x", "whatsapp", "files"]
    hashes = [(rng.choice(platforms), f"item{i}", rng.getrandbits(64)) for i in range(700)]
    # The same picture re-encoded on another platform: a few bits flipped (within, and just past, the limit).
    for flips, (a, b) in (
        (3, ("facebook", "x")),
        (PHASH_MAX_DISTANCE, ("instagram", "files")),
        (PHASH_MAX_DISTANCE + 1, ("whatsapp", "x")),
    ):
        value = rng.getrandbits(64)
        changed = value
        for bit in rng.sample(range(64), flips):
            changed ^= 1 << bit
        hashes += [(a, f"planted-{a}", value), (b, f"planted-{b}", changed)]
    rng.shuffle(hashes)

    expected = set()
    for i, (p1, _, h1) in enumerate(hashes):
        for p2, _, h2 in hashes[i + 1 :]:
            if p1 != p2 and (h1 ^ h2).bit_count() <= PHASH_MAX_DISTANCE:
                expected.add(tuple(sorted((p1, p2))))
    found = same_photo_pairs(hashes)
    assert set(found) == expected
    assert ("facebook", "x") in found and ("files", "instagram") in found
    by_item = {item: (platform, value) for platform, item, value in hashes}
    for (p1, p2), (i1, i2, value) in found.items():
        assert by_item[i1][0] == p1 and by_item[i2][0] == p2 and by_item[i1][1] == value
        assert (by_item[i1][1] ^ by_item[i2][1]).bit_count() <= PHASH_MAX_DISTANCE
    assert same_photo_pairs([(p, i, v) for p, i, v in hashes if p == "x"]) == {}


@pytest.mark.parametrize("seed", range(6))
def test_clusters_equal_scikit_learns_dbscan(seed):
    """Our DBSCAN (no scikit-learn import at scan time) gives scikit-learn's clusters and numbers."""
    np = pytest.importorskip("numpy")
    sklearn_cluster = pytest.importorskip("sklearn.cluster")
    from cuidado.inferences.geo import EARTH_RADIUS_M, cluster_points

    rng = np.random.default_rng(seed)
    centres = [(40.4, -3.7), (19.43, -99.13), (89.9995, 0.0), (10.0, 179.9995), (-33.9, 151.2)]
    coords = []
    for lat, lon in centres:  # tight crowds, loose neighbourhoods, points across the poles and the date line
        for spread, count in ((0.0004, int(rng.integers(1, 400))), (0.01, int(rng.integers(0, 150)))):
            lats = np.clip(lat + rng.normal(0, spread, count), -90, 90)
            lons = (lon + rng.normal(0, spread, count) + 180) % 360 - 180
            coords += list(zip(lats.tolist(), lons.tolist()))
    order = rng.permutation(len(coords))
    coords = [coords[i] for i in order]
    for eps_m, min_samples in ((200.0, 2), (150.0, 2), (500.0, 3)):
        ours = cluster_points(coords, eps_m=eps_m, min_samples=min_samples)
        theirs = (
            sklearn_cluster.DBSCAN(
                eps=eps_m / EARTH_RADIUS_M, min_samples=min_samples, metric="haversine", algorithm="ball_tree"
            )
            .fit_predict(np.radians(np.array(coords)))
            .tolist()
        )
        if min_samples == 2:
            assert ours == theirs
        else:  # core points and noise agree; a border point between two clusters may be given either
            assert [label == -1 for label in ours] == [label == -1 for label in theirs]
            assert max(ours) == max(theirs)
    assert cluster_points([]) == []
    assert cluster_points([(1.0, 2.0)]) == [-1]


def test_conclusions_store_data_and_are_said_in_the_readers_language(demo_workspace):
    """No English sentence is stored in a finding: the weekday, hour, counts and names are, and the
    sentence is made when it is shown, in the reader's language."""
    from cuidado.findings.render import finding_dict
    from cuidado.report.dossier import build_dossier

    store, _ = demo_workspace
    rows = list(
        store.findings(
            kinds=(
                "inference.routine",
                "inference.others_exposed",
                "inference.travel",
                "audience.group",
                "audience.wide",
                "identity.face",
            )
        )
    )
    assert {r["kind"] for r in rows} >= {"inference.routine", "inference.others_exposed"}
    english = re.compile(
        r"\b(near|people|members saw|Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|"
        r"Sundays|unknown dates|face\(s\))\b"
    )
    for row in rows:
        assert not english.search(row["value"] or ""), (row["kind"], row["value"])
    routine = next(r for r in rows if r["kind"] == "inference.routine")
    extra = json.loads(routine["extra"])
    assert {"weekday", "hour"} <= set(extra)
    es = finding_dict(routine, "es")["shown"]
    assert re.match(r"los (lunes|martes|miércoles|jueves|viernes|sábados|domingos) hacia las \d\d:00 cerca de ", es)
    assert re.match(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days around \d\d:00 near ", finding_dict(routine)["shown"])
    others = next(r for r in rows if r["kind"] == "inference.others_exposed")
    assert re.search(r"\d+ números? de teléfono de otras? personas?$", finding_dict(others, "es")["shown"])
    assert finding_dict(routine, "es")["source_shown"] == "(conclusión de varios elementos)"
    dossier = " ".join(line["text"] + " " + line["evidence_text"] for line in build_dossier(store, "es")["lines"])
    assert "(s)" not in dossier and "Your routine" not in dossier and "Su rutina: los " in dossier
    assert not re.search(r"\b1 elementos\b", dossier)


def test_workspaces_scanned_before_keep_data_and_show_their_conclusions_the_same_way(tmp_path):
    """Older workspaces stored English sentences in `value`: migration 0007 turns them into the data
    a scan stores now, and they are shown in the reader's language like new ones."""
    from cuidado.findings.render import finding_dict

    store = open_store(tmp_path / "ws")
    old = [  # kind, subtype, value, lat, lon, place, extra: as cuidado wrote them before
        (
            "inference.routine",
            None,
            "Sundays 10:00 near Fruitvale, CA",
            37.77,
            -122.22,
            "Fruitvale, CA",
            {"weekday": 6, "hour": 10, "weeks": 4},
        ),
        (
            "audience.group",
            None,
            "Familia: 40 members saw 1 sensitive item(s)",
            None,
            None,
            None,
            {"members": 40, "evidence": ["a"], "evidence_count": 1},
        ),
        (
            "inference.others_exposed",
            None,
            "Familia: 2 other people's phone numbers",
            None,
            None,
            None,
            {"thread": "Familia", "phones": ["+1", "+2"]},
        ),
        ("audience.wide", "friends", "friends: 600 people", None, None, None, {"audience_size": 600}),
        (
            "inference.travel",
            None,
            "Tijuana, MX (unknown dates)",
            32.5,
            -117.0,
            "Tijuana, MX",
            {"dates": "unknown dates"},
        ),
        ("identity.face", "group", "3 face(s)", None, None, None, {"boxes": [[0, 0, 1, 1]] * 3}),
    ]
    conn = db(store)
    for n, (kind, subtype, value, lat, lon, place, extra) in enumerate(old):
        conn.execute(
            "INSERT INTO findings (id, kind, subtype, severity, confidence, platform, source, item, value, "
            "lat, lon, place, extra) VALUES (?, ?, ?, 'medium', 0.8, 'whatsapp', '(inference)', ?, ?, ?, ?, ?, ?)",
            (f"f{n}", kind, subtype, f"i{n}", value, lat, lon, place, json.dumps(extra)),
        )
    conn.execute("DELETE FROM migrations WHERE name = '0007_findings_store_data'")
    conn.commit()
    store.close()
    store = open_store(tmp_path / "ws")
    rows = {r["kind"]: r for r in store.findings(kinds=tuple(k for k, *_ in old))}
    assert {k: rows[k]["value"] for k in rows} == {
        "inference.routine": "37.77000,-122.22000",
        "audience.group": "Familia",
        "inference.others_exposed": "Familia",
        "audience.wide": "friends",
        "inference.travel": "Tijuana, MX",
        "identity.face": "3",
    }
    shown = {k: finding_dict(rows[k], "es")["shown"] for k in rows}
    assert shown == {
        "inference.routine": "los domingos hacia las 10:00 cerca de Fruitvale, CA",
        "audience.group": "Familia: 40 miembros vieron 1 elemento delicado",
        "inference.others_exposed": "Familia: 2 números de teléfono de otras personas",
        "audience.wide": "amistades: 600 personas pueden verlo",
        "inference.travel": "Tijuana, MX (fechas desconocidas)",
        "identity.face": "3 rostros",
    }
    assert finding_dict(rows["identity.face"], "en")["shown"] == "3 faces"
    assert finding_dict(rows["inference.routine"], "es")["source_shown"] == "(conclusión de varios elementos)"
    store.close()
