"""What is fuzzed, from which real samples, and which errors each target is allowed to raise.

Targets:
  importer.<platform>  each importer's handlers on a one-member in-memory export (its `begin` too),
                       every record turned into a workspace row as the scan does
  whatsapp.lines       the chat grammar: header matching, the date-format survey, times, authors, bodies
  media.<format>       cuidado.media.metadata.read_metadata, seekable and streamed like a zip member
  scrub.<format>       the lossless in-memory cleaners (media/formats.py): clean_jpeg / clean_png / clean_webp

Seeds are the generated exports (several persona seeds), media from the fixture writers, and the
real samples in shared/samples beside the checkout (or $CUIDADO_SAMPLES) when present.
"""

from __future__ import annotations

import io
import os
import random
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import mutate

SAMPLES = Path(os.environ.get("CUIDADO_SAMPLES") or Path(__file__).resolve().parents[2] / "shared" / "samples")
MAX_SEED = 512 * 1024
MEDIA_SUFFIXES = {
    "jpeg": (".jpg", ".jpeg"),
    "png": (".png",),
    "webp": (".webp",),
    "heic": (".heic", ".heif"),
    "mp4": (".mp4", ".m4v", ".3gp"),
    "mov": (".mov",),
}


@dataclass
class Target:
    name: str
    seeds: list[tuple[str, bytes]] = field(default_factory=list)  # (path inside the export, content)
    allowed: tuple[type[BaseException], ...] = (ValueError,)

    def mutate(self, rng: random.Random, path: str, data: bytes) -> bytes:
        raise NotImplementedError

    def execute(self, path: str, data: bytes, rng: random.Random) -> None:
        raise NotImplementedError


# --- the one-member export ---------------------------------------------------------------------


def memory_source(files: dict[str, bytes], label: str = "fuzz-export.zip"):
    from cuidado.inputs.sources import Member, Source

    class MemorySource(Source):
        def __init__(self):
            self.label, self.paths, self.refused, self._data = label, [label], [], dict(files)
            self.members = [
                Member(path=p, size=len(d), fingerprint=f"m{zlib.crc32(d):08x}-{len(d)}", container=label, ref=p)
                for p, d in files.items()
            ]

        def open(self, member):
            return io.BytesIO(self._data[member.ref])

    return MemorySource()


class ImporterTarget(Target):
    def __init__(self, platform: str, seeds: list[tuple[str, bytes]]):
        import json
        import zipfile as zf

        from cuidado.importers import ImportProblem, importer_for

        super().__init__(
            f"importer.{platform}",
            seeds,
            # failure_reason() in importers/run.py words these for a person (NotImplementedError:
            # zipfile's "compression method not supported", in a chat zip inside the export)
            allowed=(
                ImportProblem,
                ValueError,
                json.JSONDecodeError,
                zf.BadZipFile,
                zlib.error,
                EOFError,
                RecursionError,
                NotImplementedError,
            ),
        )
        self.platform = platform
        self._importer_for = importer_for
        self.others = [d for _, d in seeds]

    def mutate(self, rng, path, data):
        lower = path.lower()
        roll = rng.random()
        if lower.endswith(".zip") and roll < 0.6:
            return _mutate_chat_zip(rng, data)
        if lower.endswith(".txt") or lower.endswith(".csv") or lower.endswith((".html", ".htm")):
            return mutate.line_mutation(rng, data) if roll < 0.6 else mutate.bytes_mutation(rng, data, self.others)
        if roll < 0.7:
            out = mutate.json_mutation(rng, data)
            if out is not None:
                return out
        return mutate.bytes_mutation(rng, data, self.others)

    def execute(self, path, data, rng):
        from cuidado.importers.reading import ExportReader
        from cuidado.store.rows import record_row

        source = memory_source({path: data})
        importer = self._importer_for(self.platform)
        reader = ExportReader(source)
        try:
            importer.begin(reader)  # the pipeline goes on without the owner when this fails
        except self.allowed:
            pass
        member = source.members[0]
        handler = importer.handler_for(member)
        if handler is None:
            return
        for record in handler(reader, member):
            record_row(record, source.label)  # what the store writes: id, times, JSON columns


