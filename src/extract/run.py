"""`extract run`: read inputs, process them in batches, write the tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .ingest import read_documents
from .lexicon import load_temporal_lexicon
from .pipeline import DocResult, Resources, process
from .settings import Settings
from .tables import build_tables, write_tables


@dataclass
class RunSummary:
    read: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def _counted(results: Iterable[DocResult], summary: RunSummary) -> Iterator[DocResult]:
    for result in results:
        summary.read += 1
        if not result.document.ok:
            summary.failed += 1
            summary.errors.append(result.document.error)
        yield result


def run_pipeline(inputs: list[Path], out_dir: Path, settings: Settings,
                 safe_formulas: bool = True, progress: bool = False) -> RunSummary:
    missing = [str(p) for p in inputs if not p.exists() and not p.is_symlink()]
    summary = RunSummary()
    resources = Resources.load(settings)
    documents = read_documents([p for p in inputs if str(p) not in missing], load_temporal_lexicon(settings.rules_dir))
    results = _counted(process(documents, resources, settings.batch_size), summary)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, unit="doc", desc="extract")
    tables = build_tables(results)
    write_tables(tables, out_dir, safe_formulas)
    for path in missing:
        summary.failed += 1
        summary.errors.append(f"{path}: no such file or directory")
    summary.rows = {name: len(frame) for name, frame in tables.items()}
    return summary
