"""Sensitive topics from the lexicons in data/sensitive.*.tsv.

Scoring, as data/README.md explains to editors:
  * each distinct term found counts its weight once;
  * a term inside a longer term of the same topic ("marcha" in "marcha contra") or
    inside an exclusion phrase ("ice" in "ice cream", "court" in "immigration court")
    does not count;
  * "needs-context" terms count only near a first-person word;
  * a first-person word within 60 characters of a counted term adds 0.5, once;
  * a topic is reported when its score reaches 1.0.
Confidence grows with the score: 1.0 -> 0.65, 1.5 -> 0.8, 2.0+ -> 0.95.
"""

from __future__ import annotations

from .context import ItemContext
from .lexicon import Hit
from .match import TextMatch

REPORT_AT = 1.0
SELF_BONUS = 0.5
SELF_WINDOW = 60
IMMIGRATION_IDS = frozenset({"a_number", "uscis_receipt", "i94", "sevis"})


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop a term strictly inside a longer term of the same topic ("marcha" in "marcha
    contra"). Across topics, exclusions.tsv decides: "court" in "immigration court" is
    listed there, while "inmigrantes" in "derechos de los inmigrantes" still counts."""
    kept: list[Hit] = []
    reach: dict[str, tuple[int, int]] = {}  # topic -> (furthest end so far, its start)
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        far_end, far_start = reach.get(hit.entry.group, (-1, -1))
        if far_end > hit.end or (far_end == hit.end and far_start < hit.start):
            continue
        if hit.end > far_end:
            reach[hit.entry.group] = (hit.end, hit.start)
        kept.append(hit)
    return kept


def _counted_hits(ctx: ItemContext, suppress: set[tuple[int, int]]) -> list[Hit]:
    hits = [h for h in ctx.topic_hits
            if (h.start, h.end) not in suppress and not ctx.excluded(h.start, h.end)]
    if len(hits) > 1:
        hits = _outermost(hits)
    return [h for h in hits
            if not h.entry.needs_context or ctx.self_near(h.start, h.end, SELF_WINDOW, (h.start, h.end))]


def detect(ctx: ItemContext, id_subtypes: set[str] = frozenset()) -> list[TextMatch]:
    """Topic findings. `id_subtypes`: ID kinds found in this item; their label words
    ("DUI" before a Salvadoran DUI number) are not read as topic terms ("a DUI")."""
    if not ctx.topic_hits:
        return []
    # ...except immigration words: a USCIS receipt number IS an immigration matter.
    suppress = {(h.start, h.end) for h in ctx.id_words
                if h.entry.group in id_subtypes and h.entry.group not in IMMIGRATION_IDS}
    by_topic: dict[str, dict[str, Hit]] = {}
    for hit in _counted_hits(ctx, suppress):
        terms = by_topic.setdefault(hit.entry.group, {})
        key = hit.entry.term.casefold()
        best = terms.get(key)
        # Keep the first place a term appears, and its highest weight ("DACA" vs "daca").
        if best is None or hit.entry.weight > best.entry.weight and hit.start == best.start:
            terms[key] = hit
    matches: list[TextMatch] = []
    for topic, terms in by_topic.items():
        hits = sorted(terms.values(), key=lambda h: h.start)
        # The same words found through two spellings ("DACA"/"daca") count once.
        seen_spans: dict[tuple[int, int], Hit] = {}
        for h in hits:
            span = (h.start, h.end)
            if span not in seen_spans or h.entry.weight > seen_spans[span].entry.weight:
                seen_spans[span] = h
        hits = sorted(seen_spans.values(), key=lambda h: h.start)
        score = sum(h.entry.weight for h in hits)
        near_self = ctx.about_self or any(ctx.self_near(h.start, h.end, SELF_WINDOW, (h.start, h.end)) for h in hits)
        terms_found = [h.entry.term for h in hits]
        if near_self:
            score += SELF_BONUS
        if score < REPORT_AT - 1e-9:
            continue
        first = hits[0]
        o_start, o_end = ctx.folded.span(first.start, first.end)
        confidence = round(min(0.95, 0.35 + 0.3 * score), 2)
        matches.append(TextMatch(topic, ", ".join(terms_found), o_start, o_end, confidence,
                                 topic.split(".", 1)[1], tuple(terms_found)))
    return matches
