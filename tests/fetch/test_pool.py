"""The fetch pool: one flight per key, a few per host, bounded waiting places and line."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from app.errors import FetchError, FetchesBusy
from app.fetch.pool import FetchPool


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set to let blocked work finish (set at the end whatever happened)."""
    event = threading.Event()
    yield event
    event.set()


def blocked(release: threading.Event, log: list[str], name: str) -> Callable[[], str]:
    """Work that notes its start and waits for ``release``."""

    def work() -> str:
        log.append(name)
        release.wait(30)
        return name

    return work


def until(check: Callable[[], bool]) -> None:
    """Wait (at most 10 s) until ``check()``."""
    deadline = time.monotonic() + 10
    while not check():
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_one_flight_per_key_whoever_asks(release: threading.Event) -> None:
    pool, log = FetchPool(workers=2, per_host=2), []
    first = pool.start("a", "h", blocked(release, log, "a"))
    again = pool.start("a", "h", blocked(release, log, "again"))
    assert again is first and pool.flight("a") is first
    release.set()
    assert first.wait(10) and first.result() == "a"
    assert log == ["a"] and pool.flight("a") is None
    pool.close()


def test_a_slow_host_holds_its_own_share_and_another_host_goes_on(
    release: threading.Event,
) -> None:
    pool, log = FetchPool(workers=4, per_host=2), []
    slow = [pool.start(f"s{n}", "slow", blocked(release, log, f"s{n}")) for n in range(5)]
    other = pool.start("o", "other", lambda: "fast")
    assert other.wait(10) and other.result() == "fast"
    until(lambda: len(log) == 2)
    assert sorted(log) == ["s0", "s1"]  # the other three wait in line for the slow host
    release.set()
    assert all(flight.wait(10) for flight in slow)
    assert sorted(log) == ["s0", "s1", "s2", "s3", "s4"]
    pool.close()


def test_a_failure_ends_every_waiter_each_with_its_own_copy(release: threading.Event) -> None:
    pool = FetchPool(workers=1, per_host=1)

    def fail() -> None:
        release.wait(30)
        raise FetchError("The server answered 404", "Máy chủ trả lời mã 404", detail="404")

    flight = pool.start("x", "h", fail)
    caught: list[BaseException] = []

    def waiter() -> None:
        flight.wait(30)
        try:
            flight.result()
        except FetchError as error:
            caught.append(error)

    waiters = [threading.Thread(target=waiter) for _ in range(5)]
    for thread in waiters:
        thread.start()
    release.set()
    for thread in waiters:
        thread.join(30)
    assert len(caught) == 5 and len({id(e) for e in caught}) == 5
    kept = {(e.message_vi, e.detail) for e in caught if isinstance(e, FetchError)}
    assert kept == {("Máy chủ trả lời mã 404", "404")}
    pool.close()


def test_request_threads_past_the_waiting_places_are_answered_at_once(
    release: threading.Event,
) -> None:
    pool, log = FetchPool(workers=1, per_host=1, waiters=1), []
    flight = pool.start("x", "h", blocked(release, log, "x"))
    holder = threading.Thread(target=pool.wait, args=(flight, 30))
    holder.start()
    until(lambda: not pool._waiters._value)  # the holder took the one place
    timer = threading.Timer(2, release.set)  # were the next wait to wait, the flight would end
    timer.start()
    assert pool.wait(flight, 30) is False
    assert not flight.done
    timer.join()
    holder.join(30)
    assert pool.wait(flight, None) is True  # no limit (the command line): waits for the end
    pool.close()


def test_past_the_line_a_new_flight_is_refused_as_busy(release: threading.Event) -> None:
    pool, log = FetchPool(workers=1, per_host=1, max_waiting=2), []
    flights = [pool.start(f"k{n}", "h", blocked(release, log, f"k{n}")) for n in range(3)]
    with pytest.raises(FetchesBusy):
        pool.start("k3", "h", lambda: "late")
    assert pool.start("k0", "h", lambda: "joined") is flights[0]  # joining is never refused
    release.set()
    assert all(flight.wait(10) for flight in flights)
    pool.close()


def test_closing_ends_the_flights_in_line(release: threading.Event) -> None:
    pool, log = FetchPool(workers=1, per_host=1), []
    running = pool.start("a", "h", blocked(release, log, "a"))
    waiting = pool.start("b", "h", blocked(release, log, "b"))
    until(lambda: log == ["a"])
    pool.close()
    assert waiting.wait(1)
    with pytest.raises(FetchesBusy):
        waiting.result()
    release.set()
    assert running.wait(10) and log == ["a"]
