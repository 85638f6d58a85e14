"""The page shell of the report: one inline stylesheet, no script, no external asset."""

from __future__ import annotations

from html import escape
from typing import Iterable, Sequence

import pandas as pd

CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 0; color: #222; }
header { background: #1f3a5f; color: #fff; padding: 0.6em 1.2em; }
header a { color: #fff; margin-right: 1.2em; text-decoration: none; font-weight: 600; }
main { padding: 1em 1.5em; max-width: 1200px; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f5f8; } tr:target, li:target { background: #fff3b0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-error { color: #b00020; font-weight: 600; }
.text { line-height: 2.4; max-width: 60em; white-space: normal; }
.sentence:target { background: #fff3b0; outline: 2px solid #f0c000; }
mark.entity:target { outline: 3px solid #f0c000; }
mark.fp { box-shadow: inset 0 -4px 0 #d0021b; }
mark.fn { background: #fff !important; border: 2px dashed #d0021b; }
mark.near-fn { border: 2px dotted #e07b00; }
.legend span { display: inline-block; margin-right: 1em; padding: 0 0.4em; border-radius: 0.3em; }
.muted { color: #777; } svg { background: #fafbfc; border: 1px solid #e3e6ea; }
"""


def page(title: str, body: str, root: str = "") -> str:
    """A whole page; `root` is the way back to the report folder ("" or "../")."""
    nav = "".join(f'<a href="{root}{href}">{label}</a>' for href, label in
                  (("index.html", "Documents"), ("entities.html", "Entities"), ("timeline.html", "Timeline")))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<link rel="icon" href="data:,"><style>{CSS}</style></head>\n<body><header>{nav}</header>'
            f"<main>\n{body}\n</main></body></html>\n")


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], row_ids: Iterable[str] | None = None) -> str:
    """An HTML table of cells already escaped; a row with an id is an anchor."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    ids = iter(row_ids) if row_ids is not None else None
    body = []
    for cells in rows:
        row_id = next(ids) if ids is not None else ""
        attribute = f' id="{escape(row_id)}"' if row_id else ""
        body.append(f"<tr{attribute}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def link(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def text_of(value: object) -> str:
    """A cell as escaped text: missing as empty, lists joined."""
    if isinstance(value, list):
        return escape("; ".join(str(v) for v in value))
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    return escape(str(value))
