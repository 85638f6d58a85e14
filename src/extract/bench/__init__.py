"""Benchmarks against public annotated data sets."""
