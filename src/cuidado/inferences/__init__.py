"""Conclusions an analyst draws across items: home, work, routine, travel, linked accounts, audience.

Each is a finding of kind `inference.*` (or `audience.*`) whose `extra.evidence` lists the ids of
the items that give it away: removing those items is what removes the inference.
"""
