"""Server-rendered SVG bar charts: geometry here, drawing in templates/dashboard/_charts.html."""
from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 28
LABEL_WIDTH = 180  # room for labels on the left, in viewBox units
BAR_AREA = 300
VALUE_ROOM = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as printed beside the bar
    y: int
    length: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_ROOM
    label_width: int = LABEL_WIDTH
    row_height: int = ROW_HEIGHT

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT + 8


def horizontal_bars(title: str, items: list[tuple[str, float | None]], unit: str = "") -> BarChart:
    """One bar per (label, value); lengths scaled to the largest value. None is drawn as an empty bar, '–'."""
    top = max((v for _, v in items if v), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        shown = "–" if value is None else f"{value:g}{unit}"
        length = 0 if not value else max(BAR_AREA * value / top, 2)
        bars.append(Bar(str(label), value or 0, shown, index * ROW_HEIGHT + 4, round(length, 1)))
    return BarChart(str(title), bars)
