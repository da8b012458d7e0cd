"""Listens, counted without tracking: aggregate counters per article, day, surface and voice.

Nothing here knows who listened: a cell is (day, article, surface, voice) and holds six numbers
(plays, the 25, 50 and 75% marks, completions, seconds heard). Beacons are added up in memory by
a ``tally.Tally`` and written once a second in one transaction (SQLite) or one pipeline (Redis),
so the store's work does not grow with the number of beacons; a process that dies loses at most
the last second. Both backends keep ``KEEP_DAYS`` days.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

SURFACES = ("reader", "frame", "continuous", "offline")  # where a listen happened
COUNTS = ("plays", "q25", "q50", "q75", "complete", "seconds")  # the numbers of one cell
MARKS = COUNTS[:5]  # plays and how far they got: bit i of a beacon's marks is MARKS[i]
DAY_OFFSET_S = 7 * 3600  # days are Vietnam's (UTC+7, no daylight saving), not UTC's
KEEP_DAYS = 400  # a year and a little more: then a cell is removed

Numbers = list[int]  # one value per name of COUNTS


@dataclass(frozen=True, slots=True)
class Cell:
    """Where one listen is counted: nothing in it names a listener."""

    day: str  # YYYY-MM-DD, Vietnam's date
    article: str
    surface: str
    voice: str


def zero() -> Numbers:
    """Six zeros."""
    return [0] * len(COUNTS)


def added(into: Numbers, more: Numbers) -> Numbers:
    """``into`` with ``more`` added (in place)."""
    for i, value in enumerate(more):
        into[i] += value
    return into


def day_of(when: float | None = None) -> str:
    """The day (Vietnam's date, YYYY-MM-DD) of ``when`` (now by default)."""
    at = time.time() if when is None else when
    return time.strftime("%Y-%m-%d", time.gmtime(at + DAY_OFFSET_S))


def days_ending(last: str, count: int) -> list[str]:
    """``count`` days up to and including ``last``, oldest first."""
    end = time.mktime(time.strptime(last, "%Y-%m-%d")) + 12 * 3600  # noon: no DST edge
    return [time.strftime("%Y-%m-%d", time.localtime(end - d * 86400)) for d in range(count)][::-1]


class ListenCounts(Protocol):
    """The stored counters of one backend."""

    def add(self, batch: Mapping[Cell, Numbers]) -> None:
        """Add a batch of cells' numbers, all in one transaction or pipeline."""
        ...

    def by_day(
        self, days: list[str], surface: str | None = None, voice: str | None = None
    ) -> dict[str, Numbers]:
        """Each day's totals (every article), for one surface or voice when given."""
        ...

    def top(
        self, days: list[str], limit: int, surface: str | None = None, voice: str | None = None
    ) -> list[tuple[str, int, int]]:
        """The most played articles over ``days``: (article, plays, complete), most first."""
        ...

    def day_rows(
        self, day: str, surface: str | None = None, voice: str | None = None
    ) -> list[tuple[str, Numbers]]:
        """One day's numbers per article (surfaces and voices added up), by article id."""
        ...

    def prune(self, before: str) -> None:
        """Remove the cells of days before ``before``."""
        ...


def summed(rows: Iterator[tuple[str, Numbers]]) -> dict[str, Numbers]:
    """Numbers added up by their key."""
    out: dict[str, Numbers] = {}
    for key, numbers in rows:
        added(out.setdefault(key, zero()), numbers)
    return out
