"""Kinds concluded across items: where you live and work, routines, trips, accounts tied together,
other people exposed, and who really sees "friends only" items.

`inferences/` (audience.py among them) makes these findings. Their severity rules and explanations are
declared here, with the detectors', because detectors/ is the layer below every stage that makes
findings: all of them look severity and explanations up in its one registry.
"""

from __future__ import annotations

from cuidado.locales import N_

from .unit import HIGH, LOW, MEDIUM, FindingKind, Rule, Unit

UNIT = Unit(
    name="conclusions",
    kinds=(
        FindingKind(
            "inference.home",
            {
                None: (
                    N_(
                        "Put together, your located posts and photos show where you sleep: at night and on weekends they "
                        "cluster in one spot."
                    ),
                    N_(
                        "Follow the plan: it lists the items that give this away, and removing them is what keeps you "
                        "from being found. Keep an untouched copy of your export first."
                    ),
                )
            },
        ),
        FindingKind(
            "inference.work",
            {
                None: (
                    N_(
                        "Put together, your located items show where you work: on weekdays during the day they cluster "
                        "in one spot."
                    ),
                    N_("Remove the items that give it away (the plan lists them), and stop tagging your workplace."),
                )
            },
        ),
        FindingKind(
            "inference.routine",
            {
                None: (
                    N_(
                        "You are at the same place on the same weekday at the same hour, week after week: someone could "
                        "wait for you there."
                    ),
                    N_(
                        "Remove the items that give it away (the plan lists them) and avoid posting from regular places "
                        "in real time."
                    ),
                )
            },
        ),
        FindingKind(
            "inference.travel",
            {
                None: (
                    N_("Your located items show a trip: where and when you travelled, including other countries."),
                    N_(
                        "Check that this matches what you have stated on forms; talk to your lawyer about trips abroad."
                    ),
                )
            },
        ),
        FindingKind(
            "inference.account_link",
            {
                None: (
                    N_(
                        "The same identifier appears on several of your accounts, so they can be joined into one profile "
                        "of you."
                    ),
                    N_("Use different handles, e-mails and phone numbers where you want accounts kept apart."),
                )
            },
        ),
        FindingKind(
            "inference.others_exposed",
            {
                None: (
                    N_(
                        "Your export contains other people's phone numbers: sharing it, or losing it, exposes them too."
                    ),
                    N_("Keep your exports private, and ask before adding people to big groups."),
                )
            },
        ),
        FindingKind(
            "audience.wide",
            {
                None: (
                    N_(
                        "Only friends or followers could see this, but there are hundreds of them: one screenshot or one "
                        "fake account is enough."
                    ),
                    N_("Trim your friends list, or use a close-friends list for sensitive posts."),
                )
            },
        ),
        FindingKind(
            "audience.stranger",
            {
                None: (
                    N_(
                        "You accepted this connection recently and never talked with them: a typical pattern of fake "
                        "accounts used to watch people."
                    ),
                    N_("If you do not know them, remove them."),
                )
            },
        ),
        FindingKind(
            "audience.group",
            {
                None: (
                    N_("You shared sensitive things in a big group: every member has a copy."),
                    N_("Delete them for everyone if you still can, and keep sensitive talk to small chats."),
                )
            },
        ),
    ),
    rules=(
        # Where you sleep and work are what get people found.
        Rule("inference.home", HIGH, why="Where you sleep: the single most dangerous thing to give away."),
        Rule("inference.work", HIGH, why="Where you are every weekday."),
        Rule("inference.account_link", HIGH, 0.85, why="Accounts joined into one profile of you."),
        Rule("inference.", MEDIUM, why="Routines, trips, weaker links and other people exposed."),
        # Who can see things.
        Rule("audience.wide", MEDIUM, why="'Friends only' with hundreds of friends is not private."),
        Rule("audience.group", MEDIUM, why="Sensitive items shared in a big group: every member keeps a copy."),
        Rule("audience.stranger", LOW, why="A connection who may be watching; it matters together with what you post."),
    ),
)
