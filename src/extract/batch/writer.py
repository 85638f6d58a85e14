"""Tables written batch by batch: sorted part files, merged into the final tables at the end.

A batch's results become one part file per table (`batch.parts.render_batch`), made by the same row
builders as `tables.build_tables` and sorted by the same keys as a whole-run table, so merging the
parts by doc_id (`merge_tables`) gives byte for byte the table `tables.write_tables` would write for
the whole run, while memory holds one batch at a time.
"""

from __future__ import annotations

import csv
import heapq
import io
import json
import os
import shutil
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Protocol

from extract.batch.parts import CSV_OPTIONS, LATE_COLUMNS, RUN_TABLES, RenderedBatch, cell, read_records
from extract.core.allocator import release_free_memory
from extract.core.spill import Spill
from extract.entities.consolidation import Consolidation
from extract.entities.registry import Entities
from extract.events.merge import stream_events_merged
from extract.tables import frames as tables
from extract.tables.rows import escape_cell
from extract.tables.texts import TEXTS_FILE
from extract.tables.timelines import stream_timeline_rows

INT_COLUMNS = {"start", "end", "n_chars", "n_words", "mentions", "trigger_start", "trigger_end", "n_documents",
               "n_mentions"}
MERGE_FAN_IN = 128  # part files open at once while merging
PARQUET_ROWS = 100_000  # rows per Parquet file
FORMATS = ("csv", "parquet")
MANIFEST = "merge.json"  # in the store: the renames of a final merge under way
SCRATCH_PREFIX = ".spill."  # a folder in the parts folder: the run-wide tables' rows on disk while merging


def part_path(folder: Path, part: int, table: str) -> Path:
    return folder / f"part-{part:06d}.{table}.csv"


def records_path(folder: Path, part: int) -> Path:
    return folder / f"part-{part:06d}.records.jsonl"


def write_part(folder: Path, batch: RenderedBatch) -> None:
    """The part's files, each complete before the run state may name it (batch.state.Store.record)."""
    for name, text in batch.tables.items():
        _write_durable(part_path(folder, batch.part, name), text.encode("utf-8"))
    _write_durable(records_path(folder, batch.part), batch.records)


