"""Why a finding matters and what to do about it, in English and Spanish.

Plain words for people, not analysts. Looked up by (kind, subtype), then by kind,
then a general text; a language without texts falls back to English.
"""

from __future__ import annotations

Texts = dict[str, tuple[str, str]]  # lang -> (why, advice)

_ID_ADVICE = {
    "en": "Delete or edit the post, and never share a photo or number of this document online.",
    "es": "Borra o edita la publicación y nunca compartas en línea una foto o el número de este documento.",
}


def _id(en_name: str, es_name: str) -> Texts:
    return {
        "en": (f"This looks like your {en_name}. It identifies you in government records, "
               "so anyone who reads it can link this account to you, or misuse it.", _ID_ADVICE["en"]),
        "es": (f"Esto parece tu {es_name}. Te identifica en registros del gobierno: quien lo lea "
               "puede vincular esta cuenta contigo o usarlo mal.", _ID_ADVICE["es"]),
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
        "es": ("Un número de teléfono une tus cuentas a una sola persona y se puede buscar en bases de datos.",
               "Quítalo de publicaciones y perfiles públicos; compártelo por mensaje privado."),
    },
    ("identity.email", None): {
        "en": ("An e-mail address connects this account to your other accounts.",
               "Hide it from your public profile and posts."),
        "es": ("Un correo electrónico conecta esta cuenta con tus otras cuentas.",
               "Ocúltalo de tu perfil público y tus publicaciones."),
    },
    ("location.address", None): {
        "en": ("This is an address. It can show where you live, and who lives with you.",
               "Delete or edit it. Share addresses only in private messages with people you trust."),
        "es": ("Esto es una dirección. Puede mostrar dónde vives y con quién.",
               "Bórrala o edítala. Comparte direcciones solo por mensaje privado con gente de confianza."),
    },
    ("location.geotag", None): {
        "en": ("These are exact map coordinates: they pin this moment to a precise spot.",
               "Remove the location or the map link, and turn off location tagging in the app."),
        "es": ("Son coordenadas exactas: ubican este momento en un punto preciso del mapa.",
               "Quita la ubicación o el enlace al mapa, y desactiva el etiquetado de ubicación en la app."),
    },
    ("location.place", None): {
        "en": ("This names a place you were or go to. Together, such places show your routines.",
               "Post places after you leave, not while you are there, and keep regular places private."),
        "es": ("Esto nombra un lugar donde estuviste o al que vas. Juntos, esos lugares muestran tu rutina.",
               "Publica los lugares después de irte, no mientras estás, y no compartas los lugares habituales."),
    },
    ("sensitive.immigration", None): {
        "en": ("This talks about immigration status, visas, asylum, the border or immigration court. "
               "Government screening of social media looks for exactly this.",
               "Consider deleting it or making it private. Talk to an immigration lawyer before "
               "posting about your case."),
        "es": ("Esto habla de estatus migratorio, visas, asilo, la frontera o la corte de inmigración. "
               "La revisión de redes sociales del gobierno busca justamente esto.",
               "Considera borrarlo o hacerlo privado. Habla con un abogado de inmigración antes de "
               "publicar sobre tu caso."),
    },
    ("sensitive.politics", None): {
        "en": ("This shows political opinions or activity (votes, protests, parties).",
               "You have the right to your views. Decide who should see them, and review old public posts."),
        "es": ("Esto muestra opiniones o actividad política (votos, protestas, partidos).",
               "Tienes derecho a opinar. Decide quién puede verlo y revisa publicaciones públicas antiguas."),
    },
    ("sensitive.religion", None): {
        "en": ("This reveals religious beliefs or practice, or places of worship you attend.",
               "Keep it for friends if you prefer; avoid posting regular times and places of worship."),
        "es": ("Esto revela creencias o prácticas religiosas, o el templo al que asistes.",
               "Compártelo solo con amistades si prefieres; evita publicar horarios y lugares de culto fijos."),
    },
    ("sensitive.origin", None): {
        "en": ("This reveals where you or your family come from.",
               "Your origin is part of you; just decide who should see it."),
        "es": ("Esto revela de dónde eres tú o tu familia.",
               "Tu origen es parte de ti; solo decide quién puede verlo."),
    },
    ("sensitive.health", None): {
        "en": ("This reveals health information: conditions, treatment, pregnancy or mental health.",
               "Health details are best shared privately. Consider deleting or restricting it."),
        "es": ("Esto revela información de salud: enfermedades, tratamientos, embarazo o salud mental.",
               "Es mejor compartir la salud en privado. Considera borrarlo o restringirlo."),
    },
    ("sensitive.sexuality", None): {
        "en": ("This reveals sexual orientation or gender identity.",
               "Only you decide who knows. Check who can see it, including tags by others."),
        "es": ("Esto revela orientación sexual o identidad de género.",
               "Solo tú decides quién lo sabe. Revisa quién puede verlo, incluso etiquetas de otras personas."),
    },
    ("sensitive.union", None): {
        "en": ("This shows union membership or labour organising.",
               "Organising is a right. Keep plans and names of coworkers out of public posts."),
        "es": ("Esto muestra afiliación sindical u organización laboral.",
               "Organizarse es un derecho. No publiques planes ni nombres de compañeros."),
    },
    ("sensitive.legal", None): {
        "en": ("This mentions arrests, jail, charges or criminal court. Such things weigh heavily "
               "in immigration decisions.",
               "Delete or restrict it, and ask a lawyer before posting about any case."),
        "es": ("Esto menciona arrestos, cárcel, cargos o cortes penales. Eso pesa mucho en "
               "decisiones de inmigración.",
               "Bórralo o restríngelo, y consulta a un abogado antes de publicar sobre cualquier caso."),
    },
}

_GENERAL: Texts = {
    "en": ("This reveals something about you that others could use.", "Review it and decide who should see it."),
    "es": ("Esto revela algo sobre ti que otras personas podrían usar.", "Revísalo y decide quién puede verlo."),
}


def explain(kind: str, subtype: str | None, lang: str = "en") -> tuple[str, str]:
    """(why, advice) for a finding, in `lang` ("en" or "es"; others fall back to English)."""
    texts = _TEXTS.get((kind, subtype)) or _TEXTS.get((kind, None)) or _GENERAL
    lang = (lang or "en").lower().split("-")[0].split("_")[0]
    return texts.get(lang) or texts["en"]
