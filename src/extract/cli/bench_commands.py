"""`extract bench ...`: measurements on public annotated data, read by path and never copied."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from extract.cli.errors import fail
from extract.cli.options import ModelOption, require_paths, settings_from
from extract.core.errors import ExtractError

bench_app = typer.Typer(help="Benchmarks on public annotated data (read by path, never copied).", no_args_is_help=True)


@bench_app.command("timeml")
def bench_timeml(
    directory: Path = typer.Argument(..., help="Folder of TimeML .tml files (read recursively), or our gold "
                                               "folder (corpus/gold: *.json) to score the sample corpus."),
    articles: Optional[Path] = typer.Option(None, "--articles", help="With a gold folder: where its articles "
                                            "are (default: the gold folder's parent)."),
    model: Optional[str] = ModelOption,
    limit: Optional[int] = typer.Option(None, "--limit", help="At most N files."),
    errors: int = typer.Option(0, "--errors", help="Show N error examples per class."),
    part: str = typer.Option("all", "--part", help="TimeML files: tune | heldout | all (a fixed split by a hash "
                                                   "of each text; event errors are shown from tune only)."),
) -> None:
    """Dates: strict/relaxed span P/R/F1 and value-F1 versus two dateparser baselines. On TimeML files
    also event triggers: strict/relaxed P/R/F1 and class accuracy versus an every-verb baseline."""
    from extract.bench import gold_dates, readers, timeml, timeml_events

    require_paths(directory, *([articles] if articles else []))
    settings = settings_from(model)
    event_report = None
    try:
        if gold_dates.is_gold_folder(directory):
            report = gold_dates.run_gold_bench(directory, articles or directory.parent, settings, limit)
        else:
            docs = timeml_events.select_part(readers.read_corpus(directory, limit), part)
            report = timeml.run_on_documents(docs, settings)
            event_report = timeml_events.run_event_bench(docs, settings)
    except ExtractError as err:
        fail(str(err))
        return
    typer.echo(timeml.format_report(report))
    if event_report is not None:
        typer.echo("\n" + timeml_events.format_event_report(event_report))
    if errors:
        typer.echo(timeml.format_errors(report, errors))
        if event_report is not None:
            typer.echo(timeml_events.format_event_errors(event_report, errors))


@bench_app.command("ner")
def bench_ner(
    fmt: str = typer.Argument(..., help="finer | conllu | conll"),
    path: Path = typer.Argument(..., help="File or folder of the data set."),
    model: Optional[str] = ModelOption,
    limit: Optional[int] = typer.Option(None, "--limit", help="At most N documents."),
    errors: int = typer.Option(0, "--errors", help="Show N error examples per class."),
) -> None:
    """PERSON/ORG strict and relaxed P/R/F1, this pipeline next to bare spaCy."""
    from extract.bench import ner

    require_paths(path)
    report = ner.run_ner_bench(fmt, path, settings_from(model), limit=limit)
    typer.echo(ner.format_report(report))
    if errors:
        typer.echo(ner.format_errors(report, errors))


@bench_app.command("eventtime")
def bench_eventtime(
    tab: Path = typer.Argument(..., help="event-times_normalized.tab (TimeBank-EventTime)."),
    tbaq: Path = typer.Argument(..., help="TBAQ-cleaned folder (or its TimeBank part) with the .tml texts."),
    model: Optional[str] = ModelOption,
    limit: Optional[int] = typer.Option(None, "--limit", help="At most N documents."),
) -> None:
    """Event dates: does the date our rules attach to a TimeBank event agree with its gold date?"""
    from extract.bench import eventtime

    require_paths(tab, tbaq)
    try:
        report = eventtime.run_eventtime_bench(tab, tbaq, settings_from(model), limit=limit)
    except ExtractError as err:
        fail(str(err))
        return
    typer.echo(eventtime.format_report(report))


@bench_app.command("speed")
def bench_speed(
    inputs: list[Path] = typer.Argument(None, help="Texts to build the corpus from (default corpus/)."),
    docs: int = typer.Option(2000, "--docs", help="Corpus size (texts are cycled when fewer)."),
    processes: str = typer.Option("1", "--processes",
                                  help="Process count, or counts (1,2): one report each and the speed-up."),
    model: Optional[str] = ModelOption,
    growth: bool = typer.Option(False, "--growth", help="Also compare peak memory at --docs and 10x --docs."),
    growth_docs: Optional[str] = typer.Option(
        None, "--growth-docs", help="The corpus sizes of --growth, two or more (1000,10000,20000): peak RSS at "
                                    "each, the slope between the last two, the largest run's curve."),
    growth_every: Optional[int] = typer.Option(None, "--growth-every", min=1,
                                               help="Sample the largest growth run every N documents."),
    growth_trace: bool = typer.Option(False, "--growth-trace",
                                      help="Also tracemalloc's current in the growth samples (slower)."),
    doc_length: bool = typer.Option(False, "--doc-length",
                                    help="Only the cost per character of one document at 1x and 8x its length."),
    stages: bool = typer.Option(True, "--stages/--no-stages",
                                help="Also CPU seconds per stage (one process) beside spaCy's full pipeline."),
) -> None:
    """Words/second and peak memory, this pipeline versus plain spaCy on the same texts; then where
    extract's CPU time goes, stage by stage."""
    from extract.bench import speed

    require_paths(*(inputs or [Path("corpus")]))
    settings = settings_from(model)
    if doc_length:
        from extract.bench import scaling
        from extract.pipeline.resources import Resources

        documents = speed.build_corpus(inputs or [Path("corpus")], docs, rules_dir=settings.rules_dir)
        typer.echo(scaling.format_scaling(scaling.run_scaling(documents, Resources.load(settings))))
        return
    counts = _counts(processes, "--processes", 1)
    sizes = _counts(growth_docs, "--growth-docs", 2) if growth_docs else [docs, docs * 10]
    reports = speed.run_speed_benches(inputs or [Path("corpus")], settings, docs=docs, processes=counts)
    typer.echo("\n".join(speed.format_report(report) for report in reports))
    if len(reports) > 1:
        typer.echo(speed.format_speedup(reports))
    if stages:
        from extract.bench.stages import format_stages, run_stage_bench

        corpus = speed.build_corpus(inputs or [Path("corpus")], docs, rules_dir=settings.rules_dir)
        typer.echo(format_stages(run_stage_bench(corpus, settings)))
    if growth:
        from extract.bench import growth as memory
        from extract.bench.memory_probe import Probe

        probe = Probe(every=growth_every or max(1, max(sizes) // 20), trace=growth_trace)
        typer.echo(memory.format_growth(memory.memory_growth(inputs or [Path("corpus")], settings, sizes=sizes,
                                                             processes=counts[-1], probe=probe)))


def _counts(value: str, option: str, least: int) -> list[int]:
    """Comma-separated positive whole numbers, at least `least` of them (else a usage error)."""
    try:
        counts = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        counts = []
    if len(counts) < least or min(counts, default=0) < 1:
        raise typer.BadParameter(f"give {'one or more' if least == 1 else least} positive whole numbers "
                                 f"separated by commas, got {value!r}", param_hint=option)
    return counts
