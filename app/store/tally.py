"""A process's listen beacons added up in memory and written once a second (``Tally``), and the
listen counters of a store (``listens_for``: the backend's own layout)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.errors import BaonoiError
from app.store.listens import (
    KEEP_DAYS,
    Cell,
    ListenCounts,
    Numbers,
    added,
    day_of,
    days_ending,
    zero,
)

if TYPE_CHECKING:
    from app.store import Store

log = logging.getLogger(__name__)
FLUSH_S = 1.0  # how often a tally writes what it added up: a crash loses at most this
CHUNK = 500  # cells per transaction: a backlog (the store was down) never makes one long write


def listens_for(store: Store) -> ListenCounts:
    """The listen counters kept in ``store`` (its backend's own layout)."""
    if store.kind == "redis":
        from app.store.listens_redis import RedisListens

        return RedisListens(store)  # type: ignore[arg-type]
    from app.store.listens_local import LocalListens

    return LocalListens(store)  # type: ignore[arg-type]


class Tally:
    """Beacons added up in memory, written by a thread of this process once a second."""

    def __init__(
        self,
        counts: Callable[[], ListenCounts],
        every_s: float = FLUSH_S,
        release: Callable[[], None] = lambda: None,
    ) -> None:
        self._counts, self._release = counts, release
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
        """Write what was added up, ``CHUNK`` cells per transaction; what the store did not take
        is kept for the next try. The number of cells written."""
        with self._lock:
            batch, self._pending = self._pending, {}
        cells = list(batch.items())
        if not cells:  # nothing counted: the store is not even opened
            return 0
        written = 0
        for start in range(0, len(cells), CHUNK):
            chunk = dict(cells[start : start + CHUNK])
            try:
                counts = self._counts()
                counts.add(chunk)
            except BaonoiError as exc:
                log.warning("listens not written yet (%d cells): %s", len(cells) - start, exc)
                with self._lock:
                    for cell, numbers in cells[start:]:
                        added(self._pending.setdefault(cell, zero()), numbers)
                return written
            written += len(chunk)
        if written:
            self._prune(counts)
        return written

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
            try:
                self.flush()
            finally:  # the thread holds no store connection between its writes
                self._release()

    def close(self) -> None:
        """Write what is left and stop the thread."""
        self._closed = True
        self._wake.set()
        try:
            self.flush()
        finally:
            self._release()
