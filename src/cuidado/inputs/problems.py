"""Why nothing could be read from an input, in the person's language, with what to do about it.

The scan stores the problem as data (`InputResult.problem`); the CLI and the web app turn it into
a sentence at display time, in the reader's language (the gettext catalogs).
"""

from __future__ import annotations

from cuidado.locales import N_, gettext, ngettext_in

# Brand names, the same in every language ("files": the person's photos, translated where said).
PLATFORM_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
    "tiktok": "TikTok",
    "youtube": "YouTube",
    "whatsapp": "WhatsApp",
    "files": "photos",
}

# How to ask each platform again for the machine-readable format (the README's "Getting your data").
REQUEST_JSON = {
    "facebook": N_(
        "Facebook → Settings & privacy → Settings → Accounts Center → Your information and permissions → "
        "Download your information → Download or transfer information → your Facebook profile → All "
        "available information → Download to device → Format: JSON → Create files."
    ),
    "instagram": N_(
        "Instagram → Settings → Accounts Center → Your information and permissions → Download your "
        "information → Download or transfer information → your Instagram account → All available "
        "information → Download to device → Format: JSON → Create files."
    ),
    "tiktok": N_(
        "TikTok → Profile → ☰ → Settings and privacy → Account → Download your data → file format: JSON → "
        "All data → Request data."
    ),
    "youtube": N_(
        "takeout.google.com → Deselect all → tick “YouTube and YouTube Music” → Multiple formats → "
        "history: JSON → Next step → Create export."
    ),
}


def problem_text(problem: dict, lang: str = "en") -> str:
    """The sentence for a problem the scan stored as data ({"key", "platform", …})."""
    _, ngettext = gettext(lang), ngettext_in(lang)
    platform = problem.get("platform") or ""
    how = _(REQUEST_JSON[platform]) if platform in REQUEST_JSON else ""
    name = _("photos") if platform == "files" else PLATFORM_NAMES.get(platform, platform)
    if problem["key"] == "unreadable":
        return _(
            "this file could not be opened: it is not a readable zip file, folder or chat (a damaged or "
            "incomplete download?), or it was refused because it is not safe to open. Nothing from it was "
            "checked. Download the export again and add the new file."
        )
    if problem["key"] == "not_an_export":
        return _(
            "this is not an export cuidado can read: nothing in it looks like a Facebook, Instagram, X, "
            "TikTok, YouTube or WhatsApp export or a photo. Nothing from it was checked."
        )
    if problem["key"] == "html_export":
        count = problem.get("media") or 0
        media = (
            ngettext(
                " (only its {count} photo or video was read)", " (only its {count} photos and videos were read)", count
            ).format(count=count)
            if count
            else ""
        )
        return _(
            "this {platform} export is in HTML format, which cuidado cannot read: its posts, messages and "
            "profile were NOT checked{media}. Request your information again and choose JSON: {how}"
        ).format(platform=name, media=media, how=how)
    count = problem.get("skipped") or 0
    skipped = (
        ngettext(
            " ({count} could not be read: `cuidado summary` lists why)",
            " ({count} could not be read: `cuidado summary` lists why)",
            count,
        ).format(count=count)
        if count
        else ""
    )
    members = problem.get("members", 0)
    sentence = ngettext(
        "nothing could be read from it: its only file held nothing cuidado reads{skipped}. "
        "Nothing from it was checked.",
        "nothing could be read from it: none of its {members} files held anything cuidado reads"
        "{skipped}. Nothing from it was checked.",
        members,
    ).format(members=members, skipped=skipped)
    if how:
        sentence += " " + _(
            "Check it is the export you downloaded (a zip or its unpacked folder), or request it again: {how}"
        ).format(how=how)
    return sentence


def input_error(label: str, error: str | None, problem: dict | None, lang: str = "en") -> str | None:
    """What to say about an input that failed: its stored problem in `lang`, else the scan's own words."""
    # In English the scan's own, more detailed words are said for a file that could not be opened.
    if problem and (lang != "en" or problem["key"] not in ("unreadable", "not_an_export")):
        return f"{label}: {problem_text(problem, lang)}"
    return error
