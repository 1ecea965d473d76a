"""The report: one self-contained HTML file (and PDF) of what the exports reveal."""
