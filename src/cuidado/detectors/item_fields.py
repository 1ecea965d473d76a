"""Kinds read from an item's structured fields, not its text: a photo's own GPS, a pictured document,
faces, device and network identifiers, profile facts, what the platform tracked, a public audience.

`findings/record_fields.py` makes these findings. Their severity rules and explanations are
declared here, with the detectors', because detectors/ is the layer below every stage that makes
findings: all of them look severity and explanations up in its one registry.
"""

from __future__ import annotations

from .unit import HIGH, LOW, MEDIUM, FindingKind, Rule, Unit

UNIT = Unit(
    name="item_fields",
    kinds=(
        FindingKind("location.media_gps", {None: {
            "en": ("The photo or video file itself holds GPS coordinates: anyone with a copy can see where it was "
                   "taken.",
                   "Share a clean copy (cuidado scrub), and turn off location tagging in your camera."),
            "es": ("El propio archivo de la foto o el video guarda coordenadas GPS: quien tenga una copia ve dónde "
                   "se tomó.",
                   "Comparta una copia limpia (cuidado scrub) y desactive la ubicación en la cámara."),
        }}),
        FindingKind("identity.document_photo", {None: {
            "en": ("This picture shows a document (ID, passport, permit, notice or bill) that can be read: "
                   "names, numbers and status in one image.",
                   "Delete it from every platform and chat; never post pictures of documents."),
            "es": ("Esta imagen muestra un documento (identificación, pasaporte, permiso, aviso o factura) que se "
                   "puede leer: nombres, números y estatus en una sola foto.",
                   "Bórrela de todas las plataformas y chats; nunca publique fotos de documentos."),
        }}),
        FindingKind("identity.face", {None: {
            "en": ("Faces of other people are in this picture. Face search can identify them, and find you through "
                   "them.",
                   "Ask before posting others; blur faces you do not need (cuidado scrub --blur-faces)."),
            "es": ("En esta imagen hay caras de otras personas. La búsqueda facial puede identificarlas, y "
                   "encontrarle a usted a través de ellas.",
                   "Pida permiso antes de publicar a otros; difumine las caras que no hacen falta."),
        }}),
        FindingKind("identity.device", {
            None: {
                "en": ("A device identifier (camera serial, owner name or device id) ties together everything made "
                       "with that device, on any platform.",
                       "Share clean copies of photos (cuidado scrub); remove the owner name from your camera "
                       "settings."),
                "es": ("Un identificador del aparato (número de serie, nombre del dueño o id del dispositivo) une todo "
                       "lo hecho con ese aparato, en cualquier plataforma.",
                       "Comparta copias limpias de sus fotos (cuidado scrub); quite su nombre de los ajustes de la "
                       "cámara."),
            },
            "advertising_id": {
                "en": ("An advertising ID (IDFA on iPhone, GAID on Android) follows your phone across apps: "
                       "advertisers and data brokers use it to tie what you do in different apps to one device, and "
                       "to you.",
                       "Delete or reset it in your phone's settings (Android: Settings, Privacy, Ads; iPhone: turn "
                       "off \"Allow Apps to Request to Track\")."),
                "es": ("Un identificador de publicidad (IDFA en iPhone, GAID en Android) sigue a su teléfono de una "
                       "aplicación a otra: anunciantes y vendedores de datos lo usan para unir lo que usted hace en "
                       "distintas aplicaciones a un solo aparato, y a usted.",
                       "Bórrelo o restablézcalo en los ajustes del teléfono (Android: Ajustes, Privacidad, Anuncios; "
                       "iPhone: desactive \"Permitir que las apps soliciten rastrear\")."),
            },
        }),
        FindingKind("identity.ip", {None: {
            "en": ("An IP address recorded by the platform places you roughly and can be traced to your internet "
                   "provider.",
                   "Nothing to delete here; a trusted VPN hides it in the future."),
            "es": ("Una dirección IP guardada por la plataforma le ubica de forma aproximada y lleva a su proveedor "
                   "de internet.",
                   "No hay nada que borrar; una VPN de confianza la oculta en el futuro."),
        }}),
        FindingKind("identity.profile", {None: {
            "en": ("Your profile states this about you; it is among the first things anyone reads.",
                   "Hide it or remove it from your profile if it does not need to be there."),
            "es": ("Su perfil dice esto de usted; es de lo primero que cualquiera lee.",
                   "Ocúltelo o quítelo del perfil si no hace falta que esté."),
        }}),
        FindingKind("tracking.interest", {None: {
            "en": ("The platform labelled you with this interest and lets advertisers reach you by it: it says what "
                   "the platform believes about you, and such labels can be bought or handed over.",
                   "Remove it in the platform's ad settings (ad preferences, ad topics or interests) and turn off "
                   "ads based on your activity."),
            "es": ("La plataforma le asignó este interés y deja que los anunciantes le encuentren por él: dice lo que "
                   "la plataforma cree de usted, y esas etiquetas se pueden comprar o entregar.",
                   "Quítelo en los ajustes de anuncios de la plataforma (preferencias, temas o intereses de anuncios) "
                   "y desactive los anuncios basados en su actividad."),
        }}),
        FindingKind("tracking.off_platform", {None: {
            "en": ("This app or business told the platform what you did on its own website or app (visits, "
                   "searches, purchases): the platform knows you use it, and when.",
                   "In \"Your activity off Meta technologies\" (or the platform's equivalent), clear the history, "
                   "disconnect this business and turn off future activity."),
            "es": ("Esta aplicación o negocio le contó a la plataforma lo que usted hizo en su sitio web o aplicación "
                   "(visitas, búsquedas, compras): la plataforma sabe que usted la usa, y cuándo.",
                   "En \"Tu actividad fuera de las tecnologías de Meta\" (o su equivalente en la plataforma), borre "
                   "el historial, desconecte este negocio y desactive la actividad futura."),
        }}),
        FindingKind("audience.public", {None: {
            "en": ("The export says this was public: anyone, including monitoring software, could read it.",
                   "Limit old posts to friends, or delete what you would not want read."),
            "es": ("La exportación dice que era público: cualquiera, incluido el software de vigilancia, pudo "
                   "leerlo.",
                   "Limite las publicaciones antiguas a amistades, o borre lo que no quiera que se lea."),
        }}),
    ),
    rules=(
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
        Rule("identity.ip", LOW,
             why="An IP address places you roughly, mostly for the platform and who it answers to."),
        # What the platform learned elsewhere: held by the platform and its advertisers, not shown to
        # people. A sensitive interest or business name also gets its own sensitive.* finding.
        Rule("tracking.", LOW, why="Interests and off-platform activity are the platform's records about you."),
        # Profile facts.
        Rule("identity.profile", MEDIUM, subtypes=frozenset({"birthday", "current_city", "hometown", "workplace",
                                                             "places_lived", "school", "family"}),
             why="Birth date, towns, employer and family narrow down who and where you are."),
        Rule("identity.profile", LOW, why="Names and handles identify you, but you chose to show them."),
        Rule("audience.public", LOW, why="Who could see an item; it matters together with what the item says."),
    ),
)
