"""TikTok "Download your data" (JSON): one `user_data.json` (old) or `user_data_tiktok.json` (new).

The file is one object: sections ("Activity", "Your Activity", "Profile And Settings", …) hold
sub-sections, which hold the lists (`VideoList`, `FansList`, `ChatHistory`, …). Section names
moved between export versions but the list keys mostly did not, so records are found by list
key wherever they sit (tiktok_sections maps each key to a reader). Big files are read one
section at a time with ijson instead of whole.
"""

from __future__ import annotations

from collections.abc import Iterator

import ijson

from cuidado.importers.base import Importer, ImportProblem
from cuidado.importers.reading import LOAD_WHOLE_LIMIT, ExportReader, stream_items, stream_kvitems
from cuidado.importers.tiktok_sections import SectionReader
from cuidado.inputs import reasons
from cuidado.inputs.sources import Member
from cuidado.models import Platform, Record

_FILE = r"(?:^|/)user_data(?:_tiktok)?\.json$"
_USERNAME_PATHS = (
    "Profile.Profile Information.ProfileMap.userName",
    "Profile.Profile Info.ProfileMap.userName",
    "Profile And Settings.Profile Info.ProfileMap.userName",
    "Profile And Settings.Profile Information.ProfileMap.userName",
)


class TikTokImporter(Importer):
    platform = Platform.TIKTOK

    def sniff(self, paths: list[str]) -> int:
        names = [p.rsplit("/", 1)[-1] for p in paths]
        if "user_data_tiktok.json" in names:
            return 95
        if "user_data.json" in names:
            return 80 if len(paths) <= 5 else 50  # a generic name: surer when it is (nearly) alone
        return 0

    def read_user_data(self, reader: ExportReader, member: Member) -> Iterator[Record]:
        if member.size <= LOAD_WHOLE_LIMIT:
            data = reader.load_json(member)
            if not isinstance(data, dict):
                raise ImportProblem(reasons.NOT_TIKTOK)
            sections = SectionReader(self.platform, member, _username(data))
            for name, section in data.items():
                yield from sections.read(name, section)
            return
        sections = SectionReader(self.platform, member, self._streamed_username(reader, member))
        try:
            with reader.open(member) as fh:
                for name, section in stream_kvitems(fh, ""):
                    yield from sections.read(name, section)
        except ijson.JSONError as exc:
            raise ImportProblem(f"invalid JSON ({str(exc).splitlines()[0][:100]})") from None

    def _streamed_username(self, reader: ExportReader, member: Member) -> str | None:
        """The owner's userName, found before the DMs so each message knows its side."""
        for path in _USERNAME_PATHS:
            try:
                with reader.open(member) as fh:
                    for value in stream_items(fh, path):
                        if isinstance(value, str) and value.strip():
                            return value.strip()
            except ijson.JSONError:
                return None
        return None

    # Which member each method reads: the first pattern (on the lower-cased path) that matches wins.
    handlers = ((_FILE, read_user_data),)


def _username(data: dict) -> str | None:
    for path in _USERNAME_PATHS:
        node: object = data
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, str) and node.strip():
            return node.strip()
    return None
