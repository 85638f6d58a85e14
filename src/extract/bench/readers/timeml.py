"""TimeML (.tml) files: the plain text of <TEXT>, its TIMEX3 and EVENT spans, and the creation date (DCT)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extract.core.documents import Document
from extract.core.errors import GoldError


@dataclass(frozen=True)
class GoldTimex:
    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str
    relative: bool = False  # temporalFunction="true": the value depends on an anchor


@dataclass(frozen=True)
class GoldEvent:
    eid: str
    start: int
    end: int
    text: str
    event_class: str  # OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE, ASPECTUAL, PERCEPTION


@dataclass(frozen=True)
class TimemlDoc:
    doc_id: str
    part: str  # sub-folder (TimeBank, AQUAINT), or the folder's own name
    path: str
    text: str  # plain text of <TEXT>; gold offsets index into it
    dct: date  # the creation time; the baselines' anchor
    timexes: tuple[GoldTimex, ...]
    document: Document | None = None  # how our pipeline reads it, when not the text with `dct` as metadata
    events: tuple[GoldEvent, ...] = ()  # the EVENT triggers inside <TEXT>


def read_tml_root(path: Path) -> tuple[ET.Element, date, ET.Element]:
    """The root, the DCT and the <TEXT> element of one TimeML file, or a GoldError naming the file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise GoldError(f"{path}: not well-formed TimeML ({err})") from None
    dct_node = root.find("DCT/TIMEX3")
    dct_value = dct_node.get("value", "") if dct_node is not None else ""
    try:
        dct = date.fromisoformat(dct_value[:10])
    except ValueError:
        raise GoldError(f"{path}: DCT value {dct_value!r} is not a YYYY-MM-DD date; add a <DCT><TIMEX3 value=...>") from None
    text_node = root.find("TEXT")
    if text_node is None:
        raise GoldError(f"{path}: no <TEXT> element")
    return root, dct, text_node


def parse_tml(path: Path, part: str = "") -> TimemlDoc:
    """One TimeML file: plain text of <TEXT>, its TIMEX3 spans, and the DCT."""
    root, dct, text_node = read_tml_root(path)
    text, spans = flatten_tml(text_node)
    timexes = [GoldTimex(node.get("tid", ""), start, end, text[start:end], node.get("type", ""),
                         node.get("value", ""), node.get("temporalFunction") == "true")
               for node, start, end in spans if node.tag == "TIMEX3"]
    events = [GoldEvent(node.get("eid", ""), start, end, text[start:end], node.get("class", ""))
              for node, start, end in spans if node.tag == "EVENT"]
    doc_id = (root.findtext("DOCID") or path.stem).strip()
    return TimemlDoc(doc_id, part or path.parent.name, str(path), text, dct, tuple(timexes),
                     events=tuple(sorted(events, key=lambda e: (e.start, e.end))))


def flatten_tml(text_node: ET.Element) -> tuple[str, list[tuple[ET.Element, int, int]]]:
    """The plain text of <TEXT> and (element, start, end) for every element inside it."""
    chunks: list[str] = []
    spans: list[tuple[ET.Element, int, int]] = []

    def walk(node: ET.Element, top: bool) -> None:
        start = sum(len(c) for c in chunks)
        chunks.append(node.text or "")
        for child in node:
            walk(child, False)
        if not top:
            spans.append((node, start, sum(len(c) for c in chunks)))
            chunks.append(node.tail or "")

    walk(text_node, True)
    return "".join(chunks), spans


def read_corpus(directory: Path, limit: int | None = None) -> list[TimemlDoc]:
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1 (or None for all files), got {limit}")
    paths = sorted(directory.rglob("*.tml"))[:limit]
    if not paths:
        raise GoldError(f"no .tml files under {directory}; pass the TBAQ-cleaned folder or one of its parts")
    return [parse_tml(p, _part_of(p, directory)) for p in paths]


def _part_of(path: Path, directory: Path) -> str:
    parts = path.relative_to(directory).parts
    return parts[0] if len(parts) > 1 else directory.name
