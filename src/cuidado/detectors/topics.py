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

from cuidado.locales import N_

from .context import ItemContext
from .government_ids import KIND as GOVERNMENT_ID
from .lexicon import Hit
from .match import TextMatch
from .unit import HIGH, LOW, MEDIUM, PRIVATE, VISIBLE, FindingKind, Rule, Texts, Unit

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
    hits = [h for h in ctx.topic_hits if (h.start, h.end) not in suppress and not ctx.excluded(h.start, h.end)]
    if len(hits) > 1:
        hits = _outermost(hits)
    return [
        h for h in hits if not h.entry.needs_context or ctx.self_near(h.start, h.end, SELF_WINDOW, (h.start, h.end))
    ]


def detect(ctx: ItemContext, id_subtypes: frozenset[str | None] | set[str | None] = frozenset()) -> list[TextMatch]:
    """Topic findings. `id_subtypes`: ID kinds found in this item; their label words
    ("DUI" before a Salvadoran DUI number) are not read as topic terms ("a DUI")."""
    if not ctx.topic_hits:
        return []
    # ...except immigration words: a USCIS receipt number IS an immigration matter.
    suppress = {
        (h.start, h.end) for h in ctx.id_words if h.entry.group in id_subtypes and h.entry.group not in IMMIGRATION_IDS
    }
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
        matches.append(
            TextMatch(
                topic, ", ".join(terms_found), o_start, o_end, confidence, topic.split(".", 1)[1], tuple(terms_found)
            )
        )
    return matches


def detect_after(ctx: ItemContext, kept: list[TextMatch]) -> list[TextMatch]:
    """Topics, once the other findings are settled: the IDs among them silence their label words."""
    return detect(ctx, {m.subtype for m in kept if m.kind == GOVERNMENT_ID})


# One kind per data file `data/sensitive.<topic>.tsv`; a new file needs its texts here.
TEXTS: dict[str, Texts] = {
    "sensitive.immigration": (
        N_(
            "This talks about immigration status, visas, asylum, the border or immigration court. "
            "Government screening of social media looks for exactly this."
        ),
        N_("Consider deleting it or making it private. Talk to an immigration lawyer before posting about your case."),
    ),
    "sensitive.politics": (
        N_("This shows political opinions or activity (votes, protests, parties)."),
        N_("You have the right to your views. Decide who should see them, and review old public posts."),
    ),
    "sensitive.religion": (
        N_("This reveals religious beliefs or practice, or places of worship you attend."),
        N_("Keep it for friends if you prefer; avoid posting regular times and places of worship."),
    ),
    "sensitive.origin": (
        N_("This reveals where you or your family come from."),
        N_("Your origin is part of you; just decide who should see it."),
    ),
    "sensitive.health": (
        N_("This reveals health information: conditions, treatment, pregnancy or mental health."),
        N_("Health details are best shared privately. Consider deleting or restricting it."),
    ),
    "sensitive.sexuality": (
        N_("This reveals sexual orientation or gender identity."),
        N_("Only you decide who knows. Check who can see it, including tags by others."),
    ),
    "sensitive.union": (
        N_("This shows union membership or labour organising."),
        N_("Organising is a right. Keep plans and names of coworkers out of public posts."),
    ),
    "sensitive.legal": (
        N_(
            "This mentions arrests, jail, charges or criminal court. Such things weigh heavily "
            "in immigration decisions."
        ),
        N_("Delete or restrict it, and ask a lawyer before posting about any case."),
    ),
}

UNIT = Unit(
    name="topics",
    kinds=tuple(FindingKind(kind, {None: texts}) for kind, texts in TEXTS.items()),
    rules=(
        # Immigration: the first thing enforcement screening looks for.
        Rule(
            "sensitive.immigration",
            HIGH,
            0.6,
            why="Status, visas, asylum, court dates and border crossings are what screening searches.",
        ),
        Rule("sensitive.immigration", MEDIUM, why="A weaker immigration hint: still worth reviewing."),
        # Legal trouble, health, sexuality: special categories under most privacy laws.
        Rule(
            "sensitive.legal",
            HIGH,
            0.6,
            audience=VISIBLE,
            why="Arrests and charges weigh heavily in immigration decisions.",
        ),
        Rule(
            "sensitive.health",
            HIGH,
            0.6,
            audience=VISIBLE,
            why="Health is a special category of data; 'public charge' screening looks at it.",
        ),
        Rule(
            "sensitive.sexuality",
            HIGH,
            0.6,
            audience=VISIBLE,
            why="Orientation can put people at risk in some countries and families.",
        ),
        # Opinions: yours weigh more than what others said to you.
        Rule(
            "sensitive.politics",
            HIGH,
            0.6,
            audience=VISIBLE,
            by_self=True,
            why="Public political activity is screened for, and cannot be taken back.",
        ),
        Rule(
            "sensitive.union",
            HIGH,
            0.6,
            audience=VISIBLE,
            by_self=True,
            why="Public organising can be used against workers.",
        ),
        # Every other sensitive topic (and any new data file): medium, or low when only private.
        Rule("sensitive.", LOW, audience=PRIVATE, why="A sensitive topic only you can see."),
        Rule("sensitive.", MEDIUM, why="Religion, origin and opinions are protected categories; review them."),
    ),
    after=detect_after,
)