def _mutate_chat_zip(rng: random.Random, data: bytes) -> bytes:
    """An iOS chat zip: mutate the chat inside and zip it again, or add a hostile member."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, EOFError, zlib.error, OSError, NotImplementedError):
        return mutate.bytes_mutation(rng, data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", rng.choice((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED))) as archive:
        for name, content in members.items():
            if name.endswith(".txt"):
                content = mutate.line_mutation(rng, content)
            archive.writestr(name, content)
        if rng.random() < 0.2:
            archive.writestr(
                rng.choice(("../evil.txt", "_chat.txt", "WhatsApp Chat - x.txt", "a/../../b.txt")),
                mutate.line_mutation(rng, b"[3/27/22, 21:41:35] Ana: hola\n"),
            )
    return out.getvalue()


# --- WhatsApp lines ------------------------------------------------------------------------------


class WhatsAppLinesTarget(Target):
    def __init__(self, seeds):
        super().__init__("whatsapp.lines", seeds)

    def mutate(self, rng, path, data):
        return mutate.line_mutation(rng, data)

    def execute(self, path, data, rng):
        from cuidado.importers.reading import decode_text
        from cuidado.importers.whatsapp_lines import (
            FormatSurvey,
            for_display,
            for_matching,
            header_time,
            interpret_body,
            is_system_body,
            match_header,
            split_author,
        )
        from cuidado.models import Kind, MediaRef, Record

        lines = decode_text(data).splitlines()[:5000]
        survey = FormatSurvey()
        headers = []
        for line in lines:
            line = line[: 1024 * 1024]
            for_display(line)
            for_matching(line)
            header = match_header(line)
            if header is not None:
                survey.add(header)
                headers.append(header)
        fmt = survey.result()
        for header in headers:
            author, body = split_author(header.rest)
            is_system_body(body)
            if fmt is not None and header.shape == fmt.shape:
                header_time(header, fmt)
            record = Record(platform="whatsapp", kind=Kind.MESSAGE, source=path, text=body)
            interpret_body(record, body, lambda name: MediaRef(name))


# --- media -------------------------------------------------------------------------------------------


class _Streamed(io.RawIOBase):
    """Read-only and unseekable, like a member read straight out of a zip."""

    def __init__(self, data: bytes):
        self._fh = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self._fh.read(min(len(buffer), 4096 + len(buffer) // 3))
        buffer[: len(data)] = data
        return len(data)


class MediaTarget(Target):
    def __init__(self, kind: str, seeds):
        from cuidado.media.metadata import MediaError

        super().__init__(f"media.{kind}", seeds, allowed=(MediaError, ValueError))
        self.structure = {"jpeg": "jpeg", "png": "png", "webp": "webp"}.get(kind, "bmff")
        self.others = [d for _, d in seeds]

    def mutate(self, rng, path, data):
        return mutate.media_mutation(rng, data, self.structure, self.others)

    def execute(self, path, data, rng):
        from cuidado.media.metadata import read_metadata

        stream = _Streamed(data) if rng.random() < 0.3 else io.BytesIO(data)
        meta = read_metadata(stream, path, deep=rng.random() < 0.3)
        meta.to_dict()


class ScrubTarget(Target):
    def __init__(self, kind: str, seeds):
        super().__init__(f"scrub.{kind}", seeds, allowed=(ValueError,))
        self.kind = kind
        self.others = [d for _, d in seeds]

    def mutate(self, rng, path, data):
        return mutate.media_mutation(rng, data, self.kind, self.others)

    def execute(self, path, data, rng):
        from cuidado.media.jpeg import clean_jpeg, jpeg_orientation
        from cuidado.media.png import clean_png
        from cuidado.media.webp import clean_webp

        if self.kind == "jpeg":
            # as scrub_file does: the orientation Pillow reads from the (mutated) EXIF, or a usual one
            orientation = jpeg_orientation(data) if rng.random() < 0.2 else rng.choice((None, 1, 6, 8))
            clean_jpeg(data, orientation=orientation)
        elif self.kind == "png":
            clean_png(data)
        else:
            clean_webp(data)


# --- seeds -------------------------------------------------------------------------------------------


def _export_files(root: Path, labels: dict) -> dict[str, list[tuple[str, bytes]]]:
    """platform -> (member path, content) of every file in the generated exports."""
    out: dict[str, list[tuple[str, bytes]]] = {}
    for platform, entry in labels["platforms"].items():
        path = root / entry["path"]
        files = out.setdefault(platform, [])
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                files.append((file.relative_to(path).as_posix(), file.read_bytes()))
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if not info.is_dir():
                        files.append((info.filename, archive.read(info)))
        else:
            files.append((path.name, path.read_bytes()))
    return out


def _sample_files() -> dict[str, list[tuple[str, bytes]]]:
    out: dict[str, list[tuple[str, bytes]]] = {}
    if not SAMPLES.is_dir():
        return out
    for file in sorted(SAMPLES.rglob("*")):
        if not file.is_file() or file.stat().st_size > MAX_SEED:
            continue
        rel = file.relative_to(SAMPLES).as_posix()
        data = file.read_bytes()
        if rel.startswith("tiktok/"):
            out.setdefault("tiktok", []).append(("user_data_tiktok.json", data))
        elif rel.startswith("twitter/"):
            out.setdefault("x", []).append((rel.split("/", 1)[1], data))
        elif rel.startswith("whatsapp/") and rel.endswith(".txt"):
            out.setdefault("whatsapp", []).append((f"WhatsApp Chat with {file.stem[:20]}.txt", data))
        elif rel.startswith("media/"):
            out.setdefault("media", []).append((file.name, data))
    return out


def _webp_seeds(jpegs: list[bytes]) -> list[tuple[str, bytes]]:
    """WebP files with EXIF and XMP, made from the JPEG seeds (Pillow writes WebP)."""
    from PIL import Image

    seeds = []
    for i, data in enumerate(jpegs[:6]):
        try:
            with Image.open(io.BytesIO(data)) as image:
                exif = image.info.get("exif", b"")
                image.thumbnail((64, 64))
                out = io.BytesIO()
                xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>'
                image.convert("RGB").save(out, "WEBP", exif=exif, xmp=xmp, lossless=i % 2 == 0)
                seeds.append((f"photo{i}.webp", out.getvalue()))
        except Exception:  # no WebP support in this Pillow: the target runs on what it has
            continue
    return seeds


def _png_seeds(jpegs: list[bytes]) -> list[tuple[str, bytes]]:
    from PIL import Image, PngImagePlugin

    seeds = []
    for i, data in enumerate(jpegs[:4]):
        try:
            with Image.open(io.BytesIO(data)) as image:
                exif = image.info.get("exif", b"")
                image.thumbnail((48, 48))
                info = PngImagePlugin.PngInfo()
                info.add_text("Comment", "seed")
                info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta/>", zip=i % 2 == 0)
                out = io.BytesIO()
                image.convert("RGB").save(out, "PNG", exif=exif[6:] if exif.startswith(b"Exif") else exif, pnginfo=info)
                seeds.append((f"photo{i}.png", out.getvalue()))
        except Exception:
            continue
    return seeds


def _fixture_media() -> list[tuple[str, bytes]]:
    """Media with every kind of planted metadata, from the fixture writers (HEIC, MP4, MOV, WebP, PNG, JPEG)."""
    from datetime import datetime, timedelta, timezone

    from cuidado.fixtures import media as fx

    taken = datetime(2024, 5, 1, 18, 22, 3, tzinfo=timezone(timedelta(hours=-5)))
    rich = dict(
        lat=29.75302, lon=-95.331883, altitude=12.5, taken=taken, make="Apple", model="iPhone 13", software="17.1"
    )
    out = []
    for i, kwargs in enumerate(({}, rich, dict(rich, lat=-33.9, lon=151.2, altitude=None), dict(taken=taken))):
        for name, writer, extra in (
            ("heic", fx.make_heic, {"serial": "F2LXJ0"}),
            ("jpg", fx.make_jpeg, {"thumbnail": True}),
            ("png", fx.make_png, {}),
            ("webp", fx.make_webp, {}),
            ("mp4", fx.make_mp4, {"moov_first": i % 2 == 0, "android": i == 3}),
            ("mov", fx.make_mov, {}),
        ):
            try:
                out.append((f"fixture{i}.{name}", writer(**kwargs, **(extra if kwargs else {}))))
            except (TypeError, ValueError, OSError):
                continue
    return out


def load_targets(work: Path | None = None, persona_seeds: tuple[int, ...] = (1, 2, 3)) -> dict[str, Target]:
    from cuidado.fixtures.generate import generate
    from cuidado.importers import importer_for
    from cuidado.inputs.sources import Member
    from cuidado.models import is_media_path

    work = Path(work or tempfile.mkdtemp(prefix="cuidado-fuzz-"))
    by_platform: dict[str, list[tuple[str, bytes]]] = {}
    media: list[tuple[str, bytes]] = []
    for seed in persona_seeds:
        out = work / f"exports-{seed}"
        if (out / "labels.json").exists():
            import json

            labels = json.loads((out / "labels.json").read_text(encoding="utf-8"))
        else:
            labels = generate(out, seed=seed, size="tiny")
        for platform, files in _export_files(out, labels).items():
            by_platform.setdefault(platform, []).extend(files)
    for platform, files in _sample_files().items():
        (media if platform == "media" else by_platform.setdefault(platform, [])).extend(files)
    media.extend(_fixture_media())

    targets: dict[str, Target] = {}
    for platform, files in sorted(by_platform.items()):
        importer = importer_for(platform)
        seeds, seen = [], set()
        for path, data in files:
            if len(data) > MAX_SEED:
                continue
            member = Member(path=path, size=len(data), fingerprint="", container="")
            if is_media_path(path):
                media.append((path, data))
            handler = importer.handler_for(member)
            if handler is not None and handler.__name__ != "skip_junk" and (path, len(data)) not in seen:
                seen.add((path, len(data)))
                seeds.append((path, data))
        if seeds:
            name = "photos" if platform == "files" else platform
            targets[f"importer.{name}"] = ImporterTarget(platform, seeds)

    chats = [(p, d) for p, d in by_platform.get("whatsapp", []) if p.endswith(".txt")]
    targets["whatsapp.lines"] = WhatsAppLinesTarget(chats)

    def media_of(kind: str) -> list[tuple[str, bytes]]:
        found, seen = [], set()
        for path, data in media:
            if path.lower().endswith(MEDIA_SUFFIXES[kind]) and len(data) <= MAX_SEED and data not in seen:
                seen.add(data)
                found.append((path.rsplit("/", 1)[-1], data))
        return found

    jpegs = media_of("jpeg")
    extra = {"webp": _webp_seeds([d for _, d in jpegs]), "png": _png_seeds([d for _, d in jpegs])}
    for kind in ("jpeg", "png", "webp", "heic", "mp4", "mov"):
        seeds = media_of(kind) + extra.get(kind, [])
        if seeds:
            targets[f"media.{kind}"] = MediaTarget(kind, seeds)
            if kind in ("jpeg", "png", "webp"):
                targets[f"scrub.{kind}"] = ScrubTarget(kind, seeds)
    return targets
