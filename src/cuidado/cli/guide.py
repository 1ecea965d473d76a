"""`cuidado guide PLATFORM`: how to download your own data from a platform, step by step."""

from __future__ import annotations

import click

from cuidado.cli.i18n import N_, command, translator
from cuidado.cli.options import lang_option
from cuidado.cli.output import out
from cuidado.inputs.guide import PLATFORMS, guides
from cuidado.inputs.guide import guide as platform_guide


@command(
    help=N_(
        "How to download your own data from a platform (facebook, instagram, tiktok, x, youtube, "
        "whatsapp): the steps, what to choose, how long it takes and what the file is called. "
        "Without PLATFORM: the list."
    )
)
@click.argument(
    "platform", required=False, type=click.Choice(PLATFORMS, case_sensitive=False), metavar=N_("[PLATFORM]")
)
@lang_option
def guide(platform: str | None, lang: str) -> None:
    _, _n = translator(lang)
    if platform is None:
        out.print(_("How to download your data (JSON format, all time), platform by platform:"))
        for entry in guides(lang):
            out.print(f"  cuidado guide {entry['platform']:<10} {entry['name']}: {entry['time']}")
        return
    entry = platform_guide(platform.lower(), lang)
    out.print(_("How to download your data from {name}").format(name=entry["name"]))
    out.print(
        _("(steps as the app showed them in {month}; the names can change a little)").format(month=entry["checked"])
        + "\n"
    )
    for number, step in enumerate(entry["steps"], 1):
        out.print(f"{number}. {step}")
    out.print("\n" + _("What to choose: {text}").format(text=entry["categories"]))
    out.print(_("How long it takes: {text}").format(text=entry["time"]))
    out.print(_("What the file is called: {text}").format(text=entry["file"]))
    out.print("\n" + entry["then"])
