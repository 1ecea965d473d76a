"""The cleanup plan, progress on it, the lawyer's timeline and the pre-post check, on generated exports."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from conftest import db, export_paths, hash_tree
from cuidado.inferences.run import refresh_inferences
from cuidado.remediation.check import check_file, check_text
from cuidado.remediation.plan import build_plan
from cuidado.remediation.progress import mark_done
from cuidado.remediation.timeline import build_timeline, to_csv
from cuidado.scan.pipeline import scan
from cuidado.store import open_store


@pytest.fixture(scope="module")
def demo_store(demo_exports, tmp_path_factory):
    out, labels = demo_exports
    store = open_store(tmp_path_factory.mktemp("ws"))
    scan(export_paths(out, labels), store)
    yield store, labels
    store.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_plan_puts_the_home_first_and_warns_before_deleting(demo_store, lang):
    store, labels = demo_store
    plan = build_plan(store, lang)
    first = plan["actions"][0]
    assert first["removes_inferences"] == ["inference.home"] and first["deletion"]
    assert plan["score_after_all"] < plan["score_before"]
    reductions = [a["reduces"] for a in plan["actions"] if a["kind"] != "setting"]
    assert reductions[0] == max(reductions)
    assert any("lawyer" in t or "abogado" in t for t in plan["warning"]["text"])
    assert set(plan["warning"]["untouched_exports"]) == {str(p) for p in export_paths(*labels_out(labels, demo_store))}
    assert all(item["permalink"] or item["where"] for a in plan["actions"] for item in a["items"])
    assert {a["platform"] for a in plan["actions"] if a["kind"] == "setting"} >= {"facebook", "instagram", "x"}


def labels_out(labels, demo_store):
    store, _ = demo_store
    inputs = [i for (i,) in db(store).execute("SELECT input FROM inputs")]
    from pathlib import Path

    return Path(inputs[0]).parent, labels


def test_doing_the_top_actions_removes_the_home_inference(demo_store, tmp_path):
    store, _ = demo_store
    plan = build_plan(store)
    home_action = next(a for a in plan["actions"] if "inference.home" in a["removes_inferences"])
    db(store).execute(f"VACUUM INTO '{tmp_path / 'sim.db'}'")
    (tmp_path / "sim").mkdir()
    (tmp_path / "sim.db").replace(tmp_path / "sim" / "cuidado.db")
    sim = open_store(tmp_path / "sim")
    items = [i["item"] for i in home_action["items"]]
    sim.delete_items(items)
    refresh_inferences(sim)
    assert not list(sim.findings(kinds=("inference.home",)))
    assert build_plan(sim)["score_before"] < plan["score_before"] - home_action["reduces"] * 0.5
    sim.close()


def test_marked_actions_are_checked_against_a_fresh_export(demo_exports, tmp_path):
    out, labels = demo_exports
    chats = out / labels["platforms"]["whatsapp"]["path"]
    chat_txt = next(p for p in chats.iterdir() if p.suffix == ".txt")
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(chat_txt, first / chat_txt.name)
    store = open_store(tmp_path / "ws")
    scan([first / chat_txt.name], store)
    plan = build_plan(store)
    lines = chat_txt.read_text(encoding="utf-8").splitlines(keepends=True)

    def one_line_each(action):  # messages the test can delete by dropping their line
        return all(any(i["text_start"] in " ".join(line.split()) for line in lines) for i in action["items"])

    candidates = [a for a in plan["actions"] if a["kind"] != "setting" and a["items"] and one_line_each(a)]
    action = candidates[0]
    other = next(
        a for a in candidates[1:] if not {i["item"] for i in a["items"]} & {i["item"] for i in action["items"]}
    )
    mark_done(store, [action["id"], other["id"]], plan)
    with pytest.raises(ValueError, match="no such action"):
        mark_done(store, ["nope"], plan)
    # The person deletes the messages of the first action only, then exports the chat again.
    gone = {i["text_start"] for i in action["items"]}
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    kept = [line for line in lines if not any(g and g in " ".join(line.split()) for g in gone)]
    assert len(kept) < len(lines)
    (fresh / chat_txt.name).write_text("".join(kept), encoding="utf-8")
    results = scan([fresh / chat_txt.name], store)
    assert results[0].replaced == [str(first / chat_txt.name)]
    verified = dict(db(store).execute("SELECT action, verified FROM actions_done"))
    assert verified == {action["id"]: "done", other["id"]: "still_there"}
    after = build_plan(store)
    assert after["score_before"] < plan["score_before"]
    assert next(a for a in after["actions"] if a["id"] == other["id"])["done"]
    store.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_timeline_lists_dated_places_and_identity_details(demo_store, lang):
    store, labels = demo_store
    entries = build_timeline(store, lang)
    categories = {e["category"] for e in entries}
    if lang == "en":
        assert {"place", "address", "phone", "identity document", "home (inferred)"} <= categories
    else:
        assert {"lugar", "dirección", "teléfono"} <= categories
    dated = [e["date"] for e in entries if e["date"]]
    assert dated == sorted(dated)
    rows = list(csv.DictReader(io.StringIO(to_csv(entries).encode("utf-8").decode("utf-8-sig"))))
    assert len(rows) == len(entries) and rows[0].keys() >= {"date", "category", "value", "platform", "source"}


def test_csv_cells_cannot_become_spreadsheet_formulas():
    text = to_csv(
        [
            {
                "date": "2024-01-01",
                "category": "place",
                "value": '=HYPERLINK("http://x")',
                "place": "",
                "platform": "x",
                "source": "s",
                "item": "i",
                "excerpt": "@SUM(1)",
            }
        ]
    )
    row = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert row["value"].startswith("'=") and row["excerpt"].startswith("'@")


def test_check_text_explains_in_both_languages():
    english = check_text("Mi A-number es A123456789, vivo en 1450 E 65th St, Los Angeles, CA 90001", "en")
    spanish = check_text("Mi A-number es A123456789, vivo en 1450 E 65th St, Los Angeles, CA 90001", "es")
    kinds = {f["kind"] for f in english["findings"]}
    assert {"identity.government_id", "location.address"} <= kinds
    assert [f["kind"] for f in english["findings"]] == [f["kind"] for f in spanish["findings"]]
    assert english["findings"][0]["why"] != spanish["findings"][0]["why"]


def test_check_photo_near_home_says_so_and_leaves_the_original(demo_store, tmp_path):
    from cuidado.fixtures.media import make_jpeg

    store, labels = demo_store
    lat, lon, _ = labels["persona"]["home"]
    photo = tmp_path / "party.jpg"
    make_jpeg(photo, lat=lat + 0.0005, lon=lon, make="Apple", model="iPhone 12")
    before = hash_tree(photo)
    report = check_file(photo, store, "en")
    assert any(f["kind"] == "location.media_gps" for f in report["findings"])
    near = report["near"][0]
    assert near["kind"] == "inference.home" and near["distance_m"] < 200
    assert "home" in near["text"]
    assert hash_tree(photo) == before


@pytest.mark.parametrize("lang", ["en", "es"])
def test_ad_interests_are_one_action_with_the_platforms_real_steps(demo_store, lang):
    """What the platform tracked is undone in its ad settings, not by "deleting these items"."""
    store, _ = demo_store
    plan = build_plan(store, lang)
    tracked = {i for (i,) in db(store).execute("SELECT id FROM records WHERE kind = 'interest'")}
    assert len(tracked) == 2, "the demo's Facebook export lists two topics it assigned"
    tracking = [a for a in plan["actions"] if a["kind"] == "tracking"]
    assert [(a["platform"], a["deletion"]) for a in tracking] == [("facebook", False)]
    action = tracking[0]
    assert {i["item"] for i in action["items"]} == tracked  # every interest, under this one action
    assert not any(i["item"] in tracked for a in plan["actions"] if a["kind"] != "tracking" for i in a["items"])
    step = action["steps"][0]
    assert step.startswith("Facebook: ") and ("Ad topics" in step if lang == "en" else "Temas de anuncios" in step)
    assert (
        action["title"]
        == (
            {
                "en": "Remove the 2 ad interests Facebook gave you",
                "es": "Quite los 2 intereses publicitarios que Facebook le asignó",
            }[lang]
        )
    )
    # Held by the platform and its advertisers: after what gives away the home and the IDs.
    home = next(a for a in plan["actions"] if "inference.home" in a["removes_inferences"])
    assert plan["actions"].index(action) > plan["actions"].index(home) and action["reduces"] <= 8.0


def test_off_platform_activity_is_cleared_and_future_activity_turned_off():
    from cuidado.remediation.plan import _tracking_action

    record = {
        "id": "r1",
        "platform": "facebook",
        "kind": "off_platform",
        "time": "2026-01-02T00:00:00Z",
        "text": "ShopApp",
        "permalink": None,
        "source": "your_off-facebook_activity.json",
        "extra": "{}",
        "thread": None,
        "participants": None,
    }
    for lang, words in (
        ("en", ("Clear previous activity", "Disconnect future activity")),
        ("es", ("Borrar actividad anterior", "Desconectar actividad futura")),
    ):
        action = _tracking_action(
            "facebook", "off_platform", ["r1"], {"r1": [("tracking.off_platform", 0.19)]}, {"r1": record}, lang
        )
        assert action["kind"] == "tracking" and not action["deletion"] and action["reduces"] == pytest.approx(0.19)
        assert all(w in action["steps"][0] for w in words), action["steps"]
        assert (
            action["title"]
            == {
                "en": "Clear the activity 1 business reported to Facebook, and turn off future activity",
                "es": "Borre la actividad que 1 negocio le informó a Facebook y desactive la actividad futura",
            }[lang]
        )


def test_plan_titles_count_in_the_readers_grammar():
    from cuidado.remediation.texts import text

    assert text("title_inference.home", "es", count=1, place="X") == "Quite el elemento que revela dónde vive (X)"
    assert text("title_inference.home", "es", count=4, place="X") == "Quite los 4 elementos que revelan dónde vive (X)"
    assert text("title_inference.home", "en", count=1, place="X") == "Remove the item that reveals where you live (X)"
    assert "(s)" not in text("uploaded_copies", "es", count=1) + text("uploaded_copies", "en", count=2)


def test_the_spanish_plan_timeline_and_profile_have_no_english_left(demo_store):
    from untranslated import english_left

    from cuidado.report.dossier import build_dossier

    store, _ = demo_store
    plan = build_plan(store, "es")
    words = [plan["warning"]["title"], *plan["warning"]["text"]]
    for action in plan["actions"]:
        words += [action["title"], *action["steps"], *(i["where"] for i in action["items"])]
    words += [" ".join(str(v) for v in e.values()) for e in build_timeline(store, "es")]
    words += [line["text"] + " " + line["evidence_text"] for line in build_dossier(store, "es")["lines"]]
    text = "\n".join(words)
    assert not english_left(text), english_left(text)
    assert "(s)" not in text and not re.search(r"\b1 elementos\b", text)
