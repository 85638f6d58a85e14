"""The package version, in core so that every stage can read it without importing the package root
(whose `load` / `process` reach the top of the layers)."""

__version__ = "0.1.0"
