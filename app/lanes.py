"""A lane of job threads shared fairly: waiting jobs are taken round-robin across clients.

One client's jobs never fill a lane: each client has at most ``per_client`` jobs running in it,
and the next free thread takes the oldest job of the next client in turn. A job several clients
wait on sits in each one's line and runs once, at the first of their turns.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

Call = Callable[[], Any]


class FairLane:
    """``threads`` threads (started with the first jobs) taking jobs round-robin by client."""

    def __init__(self, name: str, threads: int, per_client: int) -> None:
        self.name, self.threads, self.per_client = name, threads, per_client
        self._cond = threading.Condition()
        self._lines: dict[str, deque[tuple[Future[Any], Call]]] = {}  # dict order: whose turn
        self._running: Counter[str] = Counter()
        self._workers: list[threading.Thread] = []
        self._closed = False

    def submit(self, client: str, call: Call, future: Future[Any] | None = None) -> Future[Any]:
        """Put ``call`` in ``client``'s line (``future``: a job already in another's line)."""
        future = future if future is not None else Future()
        with self._cond:
            if self._closed:
                raise RuntimeError(f"lane {self.name} is closed")
            self._lines.setdefault(client, deque()).append((future, call))
            if len(self._workers) < self.threads:
                worker = threading.Thread(
                    target=self._loop, name=f"baonoi-{self.name}-{len(self._workers)}", daemon=True
                )
                self._workers.append(worker)
                worker.start()
            self._cond.notify()
        return future

    def waiting(self, client: str | None = None) -> int:
        """Jobs waiting to start (``client``'s only, when given)."""
        with self._cond:
            lines = self._lines.values() if client is None else [self._lines.get(client, deque())]
            return len({id(f) for line in lines for f, _ in line if not (f.done() or f.running())})

    def _take(self) -> tuple[str, Future[Any], Call] | None:
        """The next job by turn, marked running (lock held); None if none may run now."""
        for client in list(self._lines):
            line = self._lines[client]
            while line and (line[0][0].done() or line[0][0].running()):
                line.popleft()  # cancelled, or taken through another client's line
            if not line:
                del self._lines[client]
                continue
            if self._running[client] >= self.per_client:
                continue
            future, call = line.popleft()
            del self._lines[client]
            if line:
                self._lines[client] = line  # the end of the turn order
            if future.set_running_or_notify_cancel():
                self._running[client] += 1
                return client, future, call
        return None

    def _loop(self) -> None:
        """Run jobs by turn until the lane is closed and its lines are empty."""
        while True:
            with self._cond:
                while (taken := self._take()) is None:
                    if self._closed and not self._lines:
                        return
                    self._cond.wait()
            client, future, call = taken
            try:
                future.set_result(call())
            except BaseException as exc:  # the job's caller reads it from the future
                future.set_exception(exc)
            finally:
                with self._cond:
                    self._running[client] -= 1
                    if not self._running[client]:
                        del self._running[client]
                    self._cond.notify_all()

    def close(self) -> None:
        """Run what waits, then stop the threads."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        for worker in self._workers:
            worker.join()
