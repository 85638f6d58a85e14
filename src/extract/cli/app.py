"""The `extract` command (its `bench` group: cli/bench_commands.py). cli/ alone prints or exits; each command
wraps a plain function."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, Optional

import typer

from extract.cli.bench_commands import bench_app
from extract.cli.errors import DEBUG_KEY, GuardedGroup, fail
from extract.cli.options import ModelOption, settings_from
from extract.core.errors import ExtractError
from extract.core.settings import DEFAULT_DOC_TIMEOUT

app = typer.Typer(help="News articles to normalised tables of dated events, people, organisations and money.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, cls=GuardedGroup)
gold_app = typer.Typer(help="Gold files: validate, format, draft, export to and import from annotation tools.",
                        no_args_is_help=True)
app.add_typer(gold_app, name="gold")
app.add_typer(bench_app, name="bench")


@app.callback()
def main_options(ctx: typer.Context,
                 debug: bool = typer.Option(False, "--debug", help="Print the full traceback of an error.")) -> None:
    """News articles to normalised tables of dated events, people, organisations and money."""
    ctx.meta[DEBUG_KEY] = debug


@app.command()
def run(
    inputs: list[Path] = typer.Argument(None, help="Files or directories (default: corpus/)."),
    out: Path = typer.Option(Path("outputs"), "--out", help="Output directory for the tables."),
    model: Optional[str] = ModelOption,
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    processes: Optional[int] = typer.Option(None, "--processes", min=1,
                                            help="Worker processes (default: the machine's cores)."),
    resume: bool = typer.Option(False, "--resume/--no-resume",
                                help="Skip documents unchanged since the last (or an interrupted) run into --out."),
    fmt: str = typer.Option("csv", "--format", help="csv, or parquet (a folder of Parquet files per table)."),
    engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask scheduler address (default: a local cluster)."),
    safe_formulas: bool = typer.Option(True, "--safe-formulas/--raw-cells",
                                       help="Prefix cells starting with = + - @ so spreadsheets do not run them."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on a terminal."),
    doc_timeout: float = typer.Option(DEFAULT_DOC_TIMEOUT, "--doc-timeout", min=0,
                                      help="Seconds one document may take; past that it becomes an error row and the "
                                           "batch goes on (0: no limit)."),
) -> None:
    """Run the pipeline on INPUT files and write the tables to --out.

    Exit 0 when every document was processed, 1 when some failed (each has a row with its error), 2
    when the run could not be made (bad option or path, model or rule file, disk full...), 130/143 when
    interrupted (rerun with --resume to complete it)."""
    from extract.batch.run import default_processes, run_pipeline

    started = time.perf_counter()
    settings = settings_from(model, batch_size=batch_size, processes=processes or default_processes())
    summary = run_pipeline(inputs or [Path("corpus")], out, settings, safe_formulas=safe_formulas,
                           progress=progress and sys.stderr.isatty(), resume=resume, fmt=fmt, engine=engine,
                           scheduler=scheduler, doc_timeout=doc_timeout)
    for note in summary.notes:
        typer.secho(f"note: {note}", err=True)
    for error in summary.errors:
        typer.secho(f"failed: {error}", fg=typer.colors.YELLOW, err=True)
    if summary.failed > len(summary.errors):
        typer.secho(f"failed: {summary.failed - len(summary.errors)} more documents: see the rows with status "
                    f"error of the documents table in {out}", fg=typer.colors.YELLOW, err=True)
    rows = ", ".join(f"{name} {count}" for name, count in summary.rows.items())
    reused = f" ({summary.reused} unchanged, not processed again)" if summary.reused else ""
    typer.echo(f"{summary.read} documents read{reused}, {summary.failed} failed; rows: {rows}; "
               f"{time.perf_counter() - started:.1f} s -> {out}")
    raise typer.Exit(1 if summary.failed else 0)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Option(Path("corpus/gold"), "--gold", help="Gold directory or file."),
    pred: Path = typer.Option(Path("outputs"), "--pred", help="Directory with the pipeline's CSV tables."),
    out: Path = typer.Option(Path("eval"), "--out", help="Where to write the score tables."),
    minimum: Optional[Path] = typer.Option(None, "--min", help="Thresholds JSON; exit 1 when a metric is below."),
    write_thresholds: Optional[Path] = typer.Option(None, "--write-thresholds",
                                                    help="Write the current scores as the new thresholds file."),
    errors: int = typer.Option(0, "--errors", help="Also print up to N false positives/negatives."),
    part: Optional[str] = typer.Option(None, "--part", help="Score one part of the gold set (sample, dev, test)."),
    splits: Optional[Path] = typer.Option(None, "--splits", help="Splits file (default: splits.json beside the gold folder)."),
    baseline: bool = typer.Option(False, "--baseline", help="Also run bare spaCy on the gold articles and print its "
                                  "PERSON/ORG/DATE/TIME/MONEY scores beside ours (writes baseline.csv)."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Where the gold articles are (for --baseline)."),
    model: Optional[str] = ModelOption,
) -> None:
    """Score the tables in --pred against the gold set."""
    from extract.gold.report import evaluation_report

    try:
        text, failures = evaluation_report(gold, pred, out, minimum, write_thresholds, errors, splits, part,
                                           corpus=corpus, baseline_model=settings_from(model).model if baseline else None,
                                           verb_model=settings_from(model).model)
    except ExtractError as err:
        fail(str(err))
        return
    typer.echo(text)
    for failure in failures:
        typer.secho(f"below threshold: {failure}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1 if failures else 0)


@app.command("report")
def report_cmd(
    out: Path = typer.Argument(Path("outputs"), help="The --out folder of `extract run`."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold folder: mark false positives/negatives, "
                                                             "chart P/R/F1 per label."),
) -> None:
    """Write OUT/report/index.html: documents, highlighted texts, events, timelines, entities (opens offline)."""
    from extract.report.site import write_report

    try:
        index = write_report(out, gold)
    except ExtractError as err:
        fail(str(err))
        return
    typer.echo(f"report -> {index}")


@app.command("show")
def show_cmd(
    doc_id: str = typer.Argument(..., help="The document's doc_id."),
    out: Path = typer.Option(Path("outputs"), "--out", help="The --out folder of `extract run`."),
) -> None:
    """One document in the terminal: its text with the mentions marked, its events, people and organisations."""
    from extract.report.terminal import document_view

    _print_view(lambda: document_view(out, doc_id))


@app.command("timeline")
def timeline_cmd(
    name: str = typer.Argument(..., help="A person, organisation or product: its name or an alias (any case)."),
    out: Path = typer.Option(Path("outputs"), "--out", help="The --out folder of `extract run`."),
) -> None:
    """The events of one person, organisation or product across every document: undated (tense only) first, then
    by date."""
    from extract.report.timeline import timeline_view

    _print_view(lambda: timeline_view(out, name))


def _print_view(make: Callable[[], object]) -> None:
    """Print the rich renderable `make` builds from an output folder; its ExtractError as one line, exit 2."""
    from rich.console import Console

    try:
        view = make()
    except ExtractError as err:
        fail(str(err))
        return
    Console().print(view)


@gold_app.command("validate")
def gold_validate(
    path: Path = typer.Argument(Path("corpus/gold"), help="Gold directory or file."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Where the articles are."),
    drafts: bool = typer.Option(False, "--drafts", help="Files may be unreviewed drafts (check everything else)."),
) -> None:
    """Check every gold file; print each problem as file:line: message."""
    from extract.gold.files import gold_files, validate_gold

    files = gold_files(path)
    problems = [p for f in files for p in validate_gold(f, corpus, require_reviewed=not drafts)]
    for problem in problems:
        typer.echo(str(problem))
    typer.echo(f"{len(files)} gold file(s), {len(problems)} problem(s)", err=True)
    raise typer.Exit(1 if problems or not files else 0)


@gold_app.command("format")
def gold_format(path: Path = typer.Argument(Path("corpus/gold"))) -> None:
    """Rewrite gold files in the one-record-per-line layout."""
    from extract.gold.files import format_gold, gold_files, load_gold

    for file in gold_files(path):
        file.write_text(format_gold(load_gold(file)), encoding="utf-8")
        typer.echo(f"formatted {file}")


@gold_app.command("draft")
def gold_draft(
    inputs: list[Path] = typer.Argument(..., help="Articles to pre-label (.txt, .html/.htm, .jsonl)."),
    out: Path = typer.Option(..., "--out", help="Directory for the draft files."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="The corpus folder: each draft's source is "
                                "written relative to it, as `gold validate --corpus` reads it."),
    model: Optional[str] = ModelOption,
) -> None:
    """Pre-fill gold files from the pipeline's output, marked "reviewed": false. Never overwrites reviewed gold."""
    from extract.gold.draft import write_drafts

    try:
        drafts = write_drafts(inputs, out, settings_from(model), corpus)
    except ExtractError as err:
        fail(str(err))
        return
    for path in drafts.written:
        typer.echo(f"draft (unreviewed) {path}")
    for error in drafts.failed:
        typer.secho(f"failed: {error}", fg=typer.colors.YELLOW, err=True)
    raise typer.Exit(1 if drafts.failed else 0)


