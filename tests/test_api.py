"""The Python API: `extract.load` types every table; `extract.process` returns the same tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract.core.errors import InputError, OutputsError
from extract.tables.load import INT_COLUMNS, LIST_COLUMNS
from extract.tables.rows import COLUMNS

pytestmark = pytest.mark.model


def _holds_numbers(series: pd.Series) -> bool:
    values = series.dropna()
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def test_import_extract_stays_light():
    code = "import sys, extract; print('pandas' in sys.modules, 'spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() \
        == ["False", "False"]


def test_load_types_every_table(corpus_outputs: Path):
    tables = extract.load(corpus_outputs)
    assert set(tables) == set(COLUMNS) | {"texts"}
    for name, frame in tables.items():
        assert len(frame), name
        for column in frame.columns:
            dtype = frame[column].dtype
            where = f"{name}.{column} ({dtype})"
            assert not pd.api.types.is_float_dtype(dtype) or column in ("amount", "amount_max"), where
            if column in INT_COLUMNS:
                assert dtype == "Int64", where
            elif column in LIST_COLUMNS.get(name, {}):
                assert frame[column].map(lambda v: isinstance(v, list)).all(), where
            elif column in ("date_from", "date_to", "published"):
                assert pd.api.types.is_datetime64_dtype(dtype), where
            elif dtype == object:
                raise AssertionError(f"{where}: an object column that is not a list column")
            assert not _holds_numbers(frame[column]) or dtype in ("Int64", "Float64"), where
            if column.endswith("_id"):
                assert not any(str(v).endswith(".0") for v in frame[column].dropna()), where
    events = tables["events"]
    plain = events["date"].str.fullmatch(r"\d{4}(-\d{2}){0,2}").fillna(False).astype(bool)
    assert plain.any() and events.loc[plain, "date_from"].notna().all()
    assert (events["date_to"].dropna() >= events["date_from"].dropna()).all()
    events.sort_values("date_from")  # mixed granularities ("2009", "2008-06", "2011-FA") sort together


def test_load_names_a_folder_that_is_not_an_output(tmp_path: Path):
    with pytest.raises(OutputsError, match="none of the tables"):
        extract.load(tmp_path)


def test_process_returns_the_tables_load_returns(corpus_outputs: Path):
    texts = ["Tokyo, Tuesday, 13 May 2025.\nMinister Jane Roe visited Acme Corp on Friday.",
             {"id": "wire", "text": "The European Union fined Acme Corp on 4 June 2024.", "published": "2024-06-05"}]
    tables = extract.process(texts)
    loaded = extract.load(corpus_outputs)
    assert list(tables) == list(loaded)
    for name, frame in tables.items():
        assert list(frame.columns) == list(loaded[name].columns), name
        assert dict(frame.dtypes) == dict(loaded[name].dtypes), name
    assert list(tables["documents"]["doc_id"]) == ["doc-1", "wire"]
    assert tables["documents"].set_index("doc_id").loc["wire", "published"] == pd.Timestamp("2024-06-05")
    mentions = tables["mentions"]
    person = mentions[mentions["text"] == "Jane Roe"].iloc[0]
    assert person["entity_id"] == "person:jane-roe" and person["person_id"] == "doc-1#P1"


def test_process_names_a_bad_record():
    with pytest.raises(InputError, match="2: missing or empty 'text'"):
        extract.process(["A text.", {"id": "x"}])
