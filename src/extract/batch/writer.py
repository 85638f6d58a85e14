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
import os
import pickle
import shutil
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from extract.batch.parts import CSV_OPTIONS, LATE_COLUMNS, RUN_TABLES, RenderedBatch
from extract.entities.registry import EntityRecord, consolidate_records
from extract.events.merge import events_merged_rows
from extract.tables import frames as tables
from extract.tables.rows import escape_cell

INT_COLUMNS = {"start", "end", "n_chars", "n_words", "mentions", "trigger_start", "trigger_end", "n_documents",
               "n_mentions"}
MERGE_FAN_IN = 128  # part files open at once while merging
PARQUET_ROWS = 100_000  # rows per Parquet file
FORMATS = ("csv", "parquet")


def part_path(folder: Path, part: int, table: str) -> Path:
    return folder / f"part-{part:06d}.{table}.csv"


def records_path(folder: Path, part: int) -> Path:
    return folder / f"part-{part:06d}.records.pkl"


def write_part(folder: Path, batch: RenderedBatch) -> None:
    """The part's files, each complete before the journal may name it."""
    for name, text in batch.tables.items():
        _write_durable(part_path(folder, batch.part, name), text.encode("utf-8"))
    _write_durable(records_path(folder, batch.part), batch.records)


def _write_durable(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    with temp.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temp, path)


@dataclass
class Plan:
    """Which documents of which part make up the run's tables, in the run's input order."""

    order: list[tuple[str, int]] = field(default_factory=list)  # (doc_id, part)

    def by_part(self) -> dict[int, set[str]]:
        found: dict[int, set[str]] = {}
        for doc_id, part in self.order:
            found.setdefault(part, set()).add(doc_id)
        return found


def merge_tables(folder: Path, plan: Plan, out_dir: Path, safe_formulas: bool, fmt: str = "csv") -> dict[str, int]:
    """The run's tables from its parts, written to temporary files then renamed. Rows per table."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    persons, orgs, events = _records(folder, plan)
    entities = consolidate_records(persons, orgs)
    run_rows = {"entities": entities.rows(), "events_merged": events_merged_rows(events)}
    del persons, orgs, events
    wanted = plan.by_part()
    staged: list[tuple[Path, Path]] = []
    counts: dict[str, int] = {}
    try:
        for name in tables.COLUMNS:
            if name in RUN_TABLES:
                frame = tables._frame(name, run_rows[name])
                if fmt == "csv":
                    temp = _write_frame_csv(name, frame, out_dir, safe_formulas)
                else:
                    temp, _ = _write_parquet(name, (_as_cells(r) for r in frame.itertuples(index=False, name=None)),
                                             out_dir)
                counts[name] = len(frame)
            else:
                rows = _merged(name, folder, wanted, dict(entities.entity_of), safe_formulas)
                writer = _write_csv if fmt == "csv" else _write_parquet
                temp, counts[name] = writer(name, rows, out_dir)
            staged.append((temp, out_dir / (f"{name}.csv" if fmt == "csv" else name)))
        for temp, target in staged:
            _replace(temp, target)
    finally:
        for temp, _ in staged:
            shutil.rmtree(temp, ignore_errors=True) if temp.is_dir() else temp.unlink(missing_ok=True)
    return counts


def _as_cells(row: tuple[object, ...]) -> list[str]:
    return ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row]


def _records(folder: Path, plan: Plan) -> tuple[list[EntityRecord], list[EntityRecord], list[dict[str, object]]]:
    """Person records, organisation records and event rows of the run, in its input order, as
    `tables.build_tables` collects them; each part's records file is read once."""
    persons: list[EntityRecord] = []
    orgs: list[EntityRecord] = []
    events: list[dict[str, object]] = []
    cache: OrderedDict[int, dict[str, tuple[list[Any], ...]]] = OrderedDict()
    for doc_id, part in plan.order:
        if part not in cache:
            cache[part] = pickle.loads(records_path(folder, part).read_bytes())
            if len(cache) > 4:
                cache.popitem(last=False)
        people, organisations, rows = cache[part].get(doc_id, ([], [], []))
        persons += people
        orgs += organisations
        events += rows
    return persons, orgs, events


