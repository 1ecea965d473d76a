"""The `cuidado` command: one click group, every command added here, in one place.

Each module holds one topic's commands. A command parses its options, reads the environment
variables that are part of the interface ($CUIDADO_WORKSPACE, $CUIDADO_PASSPHRASE, $CUIDADO_LANG:
only here, in the CLI), calls the library with plain arguments, and turns its errors into one-line
messages and exit codes. The library never prints and reads no settings of its own.
"""

from __future__ import annotations

from cuidado.cli import check, findings, guide, plan, purge, report, scan, summary
from cuidado.cli.group import main

COMMANDS = (
    scan.scan,
    summary.summary,
    findings.findings,
    findings.profile,
    plan.plan,
    plan.mark,
    plan.timeline,
    check.scrub,
    check.check,
    report.report,
    report.open_app,
    purge.purge,
    guide.guide,
)

for _command in COMMANDS:
    main.add_command(_command)

__all__ = ["COMMANDS", "main"]
