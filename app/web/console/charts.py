"""Charts drawn by the server as SVG shapes (no script): the listens page's days and funnel.

Each function turns numbers into plain geometry (``Bar``s, axis ``Tick``s) in a fixed view box;
the template writes them as ``<rect>`` and ``<text>``, with the same numbers in a table beside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 220  # the day chart's view box
LEFT, RIGHT, BOTTOM, TOP = 44, 20, 24, 8  # room for the axis, the last day's label, the top
FUNNEL_WIDTH, FUNNEL_ROW = 640, 34  # the funnel's view box: one row per step
FUNNEL_LABEL = 150  # room for each step's name
FUNNEL_TEXT = 110  # room for each step's count after its bar


@dataclass(frozen=True, slots=True)
class Bar:
    """One rectangle, with what it stands for (its ``<title>``)."""

    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    """One axis label at a position."""

    at: float
    text: str


@dataclass(frozen=True, slots=True)
class DayChart:
    """Plays and completions per day: two bars each, value ticks, a few day labels."""

    plays: list[Bar]
    complete: list[Bar]
    values: list[Tick]
    days: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    base: int = HEIGHT - BOTTOM


def nice_top(value: int) -> int:
    """A round number at or above ``value`` for the top of an axis (1, 2, 5 times a power of 10)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def short_day(day: str) -> str:
    """``07/12`` for ``2026-12-07``: the day as Vietnamese write it, without the year."""
    return f"{day[8:10]}/{day[5:7]}"


def day_chart(days: list[str], plays: list[int], complete: list[int]) -> DayChart:
    """Bars of plays (wide) and completions (narrow, in front) for each day."""
    top = nice_top(max(plays + complete + [0]))
    base, span = HEIGHT - BOTTOM, HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(days))

    def bar(i: int, value: int, share: float, what: str) -> Bar:
        height = span * value / top
        width = slot * share
        x = LEFT + i * slot + (slot - width) / 2
        return Bar(round(x, 1), round(base - height, 1), round(width, 1), round(height, 1), what)

    return DayChart(
        plays=[
            bar(i, p, 0.8, f"{short_day(d)}: {p} lượt nghe")
            for i, (d, p) in enumerate(zip(days, plays, strict=True))
        ],
        complete=[
            bar(i, c, 0.4, f"{short_day(d)}: {c} lượt nghe hết bài")
            for i, (d, c) in enumerate(zip(days, complete, strict=True))
        ],
        values=[Tick(round(base - span * k / 4, 1), str(top * k // 4)) for k in range(5)],
        days=[
            Tick(round(LEFT + (i + 0.5) * slot, 1), short_day(d))
            for i, d in enumerate(days)
            if (len(days) - 1 - i) % 7 == 0
        ],
    )


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the funnel: its name, count, share of plays, and its bar."""

    name: str
    count: int
    share: float
    bar: Bar


def funnel(steps: list[tuple[str, int]]) -> list[Step]:
    """Bars for plays and each mark reached, as wide as their share of plays."""
    first = max(1, steps[0][1]) if steps else 1
    room = FUNNEL_WIDTH - FUNNEL_LABEL - FUNNEL_TEXT
    out = []
    for row, (name, count) in enumerate(steps):
        share = count / first
        width = max(1.0, room * min(1.0, share)) if count else 0.0
        y = row * FUNNEL_ROW + 4
        out.append(
            Step(name, count, share, Bar(FUNNEL_LABEL, y, round(width, 1), FUNNEL_ROW - 8, name))
        )
    return out