def _merged(name: str, folder: Path, wanted: dict[int, set[str]], entity_of: dict[str, str],
            safe_formulas: bool) -> Iterator[list[str]]:
    """The table's rows from every part, merged by doc_id (each document's rows are in one part)."""
    late = LATE_COLUMNS.get(name)
    late_index = tables.COLUMNS[name].index(late[1]) if late else -1
    sources = [(part_path(folder, part, name), ids) for part, ids in sorted(wanted.items())]
    with _MergeInputs(sources) as streams:
        for row in heapq.merge(*streams, key=lambda r: r[0]):
            cells = row[2:]
            if late_index >= 0:
                cells[late_index] = escape_cell(entity_of.get(row[1], ""), safe_formulas)
            yield cells


class _MergeInputs:
    """Readers over the part files, pre-merged in groups when there are more than MERGE_FAN_IN."""

    def __init__(self, sources: list[tuple[Path, set[str]]]) -> None:
        self.sources = sources
        self._open: list[io.TextIOWrapper] = []
        self._temps: list[Path] = []

    def __enter__(self) -> list[Iterator[list[str]]]:
        sources: list[tuple[Path, set[str] | None]] = list(self.sources)
        while len(sources) > MERGE_FAN_IN:
            sources = [self._premerge(sources[i:i + MERGE_FAN_IN]) for i in range(0, len(sources), MERGE_FAN_IN)]
        return [self._reader(path, ids) for path, ids in sources]

    def _reader(self, path: Path, ids: set[str] | None) -> Iterator[list[str]]:
        stream = path.open(encoding="utf-8", newline="")
        self._open.append(stream)
        rows = csv.reader(stream)
        return rows if ids is None else (r for r in rows if r[0] in ids)

    def _premerge(self, group: list[tuple[Path, set[str] | None]]) -> tuple[Path, None]:
        handle, temp = tempfile.mkstemp(dir=group[0][0].parent, prefix=".merge.", suffix=".csv")
        self._temps.append(Path(temp))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, **CSV_OPTIONS)
            writer.writerows(heapq.merge(*(self._reader(p, ids) for p, ids in group), key=lambda r: r[0]))
        return Path(temp), None

    def __exit__(self, *exc: object) -> None:
        for stream in self._open:
            stream.close()
        for temp in self._temps:
            temp.unlink(missing_ok=True)


def _write_csv(name: str, rows: Iterable[list[str]], out_dir: Path) -> tuple[Path, int]:
    handle, temp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
    count = 0
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, **CSV_OPTIONS)
        writer.writerow(tables.COLUMNS[name])
        for cells in rows:
            writer.writerow(cells)
            count += 1
    return Path(temp), count


def _write_frame_csv(name: str, frame: pd.DataFrame, out_dir: Path, safe_formulas: bool) -> Path:
    """A run-wide table, held whole, written as tables.write_tables writes it."""
    handle, temp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        (tables.escape_formulas(frame) if safe_formulas else frame).to_csv(stream, index=False, lineterminator="\n")
    return Path(temp)


def _write_parquet(name: str, rows: Iterable[list[str]], out_dir: Path) -> tuple[Path, int]:
    """A folder of Parquet files of PARQUET_ROWS rows each, in table order; offsets and counts as int64."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = tables.COLUMNS[name]
    schema = pa.schema([(c, pa.int64() if c in INT_COLUMNS else pa.string()) for c in columns])
    temp = Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp"))
    count, number, chunk = 0, 0, []
    for cells in rows:
        chunk.append(cells)
        count += 1
        if len(chunk) >= PARQUET_ROWS:
            _parquet_file(pq, pa, schema, chunk, temp / f"part-{number:05d}.parquet")
            chunk, number = [], number + 1
    if chunk or number == 0:
        _parquet_file(pq, pa, schema, chunk, temp / f"part-{number:05d}.parquet")
    return temp, count


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