def _write_durable(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    try:
        with temp.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class Plan(Protocol):
    """Which documents of which part make up the run's tables, in the run's input order: read from the
    run state on disk (`batch.state.Store`), so the merge holds no list of the run's documents."""

    def order(self) -> Iterator[tuple[str, int]]:
        """(doc_id, part) of every document of the run, in input order."""
        ...

    def run_parts(self) -> list[int]:
        """The parts that hold the run's documents, in order."""
        ...

    def wanted(self, part: int) -> set[str]:
        """The run's documents in `part` (a part written by an earlier run may hold others too)."""
        ...


def merge_tables(folder: Path, plan: Plan, out_dir: Path, safe_formulas: bool, fmt: str = "csv",
                 also: tuple[tuple[Path, Path], ...] = (), observe: Callable[[str], None] | None = None) -> dict[str, int]:
    """The run's tables from its parts, written to temporary files then renamed. Rows per table.

    The renames are the only step that changes the tables, and they are made all or nothing: before
    the first one, the list of renames is written to `<store>/merge.json` (every file complete and on
    disk); after the last, it is deleted. A run killed in between leaves the list, and the next run
    completes the renames first (`finish_merge`), so the tables are never a mix of two runs.
    `also`: other (temporary file, target) pairs in `out_dir` renamed with the tables (texts.jsonl).
    `observe` is told each step done ("consolidated", "table <name>"), for measuring the merge.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=folder, prefix=SCRATCH_PREFIX))
    staged: list[tuple[Path, Path]] = []
    renaming = False
    try:
        counts = _write_tables(folder, plan, scratch, out_dir, safe_formulas, fmt, staged, observe or _unobserved)
        staged += also
        _write_manifest(folder.parent / MANIFEST, out_dir, staged)
        renaming = True
        _apply(out_dir, staged)
        (folder.parent / MANIFEST).unlink()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if not renaming:  # the old tables are untouched: drop the new ones
            for temp in {temp for temp, _ in [*staged, *also]}:
                _remove(temp)
    return counts


def _write_tables(folder: Path, plan: Plan, scratch: Path, out_dir: Path, safe_formulas: bool, fmt: str,
                  staged: list[tuple[Path, Path]], observe: Callable[[str], None]) -> dict[str, int]:
    """Every table to a temporary file in out_dir (each added to `staged` with its target). The run-wide
    tables are built from the run's event rows in a file in `scratch`, sorted on disk; what consolidation
    holds is the run's distinct names (see entities.consolidation), and then their entity ids."""
    events = Spill(scratch, "events")
    try:
        entities = _consolidated(folder, plan, events)
        release_free_memory()  # what reading the records files freed (see core.allocator)
        observe("consolidated")
        run_rows = {"entities": entities.iter_rows(), "events_merged": stream_events_merged(events.rows(), scratch),
                    "timelines": stream_timeline_rows(events.rows(), entities.entity_of, entities.iter_rows(), scratch)}
        counts: dict[str, int] = {}
        for name in tables.COLUMNS:
            temp = _new_temp(out_dir, name, fmt)
            staged.append((temp, out_dir / (f"{name}.csv" if fmt == "csv" else name)))
            if name in RUN_TABLES:
                rows = _cells(name, run_rows[name], safe_formulas and fmt == "csv")  # as pandas wrote them
            else:
                rows = _merged(name, folder, plan, entities.entity_of, safe_formulas)
            counts[name] = (_write_csv if fmt == "csv" else _write_parquet)(name, rows, temp)
            release_free_memory()  # what building the table freed, before the next one
            observe(f"table {name}")
        return counts
    finally:
        events.close()


def _unobserved(step: str) -> None:
    pass


def finish_merge(store_root: Path, out_dir: Path) -> list[str]:
    """Complete the renames of a run killed during them (see merge_tables) and remove the temporary
    files a killed run left; notes for the user."""
    notes = []
    manifest = store_root / MANIFEST
    try:
        renames = json.loads(manifest.read_text(encoding="utf-8"))["renames"]
    except FileNotFoundError:
        renames = None
    except (OSError, ValueError, KeyError, TypeError):
        renames = None  # torn while written: no rename had begun, the old tables stand
        manifest.unlink(missing_ok=True)
    if renames is not None:
        _apply(out_dir, [(out_dir / temp, out_dir / target) for temp, target in renames])
        manifest.unlink()
        notes.append("completed the table renames of an earlier run that was stopped while making them")
    for name in tables.COLUMNS:
        for leftover in [*out_dir.glob(f".{name}.*.tmp"), out_dir / f".{name}.old"]:
            _remove(leftover)
    _remove(out_dir / f".{TEXTS_FILE}.tmp")
    for leftover in [*(store_root / "parts").glob(".*.tmp"), *(store_root / "parts").glob(".merge.*.csv"),
                     *(store_root / "parts").glob(f"{SCRATCH_PREFIX}*")]:
        _remove(leftover)
    return notes


def _write_manifest(path: Path, out_dir: Path, staged: list[tuple[Path, Path]]) -> None:
    for temp, _ in staged:
        _sync(temp)
    # names only: the files sit right in out_dir, which may be given relative while mkstemp answers absolute
    _write_durable(path, json.dumps({"renames": [[t.name, g.name] for t, g in staged]}).encode("utf-8"))
    _sync(out_dir)


def _apply(out_dir: Path, renames: list[tuple[Path, Path]]) -> None:
    """The renames still to do (a temporary file already gone was renamed before)."""
    for temp, target in renames:
        if temp.exists():
            _replace(temp, target)
    _sync(out_dir)


def _sync(path: Path) -> None:
    """Flush a file, a folder of files or a folder's entries to the disk."""
    if path.is_dir():
        for child in path.iterdir():
            if child.is_file():
                _sync(child)
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _new_temp(out_dir: Path, name: str, fmt: str) -> Path:
    if fmt == "csv":
        handle, temp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
        os.close(handle)
        return Path(temp)
    return Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp"))


def _consolidated(folder: Path, plan: Plan, events: Spill) -> Entities:
    """The run's entities, from every document's person and organisation records in the run's input order
    (as `tables.build_tables` collects them); the documents' event rows go to `events`. Each part's
    records file is read once; consolidation keeps the distinct names, not the records."""
    consolidation = Consolidation()
    cache: OrderedDict[int, dict[str, tuple[list[Any], ...]]] = OrderedDict()
    for doc_id, part in plan.order():
        if part not in cache:
            cache[part] = read_records(records_path(folder, part))
            if len(cache) > 4:
                cache.popitem(last=False)
        people, organisations, rows = cache[part].pop(doc_id, ([], [], []))
        consolidation.add(doc_id, people, organisations)
        for row in rows:
            events.add(row)
    cache.clear()
    return consolidation.entities()


def _cells(name: str, rows: Iterable[Mapping[str, object]], safe_formulas: bool) -> Iterator[list[str]]:
    """A run-wide table's rows as the cells pandas would write for them (missing as empty, formulas escaped)."""
    columns = tables.COLUMNS[name]
    for row in rows:
        yield [cell(row.get(column), safe_formulas) for column in columns]


def _merged(name: str, folder: Path, plan: Plan, entity_of: Mapping[str, str],
            safe_formulas: bool) -> Iterator[list[str]]:
    """The table's rows from every part, merged by doc_id (each document's rows are in one part)."""
    late = LATE_COLUMNS.get(name)
    late_index = tables.COLUMNS[name].index(late[1]) if late else -1
    sources = [(part_path(folder, part, name), part) for part in plan.run_parts()]
    with _MergeInputs(sources, plan.wanted) as streams:
        for row in heapq.merge(*streams, key=lambda r: r[0]):
            cells = row[2:]
            if late_index >= 0:
                cells[late_index] = escape_cell(entity_of.get(row[1], ""), safe_formulas)
            yield cells


class _MergeInputs:
    """Readers over the part files, pre-merged in groups when there are more than MERGE_FAN_IN. A part's
    rows are kept for the run's documents (`wanted`, asked when the part is opened: the merge holds the
    ids of the parts open at once, never of the whole run)."""

    def __init__(self, sources: list[tuple[Path, int]], wanted: Callable[[int], set[str]]) -> None:
        self.sources, self.wanted = sources, wanted
        self._open: list[io.TextIOWrapper] = []
        self._temps: list[Path] = []

    def __enter__(self) -> list[Iterator[list[str]]]:
        sources: list[tuple[Path, int | None]] = list(self.sources)
        while len(sources) > MERGE_FAN_IN:
            sources = [self._premerge(sources[i:i + MERGE_FAN_IN]) for i in range(0, len(sources), MERGE_FAN_IN)]
        return [self._reader(path, part) for path, part in sources]

    def _reader(self, path: Path, part: int | None) -> Iterator[list[str]]:
        """The rows of a part (of the run's documents only), or of a pre-merged file (`part` None)."""
        stream = path.open(encoding="utf-8", newline="")
        self._open.append(stream)
        rows = csv.reader(stream)
        if part is None:
            return rows
        ids = self.wanted(part)
        return (r for r in rows if r[0] in ids)

    def _premerge(self, group: list[tuple[Path, int | None]]) -> tuple[Path, None]:
        """One file of the group's rows, merged; the group's files are closed again (a run of many parts
        must not hold a buffer and a file handle per part)."""
        handle, temp = tempfile.mkstemp(dir=group[0][0].parent, prefix=".merge.", suffix=".csv")
        self._temps.append(Path(temp))
        opened = len(self._open)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, **CSV_OPTIONS)
            writer.writerows(heapq.merge(*(self._reader(p, part) for p, part in group), key=lambda r: r[0]))
        for stream in self._open[opened:]:
            stream.close()
        del self._open[opened:]
        return Path(temp), None

    def __exit__(self, *exc: object) -> None:
        for stream in self._open:
            stream.close()
        for temp in self._temps:
            temp.unlink(missing_ok=True)


