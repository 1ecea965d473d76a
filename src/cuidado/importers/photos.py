"""A plain folder of photos and videos (or one photo): not a platform export, but it leaks too.

The media files themselves need no handler: the pipeline makes one `media` record per file
and the media scanner reads their EXIF/QuickTime metadata. What this importer adds is the
Google Photos sidecar (`IMG_1234.jpg.json`, `….supplemental-metadata.json`) that restored
or downloaded photos often carry, whose `geoData` is the place a photo was taken even when
the photo's own EXIF was stripped; and it keeps folder junk (`.DS_Store`, `Thumbs.db`,
`__MACOSX/`) out of both the records and the list of skipped files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cuidado.importers._text import clean, clean_all
from cuidado.importers.base import Importer
from cuidado.importers.reading import ExportReader, json_dict, json_list
from cuidado.inputs.sources import Member
from cuidado.models import Kind, MediaRef, Platform, Record, from_epoch, is_media_path

_JUNK = r"(^|/)(__macosx/|\._[^/]*$|\.ds_store$|thumbs\.db$|desktop\.ini$|\.picasa\.ini$|\.nomedia$)"
_MEDIA_EXT = r"(?:jpe?g|png|heic|heif|gif|webp|tiff?|bmp|dng|mp4|mov|m4v|3gp|avi|mkv|webm)"
# IMG_1234.jpg.json, IMG_1234.jpg.supplemental-metadata.json (and Takeout's truncations of it),
# IMG_1234.jpg(1).json for the second photo of that name.
_SIDECAR = re.compile(
    r"(?P<photo>[^/]+?\." + _MEDIA_EXT + r")(?:\.[a-z-]{1,40})?(?P<dup>\(\d+\))?\.json$", re.IGNORECASE
)
# Files that belong to a platform export, not to a camera roll: leave those exports to their importers.
_EXPORT_MARKERS = re.compile(
    r"(^|/)(_chat\.txt|[^/]*whatsapp[^/]*\.txt|your_activity_across_facebook/|personal_information/|"
    r"data/tweets?\.js|data/manifest\.js|user_data[^/]*\.json|youtube[^/]*/|my activity/|archive_browser\.html|"
    r"messages/inbox/|connections/followers_and_following/|your_instagram_activity/)"
)


class PhotosImporter(Importer):
    platform = Platform.FILES

    def sniff(self, paths: list[str]) -> int:
        media = sidecars = other = 0
        for path in paths:
            path = path.lower()
            if re.search(_JUNK, path):
                continue
            if _EXPORT_MARKERS.search(path):
                return 0  # a platform's export: its own importer should win
            if is_media_path(path):
                media += 1
            elif _SIDECAR.search(path):
                sidecars += 1
            else:
                other += 1
        if not media:
            return 0
        # Low on purpose: any real platform export scores higher and wins.
        return 30 if media + sidecars >= other else 10

    def skip_junk(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        """Thumbnails caches and macOS resource forks: neither photos nor worth listing."""
        return iter(())

    def read_sidecar(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        data = reader.load_json(member)
        if not isinstance(data, dict):
            return
        lat, lon = _position(data.get("geoData")) or _position(data.get("geoDataExif")) or (None, None)
        if lat is None:
            return  # a sidecar without a place tells nothing the photo does not
        match = _SIDECAR.search(member.path)
        title = clean(data.get("title"))
        photo = self._photo_for(
            reader, member, title, match["photo"] if match else None, match["dup"] if match else None
        )
        taken = json_dict(data.get("photoTakenTime"))
        extra: dict[str, object] = {"sidecar": "google_photos"}
        if title:
            extra["title"] = title
        description = clean(data.get("description"))
        people = clean_all(p.get("name") for p in json_list(data.get("people")) if isinstance(p, dict))
        if people:
            extra["people"] = people
        yield Record(
            platform=self.platform,
            kind=Kind.LOCATION,
            source=member.path,
            native_id=member.path,
            time=from_epoch(taken.get("timestamp")),
            by_self=True,
            text=description,
            lat=lat,
            lon=lon,
            media=(photo,),
            permalink=clean(data.get("url")),
            extra=extra,
        )

    @staticmethod
    def _photo_for(
        reader: ExportReader, member: Member, title: str | None, named: str | None, dup: str | None
    ) -> MediaRef:
        """The photo a sidecar describes: next to it, by the sidecar's name or the photo's title."""
        folder = member.path.rpartition("/")[0]
        candidates = []
        if named and dup:  # IMG_1.jpg(1).json describes IMG_1(1).jpg
            stem, _, ext = named.rpartition(".")
            candidates.append(f"{stem}{dup}.{ext}")
        candidates += [n for n in (named, title) if n]
        for name in candidates:
            found = reader.lookup(f"{folder}/{name}" if folder else name)
            if found is not None:
                return MediaRef(found.path, found.size)
        return MediaRef(candidates[0] if candidates else member.path)

    # Which member each method reads: the first pattern (on the lower-cased path) that matches wins.
    handlers = (
        (_JUNK, skip_junk),
        (_SIDECAR.pattern, read_sidecar),
    )


def _position(geo) -> tuple[float, float] | None:
    """(lat, lon) from a geoData block; Google writes 0.0, 0.0 when it has no place."""
    if not isinstance(geo, dict):
        return None
    try:
        lat, lon = float(geo["latitude"]), float(geo["longitude"])
    except (KeyError, TypeError, ValueError, OverflowError):  # OverflowError: an integer beyond any float
        return None
    if (lat, lon) == (0.0, 0.0) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon
