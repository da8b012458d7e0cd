"""Page fetches on threads of their own: one flight per key, a few per host, a bounded line.

A request thread never fetches. It starts (or joins) the flight of an address and waits for it a
short, bounded time, and only while fewer than ``waiters`` request threads are waiting at all: the
others are answered at once. Flights run on at most ``workers`` threads of the pool's own, at most
``per_host`` of them for one host at a time (a slow portal holds its own share, not every thread);
the rest wait in line, at most ``max_waiting`` of them, past which ``start`` refuses with
``FetchesBusy``.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from app.errors import BaonoiError, ConfigError, FetchesBusy

T = TypeVar("T")
MAX_WAITING = 256  # flights in line (beyond the running ones) before FetchesBusy
WAITERS = 8  # request threads waiting on flights at once: half of ``baonoi serve``'s 16


class Flight(Generic[T]):
    """One piece of work any number of callers may wait for; it ends once, for all of them."""

    def __init__(self, key: str, host: str, work: Callable[[], T]) -> None:
        self.key, self.host, self.work = key, host, work
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None

    @property
    def done(self) -> bool:
        """Whether the work has ended."""
        return self._done.is_set()

    def wait(self, timeout: float | None) -> bool:
        """Block up to ``timeout`` seconds (None: until it ends); whether it ended."""
        return self._done.wait(timeout)

    def result(self) -> T:
        """The work's value, or its exception raised again (a fresh copy for each caller)."""
        if not self._done.is_set():
            raise RuntimeError("the flight has not ended")
        if self._error is not None:
            raise again(self._error)
        return self._value  # type: ignore[return-value]

    def run(self) -> None:
        """Do the work (on a pool thread) and keep its outcome."""
        try:
            self._value = self.work()
        except BaseException as exc:  # kept for every waiter, raised in their threads
            self._error = exc

    def end(self) -> None:
        """Wake every waiter."""
        self._done.set()


def again(error: BaseException) -> BaseException:
    """A copy of a kept error to raise in one more thread (a shared one's traceback would grow)."""
    if isinstance(error, BaonoiError):
        copy = type(error)(error.message_en, error.message_vi, detail=error.detail)
        copy.retry_after, copy.reason = error.retry_after, error.reason
        return copy
    return error


class FetchPool:
    """Bounded threads for fetches, single-flight per key and bounded per host."""

    def __init__(
        self, workers: int, per_host: int, waiters: int = WAITERS, max_waiting: int = MAX_WAITING
    ) -> None:
        if workers < 1 or per_host < 1:
            raise ConfigError(
                "BAONOI_FETCH_WORKERS and BAONOI_FETCH_PER_HOST must be at least 1",
                "BAONOI_FETCH_WORKERS và BAONOI_FETCH_PER_HOST phải từ 1 trở lên",
            )
        self.workers, self.per_host, self.max_waiting = workers, per_host, max_waiting
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._flights: dict[str, Flight[object]] = {}  # key -> the flight not ended yet
        self._ready: deque[Flight[object]] = deque()  # may run now (its host under the bound)
        self._held: dict[str, deque[Flight[object]]] = {}  # host -> flights past its bound
        self._running: dict[str, int] = {}  # host -> flights running
        self._threads: list[threading.Thread] = []
        self._waiters = threading.Semaphore(waiters)  # a request thread waiting holds one
        self._closed = False

    def start(self, key: str, host: str, work: Callable[[], T]) -> Flight[T]:
        """The flight of ``key``: the one under way, or a new one put in line for ``host``."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the fetch pool is closed")
            if (flight := self._flights.get(key)) is not None:
                return flight  # type: ignore[return-value]
            if len(self._flights) >= self.max_waiting + self.workers:
                raise FetchesBusy()
            new: Flight[object] = Flight(key, host, work)
            self._flights[key] = new
            if self._running.get(host, 0) < self.per_host:
                self._running[host] = self._running.get(host, 0) + 1
                self._ready.append(new)
            else:
                self._held.setdefault(host, deque()).append(new)
            self._grow()
            self._wake.notify()
            return new  # type: ignore[return-value]

    def flight(self, key: str) -> Flight[object] | None:
        """The flight of ``key`` under way, if any."""
        with self._lock:
            return self._flights.get(key)

    def wait(self, flight: Flight[T], timeout: float | None) -> bool:
        """Wait for ``flight`` up to ``timeout`` if a waiting place is free; whether it ended.

        ``None`` waits for the end whatever the places (a command line, not a request thread).
        """
        with self.waiting(timeout) as allowed:
            return flight.wait(allowed) if allowed != 0 else flight.done

    @contextmanager
    def waiting(self, timeout: float | None) -> Iterator[float | None]:
        """How long this thread may wait: ``timeout`` while it holds a waiting place, else 0.

        ``None`` (no limit) takes no place: only request threads are counted.
        """
        if timeout is None:
            yield None
            return
        if timeout <= 0 or not self._waiters.acquire(blocking=False):
            yield 0.0
            return
        try:
            yield timeout
        finally:
            self._waiters.release()

    def _grow(self) -> None:
        """Start one more thread while there is work waiting and room (the lock held)."""
        alive = [t for t in self._threads if t.is_alive()]
        busy = sum(self._running.values())
        if len(alive) < self.workers and len(alive) < busy:
            thread = threading.Thread(target=self._serve, name="baonoi-fetch", daemon=True)
            alive.append(thread)
            thread.start()
        self._threads = alive

    def _serve(self) -> None:
        """A pool thread: run ready flights until the pool closes."""
        while True:
            with self._lock:
                while not self._ready and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                flight = self._ready.popleft()
            flight.run()
            self._finish(flight)

    def _finish(self, flight: Flight[object]) -> None:
        """End ``flight`` for its waiters and let the next flight of its host run."""
        with self._lock:
            self._flights.pop(flight.key, None)
            held = self._held.get(flight.host)
            if held:
                self._ready.append(held.popleft())  # the host's place passes on
                if not held:
                    del self._held[flight.host]
                self._wake.notify()
            else:
                self._running[flight.host] -= 1
                if not self._running[flight.host]:
                    del self._running[flight.host]
        flight.end()

    def close(self) -> None:
        """Stop taking work; flights in line end with ``FetchesBusy`` (a running one finishes)."""
        with self._lock:
            self._closed = True
            dropped = list(self._ready) + [f for line in self._held.values() for f in line]
            self._ready.clear()
            self._held.clear()
            self._wake.notify_all()
        for flight in dropped:
            flight._error = FetchesBusy()
            with self._lock:
                self._flights.pop(flight.key, None)
            flight.end()
