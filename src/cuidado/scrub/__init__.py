"""Clean copies of photos and videos with every piece of metadata removed; originals never touched.

JPEG, PNG and WebP are cleaned losslessly by dropping metadata segments/chunks (the compressed
pixels are copied byte for byte). HEIC and MP4/MOV go through ExifTool, then their container
timestamps are zeroed here. Every output is re-read by two independent readers (ours and
ExifTool's); a copy that still carries metadata is an error, never a warning.
"""

from cuidado.scrub.base import ScrubError, scrub_file

__all__ = ["ScrubError", "scrub_file"]
