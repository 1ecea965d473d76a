"""`cuidado check`: before posting, what this photo or text would reveal, and how it connects to what
your exports already give away (e.g. "taken 120 m from where your other photos place your home")."""

from __future__ import annotations

from pathlib import Path

from cuidado.findings.analyzer import Analyzer
from cuidado.findings.render import explain_finding
from cuidado.importers import importer_for
from cuidado.importers.media_record import ocr_missed
from cuidado.importers.reading import ExportReader
from cuidado.importers.run import member_records
from cuidado.inferences.geo import haversine_m
from cuidado.inputs.sources import absolute_input, open_source
from cuidado.locales import N_, gettext
from cuidado.models import Kind, Platform, Record
from cuidado.store import Store

NEAR_M = 1_000
DOSSIER_PLACES = ("inference.home", "inference.work", "inference.routine")  # what a photo can be matched to
_WHAT = {"inference.home": N_("home"), "inference.work": N_("work"), "inference.routine": N_("routine")}


def check_text(text: str, lang: str = "en", analyzer: Analyzer | None = None) -> dict:
    """The same detectors a scan runs on a post's text (every language they know)."""
    record = Record(platform="check", kind=Kind.POST, source="(text)", native_id="text", text=text, by_self=True)
    findings = (analyzer or Analyzer()).findings(record)
    return {"findings": [explain_finding(f, lang) for f in findings], "near": [], "problems": []}


def check_file(path: Path, store: Store | None, lang: str = "en", analyzer: Analyzer | None = None) -> dict:
    """What a scan would find in this one file: the scan's own reading of a photo or video from a
    folder (metadata, then documents/OCR/MRZ, faces and the text in the picture), the same detectors,
    and how it connects to what the workspace already knows."""
    record, region = read_like_a_scan(path)
    findings = (analyzer or Analyzer()).findings(record, region=region) if record is not None else []
    near = dossier_matches(store, record.lat, record.lon, lang) if store is not None and record is not None else []
    return {"findings": [explain_finding(f, lang) for f in findings], "near": near, "problems": _problems(record, lang)}


def read_like_a_scan(path: Path) -> tuple[Record | None, str | None]:
    """The record `cuidado scan FOLDER` makes for this file (None when a scan would not read it),
    through the very same code: the folder importer's member reader. Raises SourceError."""
    source = open_source([absolute_input(path)])
    with source:
        reader = ExportReader(source)
        importer = importer_for(Platform.FILES)
        importer.begin(reader)
        records = member_records(importer, reader, source.members[0]) if source.members else None
        found = list(records) if records is not None else []
        media = [r for r in found if r.kind == Kind.MEDIA]
        return (media[0] if media else None), reader.owner.get("region")


def _problems(record: Record | None, lang: str) -> list[str]:
    """Every check that could not run, said plainly: never let "nothing found" stand for "not checked"."""
    _ = gettext(lang)
    if record is None:
        return [_("This is not a photo or video cuidado can read: nothing in it was checked.")]
    problems = []
    if record.extra.get("media_problem"):
        problems.append(
            _("The file could not be read ({why}): it was NOT checked.").format(why=record.extra["media_problem"])
        )
    if record.extra.get("image_problem"):
        problems.append(
            _("The picture itself could not be checked ({why}): only its hidden data was.").format(
                why=record.extra["image_problem"]
            )
        )
    if ocr_missed(record):
        problems.append(
            _(
                "This photo may show a document (ID, passport, letter), but its text was NOT read: the "
                "Tesseract OCR program is not installed (sudo apt-get install tesseract-ocr "
                "tesseract-ocr-spa)."
            )
        )
    return problems


def dossier_matches(store: Store, lat: float | None, lon: float | None, lang: str) -> list[dict]:
    if lat is None or lon is None:
        return []
    matches = []
    for row in store.findings(kinds=DOSSIER_PLACES, located=True):
        kind, place, plat, plon = row["kind"], row["place"], row["lat"], row["lon"]
        distance = haversine_m(lat, lon, plat, plon)
        if distance <= NEAR_M:
            matches.append(
                {
                    "kind": kind,
                    "place": place,
                    "distance_m": round(distance),
                    "text": _near_text(kind, round(distance), lang),
                }
            )
    return sorted(matches, key=lambda m: m["distance_m"])


def _near_text(kind: str, distance: int, lang: str) -> str:
    _ = gettext(lang)
    return _("taken {distance} m from where your other items place your {what}").format(
        distance=distance, what=_(_WHAT[kind])
    )
