"""OUT/texts.jsonl: the exact text every offset in the tables indexes, one document a line.

For a .txt file that is the decoded file; for HTML it is trafilatura's extract, not the page, so
`texts[doc_id][start:end] == text` holds for every row whatever the input format. Lines are
`{"doc_id", "text"}` in input order, ASCII-escaped JSON (so no reader splits a line at U+2028).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Iterable, Iterator

from extract.core.documents import Document
from extract.core.errors import OutputsError

TEXTS_FILE = "texts.jsonl"


def text_line(doc_id: str, text: str) -> str:
    return json.dumps({"doc_id": doc_id, "text": text}) + "\n"


class TextsWriter:
    """Writes each document's text as it streams past (`tee`); `commit` renames the file into place."""

    def __init__(self, out_dir: Path) -> None:
        self.target = out_dir / TEXTS_FILE
        self.temp = out_dir / f".{TEXTS_FILE}.tmp"
        self._stream: IO[str] | None = None

    def tee(self, documents: Iterable[Document]) -> Iterator[Document]:
        try:
            for document in documents:
                self._open().write(text_line(document.doc_id, document.text))
                yield document
        except BaseException:  # the run stopped (or this generator was closed early): no half file left behind
            self.discard()
            raise

    def discard(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        self.temp.unlink(missing_ok=True)

    def _open(self) -> IO[str]:
        if self._stream is None:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._stream = self.temp.open("w", encoding="utf-8", newline="\n")
        return self._stream

    def close(self) -> tuple[Path, Path]:
        """The complete temporary file and its target, for the caller to rename with the tables."""
        self._open().close()  # a run of no documents still writes an (empty) file
        self._stream = None
        return self.temp, self.target



def read_texts(out_dir: Path) -> dict[str, str]:
    """doc_id -> text from OUT/texts.jsonl."""
    path = out_dir / TEXTS_FILE
    if not path.exists():
        raise OutputsError(f"{path} not found: is {out_dir} the --out folder of `extract run`? (outputs "
                           f"written before texts.jsonl existed need the run again)")
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                record = json.loads(line)
                texts[record["doc_id"]] = record["text"]
    return texts
