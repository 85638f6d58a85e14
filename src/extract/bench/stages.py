"""Where extract's CPU time goes, stage by stage, beside spaCy's full pipeline on the same texts.

CPU seconds (`time.process_time`), one process, in this process: on a machine other jobs load, wall
time says more about the neighbours than about the code. Stages: spacy (the model, as extract runs it),
mentions, values (dates and money), names (people and organisations), events, render (table rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from time import process_time
from typing import Sequence

from extract.core.documents import Document
from extract.core.settings import Settings
from extract.nlp.chunking import parse_texts
from extract.pipeline.clock import StageClock
from extract.pipeline.process import analyse, batches, parser_text
from extract.pipeline.resources import worker_resources
from extract.tables.rows import document_rows

STAGES = ("spacy", "mentions", "values", "names", "events", "render")


@dataclass(frozen=True)
class StageReport:
    docs: int
    seconds: dict[str, float]  # CPU seconds of extract per stage
    spacy_full: float  # CPU seconds of spaCy's stock pipeline (every component) on the same texts

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    @property
    def ratio(self) -> float | None:
        """spaCy's CPU time over extract's: above 1, extract costs less CPU than spaCy's full pipeline."""
        return self.spacy_full / self.total if self.total > 0 else None


def run_stage_bench(corpus: Sequence[Document], settings: Settings) -> StageReport:
    """extract's stages, as `extract run` runs them on one process, then spaCy's full pipeline."""
    resources = worker_resources(settings)
    clock = StageClock()
    readable = [d for d in corpus if d.ok]
    for batch in batches(readable, settings.batch_size):
        with clock.stage("spacy"):
            parsed = list(parse_texts(resources.nlp, [parser_text(d.text) for d in batch], None,
                                      batch_size=len(batch)))
        for document, doc in zip(batch, parsed):
            result = analyse(document, doc, resources, clock)
            with clock.stage("render"):
                document_rows([result])
    return StageReport(len(readable), {s: clock.seconds.get(s, 0.0) for s in STAGES},
                       _spacy_full_seconds(readable, settings))


def _spacy_full_seconds(corpus: Sequence[Document], settings: Settings) -> float:
    import spacy

    nlp = spacy.load(settings.model)
    nlp.max_length = max([nlp.max_length] + [len(d.text) + 1 for d in corpus])
    start = process_time()
    for _ in nlp.pipe((d.text for d in corpus), batch_size=settings.batch_size):
        pass
    return process_time() - start


def format_stages(report: StageReport) -> str:
    lines = [f"CPU seconds by stage, one process, {report.docs} docs:"]
    lines += [f"  {stage:<10} {report.seconds[stage]:>8.2f}" for stage in STAGES]
    lines.append(f"  {'extract':<10} {report.total:>8.2f}   (without spacy: {report.total - report.seconds['spacy']:.2f})")
    lines.append(f"  {'spacy-full':<10} {report.spacy_full:>8.2f}")
    ratio = "n/a" if report.ratio is None else f"{report.ratio:.2f}"
    lines.append(f"extract/spacy-full by CPU time: x{ratio}")
    return "\n".join(lines)
