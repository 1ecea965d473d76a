"""Kinds read from an item's structured fields, not its text: a photo's own GPS, a pictured document,
faces, device and network identifiers, profile facts, what the platform tracked, a public audience.

`findings/record_fields.py` makes these findings. Their severity rules and explanations are
declared here, with the detectors', because detectors/ is the layer below every stage that makes
findings: all of them look severity and explanations up in its one registry.
"""

from __future__ import annotations

from cuidado.locales import N_

from .unit import HIGH, LOW, MEDIUM, FindingKind, Rule, Unit

UNIT = Unit(
    name="item_fields",
    kinds=(
        FindingKind(
            "location.media_gps",
            {
                None: (
                    N_(
                        "The photo or video file itself holds GPS coordinates: anyone with a copy can see where it was "
                        "taken."
                    ),
                    N_("Share a clean copy (cuidado scrub), and turn off location tagging in your camera."),
                )
            },
        ),
        FindingKind(
            "identity.document_photo",
            {
                None: (
                    N_(
                        "This picture shows a document (ID, passport, permit, notice or bill) that can be read: "
                        "names, numbers and status in one image."
                    ),
                    N_("Delete it from every platform and chat; never post pictures of documents."),
                )
            },
        ),
        FindingKind(
            "identity.face",
            {
                None: (
                    N_(
                        "Faces of other people are in this picture. Face search can identify them, and find you through "
                        "them."
                    ),
                    N_("Ask before posting others; blur faces you do not need (cuidado scrub --blur-faces)."),
                )
            },
        ),
        FindingKind(
            "identity.device",
            {
                None: (
                    N_(
                        "A device identifier (camera serial, owner name or device id) ties together everything made "
                        "with that device, on any platform."
                    ),
                    N_(
                        "Share clean copies of photos (cuidado scrub); remove the owner name from your camera settings."
                    ),
                ),
                "advertising_id": (
                    N_(
                        "An advertising ID (IDFA on iPhone, GAID on Android) follows your phone across apps: "
                        "advertisers and data brokers use it to tie what you do in different apps to one device, and "
                        "to you."
                    ),
                    N_(
                        "Delete or reset it in your phone's settings (Android: Settings, Privacy, Ads; iPhone: turn "
                        'off "Allow Apps to Request to Track").'
                    ),
                ),
            },
        ),
        FindingKind(
            "identity.ip",
            {
                None: (
                    N_(
                        "An IP address recorded by the platform places you roughly and can be traced to your internet "
                        "provider."
                    ),
                    N_("Nothing to delete here; a trusted VPN hides it in the future."),
                )
            },
        ),
        FindingKind(
            "identity.profile",
            {
                None: (
                    N_("Your profile states this about you; it is among the first things anyone reads."),
                    N_("Hide it or remove it from your profile if it does not need to be there."),
                )
            },
        ),
        FindingKind(
            "tracking.interest",
            {
                None: (
                    N_(
                        "The platform labelled you with this interest and lets advertisers reach you by it: it says what "
                        "the platform believes about you, and such labels can be bought or handed over."
                    ),
                    N_(
                        "Remove it in the platform's ad settings (ad preferences, ad topics or interests) and turn off "
                        "ads based on your activity."
                    ),
                )
            },
        ),
        FindingKind(
            "tracking.off_platform",
            {
                None: (
                    N_(
                        "This app or business told the platform what you did on its own website or app (visits, "
                        "searches, purchases): the platform knows you use it, and when."
                    ),
                    N_(
                        'In "Your activity off Meta technologies" (or the platform\'s equivalent), clear the history, '
                        "disconnect this business and turn off future activity."
                    ),
                )
            },
        ),
        FindingKind(
            "audience.public",
            {
                None: (
                    N_("The export says this was public: anyone, including monitoring software, could read it."),
                    N_("Limit old posts to friends, or delete what you would not want read."),
                )
            },
        ),
    ),
    rules=(
        # A photo's own GPS: whoever gets the file gets the spot, whatever the post's audience.
        Rule(
            "location.media_gps",
            HIGH,
            0.5,
            why="GPS inside a photo or video travels with the file: any copy reveals where it was taken.",
        ),
        # Pictures of documents, and other people's faces.
        Rule(
            "identity.document_photo",
            HIGH,
            why="A photographed ID, permit or notice shows numbers, names and status in one picture.",
        ),
        Rule("identity.face", MEDIUM, why="Faces of other people let face search find them, and you through them."),
        # Devices and network traces tie items together without a name.
        Rule(
            "identity.device",
            MEDIUM,
            0.8,
            subtypes=frozenset({"serial", "owner"}),
            why="A camera serial or owner name links every photo taken with that device.",
        ),
        Rule("identity.device", LOW, why="A device or advertising id is mostly seen by the platform itself."),
        Rule(
            "identity.ip", LOW, why="An IP address places you roughly, mostly for the platform and who it answers to."
        ),
        # What the platform learned elsewhere: held by the platform and its advertisers, not shown to
        # people. A sensitive interest or business name also gets its own sensitive.* finding.
        Rule("tracking.", LOW, why="Interests and off-platform activity are the platform's records about you."),
        # Profile facts.
        Rule(
            "identity.profile",
            MEDIUM,
            subtypes=frozenset(
                {"birthday", "current_city", "hometown", "workplace", "places_lived", "school", "family"}
            ),
            why="Birth date, towns, employer and family narrow down who and where you are.",
        ),
        Rule("identity.profile", LOW, why="Names and handles identify you, but you chose to show them."),
        Rule("audience.public", LOW, why="Who could see an item; it matters together with what the item says."),
    ),
)
