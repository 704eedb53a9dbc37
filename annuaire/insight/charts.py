"""Horizontal bar charts drawn on the server as SVG (no script, no external service).

Each bar has its label above it, so the chart stays legible on a 320 px phone. The chart
is a picture for sighted readers: it is paired with a data table that holds the same
figures (templates/insight/includes/bar_chart.html).
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 400
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
GAP = 10
ROW = LABEL_HEIGHT + BAR_HEIGHT + GAP
VALUE_ROOM = 48  # right of the longest bar, for its value
MAX_LABEL = 56


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    label_y: int
    bar_y: int
    width: int
    value_x: int
    value_y: int


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    unit: str
    bars: list[Bar]
    height: int
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], unit: str) -> BarChart:
    """A chart of `rows` (label, value): bars proportional to the largest value."""
    top = max((value for _, value in rows), default=0) or 1
    bars = []
    for i, (label, value) in enumerate(rows):
        y = i * ROW
        width = round((WIDTH - VALUE_ROOM) * value / top)
        short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
        bar_y = y + LABEL_HEIGHT
        bars.append(Bar(short, value, y + 13, bar_y, width, width + 6, bar_y + 13))
    height = max(len(rows) * ROW - GAP, ROW)
    return BarChart(chart_id, title, unit, bars, height)
