"""The `extract` command: the only place that prints."""

from extract.cli.app import app

__all__ = ["app"]
