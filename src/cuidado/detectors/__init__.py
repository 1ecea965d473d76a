"""Detectors: read one item and say what it reveals.

`TextScanner` (text.py) is the text engine; `severity` and `explain` turn its findings
into a rating and words a person understands.
"""

from .explain import explain
from .severity import severity
from .text import TextMatch, TextScanner

__all__ = ["TextMatch", "TextScanner", "explain", "severity"]
