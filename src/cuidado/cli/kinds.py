"""Kinds as a person types them: `--kind location`, `--kind ubicacion`, `--kind identidad.telefono`.

Each family and kind has a short name in every language (the catalog's "kind name" messages);
any of them is accepted, with or without accents, and resolves to the kind the JSON contract
uses. An unknown name is an error that lists the valid names: never an empty result.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from cuidado.detectors.registry import CATALOGUE
from cuidado.locales import LANGUAGES, translations

CONTEXT = "kind name"  # the catalog's context for these names (so "legal" or "place" stay unambiguous)


def pgettext(context: str, text: str) -> str:
    """Marks a name and its context for Babel; name() translates it."""
    return text


# Every family and every kind's last part, in English as the JSON writes it, marked for the catalog
# with their context (translated by name() below).
NAMES = (
    pgettext("kind name", "location"),
    pgettext("kind name", "identity"),
    pgettext("kind name", "sensitive"),
    pgettext("kind name", "audience"),
    pgettext("kind name", "inference"),
    pgettext("kind name", "tracking"),
    pgettext("kind name", "media_gps"),
    pgettext("kind name", "geotag"),
    pgettext("kind name", "address"),
    pgettext("kind name", "place"),
    pgettext("kind name", "phone"),
    pgettext("kind name", "email"),
    pgettext("kind name", "government_id"),
    pgettext("kind name", "document_photo"),
    pgettext("kind name", "profile"),
    pgettext("kind name", "device"),
    pgettext("kind name", "ip"),
    pgettext("kind name", "face"),
    pgettext("kind name", "interest"),
    pgettext("kind name", "off_platform"),
    pgettext("kind name", "immigration"),
    pgettext("kind name", "politics"),
    pgettext("kind name", "religion"),
    pgettext("kind name", "origin"),
    pgettext("kind name", "health"),
    pgettext("kind name", "sexuality"),
    pgettext("kind name", "union"),
    pgettext("kind name", "legal"),
    pgettext("kind name", "public"),
    pgettext("kind name", "wide"),
    pgettext("kind name", "stranger"),
    pgettext("kind name", "group"),
    pgettext("kind name", "home"),
    pgettext("kind name", "work"),
    pgettext("kind name", "routine"),
    pgettext("kind name", "travel"),
    pgettext("kind name", "account_link"),
    pgettext("kind name", "others_exposed"),
)


class UnknownKind(ValueError):
    """A typed kind that names no family or kind; `valid` lists them in the person's language."""

    def __init__(self, typed: str, valid: list[str]):
        super().__init__(typed)
        self.typed, self.valid = typed, valid


def fold(text: str) -> str:
    """Lower case, no accents, "_" for spaces and hyphens: how typed names are compared."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.strip().lower().replace("-", "_").replace(" ", "_")


def name(part: str, lang: str) -> str:
    """The short name of a family or a kind's last part in `lang` ("location" -> "ubicación")."""
    return translations(lang).pgettext(CONTEXT, part)


def kind_name(kind: str, lang: str) -> str:
    """A whole kind's name in `lang` ("identity.phone" -> "identidad.telefono")."""
    return ".".join(name(part, lang) for part in kind.split("."))


def _families() -> dict[str, list[str]]:
    families: dict[str, list[str]] = {}
    for kind in sorted(CATALOGUE.owner):
        family, _, part = kind.partition(".")
        families.setdefault(family, []).append(part)
    return families


def _lookup(parts: Iterable[str]) -> dict[str, str]:
    """Every folded name, in every language, of each part -> the English part."""
    table: dict[str, str] = {}
    for part in parts:
        for lang in LANGUAGES:
            table.setdefault(fold(name(part, lang)), part)
        table[fold(part)] = part
    return table


def resolve(typed: str, lang: str) -> str:
    """The contract's kind or family for a typed name in any language; UnknownKind otherwise."""
    families = _families()
    family_typed, dot, part_typed = typed.partition(".")
    family = _lookup(families).get(fold(family_typed))
    if family is not None and not dot:
        return family
    if family is not None:
        part = _lookup(families[family]).get(fold(part_typed))
        if part is not None:
            return f"{family}.{part}"
    raise UnknownKind(typed, valid_names(lang))


def valid_names(lang: str) -> list[str]:
    """One line per family: its name, then its kinds' names, in `lang`."""
    return [
        f"{name(family, lang)}: " + ", ".join(kind_name(f"{family}.{part}", lang) for part in parts)
        for family, parts in _families().items()
    ]
