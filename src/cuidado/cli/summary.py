"""`cuidado summary`: what the workspace holds, per platform, and every file not read, and why."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.table import Table

from cuidado.cli.i18n import N_, command, translator
from cuidado.cli.options import json_option, lang_option, workspace_option
from cuidado.cli.output import echo_json, err, out
from cuidado.cli.workspace import open_existing
from cuidado.importers.known import about_text
from cuidado.report.photo_checks import not_checked_text, scan_words
from cuidado.report.render import PLATFORM_NAMES
from cuidado.report.summary import build_summary
from cuidado.safety import printable

WIDTH = 80  # the table fits an ordinary terminal in every language
SHOWN = 200  # files not read, listed by name; `summary --json` has them all


@command(help=N_("What the workspace holds, per platform, and every file that was not read, and why."))
@json_option(N_("Machine-readable output (documented in the README)."))
@lang_option
@workspace_option
def summary(as_json: bool, lang: str, workspace: Path | None) -> None:
    store = open_existing(workspace, lang)
    try:
        data = build_summary(store)
    finally:
        store.close()
    if as_json:
        echo_json(data)
    else:
        print_summary(data, lang)


def platform_name(platform: str, lang: str) -> str:
    _, _n = translator(lang)
    return PLATFORM_NAMES.get(platform) or {"files": _("Photos")}.get(platform, platform)


def _counts(entry: dict, lang: str) -> list[str]:
    """What was read from one platform, in words ("120 posts", "3 comments"); zeros are left out."""
    _, ngettext = translator(lang)
    other = sum(entry.get("other", {}).values())
    words = (
        ("posts", ngettext("{count} post", "{count} posts", entry.get("posts", 0))),
        ("comments", ngettext("{count} comment", "{count} comments", entry.get("comments", 0))),
        ("messages", ngettext("{count} message", "{count} messages", entry.get("messages", 0))),
        ("media", ngettext("{count} photo or video", "{count} photos and videos", entry.get("media", 0))),
        (
            "profile_fields",
            ngettext("{count} profile detail", "{count} profile details", entry.get("profile_fields", 0)),
        ),
        ("connections", ngettext("{count} connection", "{count} connections", entry.get("connections", 0))),
        ("other", ngettext("{count} other item", "{count} other items", other)),
    )
    counts = {**entry, "other": other}
    return [text.format(count=counts[key]) for key, text in words if counts.get(key)]


def _lines(parts: list[str], width: int) -> str:
    """`parts` joined by " · ", broken between parts (never inside "12 messages") to fit `width`."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "\n".join(lines)


def summary_table(data: dict, lang: str) -> Table:
    """One row per platform read: its name, the dates it covers, and what was read from it."""
    _, _n = translator(lang)
    rows = []
    for platform, entry in data["platforms"].items():
        counts = _counts(entry, lang)
        if not counts and not entry.get("first"):
            continue  # a platform nothing was scanned from
        first, last = (entry.get("first") or "")[:10], (entry.get("last") or "")[:10]
        rows.append(
            (
                platform_name(platform, lang),
                f"{first} – {last}" if first and last != first else first,
                counts or [_("nothing")],
            )
        )
    headers = (_("Platform"), _("Dates"), _("What was read"))
    name_width = max([len(headers[0])] + [len(row[0]) for row in rows])
    date_width = max([len(headers[1])] + [len(row[1]) for row in rows])
    room = WIDTH - name_width - date_width - 6  # what the columns' padding and gaps leave
    table = Table(title=_("What cuidado read"), box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in headers:
        table.add_column(header, no_wrap=True)
    for name, dates, counts in rows:
        table.add_row(name, dates, _lines(counts, room))
    return table


def print_summary(data: dict, lang: str = "en") -> None:
    """The summary as a table and lists (also printed at the end of a scan)."""
    _, _n = translator(lang)
    table = summary_table(data, lang)
    out.print(table if table.row_count else _("What cuidado read: nothing."))
    files = data["files"]
    out.print(
        _(
            "Files read: {read}; known but not analysed: {not_analysed}; not read yet (unknown): {unknown}; "
            "could not be read: {unreadable}; refused for safety: {refused}."
        ).format(**files)
    )
    skipped = data["skipped"]
    shown = 0
    for status in _STATUSES:
        group = [item for item in skipped if item["status"] == status]
        if not group:
            continue
        out.print("\n" + _heading(status, len(group), lang))
        for item in group[: max(0, SHOWN - shown)]:
            why = _about(item["about"], lang) if status == "not_analysed" else item["reason"]
            out.print(f"  - {printable(item['file'])}" + ("" if status == "unknown" else f": {printable(why)}"))
        shown += len(group)
    if shown > SHOWN:
        out.print(_("  … and {count} more (cuidado summary --json lists them all)").format(count=shown - SHOWN))
    if data.get("photos_not_checked"):
        err.print(
            f"[bold yellow]⚠[/bold yellow] {not_checked_text(data['photos_not_checked'], lang, command=True)}",
            markup=True,
        )


def print_first_results(store, lang: str = "en") -> None:
    """What a scan shows before its photo checks: findings by severity and the profile's first lines."""
    from cuidado.report.dossier import build_dossier
    from cuidado.report.model import first_screen

    words = scan_words(lang)
    counts = store.severity_counts()
    out.print("\n" + words["first"])
    out.print(
        words["findings"].format(high=counts.get("high", 0), medium=counts.get("medium", 0), low=counts.get("low", 0))
    )
    for line in first_screen(build_dossier(store, lang)["lines"])["lines"]:
        out.print(f"• {printable(line['text'], 200)}")


_STATUSES = ("unreadable", "input_not_read", "refused", "unknown", "not_analysed")


def _heading(status: str, count: int, lang: str) -> str:
    _, ngettext = translator(lang)
    texts = {
        "unreadable": ngettext(
            "{count} file could not be read (what it holds is not in the results):",
            "{count} files could not be read (what they hold is not in the results):",
            count,
        ),
        "input_not_read": ngettext("{count} input not read at all:", "{count} inputs not read at all:", count),
        "refused": ngettext(
            "{count} archive entry refused for safety:", "{count} archive entries refused for safety:", count
        ),
        "unknown": ngettext(
            "{count} file cuidado does not read yet (not analysed; open it yourself to check):",
            "{count} files cuidado does not read yet (not analysed; open them yourself to check):",
            count,
        ),
        "not_analysed": ngettext(
            "{count} known file cuidado does not analyse (what it holds):",
            "{count} known files cuidado does not analyse (what each holds):",
            count,
        ),
    }
    return texts[status].format(count=count)


def _about(key: str | None, lang: str) -> str:
    return about_text(key, lang) or key or ""
