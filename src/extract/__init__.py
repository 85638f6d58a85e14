"""extract: news articles to normalised tables of dated events, people, organisations and money.

`extract.load(OUT)` and `extract.process(texts)` are imported on first use, so `import extract` stays light.
"""

from __future__ import annotations

from typing import Any

from extract.core.version import __version__

__all__ = ["__version__", "load", "process"]


def __getattr__(name: str) -> Any:
    if name in ("load", "process"):
        from extract import api

        return getattr(api, name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
