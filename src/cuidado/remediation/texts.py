"""The plan's own sentences; their translations are in the gettext catalogs (cuidado.locales)."""

from __future__ import annotations

from cuidado.locales import N_, ngettext_in, translate

_TEXTS = {
    "warning_title": N_("Before you delete anything"),
    "warning_text": N_(
        "Deleting does not undo what was already collected: monitoring companies keep copies, "
        "people take screenshots, posts get shared, and web archives may hold old versions.\n"
        "If you are in an immigration or court case, keep an untouched copy of your export and "
        "talk to your lawyer BEFORE deleting anything: deleting can look like hiding evidence. "
        "The goal is accuracy, not concealment.\n"
        "Your untouched exports are the files you scanned (listed below); cuidado never changes "
        "them."
    ),
    "title_edit": N_("Remove the location from this item: {reason}"),
    "title_remove": N_("Delete or hide this item: {reason}"),
    "title_remove_message": N_("Delete this message: {reason}"),
    "title_remove_comment": N_("Delete this comment: {reason}"),
    "title_remove_post": N_("Delete or hide this post: {reason}"),
    "title_remove_media": N_("Delete this photo or video, or share only a clean copy: {reason}"),
    "title_remove_search": N_("Clear this search from your history: {reason}"),
    "title_remove_login": N_("Check where you are logged in: {reason}"),
    "title_remove_profile_field": N_("Change or hide this detail of your profile: {reason}"),
    "title_remove_location": N_("Delete this saved location: {reason}"),
    "profile_where": N_("{platform} → your profile or account settings → {field}"),
    "profile_step": N_(
        "{platform}: edit your profile and remove or hide this detail (or change it to one "
        "you do not use anywhere else)."
    ),
    "settings_title": N_("Change these {platform} settings"),
}


def _counted(key: str, count: int, lang: str) -> str:
    """Sentences about a number of items: the grammatical form for `count` in `lang`."""
    ngettext = ngettext_in(lang)
    if key == "uploaded_copies":
        return ngettext(
            "The export you added in the web app is a copy inside cuidado's workspace, and "
            "`cuidado purge` deletes it: keep the file you downloaded from the platform, that is "
            "your untouched export.",
            "The {count} exports you added in the web app are copies inside cuidado's workspace, "
            "and `cuidado purge` deletes them: keep the files you downloaded from each platform, "
            "those are your untouched exports.",
            count,
        )
    if key == "title_inference.home":
        return ngettext(
            "Remove the item that reveals where you live ({place})",
            "Remove the {count} items that reveal where you live ({place})",
            count,
        )
    if key == "title_inference.work":
        return ngettext(
            "Remove the item that reveals where you work ({place})",
            "Remove the {count} items that reveal where you work ({place})",
            count,
        )
    if key == "title_inference.routine":
        return ngettext(
            "Remove the item that shows your routine near {place}",
            "Remove the {count} items that show your routine near {place}",
            count,
        )
    if key == "title_inference.travel":
        return ngettext(
            "Remove the item that shows a trip ({place})", "Remove the {count} items that show a trip ({place})", count
        )
    if key == "title_inference.account_link":
        return ngettext(
            "Unlink your accounts: change or remove the item that ties them",
            "Unlink your accounts: change or remove the {count} items that tie them",
            count,
        )
    if key == "title_inference.others_exposed":
        return ngettext("Protect the other people in {count} item", "Protect the other people in {count} items", count)
    if key == "title_audience.group":
        return ngettext(
            "Remove the sensitive item shared in a big group",
            "Remove the {count} sensitive items shared in a big group",
            count,
        )
    if key == "title_tracking.interest":
        return ngettext(
            "Remove the ad interest {platform} gave you", "Remove the {count} ad interests {platform} gave you", count
        )
    if key == "title_tracking.off_platform":
        return ngettext(
            "Clear the activity {count} business reported to {platform}, and turn off future activity",
            "Clear the activity {count} businesses reported to {platform}, and turn off future activity",
            count,
        )
    raise KeyError(key)


_COUNTED = frozenset(
    {
        "uploaded_copies",
        "title_inference.home",
        "title_inference.work",
        "title_inference.routine",
        "title_inference.travel",
        "title_inference.account_link",
        "title_inference.others_exposed",
        "title_audience.group",
        "title_tracking.interest",
        "title_tracking.off_platform",
    }
)
TEXT_KEYS = frozenset(_TEXTS) | _COUNTED


def text(key: str, lang: str = "en", **values) -> str:
    """One of the plan's sentences in `lang`, its {placeholders} filled (a count picks the plural form)."""
    if key in _COUNTED:
        return _counted(key, int(values["count"]), lang).format(**values)
    return translate(_TEXTS[key], lang, **values)
