"""How serious a finding is: "high", "medium" or "low".

All rules are in the one table below, read top to bottom; the first rule that fits
decides. A rule fits when the kind starts with `kind`, the subtype is one of
`subtypes` (or any), the confidence is at least `min_confidence`, and the audience /
author conditions hold. Change a rating here and every report follows.

Audience: exports say "public", "friends", "only me"...; None means the export did
not say. Unknown counts as visible, because the person cannot check it either.
"""

from __future__ import annotations

from dataclasses import dataclass

HIGH, MEDIUM, LOW = "high", "medium", "low"

_PUBLIC = frozenset({"public", "everyone", "anyone", "open", "público", "publico", "public_everyone"})
_PRIVATE = frozenset({"private", "only me", "only_me", "self", "privado", "solo yo", "just me"})

ANY, VISIBLE, PRIVATE = "any", "visible", "private"


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str                       # prefix of the finding kind
    rating: str
    min_confidence: float = 0.0
    audience: str = ANY             # ANY, VISIBLE (public or unknown), PRIVATE
    by_self: bool | None = None     # None: whoever wrote it
    subtypes: frozenset[str] | None = None
    why: str = ""                   # the reason, for whoever edits this table


RULES: tuple[Rule, ...] = (
    # Identity documents: one number ties every account to a government file.
    Rule("identity.government_id", HIGH, 0.5,
         why="An ID number is unique: it links you to agency records and enables fraud."),
    Rule("identity.government_id", MEDIUM,
         why="A low-confidence ID guess still deserves a look."),
    # Immigration: the first thing enforcement screening looks for.
    Rule("sensitive.immigration", HIGH, 0.6,
         why="Status, visas, asylum, court dates and border crossings are what screening searches."),
    Rule("sensitive.immigration", MEDIUM,
         why="A weaker immigration hint: still worth reviewing."),
    # Where you sleep.
    Rule("location.address", HIGH, 0.6,
         why="A street address says where to find you and your family."),
    Rule("location.address", MEDIUM,
         why="A partial address (only an apartment number) narrows down where you live."),
    # Exact coordinates.
    Rule("location.geotag", HIGH, audience=VISIBLE,
         why="Exact coordinates that others can see pin a moment to a spot."),
    Rule("location.geotag", MEDIUM,
         why="Private coordinates still sit in the platform's records."),
    # Legal trouble, health, sexuality: special categories under most privacy laws.
    Rule("sensitive.legal", HIGH, 0.6, audience=VISIBLE,
         why="Arrests and charges weigh heavily in immigration decisions."),
    Rule("sensitive.health", HIGH, 0.6, audience=VISIBLE,
         why="Health is a special category of data; 'public charge' screening looks at it."),
    Rule("sensitive.sexuality", HIGH, 0.6, audience=VISIBLE,
         why="Orientation can put people at risk in some countries and families."),
    # Contact details.
    Rule("identity.phone", HIGH, 0.6, audience=VISIBLE,
         why="A visible phone number links accounts to one person and is easy to look up."),
    Rule("identity.phone", MEDIUM,
         why="A phone number in a private place can still leak or be handed over."),
    Rule("identity.email", MEDIUM, audience=VISIBLE,
         why="A visible e-mail address links your accounts together."),
    Rule("identity.email", LOW,
         why="E-mail in a private place: low risk, but note it."),
    # Opinions: yours weigh more than what others said to you.
    Rule("sensitive.politics", HIGH, 0.6, audience=VISIBLE, by_self=True,
         why="Public political activity is screened for, and cannot be taken back."),
    Rule("sensitive.union", HIGH, 0.6, audience=VISIBLE, by_self=True,
         why="Public organising can be used against workers."),
    # Every other sensitive topic: medium, or low when only private.
    Rule("sensitive.", LOW, audience=PRIVATE,
         why="A sensitive topic only you can see."),
    Rule("sensitive.", MEDIUM,
         why="Religion, origin and opinions are protected categories; review them."),
    # A photo's own GPS: whoever gets the file gets the spot, whatever the post's audience.
    Rule("location.media_gps", HIGH, 0.5,
         why="GPS inside a photo or video travels with the file: any copy reveals where it was taken."),
    # Pictures of documents, and other people's faces.
    Rule("identity.document_photo", HIGH,
         why="A photographed ID, permit or notice shows numbers, names and status in one picture."),
    Rule("identity.face", MEDIUM,
         why="Faces of other people let face search find them, and you through them."),
    # Devices and network traces tie items together without a name.
    Rule("identity.device", MEDIUM, 0.8, subtypes=frozenset({"serial", "owner"}),
         why="A camera serial or owner name links every photo taken with that device."),
    Rule("identity.device", LOW, why="A device or advertising id is mostly seen by the platform itself."),
    Rule("identity.ip", LOW, why="An IP address places you roughly, mostly for the platform and who it answers to."),
    # What the platform learned elsewhere: held by the platform and its advertisers, not shown to
    # people. A sensitive interest or business name also gets its own sensitive.* finding.
    Rule("tracking.", LOW, why="Interests and off-platform activity are the platform's records about you."),
    # Profile facts.
    Rule("identity.profile", MEDIUM, subtypes=frozenset({"birthday", "current_city", "hometown", "workplace",
                                                         "places_lived", "school", "family"}),
         why="Birth date, towns, employer and family narrow down who and where you are."),
    Rule("identity.profile", LOW, why="Names and handles identify you, but you chose to show them."),
    # Conclusions across items: where you sleep and work are what get people found.
    Rule("inference.home", HIGH, why="Where you sleep: the single most dangerous thing to give away."),
    Rule("inference.work", HIGH, why="Where you are every weekday."),
    Rule("inference.account_link", HIGH, 0.85, why="Accounts joined into one profile of you."),
    Rule("inference.", MEDIUM, why="Routines, trips, weaker links and other people exposed."),
    # Who can see things.
    Rule("audience.wide", MEDIUM, why="'Friends only' with hundreds of friends is not private."),
    Rule("audience.group", MEDIUM, why="Sensitive items shared in a big group: every member keeps a copy."),
    Rule("audience.", LOW, why="Who could see an item; it matters together with what the item says."),
    # Places: where you go.
    Rule("location.place", MEDIUM, 0.7, audience=VISIBLE,
         why="Named places you visit reveal routines and communities."),
    Rule("location.place", LOW,
         why="A city or place mention on its own says little."),
)


def _audience_fits(rule_audience: str, audience: str | None) -> bool:
    if rule_audience == ANY:
        return True
    value = (audience or "").strip().lower()
    is_private = value in _PRIVATE
    if rule_audience == PRIVATE:
        return is_private
    return not is_private and (not value or value in _PUBLIC)  # VISIBLE: public or unknown


def severity(kind: str, subtype: str | None, confidence: float, *,
             audience: str | None = None, by_self: bool | None = None) -> str:
    for rule in RULES:
        if not kind.startswith(rule.kind) or confidence < rule.min_confidence:
            continue
        if rule.subtypes is not None and subtype not in rule.subtypes:
            continue
        if rule.by_self is not None and by_self is not None and by_self != rule.by_self:
            continue
        if not _audience_fits(rule.audience, audience):
            continue
        return rule.rating
    return LOW
