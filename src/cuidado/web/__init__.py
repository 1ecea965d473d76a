"""`cuidado open`: the local web app (127.0.0.1 only)."""
