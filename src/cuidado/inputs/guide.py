"""How to get one's own data out of each platform: the one source of the steps that `cuidado guide`
and the web app's /guide page both show, in the reader's language.

Written as calls to `_` with literal strings so Babel finds them; the menu names are the ones each
app shows (in Spanish, the Spanish app's own words). The file names are those in
docs/export-layouts.md. Steps change when the platforms redesign their menus: keep them dated.
"""

from __future__ import annotations

from collections.abc import Callable

from cuidado.locales import gettext

Translate = Callable[[str], str]

PLATFORMS = ("facebook", "instagram", "tiktok", "x", "youtube", "whatsapp")
NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "x": "X (Twitter)",
    "youtube": "YouTube",
    "whatsapp": "WhatsApp",
}
CHECKED = "2026-11"  # when these steps were last compared with the apps


def _texts(_: Translate) -> dict[str, dict]:
    return {
        "facebook": {
            "steps": [
                _("In the Facebook app or on facebook.com: Menu → Settings & privacy → Settings → Accounts Center."),
                _("Your information and permissions → Download your information → Download or transfer information."),
                _(
                    "Choose your Facebook profile, then All available information (or Specific types of "
                    "information: see below)."
                ),
                _("Download to device. Date range: All time. Format: JSON (not HTML). Media quality: High."),
                _(
                    "Create files. When Facebook tells you the files are ready, go back to Download your information "
                    "and download every part."
                ),
            ],
            "categories": _(
                "Everything if you can. If you choose, tick at least: Your Facebook activity (posts, "
                "messages, comments, check-ins), Personal information, Connections, Logged information "
                "(locations, searches) and Security and login information."
            ),
            "time": _(
                "From a few minutes to a few days, depending on how much you have. The download stays "
                "available for a few days."
            ),
            "file": _(
                "facebook-YOURNAME-2026-11-02-a1b2c3d4.zip (a big account comes in several zips: give cuidado "
                "all of them)."
            ),
        },
        "instagram": {
            "steps": [
                _(
                    "In the Instagram app: your profile → ☰ → Accounts Center (on instagram.com: More → Settings → "
                    "Accounts Center)."
                ),
                _("Your information and permissions → Download your information → Download or transfer information."),
                _("Choose your Instagram account, then All available information."),
                _("Download to device. Date range: All time. Format: JSON (not HTML). Media quality: High."),
                _(
                    "Create files. When Instagram tells you the files are ready, go back to Download your "
                    "information and download them."
                ),
            ],
            "categories": _(
                "All available information. If you choose, tick at least: Your Instagram activity "
                "(posts, stories, messages, comments), Personal information, Connections and Logged "
                "information."
            ),
            "time": _(
                "Usually within a few hours; Instagram says it can take up to 14 days. The download stays "
                "available for a few days."
            ),
            "file": _("instagram-YOURNAME-2026-11-02-a1b2c3d4.zip (sometimes several zips: give cuidado all of them)."),
        },
        "tiktok": {
            "steps": [
                _(
                    "In the TikTok app: Profile → ☰ → Settings and privacy → Account → Download your data (on "
                    "tiktok.com: Settings → Privacy → Download your data)."
                ),
                _("Request data: choose All data, and file format JSON (not TXT)."),
                _("Tap Request data. When it is ready, open the Download data tab and download it."),
            ],
            "categories": _("All data."),
            "time": _("Usually a few hours, sometimes a few days. The download stays available for a few days."),
            "file": _(
                "TikTok_Data_1762041600.zip, with user_data_tiktok.json inside (older downloads: user_data.json)."
            ),
        },
        "x": {
            "steps": [
                _(
                    "On x.com or in the X app: More (⋯) → Settings and privacy → Your account → Download an archive "
                    "of your data."
                ),
                _("Confirm your password (and the code X sends you), then Request archive."),
                _(
                    "When X tells you it is ready (by e-mail or notification), come back to the same page and "
                    "download it."
                ),
            ],
            "categories": _(
                "There is nothing to choose: the archive always holds all your data, in the format cuidado reads."
            ),
            "time": _("24 hours or more. The download link works for a few days."),
            "file": _(
                "twitter-2026-11-02-1a2b3c4d5e6f.zip (a big archive comes in several parts: give cuidado all of them)."
            ),
        },
        "youtube": {
            "steps": [
                _("Go to takeout.google.com, signed in with the account of your YouTube channel."),
                _("Deselect all, then tick YouTube and YouTube Music."),
                _(
                    "Multiple formats: set history to JSON. All YouTube data included: leave everything ticked "
                    "(untick videos if you only want the data: it keeps the download small)."
                ),
                _(
                    "Next step: Send download link via email, Export once, file type .zip, size 2 GB or more → "
                    "Create export."
                ),
                _("When Google e-mails you, download every part."),
            ],
            "categories": _(
                "YouTube and YouTube Music only, with every YouTube type ticked: history, comments, "
                "subscriptions, channel, video metadata (where your videos were recorded)."
            ),
            "time": _(
                "From a few minutes to a few days (more with many videos). Each download link works for about a week."
            ),
            "file": _(
                "takeout-20261102T101500Z-001.zip, takeout-20261102T101500Z-002.zip… (give cuidado all the "
                "parts together)."
            ),
        },
        "whatsapp": {
            "steps": [
                _("WhatsApp has no download of all your chats: export each chat you want to check."),
                _(
                    "Android: open the chat → ⋮ → More → Export chat. iPhone: open the chat → tap the contact's or "
                    "group's name → Export chat."
                ),
                _("Choose Without media (quicker) or Include media (photos can reveal places)."),
                _("Send the file to yourself (by e-mail, or save it to Files or Drive) and copy it to this computer."),
            ],
            "categories": _("One chat at a time: start with the groups and the people you talk to the most."),
            "time": _("A few seconds per chat."),
            "file": _(
                "Android: “WhatsApp Chat with NAME.txt” (the name is in your phone's language). iPhone: "
                "“WhatsApp Chat - NAME.zip”, with _chat.txt inside."
            ),
        },
    }


def guide(platform: str, lang: str) -> dict:
    """One platform's steps in `lang`: name, steps, categories, time, file name, and what to do then.
    KeyError for a platform with no guide."""
    _ = gettext(lang)
    texts = _texts(_)[platform]
    return {
        "platform": platform,
        "name": NAMES[platform],
        **texts,
        "checked": CHECKED,
        "then": _("Then, on this computer: cuidado scan followed by the file (or drag it into cuidado open)."),
    }


def guides(lang: str) -> list[dict]:
    """Every platform's guide, in the order they are listed."""
    return [guide(platform, lang) for platform in PLATFORMS]
