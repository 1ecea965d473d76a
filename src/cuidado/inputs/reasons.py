"""Why a file was not read, in words a person understands, and the same words in their language.

The scan stores each reason as an English sentence made from one of these templates (workspaces,
old ones too, keep it so); `reason_text` recognises the template a stored sentence was made from
and says it again in the reader's language with the same values. Values are filled in as text
(numbers already formatted), so a sentence reads back exactly.
"""

from __future__ import annotations

import re
from functools import cache

from cuidado.locales import N_, gettext

# An input as a whole (inputs/sources.py SourceError; a scan stores it as the input's reason).
NOT_A_ZIP = N_("{path}: not a readable zip file ({reason})")
TOO_MANY_ENTRIES = N_("{path}: refused, it lists {count} files (more than any real export)")
TOO_BIG_IN_ALL = N_("{path}: refused, it claims to unpack to over {size} GiB")
TOO_MANY_FILES = N_("{path}: refused, it holds more than {count} files")
NO_SUCH_INPUT = N_("{path}: no such file or folder")
INPUT_IS_LINK = N_("{path}: refused, it is a symbolic link (give the real path)")
NOT_A_FILE = N_("{path}: refused, it is not a regular file or folder (a pipe, device or socket)")
DAMAGED_DOWNLOAD = N_("{path}: not a readable zip file (damaged or incomplete download?)")
# Reading one file of an export (importers/run.py failure_reason, importers' ImportProblem).
DAMAGED_ZIP = N_("damaged inside the zip ({reason})")
DAMAGED_STREAM = N_("damaged inside the zip (cannot be decompressed; the download may be incomplete)")
INVALID_JSON = N_("invalid JSON ({reason} at line {line})")
NOT_TEXT = N_("not valid text (unexpected encoding)")
TOO_DEEP = N_("nested too deeply to read safely")
TOO_LARGE = N_("too large to read safely")
COULD_NOT_READ = N_("could not be read ({reason})")
UNEXPECTED_FORMAT = N_("not in the format cuidado expects ({reason})")
NO_LIST = N_("not in the format cuidado expects (no list of items)")
NOT_A_THREAD = N_("not a message thread (no list of messages)")
NOT_PERSONAL_INFO = N_("not personal information (no string_map_data inside)")
NOT_A_PROFILE = N_("not a profile (no profile object inside)")
NOT_CONNECTIONS = N_("not a list of connections")
X_INVALID_JSON_AFTER = N_("invalid JSON after 'window.YTD… =' ({reason})")
X_INVALID_JSON = N_("invalid JSON ({reason})")
X_NOT_DATA = N_("not an X archive data file (no 'window.YTD… =' assignment)")
# Each importer's own (importers/<platform>.py).
HTML_EXPORT = N_("HTML export: cuidado reads the JSON format — request your information again choosing JSON")
NOT_AN_ALBUM = N_("not an album (no list of photos)")
NOT_PRIMARY_LOCATION = N_("not a primary location (no object inside)")
NO_MEDIA_LISTS = N_("not in the format cuidado expects (no media lists)")
NOT_BUSINESSES = N_("not a list of apps and businesses")
TOO_LARGE_WHOLE = N_("too large to load whole ({size} bytes)")
VALUE_TOO_LONG = N_(
    "refused: one value in it is longer than {size} MB (no real export has one; it would take minutes to read)"
)
NOT_TIKTOK = N_("not in the format TikTok uses (the file is not one JSON object)")
CHAT_ZIP_DAMAGED = N_("not a readable zip file (damaged or incomplete?)")
ZIP_WITHOUT_CHAT = N_("a zip without a WhatsApp chat inside")
NOT_A_CHAT = N_("not a WhatsApp chat (no message lines found)")
NOT_ACTIVITY_LIST = N_("not in the format cuidado expects (not a list of activity entries)")
YOUTUBE_NO_ACTIVITY = N_("not a YouTube file cuidado reads yet (no activity entries)")
YOUTUBE_COLUMNS = N_("not a YouTube file cuidado reads yet (columns: {columns})")
# Files listed but not read (importers/run.py).
NOT_READ_YET = N_("not a file cuidado reads yet")
KNOWN_NOT_ANALYSED = N_("known, not analysed ({about})")
OWNER_UNREAD = N_("could not read who owns the export: {reason}")
OCR_MISSED = N_(
    "not checked for documents or text: the Tesseract OCR program is not installed (everything else "
    "in the photo was read; scan again once it is installed)"
)
# Entries an export's zip or folder holds that cuidado refuses to open (inputs/sources.py).
REFUSED_NO_NAME = N_("refused: an entry without a name")
REFUSED_OUTSIDE = N_("refused: its path points outside the export (absolute or '..')")
REFUSED_SAME_NAME = N_("refused: a second file with the same name")
REFUSED_LINK = N_("refused: it is a symbolic link")
REFUSED_ENCRYPTED = N_("refused: it is encrypted")
UNKNOWN_COMPRESSION = N_(
    "compressed with {method}, which cuidado cannot unpack: unzip the export with your system's "
    "own tool (e.g. Windows Explorer or 7-Zip) and scan the folder"
)
REFUSED_BOMB_SIZE = N_("refused: it claims to unpack to {size} bytes (a zip bomb)")
REFUSED_BOMB_RATIO = N_("refused: it would inflate {ratio} times (a zip bomb)")
REFUSED_NESTED_BOMB = N_("refused: a nested archive that inflates like a zip bomb")
REFUSED_TOO_DEEP = N_("refused: folders nested more than {depth} deep (no export is); nothing inside was read")

_FIELD = re.compile(r"\{(\w+)\}")
# The most fixed words first: "not in the format cuidado expects (no list of items)" is its own
# sentence, not the general one with "no list of items" as its detail.
TEMPLATES = tuple(
    sorted(
        (
            value
            for name, value in dict(globals()).items()
            if name.isupper() and isinstance(value, str) and name != "TEMPLATES"
        ),
        key=lambda t: -len(_FIELD.sub("", t)),
    )
)


@cache
def _pattern(template: str) -> re.Pattern:
    parts, last = [], 0
    for m in _FIELD.finditer(template):
        parts.append(re.escape(template[last : m.start()]))
        parts.append(f"(?P<{m.group(1)}>.+)")
        last = m.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


def reason_text(stored: str | None, lang: str = "en") -> str | None:
    """A stored reason in `lang`; text no template made (a system message) is returned as it is."""
    if not stored or lang == "en":
        return stored
    for template in TEMPLATES:
        m = _pattern(template).fullmatch(stored)
        if m:
            values = {k: reason_text(v, lang) if k == "reason" else v for k, v in m.groupdict().items()}
            return gettext(lang)(template).format(**values)
    return stored
