"""Benchmarks: ``python -m bench`` (or ``make bench``) prints the figures issues ask for."""
