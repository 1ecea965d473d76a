"""Files cuidado recognises in an export but does not analyse, and what each holds.

A person who downloaded everything should see, for every file, whether it was read, known
but not analysed (and what it holds, so they can look themselves), or not a file cuidado
reads yet. Each importer lists its platform's known files as (pattern on the lower-cased
member path, key of ABOUT); a member a handler reads never gets here.
"""

from __future__ import annotations

# What a known file holds, in the reader's language.
ABOUT: dict[str, dict[str, str]] = {
    "ads": {"en": "ads you saw or clicked, and advertisers that have your information",
            "es": "anuncios que vio o en los que hizo clic, y anunciantes que tienen sus datos"},
    "apps": {"en": "apps and websites you logged into with this account",
             "es": "aplicaciones y sitios web en los que entró con esta cuenta"},
    "settings": {"en": "your settings and preferences",
                 "es": "sus ajustes y preferencias"},
    "viewing": {"en": "what you viewed or visited on the platform",
                "es": "lo que vio o visitó en la plataforma"},
    "notifications": {"en": "notifications the platform sent you",
                      "es": "notificaciones que la plataforma le envió"},
    "events": {"en": "events you were invited to or answered",
               "es": "eventos a los que le invitaron o a los que respondió"},
    "groups": {"en": "groups and pages you joined, follow or manage",
               "es": "grupos y páginas a los que se unió, que sigue o administra"},
    "saved": {"en": "things you saved or collected",
              "es": "cosas que guardó o coleccionó"},
    "shopping": {"en": "shopping, marketplace and payments",
                 "es": "compras, marketplace y pagos"},
    "account": {"en": "account records (sign-up, changes, status)",
                "es": "registros de la cuenta (alta, cambios, estado)"},
    "security": {"en": "security records (sessions, codes, verifications)",
                 "es": "registros de seguridad (sesiones, códigos, verificaciones)"},
    "devices": {"en": "devices and cameras used with the account",
                "es": "aparatos y cámaras usados con la cuenta"},
    "contacts": {"en": "contacts uploaded from your phone (other people's numbers)",
                 "es": "contactos subidos desde su teléfono (números de otras personas)"},
    "messaging": {"en": "messaging settings and records other than the messages",
                  "es": "ajustes y registros de mensajes, aparte de los mensajes"},
    "interactions": {"en": "reactions to stories, polls, quizzes and other interactions",
                     "es": "reacciones a historias, encuestas, cuestionarios y otras interacciones"},
    "inferences": {"en": "what the platform inferred about you",
                   "es": "lo que la plataforma dedujo sobre usted"},
    "other_activity": {"en": "other activity (games, fundraisers, polls, voice, avatars…)",
                       "es": "otra actividad (juegos, colectas, encuestas, voz, avatares…)"},
    "other_product": {"en": "another product in the same download (not this platform)",
                      "es": "otro producto en la misma descarga (no esta plataforma)"},
    "archive_info": {"en": "a description of the download itself",
                     "es": "una descripción de la propia descarga"},
}

# Facebook: folders (any era) of what is not analysed; read files are matched first.
FACEBOOK = (
    (r"(^|/)(ads_information|ads_and_businesses|ads)/", "ads"),
    (r"(^|/)apps_and_websites(_off_of_facebook)?/", "apps"),
    (r"(^|/)(other_logged_information|about_you|your_topics)/", "inferences"),
    (r"(^|/)(preferences|your_preferences|facebook_accounts_center)/", "settings"),
    (r"(^|/)(your_interactions_on_facebook|logged_information/(interactions|activity_messages)|"
     r"recently_viewed|recently_visited)", "viewing"),
    (r"(^|/)notifications/", "notifications"),
    (r"(^|/)events/", "events"),
    (r"(^|/)(groups|pages|following_and_followers)/", "groups"),
    (r"(^|/)(saved_items_and_collections|saved_items|collections)/", "saved"),
    (r"(^|/)(facebook_marketplace|marketplace|facebook_payments|payment_history|shops?)/", "shopping"),
    (r"(^|/)(security_and_login_information|login_and_account_creation)/", "security"),
    (r"(^|/)(profile_information|personal_information|your_information)/", "account"),
    (r"(^|/)messages/", "messaging"),
    (r"(^|/)(stories|reactions|your_facebook_activity|your_activity_across_facebook|other_activity|"
     r"facebook_gaming|fundraisers|polls|voice_recording_and_transcription|avatars|meta_avatars|"
     r"connected_experiences|your_problem_reports|location|logged_information|connections)/", "other_activity"),
)

INSTAGRAM = (
    (r"(^|/)(ads_information|ads_and_businesses|ads_and_content|ads_and_topics|instagram_ads_and_businesses)/", "ads"),
    (r"(^|/)apps_and_websites(_off_of_instagram)?/", "apps"),
    (r"(^|/)(preferences|comments_settings|settings|your_topics|story_settings)/", "settings"),
    (r"(^|/)(device_information|devices)/", "devices"),
    (r"(^|/)(contacts|synced_contacts)", "contacts"),
    (r"(^|/)(story_sticker_interactions|story_interactions|your_instagram_activity/(story_interactions|"
     r"reactions))/", "interactions"),
    (r"(^|/)(saved|collections)/", "saved"),
    (r"(^|/)(shopping|monetization|subscriptions|gifts)/", "shopping"),
    (r"(^|/)(account_information|login_and_account_creation|login_and_profile_creation|"
     r"security_and_login_information|personal_information)/", "account"),
    (r"(^|/)information_about_you/", "inferences"),
    (r"(^|/)messages/", "messaging"),
    (r"(^|/)(your_instagram_activity|threads|other_activity|events|fundraisers|avatars_store|"
     r"logged_information|connections|media)/", "other_activity"),
)

X = (
    (r"(^|/)data/ad-[^/]*\.js$", "ads"),
    (r"(^|/)data/(app|connected-application|periscope-[^/]*|tweetdeck)\.js$", "apps"),
    (r"(^|/)data/(device-token|ni-devices|key-registry)(-part\d+)?\.js$", "devices"),
    (r"(^|/)data/(account-timezone|account-label|verified|user-link-clicks|lists-[^/]*|moment[^/]*|"
     r"personalization|professional-data|spaces-metadata|community-[^/]*|reply-prompt|"
     r"sso|smartblock|shopping-[^/]*|product-[^/]*|mute|block|twitter-circle[^/]*)(-part\d+)?\.js$", "settings"),
    (r"(^|/)data/(account-suspension|contact|email-address-change|screen-name-change|ageinfo|"
     r"deleted-[^/]*|branch-links|catalog-item|commerce-catalog|expanded-profile|"
     r"direct-message[^/]*|audio-video-calls[^/]*|article[^/]*|grok[^/]*)(-part\d+)?\.js$", "other_activity"),
    (r"(^|/)data/(readme\.txt|manifest\.js)$", "archive_info"),
)

YOUTUBE = (
    (r"(^|/)takeout/(?![^/]*youtube)[^/]+/", "other_product"),
)
