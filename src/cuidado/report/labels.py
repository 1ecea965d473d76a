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
            "inference": _("Conclusions from many items")}


def severity_labels(_: Translate) -> dict[str, str]:
    return {"high": _("High risk"), "medium": _("Medium risk"), "low": _("Low risk")}