@gold_app.command("export")
def gold_export(
    source: Path = typer.Argument(..., help="Gold or draft folder (or one file)."),
    to: str = typer.Option(..., "--to", help="labelstudio | doccano | prodigy | brat"),
    out: Path = typer.Option(..., "--out", help="File to write (Label Studio .json, doccano/Prodigy .jsonl); "
                             "a folder for brat."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Where the articles are."),
) -> None:
    """Write gold (reviewed: as annotations) or drafts (as predictions) in an annotation tool's format."""
    from extract.gold.exchange import export_gold

    try:
        written = export_gold(source, to, out, corpus)
    except ExtractError as err:
        fail(str(err))
        return
    typer.echo(f"{len(written)} file(s) written for {to}: {out}")


@gold_app.command("import")
def gold_import(
    source: Path = typer.Argument(..., help="The tool's export: a file, or for brat a folder (or one .ann)."),
    tool: str = typer.Option(..., "--from", help="labelstudio | doccano | prodigy | brat"),
    out: Path = typer.Option(Path("corpus/gold"), "--out", help="Gold folder to write (existing files there "
                             "give the records a tool did not carry)."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Where the articles are."),
    reviewed: bool = typer.Option(False, "--reviewed", help="Mark the imported files reviewed: you vouch that "
                                  "every span and record was checked against the guideline."),
) -> None:
    """Read a tool's export back into gold files and validate them."""
    from extract.gold.exchange import import_gold

    try:
        report, problems = import_gold(source, tool, out, corpus, reviewed=reviewed)
    except ExtractError as err:
        fail(str(err))
        return
    for note in report.notes:
        typer.secho(f"note: {note}", err=True)
    for problem in problems:
        typer.echo(str(problem))
    typer.echo(f"{len(report.written)} gold file(s) written to {out}, {len(problems)} problem(s)", err=True)
    raise typer.Exit(1 if problems else 0)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

