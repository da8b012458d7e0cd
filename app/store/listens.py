"""Listens, counted without tracking: aggregate counters per article, day, surface and voice.

Nothing here knows who listened: a cell is (day, article, surface, voice) and holds six numbers
(plays, the 25, 50 and 75% marks, completions, seconds heard). Beacons are added up in memory
by a ``Tally`` and written once a second in one transaction (SQLite) or one pipeline (Redis), so
the store's work does not grow with the number of beacons; a process that dies loses at most
the last second. Both backends keep ``KEEP_DAYS`` days.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from app.errors import BaonoiError

if TYPE_CHECKING:
    from app.store import Store

log = logging.getLogger(__name__)

SURFACES = ("reader", "frame", "continuous", "offline")  # where a listen happened
COUNTS = ("plays", "q25", "q50", "q75", "complete", "seconds")  # the numbers of one cell
MARKS = COUNTS[:5]  # plays and how far they got: bit i of a beacon's marks is MARKS[i]
DAY_OFFSET_S = 7 * 3600  # days are Vietnam's (UTC+7, no daylight saving), not UTC's
KEEP_DAYS = 400  # a year and a little more: then a cell is removed
FLUSH_S = 1.0  # how often a tally writes what it added up

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


def listens_for(store: Store) -> ListenCounts:
    """The listen counters kept in ``store`` (its backend's own layout)."""
    if store.kind == "redis":
        from app.store.listens_redis import RedisListens

        return RedisListens(store)  # type: ignore[arg-type]
    from app.store.listens_local import LocalListens

    return LocalListens(store)  # type: ignore[arg-type]


def top_of(numbers: dict[str, Numbers], limit: int) -> list[tuple[str, int, int]]:
    """The ``limit`` articles with most plays (ties by id): (article, plays, complete)."""
    ranked = sorted(numbers.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return [(article, n[0], n[4]) for article, n in ranked if n[0] > 0]


class Tally:
    """Beacons added up in memory, written by a thread of this process once a second."""

    def __init__(self, counts: Callable[[], ListenCounts], every_s: float = FLUSH_S) -> None:
        self._counts = counts
        self.every_s = every_s
        self._pending: dict[Cell, Numbers] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._pruned = ""
        self._closed = False

    def add(self, cell: Cell, numbers: Numbers) -> None:
        """Count ``numbers`` into ``cell`` (written within a second)."""
        with self._lock:
            added(self._pending.setdefault(cell, zero()), numbers)
            if self._pid != os.getpid():  # first beacon in this process (forks included)
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="listens", daemon=True)
                self._thread.start()

    def pending(self) -> int:
        """Cells waiting to be written."""
        with self._lock:
            return len(self._pending)

    def flush(self) -> int:
        """Write what was added up (kept for the next try if the store fails); cells written."""
        with self._lock:
            batch, self._pending = self._pending, {}
        if not batch:
            return 0
        counts = self._counts()
        try:
            counts.add(batch)
            self._prune(counts)
        except BaonoiError as exc:
            log.warning("listens not written yet (%d cells): %s", len(batch), exc)
            with self._lock:
                for cell, numbers in batch.items():
                    added(self._pending.setdefault(cell, zero()), numbers)
            return 0
        return len(batch)

    def _prune(self, counts: ListenCounts) -> None:
        """Once a day per process: remove days older than ``KEEP_DAYS``."""
        today = day_of()
        if self._pruned != today:
            counts.prune(days_ending(today, KEEP_DAYS)[0])
            self._pruned = today

    def _run(self) -> None:
        """Write once a second until closed."""
        while not self._closed:
            self._wake.wait(self.every_s)
            self.flush()

    def close(self) -> None:
        """Write what is left and stop the thread."""
        self._closed = True
        self._wake.set()
        self.flush()


def summed(rows: Iterator[tuple[str, Numbers]]) -> dict[str, Numbers]:
    """Numbers added up by their key."""
    out: dict[str, Numbers] = {}
    for key, numbers in rows:
        added(out.setdefault(key, zero()), numbers)
    return out
