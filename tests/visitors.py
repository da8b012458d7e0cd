"""A crowd of portal visitors on a running service, measured while ``/healthz`` is probed.

Each visitor asks ``/embed?url=`` and, while the answer is 202 ("Đang tải bài…"), asks again after
its ``Retry-After``, as the frame's script does. A prober asks ``/healthz`` over and over meanwhile
and notes whether every visitor was waiting on a "pending" answer at that moment: an answer then
shows that waiting visitors hold no request thread. Used by the integration tests and by
``bench.portalstall`` (against today's code and an older checkout alike).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import requests


@dataclass
class Visit:
    """What one visitor got: seconds to the first answer and to the last, its status."""

    first_s: float | None = None
    final_s: float | None = None
    status: int | None = None  # the answer that was not "pending" (None: none in time)
    pending: int = 0  # "pending" answers on the way


@dataclass
class Probe:
    """One ``/healthz``: when it was asked, how long it took, whether all visitors were pending."""

    at_s: float
    latency_s: float | None  # None: no answer within the probe's timeout
    all_pending: bool


@dataclass
class Crowd:
    """Every visit and every probe of one run."""

    visits: list[Visit] = field(default_factory=list)
    probes: list[Probe] = field(default_factory=list)

    @property
    def worst_healthz_s(self) -> float:
        """The slowest ``/healthz`` (infinite when one went unanswered)."""
        return max((p.latency_s or float("inf")) for p in self.probes)

    @property
    def answered_while_all_pending(self) -> int:
        """How many ``/healthz`` were answered while every visitor was on a "pending" answer."""
        return sum(1 for p in self.probes if p.all_pending and p.latency_s is not None)

    @property
    def slowest_first_s(self) -> float:
        """The longest wait for a first answer (infinite when a visitor got none)."""
        return max((v.first_s or float("inf")) for v in self.visits)

    @property
    def slowest_final_s(self) -> float:
        """The longest wait for a final answer (infinite when a visitor got none)."""
        return max((v.final_s or float("inf")) for v in self.visits)

    def statuses(self) -> list[int | None]:
        """Each visitor's final status."""
        return [v.status for v in self.visits]


class _State:
    """How many visitors are on a "pending" answer, and how many finished."""

    def __init__(self, count: int) -> None:
        self.count, self.pending, self.done = count, 0, 0
        self.lock = threading.Lock()

    def all_pending(self) -> bool:
        """Whether every visitor is waiting on a "pending" answer right now."""
        with self.lock:
            return self.pending == self.count and self.done == 0


def crowd(
    base: str | list[str],
    urls: list[str],
    *,
    give_up_s: float = 60.0,
    request_timeout_s: float = 60.0,
    probe_timeout_s: float = 10.0,
    probe_every_s: float = 0.1,
) -> Crowd:
    """``len(urls)`` visitors at once (one per address given), ``/healthz`` probed meanwhile.

    Given several bases (processes of one service), visitors and probes take them in turn.
    """
    bases = [base] if isinstance(base, str) else base
    state, result = _State(len(urls)), Crowd(visits=[Visit() for _ in urls])
    start_line = threading.Barrier(len(urls) + 1)
    stop = threading.Event()

    def visitor(visit: Visit, url: str, base: str) -> None:
        start_line.wait()
        began = time.monotonic()
        counted = False
        while time.monotonic() - began < give_up_s:
            try:
                answer = requests.get(
                    f"{base}/embed", params={"url": url}, timeout=request_timeout_s
                )
            except requests.RequestException:
                break
            visit.first_s = visit.first_s or time.monotonic() - began
            if answer.status_code != 202:
                visit.status, visit.final_s = answer.status_code, time.monotonic() - began
                break
            visit.pending += 1
            if not counted:
                with state.lock:
                    state.pending += 1
                counted = True
            time.sleep(float(answer.headers.get("Retry-After", "2")))
        with state.lock:
            state.pending -= counted
            state.done += 1

    def prober() -> None:
        start_line.wait()
        began, turn = time.monotonic(), 0
        while not stop.is_set():
            asked, before = time.monotonic(), state.all_pending()
            base, turn = bases[turn % len(bases)], turn + 1
            try:
                requests.get(f"{base}/healthz", timeout=probe_timeout_s).raise_for_status()
                latency: float | None = time.monotonic() - asked
            except requests.RequestException:
                latency = None
            after = state.all_pending()
            result.probes.append(Probe(asked - began, latency, before and after))
            stop.wait(probe_every_s)

    threads = [
        threading.Thread(target=visitor, args=(visit, url, bases[n % len(bases)]), daemon=True)
        for n, (visit, url) in enumerate(zip(result.visits, urls, strict=True))
    ]
    probing = threading.Thread(target=prober, daemon=True)
    for thread in [*threads, probing]:
        thread.start()
    for thread in threads:
        thread.join(give_up_s + request_timeout_s + 10)
    stop.set()
    probing.join(probe_timeout_s + 5)
    return result
