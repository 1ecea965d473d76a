"""Evaluation of the text detectors against a labeled corpus (see scoring.py)."""
