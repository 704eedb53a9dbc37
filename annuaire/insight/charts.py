"""Horizontal bar charts drawn on the server as SVG (no script, no external service).

The chart is a picture for sighted readers: each one is paired with a data table that
holds the same figures (see templates/insight/includes/bar_chart.html).
"""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
BAR_AREA = 300
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    unit: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH

    @property
    def bar_x(self) -> int:
        return self.label_width + 4


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], unit: str) -> BarChart:
    """A chart of `rows` (label, value): bars proportional to the largest value."""
    top = max((value for _, value in rows), default=0) or 1
    bars = []
    for i, (label, value) in enumerate(rows):
        y = i * (BAR_HEIGHT + GAP)
        width = round(BAR_AREA * value / top)
        short = label if len(label) <= 38 else label[:36] + "…"
        bars.append(Bar(short, value, y, width, y + BAR_HEIGHT // 2 + 5))
    height = max(len(rows) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT)
    return BarChart(chart_id, title, unit, bars, height)
