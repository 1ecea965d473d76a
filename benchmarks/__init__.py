"""Benchmarks a person can run: `make bench` or `python -m benchmarks` prints every table."""
