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
        "identity.face": _("Faces of other people in a picture"),
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
    return {
        "location": _("Where you are"),
        "identity": _("Who you are"),
        "sensitive": _("Sensitive topics"),
        "audience": _("Who can see it"),
        "inference": _("Conclusions from many items"),
        "tracking": _("What the platform learned about you elsewhere"),
    }


def skip_labels(_: Translate) -> dict[str, str]:
    """Why a file was not read (summary "status"), as the report names it."""
    return {
        "not_analysed": _("Known file, not analysed"),
        "unknown": _("Not a file cuidado reads yet"),
        "unreadable": _("Could not be read"),
        "refused": _("Refused for safety"),
        "input_not_read": _("Not read at all"),
    }


def severity_labels(_: Translate) -> dict[str, str]:
    return {"high": _("High risk"), "medium": _("Medium risk"), "low": _("Low risk")}


def audience_labels(_: Translate) -> dict[str, str]:
    """Who could see an item, as the exports say it ("public", "friends"...)."""
    return {
        "public": _("public"),
        "friends": _("friends"),
        "friend": _("friends"),
        "followers": _("followers"),
        "friends_of_friends": _("friends of friends"),
        "close_friends": _("close friends"),
        "only_me": _("only me"),
        "private": _("private"),
        "custom": _("custom list"),
        "platform": _("the platform only"),
    }


def audience_label(audience: str | None, _: Translate) -> str:
    if not audience:
        return _("unknown")
    return audience_labels(_).get(audience) or audience.replace("_", " ")


def document_labels(_: Translate) -> dict[str, str]:
    """What a photographed document is (identity.document_photo's value)."""
    return {
        "passport": _("passport"),
        "id_card": _("identity card"),
        "drivers_license": _("driver's license"),
        "green_card": _("green card (permanent residence)"),
        "work_permit": _("work permit"),
        "visa": _("visa"),
        "immigration_notice": _("immigration notice"),
        "court_notice": _("court notice"),
        "bill": _("bill or statement"),
        "letter": _("letter"),
        "other_text": _("document"),
    }


def weekday_plurals(_: Translate) -> tuple[str, ...]:
    """Monday..Sunday as in "on Sundays" (a routine)."""
    return (_("Mondays"), _("Tuesdays"), _("Wednesdays"), _("Thursdays"), _("Fridays"), _("Saturdays"), _("Sundays"))


def item_kind_labels(_: Translate) -> dict[str, str]:
    """What an item is (a record's kind), as a person says it."""
    return {
        "post": _("post"),
        "comment": _("comment"),
        "message": _("message"),
        "media": _("photo or video"),
        "profile_field": _("profile detail"),
        "connection": _("connection"),
        "search": _("search"),
        "watch": _("video watched"),
        "like": _("like"),
        "login": _("login record"),
        "location": _("saved location"),
        "interest": _("ad interest"),
        "off_platform": _("activity reported by a business"),
        "other": _("other item"),
    }


def item_kind_label(kind: str | None, _: Translate) -> str:
    return item_kind_labels(_).get(kind or "other") or (kind or "").replace("_", " ")
