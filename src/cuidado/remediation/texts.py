"""The plan's own sentences, in English and Spanish."""

from __future__ import annotations

_TEXTS = {
    "warning_title": {
        "en": "Before you delete anything",
        "es": "Antes de borrar nada",
    },
    "warning_text": {
        "en": "Deleting does not undo what was already collected: monitoring companies keep copies, people take "
              "screenshots, posts get shared, and web archives may hold old versions.\n"
              "If you are in an immigration or court case, keep an untouched copy of your export and talk to your "
              "lawyer BEFORE deleting anything: deleting can look like hiding evidence. The goal is accuracy, "
              "not concealment.\n"
              "Your untouched exports are the files you scanned (listed below); cuidado never changes them.",
        "es": "Borrar no deshace lo que ya se recopiló: las empresas de vigilancia guardan copias, la gente hace "
              "capturas de pantalla, las publicaciones se comparten y los archivos web pueden guardar versiones "
              "antiguas.\n"
              "Si tiene un caso de inmigración o ante un tribunal, guarde una copia intacta de su exportación y hable "
              "con su abogado ANTES de borrar nada: borrar puede parecer que oculta pruebas. El objetivo es la "
              "exactitud, no ocultar.\n"
              "Sus exportaciones intactas son los archivos que analizó (abajo); cuidado nunca los modifica.",
    },
    "uploaded_copies": {
        "en": "The {count} export(s) you added in the web app are copies inside cuidado's workspace, and "
              "`cuidado purge` deletes them: keep the files you downloaded from each platform, those are your "
              "untouched exports.",
        "es": "Las {count} exportación(es) que añadió en la aplicación web son copias dentro del espacio de trabajo "
              "de cuidado, y `cuidado purge` las borra: guarde los archivos que descargó de cada plataforma, esas "
              "son sus exportaciones intactas.",
    },
    "title_inference.home": {"en": "Remove the {count} item(s) that reveal where you live ({place})",
                             "es": "Quite los {count} elemento(s) que revelan dónde vive ({place})"},
    "title_inference.work": {"en": "Remove the {count} item(s) that reveal where you work ({place})",
                             "es": "Quite los {count} elemento(s) que revelan dónde trabaja ({place})"},
    "title_inference.routine": {"en": "Remove the {count} item(s) that show your routine near {place}",
                                "es": "Quite los {count} elemento(s) que muestran su rutina cerca de {place}"},
    "title_inference.travel": {"en": "Remove the {count} item(s) that show a trip ({place})",
                               "es": "Quite los {count} elemento(s) que muestran un viaje ({place})"},
    "title_inference.account_link": {"en": "Unlink your accounts: change or remove the {count} item(s) that tie them",
                                     "es": "Desvincule sus cuentas: cambie o quite los {count} elemento(s) que las unen"},
    "title_inference.others_exposed": {"en": "Protect the other people in {count} item(s)",
                                       "es": "Proteja a las otras personas en {count} elemento(s)"},
    "title_audience.group": {"en": "Remove the {count} sensitive item(s) shared in a big group",
                             "es": "Quite los {count} elemento(s) delicados compartidos en un grupo grande"},
    "title_edit": {"en": "Remove the location from this item: {reason}",
                   "es": "Quite la ubicación de este elemento: {reason}"},
    "title_remove": {"en": "Delete or hide this item: {reason}", "es": "Borre u oculte este elemento: {reason}"},
    "title_remove_message": {"en": "Delete this message: {reason}", "es": "Borre este mensaje: {reason}"},
    "title_remove_comment": {"en": "Delete this comment: {reason}", "es": "Borre este comentario: {reason}"},
    "title_remove_post": {"en": "Delete or hide this post: {reason}", "es": "Borre u oculte esta publicación: {reason}"},
    "title_remove_media": {"en": "Delete this photo or video, or share only a clean copy: {reason}",
                           "es": "Borre esta foto o video, o comparta solo una copia limpia: {reason}"},
    "title_remove_search": {"en": "Clear this search from your history: {reason}",
                            "es": "Borre esta búsqueda de su historial: {reason}"},
    "title_remove_login": {"en": "Check where you are logged in: {reason}",
                           "es": "Revise dónde tiene la sesión iniciada: {reason}"},
    "title_remove_profile_field": {"en": "Change or hide this detail of your profile: {reason}",
                                   "es": "Cambie u oculte este dato de su perfil: {reason}"},
    "title_remove_location": {"en": "Delete this saved location: {reason}",
                              "es": "Borre esta ubicación guardada: {reason}"},
    "profile_where": {"en": "{platform} → your profile or account settings → {field}",
                      "es": "{platform} → su perfil o la configuración de la cuenta → {field}"},
    "profile_step": {"en": "{platform}: edit your profile and remove or hide this detail (or change it to one "
                           "you do not use anywhere else).",
                     "es": "{platform}: edite su perfil y quite u oculte este dato (o cámbielo por uno que no use "
                           "en ningún otro sitio)."},
    "settings_title": {"en": "Change these {platform} settings", "es": "Cambie estos ajustes de {platform}"},
}


TEXT_KEYS = frozenset(_TEXTS)


def text(key: str, lang: str = "en", **values) -> str:
    entry = _TEXTS[key]
    return entry.get(lang, entry["en"]).format(**values)
