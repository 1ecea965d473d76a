"""Detectors: read one item and say what it reveals.

Each detector is one module declaring a `UNIT` (unit.py: its finding kinds, their priority,
severity rules and EN/ES texts, and where the text engine starts it), listed once in
`registry.UNITS`. `TextScanner` (text.py) is the text engine; `severity` and `explain` turn
findings into a rating and words a person understands, from the same registry.
"""

from .explain import explain
from .severity import severity
from .text import TextMatch, TextScanner

__all__ = ["TextMatch", "TextScanner", "explain", "severity"]
