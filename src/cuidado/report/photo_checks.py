"""What is said about photos whose pixel checks (faces, documents, hashes) have not run yet.

A scan shows its first results before the photos are checked (scan/pipeline.py, phase 2), and a
person may stop it or ask for fewer checks: every view then says how many photos are not checked,
never leaving an empty list to read as "nothing in the photos". The CLI, the report and the web
app take their sentences from here, so they say the same thing in both languages.
"""

from __future__ import annotations

from cuidado.locales import Counted, translations
from cuidado.store import Store


def photos_not_checked(store: Store) -> int:
    """How many photos miss at least one pixel check."""
    return store.photos_not_checked().get("photos", 0)


def not_checked_text(count: int, lang: str, *, command: bool = False) -> str:
    """The warning for `count` photos not checked; `command`: name what to run (the CLI)."""
    t = translations(lang)
    text = t.ngettext(
        "Photo checks unfinished: {count} photo not yet checked for faces and documents. "
        "What it shows is NOT in these results.",
        "Photo checks unfinished: {count} photos not yet checked for faces and documents. "
        "What they show is NOT in these results.",
        count,
    ).format(count=count)
    if command:
        return (
            text
            + " "
            + t.gettext(
                "Run cuidado scan again with the same exports (without --no-faces or "
                "--no-ocr): it continues where it stopped."
            )
        )
    return text + " " + t.gettext("Adding the same exports again finishes them: it continues where it stopped.")


def scan_words(lang: str) -> dict:
    """What `cuidado scan` says between its two phases (the caller fills the values with `.format`;
    a count picks its plural form)."""
    t = translations(lang)
    return {
        "first": t.gettext("First results, from posts, messages and the photos' metadata:"),
        "findings": t.gettext("Findings so far: {high} high, {medium} medium, {low} low."),
        "next": Counted(
            lambda total: t.ngettext(
                "Now checking {total} photo for faces and documents. The results above are saved already; Ctrl-C "
                "stops and keeps what is done (the next scan continues).",
                "Now checking {total} photos for faces and documents. The results above are saved already; Ctrl-C "
                "stops and keeps what is done (the next scan continues).",
                total,
            ).format(total=total)
        ),
        "bar": t.gettext("checking photos"),
        "checked": Counted(
            lambda count: t.ngettext(
                "{count} photo checked for faces and documents.",
                "{count} photos checked for faces and documents.",
                count,
            ).format(count=count)
        ),
        "stopped": Counted(
            lambda done, total: t.ngettext(
                "Stopped: {done} of {total} photo checked. Everything found so far is saved; run the same scan "
                "again to check the rest.",
                "Stopped: {done} of {total} photos checked. Everything found so far is saved; run the same scan "
                "again to check the rest.",
                total,
            ).format(done=done, total=total)
        ),
    }


def still_checking_text(done: int, total: int, lang: str) -> str:
    """The web app's notice while phase 2 runs."""
    return (
        translations(lang)
        .gettext(
            "Still checking photos: {done} of {total}. These results can be read already; the page is updated "
            "when the photos are checked."
        )
        .format(done=done, total=total)
    )
