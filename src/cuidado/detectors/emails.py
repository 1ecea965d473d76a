"""E-mail addresses, written plainly or spelled out ("juan arroba gmail punto com").

A regex, lower-cased; no network and no public-suffix list: any dotted domain with a
2-24 letter ending counts. Spelled-out addresses count only for well-known mail hosts,
so "look at the map dot com" style phrases do not.
"""

from __future__ import annotations

import re

from cuidado.locales import N_

from .context import ItemContext
from .match import TextMatch, at
from .unit import LOW, MEDIUM, VISIBLE, FindingKind, Rule, Scan, Trigger, Unit

KIND = "identity.email"

CANDIDATE = r"(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}\b"

SPELLED_WORDS = (
    "gmail",
    "hotmail",
    "yahoo",
    "outlook",
    "icloud",
    "protonmail",
    "proton",
    "live",
    "aol",
    "msn",
    "gmx",
    "yandex",
    "prodigy",
)
SPELLED_LOOKBACK = 60  # the user name and " arroba " come before the host the automaton found
_HOSTS = "|".join(SPELLED_WORDS)
_OPEN, _CLOSE = r"(?: ?[\[(] ?| )", r"(?: ?[\])] ?| )"  # " at " or "[at]" or "(at)"
SPELLED = (
    r"\b[a-z0-9][a-z0-9._\-]{1,40}"
    + _OPEN
    + r"(?:at|arroba|arobase)"
    + _CLOSE
    + r"(?:"
    + _HOSTS
    + r")"
    + _OPEN
    + r"(?:dot|punto|ponto|point)"
    + _CLOSE
    + r"[a-z]{2,6}\b"
)
_SPELLED_PARTS = re.compile(
    r"^([a-z0-9][a-z0-9._\-]*)"
    + _OPEN
    + r"(?:at|arroba|arobase)"
    + _CLOSE
    + r"([a-z]+)"
    + _OPEN
    + r"(?:dot|punto|ponto|point)"
    + _CLOSE
    + r"([a-z]{2,6})$"
)


# "logo@2x.png" is an image name (retina assets), not an address.
_FILE_ENDINGS = frozenset("png jpg jpeg gif webp svg heic mp4 mov pdf".split())


def detect(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    o_start, o_end = ctx.folded.span(start, end)
    value = ctx.folded.original[o_start:o_end].lower().rstrip(".")
    if value.rsplit(".", 1)[-1] in _FILE_ENDINGS:
        return []
    return [at(ctx.folded, start, end, KIND, 0.95, value=value)]


def detect_spelled(ctx: ItemContext, start: int, end: int) -> list[TextMatch]:
    parts = _SPELLED_PARTS.match(ctx.folded.text[start:end])
    if parts is None:
        return []
    user, host, tld = parts.groups()
    return [at(ctx.folded, start, end, KIND, 0.75, value=f"{user}@{host}.{tld}")]


UNIT = Unit(
    name="emails",
    kinds=(
        FindingKind(
            KIND,
            priority=5,
            texts={
                None: (
                    N_("An e-mail address connects this account to your other accounts."),
                    N_("Hide it from your public profile and posts."),
                )
            },
        ),
    ),
    rules=(
        Rule(KIND, MEDIUM, audience=VISIBLE, why="A visible e-mail address links your accounts together."),
        Rule(KIND, LOW, why="E-mail in a private place: low risk, but note it."),
    ),
    scans=(Scan("@", CANDIDATE, detect),),
    triggers=(Trigger("email_spelled", SPELLED_WORDS, SPELLED, detect_spelled, SPELLED_LOOKBACK),),
)
