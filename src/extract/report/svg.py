"""Inline SVG charts: a timeline of dated events and a per-label P/R/F1 bar chart."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

WIDTH, LANE, MARGIN = 900, 26, 140
COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac")


@dataclass(frozen=True)
class Point:
    start: pd.Timestamp
    end: pd.Timestamp
    lane: str  # e.g. the event type
    label: str  # tooltip
    href: str


def timeline(points: list[Point]) -> str:
    """Events as bars from the first to the last day of their period, one lane per type; empty if none."""
    if not points:
        return '<p class="muted">No dated events.</p>'
    lanes = sorted({p.lane for p in points})
    first = min(p.start for p in points)
    last = max(p.end for p in points)
    span = max((last - first).days, 1)
    height = LANE * len(lanes) + 40
    scale = (WIDTH - MARGIN - 20) / span
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" role="img" '
             f'aria-label="timeline">']
    for index, lane in enumerate(lanes):
        y = 10 + index * LANE
        parts.append(f'<text x="6" y="{y + 15}" font-size="12">{escape(lane)}</text>'
                     f'<line x1="{MARGIN}" x2="{WIDTH - 20}" y1="{y + 11}" y2="{y + 11}" stroke="#e3e6ea"/>')
    for point in points:
        x = MARGIN + (point.start - first).days * scale
        w = max((point.end - point.start).days * scale, 6)
        y = 10 + lanes.index(point.lane) * LANE + 4
        colour = COLOURS[lanes.index(point.lane) % len(COLOURS)]
        parts.append(f'<a href="{escape(point.href)}"><rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="14" rx="3" '
                     f'fill="{colour}" opacity="0.8"><title>{escape(point.label)}</title></rect></a>')
    axis_y = height - 12
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        day = first + pd.Timedelta(days=round(span * fraction))
        x = MARGIN + span * fraction * scale
        parts.append(f'<text x="{x:.1f}" y="{axis_y}" font-size="11" text-anchor="middle">{day:%Y-%m-%d}</text>')
    parts.append("</svg>")
    return "".join(parts)


def prf_chart(rows: list[tuple[str, float | None, float | None, float | None]]) -> str:
    """Grouped horizontal bars of precision, recall and F1 per label; a missing value (no gold) is left out."""
    bar, group = 12, 3 * 12 + 14
    height = group * len(rows) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" role="img" '
             f'aria-label="precision, recall and F1 per label">']
    for index, (label, *values) in enumerate(rows):
        y = 10 + index * group
        parts.append(f'<text x="6" y="{y + 22}" font-size="12">{escape(label)}</text>')
        for offset, (name, value, colour) in enumerate(zip(("P", "R", "F1"), values, COLOURS)):
            if value is None:
                continue
            w = value * (WIDTH - MARGIN - 80)
            top = y + offset * bar
            parts.append(f'<rect x="{MARGIN}" y="{top}" width="{w:.1f}" height="{bar - 2}" fill="{colour}">'
                         f'<title>{escape(label)} {name} {value:.3f}</title></rect>'
                         f'<text x="{MARGIN + w + 4:.1f}" y="{top + 9}" font-size="10">{name} {value:.2f}</text>')
    parts.append("</svg>")
    return "".join(parts)
