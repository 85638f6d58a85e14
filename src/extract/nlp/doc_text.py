"""The text of a parsed Doc, joined once per document.

`Doc.text` builds the text anew on every call, one Python Token object per token; the mention and
event steps ask for it several times per document. `doc_text` keeps the first answer in
`doc.user_data`, beside the sentences the event steps keep there.
"""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "extract.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined on the first call only."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is None:
        cached = doc.user_data[TEXT_KEY] = doc.text
    return cached
