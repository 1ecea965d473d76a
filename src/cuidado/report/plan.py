"""The cleanup plan as the report and the app use it: built by cuidado.remediation, shown here.

A plan that cannot be built must not take the rest of the report down with it, so failures
become a message in the plan section.
"""

from __future__ import annotations

from cuidado.remediation.plan import build_plan
from cuidado.remediation.progress import mark_done
from cuidado.store import Store


def load_plan(store: Store, lang: str) -> tuple[dict | None, str | None]:
    try:
        return build_plan(store, lang=lang), None
    except Exception as exc:  # shown in the section; the rest of the report still renders
        return None, f"cleanup plan could not be built ({type(exc).__name__}: {exc})"


def mark_actions_done(store: Store, action_ids: list[str], lang: str = "en") -> list[str]:
    """Record actions as done; the plan tells mark_done what each action covered. Unknown ids raise
    ValueError (from remediation)."""
    plan, error = load_plan(store, lang)
    if plan is None:
        raise ValueError(error or "no plan")
    return mark_done(store, action_ids, plan)
