"""Files cuidado recognises in an export but does not analyse, and what each holds.

A person who downloaded everything should see, for every file, whether it was read, known
but not analysed (and what it holds, so they can look themselves), or not a file cuidado
reads yet. Each importer lists its platform's known files as (pattern on the lower-cased
member path, key of ABOUT_TEXT); a member a handler reads never gets here.
"""

from __future__ import annotations

from cuidado.locales import N_, translate

# What a known file holds (English, marked for the catalogs: about_text() gives it in a language).
ABOUT_TEXT: dict[str, str] = {
    "ads": N_("ads you saw or clicked, and advertisers that have your information"),
    "apps": N_("apps and websites you logged into with this account"),
    "settings": N_("your settings and preferences"),
    "viewing": N_("what you viewed or visited on the platform"),
    "notifications": N_("notifications the platform sent you"),
    "events": N_("events you were invited to or answered"),
    "groups": N_("groups and pages you joined, follow or manage"),
    "saved": N_("things you saved or collected"),
    "shopping": N_("shopping, marketplace and payments"),
    "account": N_("account records (sign-up, changes, status)"),
    "security": N_("security records (sessions, codes, verifications)"),
    "devices": N_("devices and cameras used with the account"),
    "contacts": N_("contacts uploaded from your phone (other people's numbers)"),
    "messaging": N_("messaging settings and records other than the messages"),
    "interactions": N_("reactions to stories, polls, quizzes and other interactions"),
    "inferences": N_("what the platform inferred about you"),
    "other_activity": N_("other activity (games, fundraisers, polls, voice, avatars…)"),
    "other_product": N_("another product in the same download (not this platform)"),
    "archive_info": N_("a description of the download itself"),
}


def about_text(key: str | None, lang: str = "en") -> str | None:
    """What a known file holds, in `lang` (None for a key cuidado does not know)."""
    message = ABOUT_TEXT.get(key or "")
    return translate(message, lang) if message else None


# Facebook: folders (any era) of what is not analysed; read files are matched first.
FACEBOOK = (
    (r"(^|/)(ads_information|ads_and_businesses|ads)/", "ads"),
    (r"(^|/)apps_and_websites(_off_of_facebook)?/", "apps"),
    (r"(^|/)(other_logged_information|about_you|your_topics)/", "inferences"),
    (r"(^|/)(preferences|your_preferences|facebook_accounts_center)/", "settings"),
    (
        r"(^|/)(your_interactions_on_facebook|logged_information/(interactions|activity_messages)|"
        r"recently_viewed|recently_visited)",
        "viewing",
    ),
    (r"(^|/)notifications/", "notifications"),
    (r"(^|/)events/", "events"),
    (r"(^|/)(groups|pages|following_and_followers)/", "groups"),
    (r"(^|/)(saved_items_and_collections|saved_items|collections)/", "saved"),
    (r"(^|/)(facebook_marketplace|marketplace|facebook_payments|payment_history|shops?)/", "shopping"),
    (r"(^|/)(security_and_login_information|login_and_account_creation)/", "security"),
    (r"(^|/)(profile_information|personal_information|your_information)/", "account"),
    (r"(^|/)messages/", "messaging"),
    (
        r"(^|/)(stories|reactions|your_facebook_activity|your_activity_across_facebook|other_activity|"
        r"facebook_gaming|fundraisers|polls|voice_recording_and_transcription|avatars|meta_avatars|"
        r"connected_experiences|your_problem_reports|location|logged_information|connections)/",
        "other_activity",
    ),
)

INSTAGRAM = (
    (r"(^|/)(ads_information|ads_and_businesses|ads_and_content|ads_and_topics|instagram_ads_and_businesses)/", "ads"),
    (r"(^|/)apps_and_websites(_off_of_instagram)?/", "apps"),
    (r"(^|/)(preferences|comments_settings|settings|your_topics|story_settings)/", "settings"),
    (r"(^|/)(device_information|devices)/", "devices"),
    (r"(^|/)(contacts|synced_contacts)", "contacts"),
    (
        r"(^|/)(story_sticker_interactions|story_interactions|your_instagram_activity/(story_interactions|"
        r"reactions))/",
        "interactions",
    ),
    (r"(^|/)(saved|collections)/", "saved"),
    (r"(^|/)(shopping|monetization|subscriptions|gifts)/", "shopping"),
    (
        r"(^|/)(account_information|login_and_account_creation|login_and_profile_creation|"
        r"security_and_login_information|personal_information)/",
        "account",
    ),
    (r"(^|/)information_about_you/", "inferences"),
    (r"(^|/)messages/", "messaging"),
    (
        r"(^|/)(your_instagram_activity|threads|other_activity|events|fundraisers|avatars_store|"
        r"logged_information|connections|media)/",
        "other_activity",
    ),
)

X = (
    (r"(^|/)data/ad-[^/]*\.js$", "ads"),
    (r"(^|/)data/(app|connected-application|periscope-[^/]*|tweetdeck)\.js$", "apps"),
    (r"(^|/)data/(device-token|ni-devices|key-registry)(-part\d+)?\.js$", "devices"),
    (
        r"(^|/)data/(account-timezone|account-label|verified|user-link-clicks|lists-[^/]*|moment[^/]*|"
        r"personalization|professional-data|spaces-metadata|community-[^/]*|reply-prompt|"
        r"sso|smartblock|shopping-[^/]*|product-[^/]*|mute|block|twitter-circle[^/]*)(-part\d+)?\.js$",
        "settings",
    ),
    (
        r"(^|/)data/(account-suspension|contact|email-address-change|screen-name-change|ageinfo|"
        r"deleted-[^/]*|branch-links|catalog-item|commerce-catalog|expanded-profile|"
        r"direct-message[^/]*|audio-video-calls[^/]*|article[^/]*|grok[^/]*)(-part\d+)?\.js$",
        "other_activity",
    ),
    (r"(^|/)data/(readme\.txt|manifest\.js)$", "archive_info"),
)

YOUTUBE = ((r"(^|/)takeout/(?![^/]*youtube)[^/]+/", "other_product"),)
