"""Media files: what a photo or video's embedded metadata says about the person who made it."""

from .metadata import MediaError, MediaMeta, read_metadata, read_metadata_path, sniff_format

__all__ = ["MediaError", "MediaMeta", "read_metadata", "read_metadata_path", "sniff_format"]
