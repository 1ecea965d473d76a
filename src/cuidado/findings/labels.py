"""Plain-language names for finding kinds and severities, in the reader's language.

Written as calls to `_` with literal strings so Babel finds them when it extracts the catalog.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]


def kind_labels(_: Translate) -> dict[str, str]:
    return {
        "location.media_gps": _("Location saved inside a photo or video"),
        "location.geotag": _("Place or coordinates attached to an item"),
        "location.address": _("Street address"),
        "location.place": _("A place you say you are at or go to"),
        "identity.phone": _("Phone number"),
        "identity.email": _("Email address"),
        "identity.government_id": _("Government ID number"),
        "identity.document_photo": _("Photo of an identity document"),
        "identity.profile": _("Profile detail"),
        "identity.device": _("Device that ties items together"),
        "identity.ip": _("Internet (IP) address"),
        "tracking.interest": _("An interest the platform assigned you"),
        "tracking.off_platform": _("An app or business that reported your activity"),
        "sensitive.immigration": _("Immigration"),
        "sensitive.politics": _("Politics"),
        "sensitive.religion": _("Religion"),
        "sensitive.origin": _("Origin or ethnicity"),
        "sensitive.health": _("Health"),
        "sensitive.sexuality": _("Sexuality"),
        "sensitive.union": _("Union membership"),
        "sensitive.legal": _("Legal matters"),
        "audience.public": _("Public item"),
        "audience.wide": _("Seen by so many people it is effectively public"),
        "audience.stranger": _("Connection you never talked to"),
        "audience.group": _("A large group saw sensitive things"),
        "inference.home": _("Where you live"),
        "inference.work": _("Where you work"),
        "inference.routine": _("Your routine"),
        "inference.travel": _("A trip"),
        "inference.account_link": _("Accounts that can be tied together"),
        "inference.others_exposed": _("Other people you expose"),
    }


def kind_label(kind: str, _: Translate) -> str:
    """The label, or a readable fallback for kinds added after this list."""
    return kind_labels(_).get(kind) or kind.split(".")[-1].replace("_", " ").capitalize()


def family_labels(_: Translate) -> dict[str, str]:
    return {"location": _("Where you are"), "identity": _("Who you are"),
            "sensitive": _("Sensitive topics"), "audience": _("Who can see it"),
            "inference": _("Conclusions from many items"),
            "tracking": _("What the platform learned about you elsewhere")}


def skip_labels(_: Translate) -> dict[str, str]:
    """Why a file was not read (summary "status"), as the report names it."""
    return {"not_analysed": _("Known file, not analysed"), "unknown": _("Not a file cuidado reads yet"),
            "unreadable": _("Could not be read"), "refused": _("Refused for safety"),
            "input_not_read": _("Not read at all")}


def severity_labels(_: Translate) -> dict[str, str]:
    return {"high": _("High risk"), "medium": _("Medium risk"), "low": _("Low risk")}
