"""Why nothing could be read from an input, in the person's language, with what to do about it.

The scan stores the problem as data (`InputResult.problem`); the CLI and the web app turn it into
a sentence at display time, in English or Spanish.
"""

from __future__ import annotations

PLATFORM_NAMES = {"facebook": "Facebook", "instagram": "Instagram", "x": "X", "tiktok": "TikTok",
                  "youtube": "YouTube", "whatsapp": "WhatsApp", "files": "photos"}

# How to ask each platform again for the machine-readable format (the README's "Getting your data").
REQUEST_JSON = {
    "facebook": {
        "en": "Facebook → Settings & privacy → Settings → Accounts Center → Your information and permissions → "
              "Download your information → Download or transfer information → your Facebook profile → All "
              "available information → Download to device → Format: JSON → Create files.",
        "es": "Facebook → Configuración y privacidad → Configuración → Centro de cuentas → Tu información y "
              "permisos → Descargar tu información → Descargar o transferir información → su perfil de Facebook → "
              "Toda la información disponible → Descargar en el dispositivo → Formato: JSON → Crear archivos.",
    },
    "instagram": {
        "en": "Instagram → Settings → Accounts Center → Your information and permissions → Download your "
              "information → Download or transfer information → your Instagram account → All available "
              "information → Download to device → Format: JSON → Create files.",
        "es": "Instagram → Configuración → Centro de cuentas → Tu información y permisos → Descargar tu "
              "información → Descargar o transferir información → su cuenta de Instagram → Toda la información "
              "disponible → Descargar en el dispositivo → Formato: JSON → Crear archivos.",
    },
    "tiktok": {
        "en": "TikTok → Profile → ☰ → Settings and privacy → Account → Download your data → file format: JSON → "
              "All data → Request data.",
        "es": "TikTok → Perfil → ☰ → Configuración y privacidad → Cuenta → Descargar tus datos → formato de "
              "archivo: JSON → Todos los datos → Solicitar datos.",
    },
    "youtube": {
        "en": "takeout.google.com → Deselect all → tick “YouTube and YouTube Music” → Multiple formats → "
              "history: JSON → Next step → Create export.",
        "es": "takeout.google.com → Anular selección → marque «YouTube y YouTube Music» → Varios formatos → "
              "historial: JSON → Siguiente paso → Crear exportación.",
    },
}

_TEXTS = {
    "html_export": {
        "en": "this {platform} export is in HTML format, which cuidado cannot read: its posts, messages and "
              "profile were NOT checked{media}. Request your information again and choose JSON: {how}",
        "es": "esta exportación de {platform} está en formato HTML, que cuidado no puede leer: sus publicaciones, "
              "mensajes y perfil NO se revisaron{media}. Vuelva a pedir su información y elija JSON: {how}",
    },
    "html_media": {
        "en": " (only its {count} photo(s) and video(s) were read)",
        "es": " (solo se leyeron sus {count} foto(s) y video(s))",
    },
    "nothing_read": {
        "en": "nothing could be read from it: none of its {members} file(s) held anything cuidado reads"
              "{skipped}. Nothing from it was checked.",
        "es": "no se pudo leer nada: ninguno de sus {members} archivo(s) contenía algo que cuidado lea"
              "{skipped}. No se revisó nada de esta exportación.",
    },
    "nothing_read_skipped": {
        "en": " ({count} could not be read: `cuidado summary` lists why)",
        "es": " ({count} no se pudieron leer: `cuidado summary` dice por qué)",
    },
    # In English the scan's own, more detailed words are said instead (input_error); they are English only.
    "unreadable": {
        "en": "this file could not be opened: it is not a readable zip file, folder or chat (a damaged or "
              "incomplete download?), or it was refused because it is not safe to open. Nothing from it was "
              "checked. Download the export again and add the new file.",
        "es": "no se pudo abrir este archivo: no es un zip, una carpeta ni un chat legible (¿una descarga dañada "
              "o incompleta?), o se rechazó porque no es seguro abrirlo. No se revisó nada de este archivo. "
              "Descargue la exportación de nuevo y agregue el archivo nuevo.",
    },
    "not_an_export": {
        "en": "this is not an export cuidado can read: nothing in it looks like a Facebook, Instagram, X, TikTok, "
              "YouTube or WhatsApp export or a photo. Nothing from it was checked.",
        "es": "esto no es una exportación que cuidado pueda leer: nada en su interior parece una exportación de "
              "Facebook, Instagram, X, TikTok, YouTube o WhatsApp, ni una foto. No se revisó nada de este archivo.",
    },
    "request_again": {
        "en": "Check it is the export you downloaded (a zip or its unpacked folder), or request it again: {how}",
        "es": "Compruebe que sea la exportación que descargó (un zip o su carpeta descomprimida), o pídala de "
              "nuevo: {how}",
    },
}


def problem_text(problem: dict, lang: str = "en") -> str:
    """The sentence for a problem the scan stored as data ({"key", "platform", …})."""
    lang = lang if lang in ("en", "es") else "en"
    platform = problem.get("platform") or ""
    how = REQUEST_JSON.get(platform, {}).get(lang, "")
    name = PLATFORM_NAMES.get(platform, platform)
    if problem["key"] in ("unreadable", "not_an_export"):
        return _TEXTS[problem["key"]][lang]
    if problem["key"] == "html_export":
        media = _TEXTS["html_media"][lang].format(count=problem["media"]) if problem.get("media") else ""
        return _TEXTS["html_export"][lang].format(platform=name, media=media, how=how)
    skipped = (_TEXTS["nothing_read_skipped"][lang].format(count=problem["skipped"])
               if problem.get("skipped") else "")
    sentence = _TEXTS["nothing_read"][lang].format(members=problem.get("members", 0), skipped=skipped)
    return sentence + (" " + _TEXTS["request_again"][lang].format(how=how) if how else "")


def input_error(label: str, error: str | None, problem: dict | None, lang: str = "en") -> str | None:
    """What to say about an input that failed: its stored problem in `lang`, else the scan's own words."""
    if problem and (lang != "en" or problem["key"] not in ("unreadable", "not_an_export")):
        return f"{label}: {problem_text(problem, lang)}"
    return error