def _write_csv(name: str, rows: Iterable[list[str]], temp: Path) -> int:
    count = 0
    with temp.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, **CSV_OPTIONS)
        writer.writerow(tables.COLUMNS[name])
        for cells in rows:
            writer.writerow(cells)
            count += 1
    return count


def _write_parquet(name: str, rows: Iterable[list[str]], temp: Path) -> int:
    """A folder of Parquet files of PARQUET_ROWS rows each, in table order; offsets and counts as int64."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = tables.COLUMNS[name]
    schema = pa.schema([(c, pa.int64() if c in INT_COLUMNS else pa.string()) for c in columns])
    count, number, chunk = 0, 0, []
    for cells in rows:
        chunk.append(cells)
        count += 1
        if len(chunk) >= PARQUET_ROWS:
            _parquet_file(pq, pa, schema, chunk, temp / f"part-{number:05d}.parquet")
            chunk, number = [], number + 1
    if chunk or number == 0:
        _parquet_file(pq, pa, schema, chunk, temp / f"part-{number:05d}.parquet")
    return count


def _parquet_file(pq: object, pa: object, schema: object, chunk: list[list[str]], path: Path) -> None:
    arrays = []
    for index, column in enumerate(schema.names):  # type: ignore[attr-defined]
        values = [row[index] for row in chunk]
        if column in INT_COLUMNS:
            arrays.append(pa.array([int(v) if v != "" else None for v in values], pa.int64()))  # type: ignore[attr-defined]
        else:
            arrays.append(pa.array(values, pa.string()))  # type: ignore[attr-defined]
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)  # type: ignore[attr-defined]


def _replace(temp: Path, target: Path) -> None:
    """Rename into place; a folder (Parquet) replaces the old folder of the same name."""
    if temp.is_dir():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            os.replace(target, old)
        os.replace(temp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.chmod(temp, _readable_mode())  # mkstemp makes 0600 files; a table is for everyone to read
        os.replace(temp, target)


def _readable_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
