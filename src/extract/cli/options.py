"""What several commands share: the --model option, settings from the command line, path checks."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from extract.core.errors import ExtractError
from extract.core.settings import DEFAULT_MODEL, Settings

ModelOption = typer.Option(None, "--model", help=f"Installed spaCy pipeline (default {DEFAULT_MODEL}, or $EXTRACT_MODEL).")


def settings_from(model: Optional[str], **changes: object) -> Settings:
    settings = Settings()
    if model:
        changes["model"] = model
    return settings.with_(**changes) if changes else settings


class PathError(ExtractError):
    """A path given on the command line does not exist."""


def require_paths(*paths: Path) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise PathError(f"no such file or folder: {', '.join(missing)}")
