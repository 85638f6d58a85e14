"""The benchmark readers every `extract bench` command uses: token-level gold (FiNER-ORD, CoNLL BIO),
GUM CoNLL-U and TimeML, each into documents with character-offset gold spans."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from extract.bench.readers.conllu import read_conllu
from extract.bench.readers.timeml import (
    GoldEvent,
    GoldTimex,
    TimemlDoc,
    flatten_tml,
    parse_tml,
    read_corpus,
    read_tml_root,
)
from extract.bench.readers.tokens import (
    CharSpan,
    GoldDoc,
    Token,
    bio_spans,
    read_conll,
    read_finer,
    rebuild_text,
    span_order,
)
from extract.core.errors import GoldError

__all__ = ["READERS", "CharSpan", "GoldDoc", "GoldEvent", "GoldTimex", "TimemlDoc", "Token", "bio_spans",
           "flatten_tml", "parse_tml", "read_conll", "read_conllu", "read_corpus", "read_finer", "read_gold",
           "read_tml_root", "rebuild_text", "span_order"]

READERS: dict[str, tuple[str, Callable[[Path], list[GoldDoc]]]] = {
    "finer": ("*.csv", read_finer), "conllu": ("*.conllu", read_conllu), "conll": ("*.conll", read_conll)}


def read_gold(fmt: str, path: Path) -> list[GoldDoc]:
    """The documents of a gold file, or of every matching file in a directory, in name order."""
    if fmt not in READERS:
        raise GoldError(f"unknown gold format {fmt!r}; use one of {', '.join(READERS)}")
    pattern, reader = READERS[fmt]
    if not path.exists():
        raise GoldError(f"{path}: no such file or directory")
    docs = [doc for file in (sorted(path.glob(pattern)) if path.is_dir() else [path]) for doc in reader(file)]
    if not docs:
        raise GoldError(f"{path}: no documents read as {fmt!r} (a directory needs {pattern} files)")
    return docs

