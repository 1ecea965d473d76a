"""What one unit declares: the finding kinds it owns, and, if it reads text, how the engine runs it.

A unit is one module (detectors/emails.py, detectors/topics.py, ...) ending in `UNIT = Unit(...)`,
listed once in `registry.UNITS`. For each kind it owns it declares:
  * `priority`: which finding keeps the words when two text findings overlap (higher wins);
  * `rules`: its lines of the severity table (see severity.py), in the order they are tried;
  * `texts`: why it matters and what to do, per subtype (None: the kind's own): English marked with
    N_, translated at display time from the gettext catalogs (cuidado.locales).
Text detectors also declare where the engine (text.py) starts them: shapes in its two regex passes,
words the automaton finds, whole-text passes behind a cheap guard, and passes over the whole item.
Units whose findings come from structured fields or from across items declare only kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import ItemContext
    from .match import TextMatch

HIGH, MEDIUM, LOW = "high", "medium", "low"
ANY, VISIBLE, PRIVATE = "any", "visible", "private"

Handler = Callable[["ItemContext", int, int], "list[TextMatch]"]
# (why, advice) marked with N_; a third item fills "{name}" in them (marked too: translated first).
Texts = tuple[str, str] | tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str  # prefix of the finding kind
    rating: str
    min_confidence: float = 0.0
    audience: str = ANY  # ANY, VISIBLE (public or unknown), PRIVATE
    by_self: bool | None = None  # None: whoever wrote it
    subtypes: frozenset[str] | None = None
    why: str = ""  # the reason, for whoever edits this table


@dataclass(frozen=True, slots=True)
class FindingKind:
    kind: str  # "identity.email"
    texts: Mapping[str | None, Texts]  # subtype (None: any) -> (why, advice[, name])
    priority: int = 0  # overlapping text findings: the higher keeps the words


@dataclass(frozen=True, slots=True)
class Shape:
    """A regex tried at each position of one of the engine's passes over text with digits."""

    name: str  # a regex group name: letters, digits, underscores
    pattern: str
    handler: Handler


@dataclass(frozen=True, slots=True)
class Trigger:
    """A pattern matched only where the automaton found one of `words`."""

    family: str
    words: tuple[str, ...]
    pattern: str
    handler: Handler
    lookback: int = 0  # how far before the word the match may start (0: at the word)
    claims: bool = False  # runs first and keeps its span from the digit passes (links)


@dataclass(frozen=True, slots=True)
class Scan:
    """A whole-text regex run only when `guard` is in the folded text; its spans are claimed."""

    guard: str
    pattern: str
    handler: Handler


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    kinds: tuple[FindingKind, ...]
    rules: tuple[Rule, ...]
    # Text engine hooks, run in registry order within each pass.
    scans: tuple[Scan, ...] = ()  # e-mail, MRZ
    token_led: tuple[Shape, ...] = ()  # letter+digit tokens: claimed from the digit pass
    digit_led: tuple[Shape, ...] = ()  # shapes starting with a digit or sign
    triggers: tuple[Trigger, ...] = ()
    whole_item: Callable[[ItemContext], list[TextMatch]] | None = None  # before overlaps
    # After overlaps are resolved, with what was kept (topics need the IDs found).
    after: Callable[[ItemContext, list[TextMatch]], list[TextMatch]] | None = None
