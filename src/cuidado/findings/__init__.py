"""Findings: what an analyst could learn from each item, explained (see the README's contract)."""
