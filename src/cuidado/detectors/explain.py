"""Why a finding matters and what to do about it, in English and Spanish.

Plain words for people, not analysts. Looked up by (kind, subtype), then by kind,
then a general text; a language without texts falls back to English.
"""

from __future__ import annotations

Texts = dict[str, tuple[str, str]]  # lang -> (why, advice)

_ID_ADVICE = {
    "en": "Delete or edit the post, and never share a photo or number of this document online.",
    "es": "Borre o edite la publicación y nunca comparta en línea una foto o el número de este documento.",
}


def _id(en_name: str, es_name: str) -> Texts:
    return {
        "en": (f"This looks like your {en_name}. It identifies you in government records, "
               "so anyone who reads it can link this account to you, or misuse it.", _ID_ADVICE["en"]),
        "es": (f"Esto parece su {es_name}. Le identifica en registros del gobierno: quien lo lea "
               "puede vincular esta cuenta con usted o usarlo mal.", _ID_ADVICE["es"]),
    }


_TEXTS: dict[tuple[str, str | None], Texts] = {
    ("identity.government_id", None): _id("identity number", "número de identidad"),
    ("identity.government_id", "ssn"): _id("Social Security number", "número de Seguro Social"),
    ("identity.government_id", "itin"): _id("ITIN (tax number)", "ITIN (número de impuestos)"),
    ("identity.government_id", "a_number"): _id("A-Number (alien registration number)",
                                                "número A (número de registro de extranjero)"),
    ("identity.government_id", "uscis_receipt"): _id("USCIS case receipt number", "número de recibo de USCIS"),
    ("identity.government_id", "i94"): _id("I-94 admission number", "número de admisión I-94"),
    ("identity.government_id", "sevis"): _id("SEVIS student ID", "número SEVIS de estudiante"),
    ("identity.government_id", "passport"): _id("passport number", "número de pasaporte"),
    ("identity.government_id", "drivers_license"): _id("driver's license number", "número de licencia de conducir"),
    ("identity.government_id", "mrz"): _id("passport or ID card (its machine-readable lines)",
                                           "pasaporte o identificación (sus líneas de lectura mecánica)"),
    ("identity.government_id", "consular_id"): _id("consular ID (matrícula)", "matrícula consular"),
    ("identity.government_id", "curp"): _id("CURP", "CURP"),
    ("identity.government_id", "rfc"): _id("RFC (Mexican tax number)", "RFC"),
    ("identity.government_id", "dpi"): _id("DPI (Guatemalan ID)", "DPI"),
    ("identity.government_id", "dui"): _id("DUI (Salvadoran ID)", "DUI"),
    ("identity.government_id", "dni"): _id("national ID (DNI)", "DNI o número de identidad"),
    ("identity.government_id", "nie"): _id("NIE (Spanish foreigner ID)", "NIE"),
    ("identity.government_id", "cedula"): _id("cédula (national ID)", "cédula de identidad"),
    ("identity.phone", None): {
        "en": ("A phone number links your accounts to one person and can be looked up in data brokers.",
               "Remove it from public posts and profiles; share it by private message instead."),
        "es": ("Un número de teléfono une sus cuentas a una sola persona y se puede buscar en bases de datos.",
               "Quítelo de publicaciones y perfiles públicos; compártalo por mensaje privado."),
    },
    ("identity.email", None): {
        "en": ("An e-mail address connects this account to your other accounts.",
               "Hide it from your public profile and posts."),
        "es": ("Un correo electrónico conecta esta cuenta con sus otras cuentas.",
               "Ocúltelo de su perfil público y sus publicaciones."),
    },
    ("location.address", None): {
        "en": ("This is an address. It can show where you live, and who lives with you.",
               "Delete or edit it. Share addresses only in private messages with people you trust."),
        "es": ("Esto es una dirección. Puede mostrar dónde vive usted y con quién.",
               "Bórrela o edítela. Comparta direcciones solo por mensaje privado con gente de confianza."),
    },
    ("location.geotag", None): {
        "en": ("These are exact map coordinates: they pin this moment to a precise spot.",
               "Remove the location or the map link, and turn off location tagging in the app."),
        "es": ("Son coordenadas exactas: ubican este momento en un punto preciso del mapa.",
               "Quite la ubicación o el enlace al mapa, y desactive el etiquetado de ubicación en la app."),
    },
    ("location.place", None): {
        "en": ("This names a place you were or go to. Together, such places show your routines.",
               "Post places after you leave, not while you are there, and keep regular places private."),
        "es": ("Esto nombra un lugar donde estuvo o al que va. Juntos, esos lugares muestran su rutina.",
               "Publique los lugares después de irse, no mientras esté ahí, y no comparta los lugares habituales."),
    },
    ("sensitive.immigration", None): {
        "en": ("This talks about immigration status, visas, asylum, the border or immigration court. "
               "Government screening of social media looks for exactly this.",
               "Consider deleting it or making it private. Talk to an immigration lawyer before "
               "posting about your case."),
        "es": ("Esto habla de estatus migratorio, visas, asilo, la frontera o la corte de inmigración. "
               "La revisión de redes sociales del gobierno busca justamente esto.",
               "Considere borrarlo o hacerlo privado. Hable con un abogado de inmigración antes de "
               "publicar sobre su caso."),
    },
    ("sensitive.politics", None): {
        "en": ("This shows political opinions or activity (votes, protests, parties).",
               "You have the right to your views. Decide who should see them, and review old public posts."),
        "es": ("Esto muestra opiniones o actividad política (votos, protestas, partidos).",
               "Tiene derecho a opinar. Decida quién puede verlo y revise publicaciones públicas antiguas."),
    },
    ("sensitive.religion", None): {
        "en": ("This reveals religious beliefs or practice, or places of worship you attend.",
               "Keep it for friends if you prefer; avoid posting regular times and places of worship."),
        "es": ("Esto revela creencias o prácticas religiosas, o el templo al que asiste.",
               "Compártalo solo con amistades si lo prefiere; evite publicar horarios y lugares de culto fijos."),
    },
    ("sensitive.origin", None): {
        "en": ("This reveals where you or your family come from.",
               "Your origin is part of you; just decide who should see it."),
        "es": ("Esto revela de dónde es usted o su familia.",
               "Su origen es parte de usted; solo decida quién puede verlo."),
    },
    ("sensitive.health", None): {
        "en": ("This reveals health information: conditions, treatment, pregnancy or mental health.",
               "Health details are best shared privately. Consider deleting or restricting it."),
        "es": ("Esto revela información de salud: enfermedades, tratamientos, embarazo o salud mental.",
               "Es mejor compartir la salud en privado. Considere borrarlo o restringirlo."),
    },
    ("sensitive.sexuality", None): {
        "en": ("This reveals sexual orientation or gender identity.",
               "Only you decide who knows. Check who can see it, including tags by others."),
        "es": ("Esto revela orientación sexual o identidad de género.",
               "Solo usted decide quién lo sabe. Revise quién puede verlo, incluso etiquetas de otras personas."),
    },
    ("sensitive.union", None): {
        "en": ("This shows union membership or labour organising.",
               "Organising is a right. Keep plans and names of coworkers out of public posts."),
        "es": ("Esto muestra afiliación sindical u organización laboral.",
               "Organizarse es un derecho. No publique planes ni nombres de compañeros."),
    },
    ("sensitive.legal", None): {
        "en": ("This mentions arrests, jail, charges or criminal court. Such things weigh heavily "
               "in immigration decisions.",
               "Delete or restrict it, and ask a lawyer before posting about any case."),
        "es": ("Esto menciona arrestos, cárcel, cargos o cortes penales. Eso pesa mucho en "
               "decisiones de inmigración.",
               "Bórrelo o restrínjalo, y consulte a un abogado antes de publicar sobre cualquier caso."),
    },
    ("location.media_gps", None): {
        "en": ("The photo or video file itself holds GPS coordinates: anyone with a copy can see where it was taken.",
               "Share a clean copy (cuidado scrub), and turn off location tagging in your camera."),
        "es": ("El propio archivo de la foto o el video guarda coordenadas GPS: quien tenga una copia ve dónde se tomó.",
               "Comparta una copia limpia (cuidado scrub) y desactive la ubicación en la cámara."),
    },
    ("identity.document_photo", None): {
        "en": ("This picture shows a document (ID, passport, permit, notice or bill) that can be read: "
               "names, numbers and status in one image.",
               "Delete it from every platform and chat; never post pictures of documents."),
        "es": ("Esta imagen muestra un documento (identificación, pasaporte, permiso, aviso o factura) que se "
               "puede leer: nombres, números y estatus en una sola foto.",
               "Bórrela de todas las plataformas y chats; nunca publique fotos de documentos."),
    },
    ("identity.face", None): {
        "en": ("Faces of other people are in this picture. Face search can identify them, and find you through them.",
               "Ask before posting others; blur faces you do not need (cuidado scrub --blur-faces)."),
        "es": ("En esta imagen hay caras de otras personas. La búsqueda facial puede identificarlas, y encontrarle a "
               "usted a través de ellas.",
               "Pida permiso antes de publicar a otros; difumine las caras que no hacen falta."),
    },
    ("identity.device", None): {
        "en": ("A device identifier (camera serial, owner name or device id) ties together everything made with "
               "that device, on any platform.",
               "Share clean copies of photos (cuidado scrub); remove the owner name from your camera settings."),
        "es": ("Un identificador del aparato (número de serie, nombre del dueño o id del dispositivo) une todo lo "
               "hecho con ese aparato, en cualquier plataforma.",
               "Comparta copias limpias de sus fotos (cuidado scrub); quite su nombre de los ajustes de la cámara."),
    },
    ("identity.device", "advertising_id"): {
        "en": ("An advertising ID (IDFA on iPhone, GAID on Android) follows your phone across apps: advertisers and "
               "data brokers use it to tie what you do in different apps to one device, and to you.",
               "Delete or reset it in your phone's settings (Android: Settings, Privacy, Ads; iPhone: turn off "
               "\"Allow Apps to Request to Track\")."),
        "es": ("Un identificador de publicidad (IDFA en iPhone, GAID en Android) sigue a su teléfono de una aplicación "
               "a otra: anunciantes y vendedores de datos lo usan para unir lo que usted hace en distintas "
               "aplicaciones a un solo aparato, y a usted.",
               "Bórrelo o restablézcalo en los ajustes del teléfono (Android: Ajustes, Privacidad, Anuncios; iPhone: "
               "desactive \"Permitir que las apps soliciten rastrear\")."),
    },
    ("identity.ip", None): {
        "en": ("An IP address recorded by the platform places you roughly and can be traced to your internet provider.",
               "Nothing to delete here; a trusted VPN hides it in the future."),
        "es": ("Una dirección IP guardada por la plataforma le ubica de forma aproximada y lleva a su proveedor de "
               "internet.",
               "No hay nada que borrar; una VPN de confianza la oculta en el futuro."),
    },
    ("tracking.interest", None): {
        "en": ("The platform labelled you with this interest and lets advertisers reach you by it: it says what the "
               "platform believes about you, and such labels can be bought or handed over.",
               "Remove it in the platform's ad settings (ad preferences, ad topics or interests) and turn off ads "
               "based on your activity."),
        "es": ("La plataforma le asignó este interés y deja que los anunciantes le encuentren por él: dice lo que la "
               "plataforma cree de usted, y esas etiquetas se pueden comprar o entregar.",
               "Quítelo en los ajustes de anuncios de la plataforma (preferencias, temas o intereses de anuncios) y "
               "desactive los anuncios basados en su actividad."),
    },
    ("tracking.off_platform", None): {
        "en": ("This app or business told the platform what you did on its own website or app (visits, searches, "
               "purchases): the platform knows you use it, and when.",
               "In \"Your activity off Meta technologies\" (or the platform's equivalent), clear the history, "
               "disconnect this business and turn off future activity."),
        "es": ("Esta aplicación o negocio le contó a la plataforma lo que usted hizo en su sitio web o aplicación "
               "(visitas, búsquedas, compras): la plataforma sabe que usted la usa, y cuándo.",
               "En \"Tu actividad fuera de las tecnologías de Meta\" (o su equivalente en la plataforma), borre el "
               "historial, desconecte este negocio y desactive la actividad futura."),
    },
    ("identity.profile", None): {
        "en": ("Your profile states this about you; it is among the first things anyone reads.",
               "Hide it or remove it from your profile if it does not need to be there."),
        "es": ("Su perfil dice esto de usted; es de lo primero que cualquiera lee.",
               "Ocúltelo o quítelo del perfil si no hace falta que esté."),
    },
    ("audience.public", None): {
        "en": ("The export says this was public: anyone, including monitoring software, could read it.",
               "Limit old posts to friends, or delete what you would not want read."),
        "es": ("La exportación dice que era público: cualquiera, incluido el software de vigilancia, pudo leerlo.",
               "Limite las publicaciones antiguas a amistades, o borre lo que no quiera que se lea."),
    },
    ("audience.wide", None): {
        "en": ("Only friends or followers could see this, but there are hundreds of them: one screenshot or one "
               "fake account is enough.",
               "Trim your friends list, or use a close-friends list for sensitive posts."),
        "es": ("Solo lo veían sus amistades o seguidores, pero son cientos: basta una captura o una cuenta falsa.",
               "Depure su lista de amistades o use una lista de amigos cercanos para lo delicado."),
    },
    ("audience.stranger", None): {
        "en": ("You accepted this connection recently and never talked with them: a typical pattern of fake "
               "accounts used to watch people.",
               "If you do not know them, remove them."),
        "es": ("Aceptó esta conexión hace poco y nunca hablaron: es el patrón típico de cuentas falsas que "
               "vigilan a la gente.",
               "Si no sabe quién es, elimínela."),
    },
    ("audience.group", None): {
        "en": ("You shared sensitive things in a big group: every member has a copy.",
               "Delete them for everyone if you still can, and keep sensitive talk to small chats."),
        "es": ("Compartió cosas delicadas en un grupo grande: cada miembro tiene una copia.",
               "Bórrelas para todos si aún puede, y deje lo delicado para chats pequeños."),
    },
    ("inference.home", None): {
        "en": ("Put together, your located posts and photos show where you sleep: at night and on weekends they "
               "cluster in one spot.",
               "Follow the plan: remove the items listed as evidence; this is what gets people found."),
        "es": ("Juntas, sus publicaciones y fotos con ubicación muestran dónde duerme: de noche y los fines de "
               "semana se juntan en un punto.",
               "Siga el plan: quite los elementos de la lista de pruebas; así es como encuentran a la gente."),
    },
    ("inference.work", None): {
        "en": ("Put together, your located items show where you work: on weekdays during the day they cluster "
               "in one spot.",
               "Remove the items listed as evidence, and stop tagging your workplace."),
        "es": ("Juntos, sus elementos con ubicación muestran dónde trabaja: entre semana, de día, se juntan en un "
               "punto.",
               "Quite los elementos de la lista de pruebas y deje de etiquetar su trabajo."),
    },
    ("inference.routine", None): {
        "en": ("You are at the same place on the same weekday at the same hour, week after week: someone could "
               "wait for you there.",
               "Remove the items listed as evidence and avoid posting from regular places in real time."),
        "es": ("Está en el mismo lugar, el mismo día de la semana a la misma hora, semana tras semana: alguien "
               "podría esperarle ahí.",
               "Quite los elementos de la lista de pruebas y no publique en tiempo real desde lugares habituales."),
    },
    ("inference.travel", None): {
        "en": ("Your located items show a trip: where and when you travelled, including other countries.",
               "Check that this matches what you have stated on forms; talk to your lawyer about trips abroad."),
        "es": ("Sus elementos con ubicación muestran un viaje: adónde y cuándo viajó, incluso a otros países.",
               "Revise que coincida con lo que declaró en formularios; hable de viajes al extranjero con su abogado."),
    },
    ("inference.account_link", None): {
        "en": ("The same identifier appears on several of your accounts, so they can be joined into one profile "
               "of you.",
               "Use different handles, e-mails and phone numbers where you want accounts kept apart."),
        "es": ("El mismo dato aparece en varias de sus cuentas, así que se pueden unir en un solo perfil de usted.",
               "Use nombres de usuario, correos y teléfonos distintos donde quiera cuentas separadas."),
    },
    ("inference.others_exposed", None): {
        "en": ("Your export contains other people's phone numbers: sharing it, or losing it, exposes them too.",
               "Keep your exports private, and ask before adding people to big groups."),
        "es": ("Su exportación contiene números de teléfono de otras personas: compartirla o perderla las expone.",
               "Guarde sus exportaciones en privado y pregunte antes de añadir gente a grupos grandes."),
    },
}

_GENERAL: Texts = {
    "en": ("This reveals something about you that others could use.", "Review it and decide who should see it."),
    "es": ("Esto revela algo sobre usted que otras personas podrían usar.", "Revíselo y decida quién puede verlo."),
}


def explain(kind: str, subtype: str | None, lang: str = "en") -> tuple[str, str]:
    """(why, advice) for a finding, in `lang` ("en" or "es"; others fall back to English)."""
    texts = _TEXTS.get((kind, subtype)) or _TEXTS.get((kind, None)) or _GENERAL
    lang = (lang or "en").lower().split("-")[0].split("_")[0]
    return texts.get(lang) or texts["en"]
