"""Kinds concluded across items: where you live and work, routines, trips, accounts tied together,
other people exposed, and who really sees "friends only" items.

`inferences/` (audience.py among them) makes these findings. Their severity rules and explanations are
declared here, with the detectors', because detectors/ is the layer below every stage that makes
findings: all of them look severity and explanations up in its one registry.
"""

from __future__ import annotations

from .unit import HIGH, LOW, MEDIUM, FindingKind, Rule, Unit

UNIT = Unit(
    name="conclusions",
    kinds=(
        FindingKind("inference.home", {None: {
            "en": ("Put together, your located posts and photos show where you sleep: at night and on weekends they "
                   "cluster in one spot.",
                   "Follow the plan: remove the items listed as evidence; this is what gets people found."),
            "es": ("Juntas, sus publicaciones y fotos con ubicación muestran dónde duerme: de noche y los fines de "
                   "semana se juntan en un punto.",
                   "Siga el plan: quite los elementos de la lista de pruebas; así es como encuentran a la gente."),
        }}),
        FindingKind("inference.work", {None: {
            "en": ("Put together, your located items show where you work: on weekdays during the day they cluster "
                   "in one spot.",
                   "Remove the items listed as evidence, and stop tagging your workplace."),
            "es": ("Juntos, sus elementos con ubicación muestran dónde trabaja: entre semana, de día, se juntan en "
                   "un punto.",
                   "Quite los elementos de la lista de pruebas y deje de etiquetar su trabajo."),
        }}),
        FindingKind("inference.routine", {None: {
            "en": ("You are at the same place on the same weekday at the same hour, week after week: someone could "
                   "wait for you there.",
                   "Remove the items listed as evidence and avoid posting from regular places in real time."),
            "es": ("Está en el mismo lugar, el mismo día de la semana a la misma hora, semana tras semana: alguien "
                   "podría esperarle ahí.",
                   "Quite los elementos de la lista de pruebas y no publique en tiempo real desde lugares "
                   "habituales."),
        }}),
        FindingKind("inference.travel", {None: {
            "en": ("Your located items show a trip: where and when you travelled, including other countries.",
                   "Check that this matches what you have stated on forms; talk to your lawyer about trips abroad."),
            "es": ("Sus elementos con ubicación muestran un viaje: adónde y cuándo viajó, incluso a otros países.",
                   "Revise que coincida con lo que declaró en formularios; hable de viajes al extranjero con su "
                   "abogado."),
        }}),
        FindingKind("inference.account_link", {None: {
            "en": ("The same identifier appears on several of your accounts, so they can be joined into one profile "
                   "of you.",
                   "Use different handles, e-mails and phone numbers where you want accounts kept apart."),
            "es": ("El mismo dato aparece en varias de sus cuentas, así que se pueden unir en un solo perfil de "
                   "usted.",
                   "Use nombres de usuario, correos y teléfonos distintos donde quiera cuentas separadas."),
        }}),
        FindingKind("inference.others_exposed", {None: {
            "en": ("Your export contains other people's phone numbers: sharing it, or losing it, exposes them too.",
                   "Keep your exports private, and ask before adding people to big groups."),
            "es": ("Su exportación contiene números de teléfono de otras personas: compartirla o perderla las "
                   "expone.",
                   "Guarde sus exportaciones en privado y pregunte antes de añadir gente a grupos grandes."),
        }}),
        FindingKind("audience.wide", {None: {
            "en": ("Only friends or followers could see this, but there are hundreds of them: one screenshot or one "
                   "fake account is enough.",
                   "Trim your friends list, or use a close-friends list for sensitive posts."),
            "es": ("Solo lo veían sus amistades o seguidores, pero son cientos: basta una captura o una cuenta "
                   "falsa.",
                   "Depure su lista de amistades o use una lista de amigos cercanos para lo delicado."),
        }}),
        FindingKind("audience.stranger", {None: {
            "en": ("You accepted this connection recently and never talked with them: a typical pattern of fake "
                   "accounts used to watch people.",
                   "If you do not know them, remove them."),
            "es": ("Aceptó esta conexión hace poco y nunca hablaron: es el patrón típico de cuentas falsas que "
                   "vigilan a la gente.",
                   "Si no sabe quién es, elimínela."),
        }}),
        FindingKind("audience.group", {None: {
            "en": ("You shared sensitive things in a big group: every member has a copy.",
                   "Delete them for everyone if you still can, and keep sensitive talk to small chats."),
            "es": ("Compartió cosas delicadas en un grupo grande: cada miembro tiene una copia.",
                   "Bórrelas para todos si aún puede, y deje lo delicado para chats pequeños."),
        }}),
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
