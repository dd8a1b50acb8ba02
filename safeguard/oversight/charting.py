"""Charts drawn on the server as SVG (no script, nothing fetched): the sizes and positions of bars,
for the templates to draw. Every chart is followed by its numbers as a table, and each bar carries
its number as text, so nothing depends on seeing the shapes or telling colours apart."""

import datetime
from dataclasses import dataclass

WIDTH = 640  # the drawing's units; it scales to the page
BAR_GAP = 4


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Series:
    """One team's overdue steps at each point: a small chart of vertical bars."""

    name: str
    values: list[int]
    bars: list[Bar]
    height: int


def history(points: list[datetime.date], teams: list[tuple[str, list[int]]], height: int = 120) -> list[Series]:
    """A small chart per team, all on one scale (the highest count of any team), so teams compare."""
    top = max((value for _, values in teams for value in values), default=0) or 1
    slot = WIDTH / max(len(points), 1)
    plot = height - 36  # room for the numbers above and the months below
    found = []
    for name, values in teams:
        bars = []
        for i, (point, value) in enumerate(zip(points, values, strict=True)):
            bar_height = plot * value / top
            bars.append(Bar(f"{point:%b %Y}", value, i * slot + BAR_GAP, 18 + plot - bar_height, slot - 2 * BAR_GAP, bar_height))
        found.append(Series(name, values, bars, height))
    return found


def bars(rows: list[tuple[str, int]], row_height: int = 28) -> list[Bar]:
    """Horizontal bars, one a row, the longest the highest count; the label sits left of the bar."""
    top = max((value for _, value in rows), default=0) or 1
    label_width = WIDTH * 0.5
    room = WIDTH - label_width - 60  # the number is written after the bar
    return [
        Bar(label, value, label_width, i * row_height + 4, room * value / top, row_height - 8)
        for i, (label, value) in enumerate(rows)
    ]
