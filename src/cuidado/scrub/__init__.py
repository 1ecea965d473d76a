"""Clean copies of photos and videos with every piece of metadata removed; originals never touched.

Which cleaner a file gets is declared per format in media/formats.py (the table media reading
uses too). JPEG, PNG, WebP, MP4 and MOV are cleaned losslessly by dropping metadata segments,
chunks and boxes (the compressed pixels and media data are copied byte for byte). HEIC goes
through ExifTool (its metadata lives in an item table our cleaner does not rewrite), then its
container timestamps are zeroed. Every output is re-read by two independent readers (ours and
ExifTool's); a copy that still carries metadata is an error, never a warning.
"""

from cuidado.scrub.base import ScrubError, scrub_file, scrub_many

__all__ = ["ScrubError", "scrub_file", "scrub_many"]
