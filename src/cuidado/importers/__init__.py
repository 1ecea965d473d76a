"""The importers, one per platform, and how an export's platform is recognised."""

from __future__ import annotations

from cuidado.importers.base import Importer, ImportProblem
from cuidado.importers.facebook import FacebookImporter
from cuidado.importers.instagram import InstagramImporter
from cuidado.importers.photos import PhotosImporter
from cuidado.importers.tiktok import TikTokImporter
from cuidado.importers.whatsapp import WhatsAppImporter
from cuidado.importers.x import XImporter
from cuidado.importers.youtube import YouTubeImporter

# Order matters only for ties in sniff(): a platform export beats a plain folder of photos.
IMPORTERS: tuple[type[Importer], ...] = (
    FacebookImporter,
    InstagramImporter,
    XImporter,
    TikTokImporter,
    YouTubeImporter,
    WhatsAppImporter,
    PhotosImporter,
)

SUPPORTED = (
    "Facebook or Instagram 'Download your information' (JSON format), X/Twitter archive, "
    "TikTok data download (JSON), Google Takeout with YouTube, WhatsApp 'Export chat' (.txt or .zip), "
    "or a folder of photos and videos"
)


def importer_for(platform: str) -> Importer:
    for cls in IMPORTERS:
        if cls.platform == platform:
            return cls()
    raise KeyError(platform)


def detect_platform(paths: list[str]) -> tuple[str | None, int]:
    """Best platform for these member paths, with its score (0 = nothing recognised)."""
    lowered = [p.lower() for p in paths]
    best, best_score = None, 0
    for cls in IMPORTERS:
        score = cls().sniff(lowered)
        if score > best_score:
            best, best_score = cls.platform, score
    return best, best_score


__all__ = ["IMPORTERS", "SUPPORTED", "ImportProblem", "Importer", "detect_platform", "importer_for"]
